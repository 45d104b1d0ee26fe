// Elementwise helpers of the reductions, as opaque ops on one native command (native/src/reduce_fill.cc):
// the `where=` mask (masked-out elements become a value the fold ignores), NumPy's _replace_nan,
// and the square root of std (np.sqrt is not in quark yet; std switches to it when it lands).
import { DTYPES, type DType, isFloat } from '../../core/dtype.js';
import { NDArray, type Scalar } from '../../core/ndarray.js';
import { defineOp, type TensorMeta } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { broadcastShapes, broadcastStrides, fmtShapeC } from '../../core/shape.js';
import { full } from '../creation/basic.js';

const same = ([x]: readonly TensorMeta[]): TensorMeta[] => [{ shape: x!.shape, dtype: x!.dtype }];

/** out = mask ? x : fill (inputs: x, mask and fill viewed with x's shape). */
export const whereFillOp = defineOp({ name: 'where_fill', kind: 'opaque', nin: 3, infer: same });
/** out = isnan(ref) ? fill : x (inputs: x, ref of x's dtype and shape, fill viewed with x's shape). */
export const nanFillOp = defineOp({ name: 'nan_fill', kind: 'opaque', nin: 3, infer: same });
/** out = sqrt(x), float dtypes. */
export const stdSqrtOp = defineOp({ name: 'std_sqrt', kind: 'opaque', nin: 1, infer: same });

/** The dtype code native commands dispatch on (its index in DTYPES). */
export const dtypeCode = (d: DType): number => DTYPES.indexOf(d);

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
  const fv = broadcastView(f, a.shape);
  try {
    return applyOpaque(whereFillOp, [a, m, fv], {})[0]!;
  } finally {
    for (const t of [m, f, fv]) t.dispose();
  }
}

/** NumPy's _replace_nan: a copy of a float array with NaNs set to `fill` (other dtypes: `a` itself). */
export function replaceNaN(a: NDArray, fill: number): NDArray {
  return isFloat(a.dtype) ? fillWhereNaN(a, a, fill) : a;
}

/** A copy of `x` with `fill` wherever `ref` (same shape and dtype) is NaN: NumPy's _copyto(x, fill, mask). */
export function fillWhereNaN(x: NDArray, ref: NDArray, fill: number): NDArray {
  const f = full([], fill, { dtype: x.dtype, device: x.device });
  const fv = broadcastView(f, x.shape);
  try {
    return applyOpaque(nanFillOp, [x, ref, fv], {})[0]!;
  } finally {
    f.dispose();
    fv.dispose();
  }
}

/** The square root of a float array, as a new array. */
export function sqrtOf(a: NDArray): NDArray {
  return applyOpaque(stdSqrtOp, [a], {})[0]!;
}
