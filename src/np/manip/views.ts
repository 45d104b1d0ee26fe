// reshape, ravel, flatten, transpose, copy and astype: views where NumPy makes views.
import { applyElementwise, castArray } from '../../core/apply.js';
import { type DTypeLike, toDType } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { contiguousStrides, fmtShape, isCContiguous, normalizeAxis, reshapeStrides, resolveReshape } from '../../core/shape.js';
import { astypeOp } from '../math/astype.js';

/** np.reshape: a view when the strides allow it (as NumPy decides), else a C-order copy. */
export function reshape(a: NDArray, shape: number | readonly number[], who = 'reshape'): NDArray {
  a._check(who);
  const target = resolveReshape(a.size, typeof shape === 'number' ? [shape] : shape, who);
  const strides = reshapeStrides(a.shape, a._strides, target);
  if (strides) return a._view(target, strides, a._offset);
  // As NumPy: the result views a fresh copy (so its base is that copy, not `a`).
  const c = castArray(a, a.dtype);
  const out = c._view(target, contiguousStrides(target), 0);
  c.dispose();
  return out;
}

/** A C-order copy of `a` with another shape of the same size; it owns its data (base is null). */
function contiguousCopy(a: NDArray, shape: readonly number[]): NDArray {
  const c = castArray(a, a.dtype);
  const out = new NDArray(c._storage, c.dtype, shape, contiguousStrides(shape), 0, null);
  c.dispose();
  return out;
}

/** np.ravel: a view when the array is C-contiguous, else a copy that owns its data (as NumPy). */
export function ravel(a: NDArray): NDArray {
  a._check('ravel');
  if (isCContiguous(a.shape, a._strides)) return reshape(a, [-1], 'ravel');
  return contiguousCopy(a, [a.size]);
}

/** ndarray.flatten: always a copy. */
export function flatten(a: NDArray): NDArray {
  a._check('flatten');
  return contiguousCopy(a, [a.size]);
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
