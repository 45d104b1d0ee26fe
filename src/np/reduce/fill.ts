// Elementwise helpers of the reductions, written with the public ufuncs: the `where=` mask
// (masked-out elements become a value the fold ignores), NumPy's _replace_nan, and std's sqrt.
import { isComplex, isFloat } from '../../core/dtype.js';
import { NDArray, type Scalar } from '../../core/ndarray.js';
import { broadcastShapes, broadcastStrides, fmtShapeC } from '../../core/shape.js';
import { full } from '../creation/basic.js';
import { isnan } from '../math/isnan.js';
import { sqrt } from '../math/sqrt.js';
import { where as select } from '../math/where.js';

export { dtypeCode } from '../../core/dtype.js';

export type Where = NDArray | boolean;

/** `a` broadcast (as a view) to `shape`. */
function broadcastView(a: NDArray, shape: readonly number[]): NDArray {
  return a._view(shape, broadcastStrides(a.shape, a._strides, shape), a._offset);
}

/** The `where=` mask as a bool array of `shape` (a view), with NumPy's checks. */
export function whereMask(where: Where, shape: readonly number[], who: string): NDArray {
  if (typeof where === 'boolean') {
    const m = full([], where, { dtype: 'bool' });
    const v = broadcastView(m, shape);
    m.dispose();
    return v;
  }
  if (!(where instanceof NDArray)) throw new TypeError(`${who}: where must be a boolean NDArray or a boolean`);
  where._check(who);
  if (where.dtype !== 'bool') {
    throw new TypeError(`${who}: Cannot cast array data from dtype('${where.dtype}') to dtype('bool') according to the rule 'safe'`);
  }
  const b = broadcastShapes([where.shape, shape], who);
  if (b.length !== shape.length || b.some((d, i) => d !== shape[i])) {
    throw new RangeError(`${who}: where mask of shape ${fmtShapeC(where.shape)} does not broadcast to the array's shape ${fmtShapeC(shape)}`);
  }
  return broadcastView(where, shape);
}

/** A copy of `a` whose elements outside `where` are `fill` (in a's dtype). */
export function maskWhere(a: NDArray, where: Where, fill: Scalar, who: string): NDArray {
  const m = whereMask(where, a.shape, who);
  const f = full([], fill, { dtype: a.dtype, device: a.device });
  try {
    return select(m, a, f);
  } finally {
    for (const t of [m, f]) t.dispose();
  }
}

/** NumPy's _replace_nan: a copy of a float array with NaNs set to `fill` (other dtypes: `a` itself). */
export function replaceNaN(a: NDArray, fill: number): NDArray {
  return isFloat(a.dtype) || isComplex(a.dtype) ? fillWhereNaN(a, a, fill) : a;
}

/** A copy of `x` with `fill` wherever `ref` (same shape and dtype) is NaN: NumPy's _copyto(x, fill, mask). */
export function fillWhereNaN(x: NDArray, ref: NDArray, fill: number): NDArray {
  const f = full([], fill, { dtype: x.dtype, device: x.device });
  const nan = isnan(ref);
  try {
    return select(nan, f, x);
  } finally {
    f.dispose();
    nan.dispose();
  }
}

/** The square root of a float array, as a new array. */
export function sqrtOf(a: NDArray): NDArray {
  return sqrt(a);
}
