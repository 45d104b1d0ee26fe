// np.var / np.std and their nan- forms, NumPy's two-pass algorithm with NumPy's dtypes: the mean
// (a sum in `dtype`, float64 for integers — quark's default float — divided in place), squared
// deviations in the promoted dtype, their sum divided by max(n - ddof, 0).
import { type DType, type DTypeLike, defaults, isComplex, isFloat, toDType } from '../../core/dtype.js';
import type { NDArray } from '../../core/ndarray.js';
import { add } from '../math/add.js';
import { maximum } from '../math/maximum.js';
import { multiply } from '../math/multiply.js';
import { subtract } from '../math/subtract.js';
import { true_divide } from '../math/true_divide.js';
import { astype } from '../manip/views.js';
import {
  type Axis, type Where, countItems, disposeAll, optionsOf, reduceAxes, reduceWhere, squeezeAxes, toOut,
} from './common.js';
import { countNonNaNOp } from './count.js';
import { fillWhereNaN, sqrtOf } from './fill.js';
import { checkInexact } from './mean.js';
import { nansumOp, sumOp } from './sum.js';

export interface VarOptions {
  axis?: Axis;
  keepdims?: boolean;
  dtype?: DTypeLike;
  out?: NDArray;
  /** Delta degrees of freedom: the divisor is n - ddof. */
  ddof?: number;
  /** The Array API name of ddof; only one of them may be given. */
  correction?: number;
  where?: Where;
  /** A precomputed mean (keepdims shape), as NumPy 2's `mean=`. */
  mean?: NDArray;
}

function ddofOf(who: string, o: VarOptions): number {
  if (o.correction !== undefined) {
    if (o.ddof !== undefined && o.ddof !== 0) throw new RangeError(`${who}: ddof and correction can't be provided simultaneously.`);
    return o.correction;
  }
  return o.ddof ?? 0;
}

/** x / d in place (NumPy's true_divide(x, d, out=x, casting='unsafe')). */
function divideInPlace(x: NDArray, d: NDArray | number): void {
  true_divide(x, d, { out: x, casting: 'unsafe' });
}

function variance(who: string, a: NDArray, axisOrOptions: Axis | VarOptions | undefined, root: boolean): NDArray {
  const o = optionsOf<VarOptions>(axisOrOptions);
  a._check(who);
  if (isComplex(a.dtype)) throw new TypeError(`${who}: complex dtypes are not supported yet (got ${a.dtype})`);
  const axes = reduceAxes(o.axis, a.ndim, who);
  const ddof = ddofOf(who, o);
  const dtype: DType | undefined = o.dtype !== undefined ? toDType(o.dtype, who) : isFloat(a.dtype) ? undefined : defaults.float;
  const count = countItems(a, axes, o.where, sumOp);
  const temps: (NDArray | number | undefined)[] = [count];
  let result: NDArray | undefined;
  try {
    let mu = o.mean;
    if (!mu) {
      mu = reduceWhere(sumOp, a, { axis: axes, keepdims: true, dtype, where: o.where });
      temps.push(mu);
      divideInPlace(mu, count);
    }
    const x = subtract(a, mu);
    temps.push(x);
    multiply(x, x, { out: x });
    const ret = reduceWhere(sumOp, x, { axis: axes, keepdims: o.keepdims, dtype, where: o.where });
    temps.push(ret);
    let div: NDArray | number;
    if (typeof count === 'number') div = Math.max(count - ddof, 0);
    else {
      const c = squeezeAxes(count, axes, o.keepdims);
      const dof = subtract(c, ddof);
      div = maximum(dof, 0);
      temps.push(c, dof, div);
    }
    divideInPlace(ret, div);
    result = root ? sqrtOf(ret) : ret;
  } finally {
    disposeAll(temps, result);
  }
  return toOut(result!, o.out, who);
}

function nanVariance(who: string, a: NDArray, axisOrOptions: Axis | VarOptions | undefined, root: boolean): NDArray {
  const o = optionsOf<VarOptions>(axisOrOptions);
  a._check(who);
  if (!isFloat(a.dtype)) return variance(who, a, o, root);
  const axes = reduceAxes(o.axis, a.ndim, who);
  const ddof = ddofOf(who, o);
  const dtype = o.dtype === undefined ? undefined : toDType(o.dtype, who);
  checkInexact(who, dtype, o.out);
  const cnt = reduceWhere(countNonNaNOp, a, { axis: axes, keepdims: true, where: o.where });
  const temps: NDArray[] = [cnt];
  let result: NDArray | undefined;
  try {
    let mu = o.mean;
    if (!mu) {
      mu = reduceWhere(nansumOp, a, { axis: axes, keepdims: true, dtype, where: o.where });
      temps.push(mu);
      divideInPlace(mu, cnt);
    }
    // NumPy subtracts into the input's dtype and zeroes the deviations where the input was NaN
    // (inf - inf stays NaN and propagates).
    let x = subtract(a, mu);
    temps.push(x);
    if (x.dtype !== a.dtype) temps.push(x = astype(x, a.dtype));
    temps.push(x = fillWhereNaN(x, a, 0));
    multiply(x, x, { out: x });
    const v = reduceWhere(sumOp, x, { axis: axes, keepdims: o.keepdims, dtype, where: o.where });
    temps.push(v);
    // dof <= 0 gives NaN: x / max(dof, 0) + 0 / max(dof, 0) is x / dof, or NaN where dof <= 0.
    const c = squeezeAxes(cnt, axes, o.keepdims);
    const dof = subtract(c, ddof);
    const d = maximum(dof, 0);
    const bad = true_divide(0, d);
    temps.push(c, dof, d, bad);
    divideInPlace(v, d);
    add(v, bad, { out: v, casting: 'unsafe' });
    result = root ? sqrtOf(v) : v;
  } finally {
    disposeAll(temps, result);
  }
  return toOut(result!, o.out, who);
}

/** np.var: the variance (ints and bool in the default float; n - ddof <= 0 gives inf or NaN as NumPy). */
export function variance_(a: NDArray, axisOrOptions?: Axis | VarOptions): NDArray {
  return variance('var', a, axisOrOptions, false);
}
/** np.std: the square root of np.var. */
export function std(a: NDArray, axisOrOptions?: Axis | VarOptions): NDArray {
  return variance('std', a, axisOrOptions, true);
}
/** np.nanvar: the variance of the non-NaN elements (NaN where n - ddof <= 0). */
export function nanvar(a: NDArray, axisOrOptions?: Axis | VarOptions): NDArray {
  return nanVariance('nanvar', a, axisOrOptions, false);
}
/** np.nanstd: the square root of np.nanvar. */
export function nanstd(a: NDArray, axisOrOptions?: Axis | VarOptions): NDArray {
  return nanVariance('nanstd', a, axisOrOptions, true);
}

export { variance_ as var };
