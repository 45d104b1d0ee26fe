// reshape, ravel, flatten, transpose, copy and astype: views where NumPy makes views.
import { applyElementwise, castArray } from '../../core/apply.js';
import { type DTypeLike, toDType } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { fmtShape, isCContiguous, normalizeAxis, reshapeStrides, resolveReshape } from '../../core/shape.js';
import { astypeOp } from '../math/astype.js';

/** np.reshape: a view when the strides allow it (as NumPy decides), else a C-order copy. */
export function reshape(a: NDArray, shape: number | readonly number[]): NDArray {
  a._check('reshape');
  const target = resolveReshape(a.size, typeof shape === 'number' ? [shape] : shape, a.shape, 'reshape');
  const strides = reshapeStrides(a.shape, a._strides, target);
  if (strides) return a._view(target, strides, a._offset);
  const c = castArray(a, a.dtype);
  const out = c._view(target, reshapeStrides(c.shape, c._strides, target)!, 0);
  c.dispose();
  return out;
}

export function ravel(a: NDArray): NDArray {
  return reshape(a, [-1]);
}

/** ndarray.flatten: always a copy. */
export function flatten(a: NDArray): NDArray {
  a._check('flatten');
  const c = castArray(a, a.dtype);
  const out = c._view([a.size], [1], 0);
  c.dispose();
  return out;
}

/** np.transpose: a view with permuted axes (reversed when `axes` is omitted). */
export function transpose(a: NDArray, axes?: readonly number[]): NDArray {
  a._check('transpose');
  const nd = a.ndim;
  const perm = axes ? axes.map((x) => normalizeAxis(x, nd, 'transpose')) : [...Array(nd).keys()].reverse();
  if (perm.length !== nd || new Set(perm).size !== nd) {
    throw new RangeError(`transpose: axes ${fmtShape(axes ?? [])} don't match array of dimension ${nd}`);
  }
  return a._view(perm.map((p) => a.shape[p]!), perm.map((p) => a._strides[p]!), a._offset);
}

/** np.copy / ndarray.copy: a new C-contiguous array. */
export function copy(a: NDArray): NDArray {
  a._check('copy');
  return castArray(a, a.dtype);
}

export interface AstypeOptions {
  /** false returns `a` itself when the dtype already matches (NumPy's copy=False). */
  copy?: boolean;
}

export function astype(a: NDArray, dtype: DTypeLike, opts: AstypeOptions = {}): NDArray {
  const d = toDType(dtype, 'astype');
  a._check('astype');
  if (d === a.dtype && opts.copy === false) return a;
  return applyElementwise(astypeOp, [a], { dtype: d });
}

export const isContiguous = (a: NDArray): boolean => isCContiguous(a.shape, a._strides);
