// Joining along a new or a chosen axis, as NumPy composes them: stack (expand_dims, then one
// concatenate), vstack/row_stack, hstack, dstack, column_stack, append; and unstack (views).
import type { NDArray } from '../../core/ndarray.js';
import { normalizeAxis } from '../../core/shape.js';
import { type ArrayLike, arraysOf, sequenceOf, sliceAxis, viewAs, withTemps } from './common.js';
import { type ConcatenateOptions, concatArrays } from './concatenate.js';
import { atleastList } from './dims.js';
import { applyMovement } from '../../core/movement.js';
import { squeezeOp } from './ops.js';
import { ravel } from './views.js';

export type StackOptions = ConcatenateOptions & { axis?: number };
/** hstack / vstack / row_stack take dtype and casting (not out or axis); dstack neither, as NumPy. */
export type JoinOptions = Pick<ConcatenateOptions, 'dtype' | 'casting'>;

const optionsOf = <T extends object>(o: number | T | undefined): T & { axis?: number } =>
  (typeof o === 'number' ? { axis: o } : o ?? {}) as T & { axis?: number };

/** np.stack: joins same-shaped arrays along a new axis. */
export function stack(arrays: readonly ArrayLike[] | NDArray, options?: number | StackOptions): NDArray {
  const o = optionsOf<StackOptions>(options);
  return withTemps((owned) => {
    const xs = sequenceOf(arrays, 'stack', owned);
    if (xs.length === 0) throw new RangeError('stack: need at least one array to stack');
    const shape = xs[0]!.shape;
    if (xs.some((x) => x.ndim !== shape.length || x.shape.some((d, i) => d !== shape[i]))) {
      throw new RangeError('stack: all input arrays must have the same shape');
    }
    const axis = normalizeAxis(o.axis ?? 0, shape.length + 1, 'stack');
    const expanded = xs.map((x) => {
      const v = viewAs(x, [...shape.slice(0, axis), 1, ...shape.slice(axis)]);
      owned.push(v);
      return v;
    });
    return concatArrays('stack', expanded, axis, o);
  });
}

function joined(who: string, n: 1 | 2 | 3, axisOf: (first: NDArray) => number, tup: readonly ArrayLike[] | NDArray, o: JoinOptions): NDArray {
  return withTemps((owned) => {
    const xs = sequenceOf(tup, who, owned);
    const views = atleastList(n, xs);
    owned.push(...views);
    if (views.length === 0) throw new RangeError(`${who}: need at least one array to concatenate`);
    return concatArrays(who, views, axisOf(views[0]!), { dtype: o.dtype, casting: o.casting });
  });
}

/** np.vstack: rows of the (at least 2-D) inputs stacked: concatenate along axis 0. */
export function vstack(tup: readonly ArrayLike[] | NDArray, options: JoinOptions = {}): NDArray {
  return joined('vstack', 2, () => 0, tup, options);
}

/** np.row_stack: NumPy's deprecated alias of vstack. */
export function row_stack(tup: readonly ArrayLike[] | NDArray, options: JoinOptions = {}): NDArray {
  return joined('row_stack', 2, () => 0, tup, options);
}

/** np.hstack: 1-D inputs joined end to end, others along axis 1. */
export function hstack(tup: readonly ArrayLike[] | NDArray, options: JoinOptions = {}): NDArray {
  return joined('hstack', 1, (f) => (f.ndim === 1 ? 0 : 1), tup, options);
}

/** np.dstack: the (at least 3-D) inputs joined along the third axis. */
export function dstack(tup: readonly ArrayLike[] | NDArray): NDArray {
  return joined('dstack', 3, () => 2, tup, {});
}

/** np.column_stack: 1-D (and 0-d) inputs become columns, then everything joins along axis 1. */
export function column_stack(tup: readonly ArrayLike[] | NDArray): NDArray {
  return withTemps((owned) => {
    const xs = sequenceOf(tup, 'column_stack', owned);
    const cols = xs.map((x) => {
      if (x.ndim >= 2) return x;
      const v = viewAs(x, [x.size, 1]); // NumPy: array(x, ndmin=2).T
      owned.push(v);
      return v;
    });
    return concatArrays('column_stack', cols, 1, {});
  });
}

export interface AppendOptions {
  /** The axis to append along; null (default) flattens both first. */
  axis?: number | null;
}

/** np.append: a copy of `arr` with `values` joined at the end (flattened without an axis). */
export function append(arr: ArrayLike, values: ArrayLike, options: number | null | AppendOptions = {}): NDArray {
  const o = typeof options === 'number' || options === null ? { axis: options } : options;
  return withTemps((owned) => {
    let [a, v] = arraysOf([arr, values], 'append', owned);
    let axis = o.axis ?? null;
    if (axis === null) {
      if (a!.ndim !== 1) owned.push((a = ravel(a!)));
      owned.push((v = ravel(v!)));
      axis = a!.ndim - 1;
    }
    return concatArrays('append', [a!, v!], axis, {});
  });
}

export interface UnstackOptions {
  axis?: number;
}

/** np.unstack: the views `x[..., i, ...]` along `axis` (the inverse of stack). */
export function unstack(x: ArrayLike, options: number | UnstackOptions = {}): NDArray[] {
  const o = optionsOf<UnstackOptions>(options);
  return withTemps((owned) => {
    const [a] = arraysOf([x], 'unstack', owned);
    if (a!.ndim === 0) throw new RangeError('unstack: Input array must be at least 1-d.');
    const axis = normalizeAxis(o.axis ?? 0, a!.ndim, 'unstack');
    const out: NDArray[] = [];
    try {
      for (let i = 0; i < a!.shape[axis]!; i++) {
        const s = sliceAxis(a!, axis, i, i + 1);
        owned.push(s);
        out.push(applyMovement(squeezeOp, s, { axes: [axis] }));
      }
    } catch (e) {
      for (const r of out) r.dispose();
      throw e;
    }
    return out;
  });
}
