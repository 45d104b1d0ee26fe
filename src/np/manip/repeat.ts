// np.repeat and np.tile: copies. Uniform repetition is one broadcast view copied once (reshape of
// a stride-0 view); per-element counts are one opaque op (a native row copy on the CPU; elsewhere
// one concatenate of broadcast slices).
import { applyMovement } from '../../core/movement.js';
import { backendOf } from '../../core/device.js';
import { NDArray } from '../../core/ndarray.js';
import { type Op, defineOp } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { isCContiguous, normalizeAxis } from '../../core/shape.js';
import { empty } from '../creation/basic.js';
import { type ArrayLike, arraysOf, intsOf, sliceAxis, viewAs, withTemps } from './common.js';
import { concatArrays } from './concatenate.js';
import { broadcastToOp } from './ops.js';
import { ravel, reshapeOp } from './views.js';
import { arange } from '../creation/arange.js';
import { gatherGrad } from '../indexing/scatter_add.js';
import { moveaxis } from './axes.js';

/** A C-contiguous copy, owning its data, of `v` viewed with `shape` (same size). */
function copyAs(v: NDArray, shape: readonly number[]): NDArray {
  return applyMovement(reshapeOp, v, { shape }, { ownCopy: true, forceCopy: true });
}

/**
 * Per-element counts along `axis` (inputs: x C-contiguous, counts int64 (n,)); `total` is their
 * sum, the output's length along `axis`.
 */
export const repeatOp: Op<{ axis: number; total: number }> = defineOp<{ axis: number; total: number }>({
  name: 'repeat',
  acceptsComplex: true, // the kernels copy bytes (native/src/repeat.cc)
  kind: 'opaque',
  nin: 2,
  attrs: { axis: 0, total: 0 },
  infer: ([x], { axis, total }) => [{ shape: x!.shape.map((d, i) => (i === axis ? total : d)), dtype: x!.dtype }],
  // A gather along `axis` with indices repeat(arange(n), counts): its gradient sums each run.
  vjp: ([g], { inputs: [, counts], inputMeta, attrs: { axis, total } }) => {
    const shape = inputMeta[0]!.shape;
    const n = shape[axis]!;
    const idx = repeat(arange(n, { dtype: 'int64' }), counts as NDArray);
    const rest = shape.filter((_, i) => i !== axis);
    const gx = gatherGrad(g!, [n, ...rest], [idx], { mode: 'raise', bshape: [total], pos: axis });
    return [moveaxis(gx, 0, axis), null];
  },
  vjpSaves: { outputs: false },
});

/** Non-negative safe integers as int64 storage, written as 32-bit words (no BigInt per element). */
function int64Of(values: readonly number[]): BigInt64Array {
  const out = new BigInt64Array(values.length);
  const words = new Uint32Array(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    words[2 * i] = v >>> 0;
    words[2 * i + 1] = Math.floor(v / 4294967296);
  }
  return out;
}

export interface RepeatOptions {
  /** The axis to repeat along; null (default) repeats the flattened values. */
  axis?: number | null;
}

/** np.repeat: each element (or each slice along `axis`) repeated `repeats` times. */
export function repeat(a: ArrayLike, repeats: number | bigint | readonly (number | bigint)[] | NDArray, options: number | null | RepeatOptions = {}): NDArray {
  const o = typeof options === 'number' || options === null ? { axis: options } : options;
  const who = 'repeat';
  return withTemps((owned) => {
    let [x] = arraysOf([a], who, owned);
    const r = intsOf(repeats, who, 'repeats');
    // NumPy also takes axis 0 / -1 of a 0-d array as its one element.
    const zeroD = x!.ndim === 0 && (o.axis === 0 || o.axis === -1);
    if (o.axis === undefined || o.axis === null || zeroD) owned.push((x = ravel(x!)));
    const ax = normalizeAxis(zeroD ? 0 : o.axis ?? 0, x!.ndim, who);
    const s = x!.shape, n = s[ax]!;
    if (r.values.length === 1) {
      // One count for every element: NumPy only refuses a negative one when there is something to repeat.
      const k = n === 0 ? 0 : r.values[0]!;
      if (k < 0) throw new RangeError(`${who}: negative dimensions are not allowed`);
      const v = viewAs(x!, [...s.slice(0, ax + 1), 1, ...s.slice(ax + 1)]);
      owned.push(v);
      const b = applyMovement(broadcastToOp, v, { shape: [...s.slice(0, ax + 1), k, ...s.slice(ax + 1)] });
      owned.push(b);
      return copyAs(b, s.map((d, i) => (i === ax ? d * k : d)));
    }
    if (r.values.length !== n) {
      throw new RangeError(`${who}: operands could not be broadcast together with shape (${n},) (${r.values.length},)`);
    }
    if (r.values.some((v) => v < 0)) throw new RangeError(`${who}: repeats may not contain negative values.`);
    const total = r.values.reduce((m, v) => m + v, 0);
    if (backendOf(x!.device).supportsOpaque?.(repeatOp as Op<object>)) {
      let xc = x!;
      if (!isCContiguous(xc.shape, xc._strides)) owned.push((xc = copyAs(xc, s)));
      const counts = NDArray._fromStorageData(int64Of(r.values), [n], 'int64', xc.device);
      owned.push(counts);
      return applyOpaque(repeatOp, [xc, counts], { axis: ax, total })[0]!;
    }
    // Elsewhere: one concatenate of each slice broadcast to its count.
    const pieces: NDArray[] = [];
    for (let i = 0; i < n; i++) {
      const sl = sliceAxis(x!, ax, i, i + 1);
      owned.push(sl);
      const b = applyMovement(broadcastToOp, sl, { shape: s.map((d, j) => (j === ax ? r.values[i]! : d)) });
      owned.push(b);
      pieces.push(b);
    }
    if (pieces.length === 0) return copyAs(x!, s);
    return concatArrays(who, pieces, ax, {});
  });
}

/** np.tile: `A` repeated `reps` times along each axis (reps padded with 1s, or A with size-1 axes). */
export function tile(A: ArrayLike, reps: number | readonly number[]): NDArray {
  const who = 'tile';
  return withTemps((owned) => {
    const [x] = arraysOf([A], who, owned);
    let tup = intsOf(reps, who, 'reps').values;
    const shape = [...Array(Math.max(0, tup.length - x!.ndim)).fill(1), ...x!.shape];
    if (tup.length < shape.length) tup = [...Array(shape.length - tup.length).fill(1), ...tup];
    const outShape = shape.map((d, i) => d * tup[i]! + 0);
    // NumPy repeats nothing when A is empty, so negative reps only fail where the shape goes negative.
    const bad = x!.size === 0 ? outShape.some((d) => d < 0) : tup.some((v) => v < 0);
    if (bad) throw new RangeError(`${who}: negative dimensions are not allowed`);
    if (x!.size === 0) return empty(outShape, { dtype: x!.dtype, device: x!.device });
    const v = viewAs(x!, shape.flatMap((d) => [1, d]));
    owned.push(v);
    const b = applyMovement(broadcastToOp, v, { shape: shape.flatMap((d, i) => [tup[i]!, d]) });
    owned.push(b);
    return copyAs(b, outShape);
  });
}
