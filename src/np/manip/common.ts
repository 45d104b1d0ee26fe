// Plumbing shared by the shape-manipulation routines: array_like inputs, NumPy's axis rules and
// Python-style slicing along one axis (through the axis_slice movement op).
import { applyMovement } from '../../core/movement.js';
import { NDArray } from '../../core/ndarray.js';
import { normalizeAxis } from '../../core/shape.js';
import { type ArrayLike, toArray } from '../sorting/common.js';
import { reshapeOp } from './views.js';
import { axisSliceOp, squeezeOp } from './ops.js';

export type { ArrayLike } from '../sorting/common.js';

/**
 * The arrays of a sequence argument (concatenate, stack, …): a list of array_likes, or an NDArray,
 * which NumPy iterates along its first axis (views of its rows).
 */
export function sequenceOf(xs: readonly ArrayLike[] | NDArray, who: string, owned: NDArray[]): NDArray[] {
  if (!(xs instanceof NDArray)) {
    if (!Array.isArray(xs)) throw new TypeError(`${who}: expected a sequence of arrays`);
    return arraysOf(xs, who, owned);
  }
  xs._check(who);
  if (xs.ndim === 0) throw new TypeError(`${who}: iteration over a 0-d array`);
  const rows: NDArray[] = [];
  for (let i = 0; i < xs.shape[0]!; i++) {
    const sl = applyMovement(axisSliceOp, xs, { axis: 0, start: i, length: 1 });
    owned.push(sl);
    const r = applyMovement(squeezeOp, sl, { axes: [0] });
    owned.push(r);
    rows.push(r);
  }
  return rows;
}

/** Converts each input (NumPy's asanyarray); `owned` collects the arrays made here, to dispose. */
export function arraysOf(xs: readonly ArrayLike[], who: string, owned: NDArray[]): NDArray[] {
  return xs.map((x) => {
    const a = toArray(x, who);
    if (a !== x) owned.push(a);
    return a;
  });
}

export { disposeAll, withTemps } from '../temps.js';

/** NumPy's normalize_axis_tuple: an int or a list, each in range, none repeated. */
export function axisTuple(axis: number | readonly number[], ndim: number, who: string, argname?: string): number[] {
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const out = list.map((a) => normalizeAxis(a, ndim, who));
  if (new Set(out).size !== out.length) {
    throw new RangeError(`${who}: repeated axis${argname ? ` in \`${argname}\` argument` : ''}`);
  }
  return out;
}

/** Python's slice(start, stop) on a length-n axis: the first index and the count. */
export function pySlice(start: number | null, stop: number | null, n: number): { start: number; length: number } {
  const norm = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    const x = v < 0 ? v + n : v;
    return Math.min(Math.max(x, 0), n);
  };
  const s = norm(start, 0), e = norm(stop, n);
  return { start: s, length: Math.max(0, e - s) };
}

/** `a[..., start:stop, ...]` along `axis` (already normalised): a view. */
export function sliceAxis(a: NDArray, axis: number, start: number | null, stop: number | null): NDArray {
  const s = pySlice(start, stop, a.shape[axis]!);
  return applyMovement(axisSliceOp, a, { axis, start: s.start, length: s.length });
}

/** `a` viewed with another shape of the same size (always a view when only size-1 dims change). */
export function viewAs(a: NDArray, shape: readonly number[]): NDArray {
  return applyMovement(reshapeOp, a, { shape });
}

/** A view of the whole array (NumPy's `a[...]`/`a[:]`): a new NDArray object, same data. */
export function wholeView(a: NDArray): NDArray {
  return applyMovement(reshapeOp, a, { shape: a.shape });
}

export const isArray = (x: unknown): x is NDArray => x instanceof NDArray;

type Leaf = number | bigint | boolean;
type Deep = Leaf | readonly Deep[];

/** The leaves of a nested list (or an array's tolist()) in order. */
export function leaves(x: unknown): Leaf[] {
  const out: Leaf[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const e of v) walk(e);
    else out.push(v as Leaf);
  };
  walk(x as Deep);
  return out;
}

/** Integer arguments given as a number, a list, or an integer NDArray, read on the host. */
export function intsOf(x: number | bigint | readonly (number | bigint)[] | NDArray, who: string, what: string): { values: number[]; scalar: boolean } {
  if (x instanceof NDArray) {
    if (x.dtype !== 'bool' && !/int/.test(x.dtype)) {
      throw new TypeError(`${who}: Cannot cast array data from dtype('${x.dtype}') to dtype('int64') according to the rule 'safe'`);
    }
    const flat = x.dataSync() as unknown as Iterable<number | bigint>;
    return { values: Array.from(flat, (v) => Number(v)), scalar: x.ndim === 0 };
  }
  const list = typeof x === 'number' || typeof x === 'bigint' ? [x] : x;
  const values = new Array<number>(list.length);
  for (let i = 0; i < list.length; i++) {
    const v = list[i]!;
    if (typeof v !== 'bigint' && !Number.isInteger(v)) throw new TypeError(`${who}: ${what} must be integers, got ${v}`);
    values[i] = Number(v);
  }
  return { values, scalar: typeof x === 'number' || typeof x === 'bigint' };
}
