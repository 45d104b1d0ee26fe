// np.mean and np.nanmean as NumPy computes them: a sum in the accumulation dtype, divided by the count.
import { type DType, type DTypeLike, defaults, isComplex, isFloat, isInexact, toDType } from '../../core/dtype.js';
import type { NDArray } from '../../core/ndarray.js';
import { true_divide } from '../math/true_divide.js';
import { astype } from '../manip/views.js';
import {
  type Axis, type Where, countItems, disposeAll, optionsOf, reduceAxes, reduceWhere, squeezeAxes, toOut,
} from './common.js';
import { countNonNaNOp } from './count.js';
import { nansumOp, sumOp } from './sum.js';

export interface MeanOptions {
  axis?: Axis;
  keepdims?: boolean;
  dtype?: DTypeLike;
  out?: NDArray;
  where?: Where;
}

/** np.mean: ints and bool average in the default float (NumPy: float64); float16 sums in float32. */
export function mean(a: NDArray, axisOrOptions?: Axis | MeanOptions): NDArray {
  const o = optionsOf<MeanOptions>(axisOrOptions);
  a._check('mean');
  const axes = reduceAxes(o.axis, a.ndim, 'mean');
  const dtype = o.dtype === undefined ? undefined : toDType(o.dtype, 'mean');
  const result: DType = dtype ?? (isInexact(a.dtype) ? a.dtype : defaults.float);
  const acc: DType = dtype ?? (a.dtype === 'float16' || a.dtype === 'bfloat16' ? 'float32' : result);
  const s = reduceWhere(sumOp, a, { axis: axes, keepdims: o.keepdims, dtype: acc, where: o.where });
  const count = countItems(a, axes, o.where, sumOp);
  const cv = typeof count === 'number' ? count : squeezeAxes(count, axes, o.keepdims);
  let q: NDArray;
  try {
    q = true_divide(s, cv);
  } finally {
    disposeAll([s, count, cv]);
  }
  if (q.dtype !== result) {
    const r = astype(q, result);
    q.dispose();
    q = r;
  }
  return toOut(q, o.out, 'mean');
}

/** Checks NumPy's nan- function rules for dtype= and out= on float input. */
export function checkInexact(who: string, dtype: DType | undefined, out: NDArray | undefined): void {
  if (dtype !== undefined && !isFloat(dtype)) throw new TypeError(`${who}: If a is inexact, then dtype must be inexact`);
  if (out !== undefined && !isFloat(out.dtype)) throw new TypeError(`${who}: If a is inexact, then out must be inexact`);
}

/** np.nanmean: the mean of the non-NaN elements (NaN where there are none; NumPy also warns). */
export function nanmean(a: NDArray, axisOrOptions?: Axis | MeanOptions): NDArray {
  const o = optionsOf<MeanOptions>(axisOrOptions);
  a._check('nanmean');
  if (isComplex(a.dtype)) throw new TypeError(`nanmean: complex dtypes are not supported yet (got ${a.dtype})`);
  if (!isFloat(a.dtype)) return mean(a, o);
  const axes = reduceAxes(o.axis, a.ndim, 'nanmean');
  const dtype = o.dtype === undefined ? undefined : toDType(o.dtype, 'nanmean');
  checkInexact('nanmean', dtype, o.out);
  const cnt = reduceWhere(countNonNaNOp, a, { axis: axes, keepdims: o.keepdims, where: o.where });
  try {
    // NumPy sums float16 in float16 here (unlike np.mean), then divides in place.
    const tot = reduceWhere(nansumOp, a, { axis: axes, keepdims: o.keepdims, dtype, where: o.where });
    true_divide(tot, cnt, { out: tot, casting: 'unsafe' });
    return toOut(tot, o.out, 'nanmean');
  } finally {
    cnt.dispose();
  }
}
