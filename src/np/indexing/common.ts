// Helpers the indexing functions share: index-array conversion, axis moves, cyclic values.
import { castArray, castInto } from '../../core/apply.js';
import { type DType, canCast, isInteger } from '../../core/dtype.js';
import { NDArray, type Scalar } from '../../core/ndarray.js';
import { isCContiguous } from '../../core/shape.js';
import { context } from '../../core/context.js';
import { transpose } from '../manip/views.js';
import { arange } from '../creation/arange.js';
import { type ArrayLike, toArray } from '../sorting/common.js';
import { gather } from './get.js';
import type { IndexMode } from './ops.js';

export { disposeAll, withTemps } from '../temps.js';

/** `x` as an array, remembered in temps when converted. */
export function arrayOf(x: ArrayLike, who: string, temps: NDArray[]): NDArray {
  const a = toArray(x, who);
  if (a !== x) temps.push(a);
  return a;
}

/** An integer index array (NumPy casts indices to intp under 'same_kind': floats are refused). */
export function indexArrayOf(x: ArrayLike, who: string, temps: NDArray[], rule = 'safe'): NDArray {
  const a = arrayOf(x, who, temps);
  if (!isInteger(a.dtype) && a.dtype !== 'bool') {
    throw new TypeError(`${who}: Cannot cast array data from dtype('${a.dtype}') to dtype('int64') according to the rule '${rule}'`);
  }
  if (a.dtype === 'bool') {
    const c = castArray(a, 'int64');
    temps.push(c);
    return c;
  }
  return a;
}

export function checkMode(mode: string | undefined, who: string): IndexMode {
  const m = mode ?? 'raise';
  if (m !== 'raise' && m !== 'wrap' && m !== 'clip') throw new RangeError(`${who}: clipmode must be one of 'clip', 'raise', or 'wrap' (got '${m}')`);
  return m;
}

/** A view of `a` with axis `ax` moved to the front (an internal temporary). */
export function axisFirst(a: NDArray, ax: number, temps: NDArray[]): NDArray {
  if (ax === 0) return a;
  const order = [ax, ...[...Array(a.ndim).keys()].filter((d) => d !== ax)];
  // Recorded while recording (the gather's gradient must reach `a`).
  const v = context.recorders.length ? transpose(a, order) : a._view(order.map((d) => a.shape[d]!), order.map((d) => a._strides[d]!), a._offset);
  temps.push(v);
  return v;
}

/** A flat (1-D) view of a C-contiguous array. */
export function flatView(a: NDArray, temps: NDArray[]): NDArray {
  if (!isCContiguous(a.shape, a._strides)) throw new Error('internal: flatView of a non-contiguous array');
  const v = a._view([a.size], [1], a._offset);
  temps.push(v);
  return v;
}

/** `values` (raveled, `dtype`) repeated cyclically to length n, as NumPy's put/place/putmask read them. */
export function cyclic(values: NDArray, n: number, who: string, temps: NDArray[], positions?: NDArray): NDArray {
  if (values.ndim === 1 && values.size === n && !positions) return values;
  if (!isCContiguous(values.shape, values._strides)) {
    const c = castArray(values, values.dtype);
    temps.push(c);
    return cyclic(c, n, who, temps, positions);
  }
  const src = values._view([values.size], [1], values._offset);
  temps.push(src);
  const pos = positions ?? arange(n, { dtype: 'int64' });
  if (!positions) temps.push(pos);
  const r = gather(src, [pos], { mode: 'wrap', bshape: pos.shape, pos: 0, axes: [0] }, who);
  temps.push(r);
  return r;
}

/** Writes `result` into `out` (shape must match; NumPy's take/choose cast out unsafely). */
export function intoOut(result: NDArray, out: NDArray, who: string): NDArray {
  out._check(who);
  try {
    if (out.ndim !== result.ndim || out.shape.some((d, i) => d !== result.shape[i])) {
      throw new RangeError(`${who}: output array does not match result of ${who}`);
    }
    castInto(result, out);
    return out;
  } finally {
    result.dispose();
  }
}

/** The error NumPy gives when a cast is refused under `casting`. */
export function castError(who: string, from: DType, to: DType, casting: string): TypeError {
  return new TypeError(`${who}: Cannot cast array data from dtype('${from}') to dtype('${to}') according to the rule '${casting}'`);
}

export function checkCast(who: string, from: DType, to: DType, casting: 'no' | 'equiv' | 'safe' | 'same_kind' | 'unsafe'): void {
  if (!canCast(from, to, casting)) throw castError(who, from, to, casting);
}

export type { Scalar };
