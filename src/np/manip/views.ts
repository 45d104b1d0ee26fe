// reshape, ravel, flatten, transpose, copy and astype: views where NumPy makes views.
import { applyElementwise, castArray } from '../../core/apply.js';
import { context } from '../../core/context.js';
import { type DTypeLike, toDType } from '../../core/dtype.js';
import { applyMovement } from '../../core/movement.js';
import { NDArray } from '../../core/ndarray.js';
import { defineOp } from '../../core/op.js';
import { fmtShape, isCContiguous, normalizeAxis, reshapeStrides, resolveReshape } from '../../core/shape.js';
import { astypeOp } from '../math/astype.js';

/** reshape as a movement op: `shape` is already resolved (no -1). */
export const reshapeOp = defineOp<{ shape: readonly number[] }>({
  name: 'reshape',
  kind: 'movement',
  nin: 1,
  attrs: { shape: [] },
  view: (x, { shape }) => {
    const strides = reshapeStrides(x.shape, x.strides, shape);
    return strides ? { shape, strides, offset: x.offset, dtype: x.dtype } : null;
  },
  vjp: ([g], { inputMeta: [x] }) => [reshape(g!, x!.shape)],
  vjpSaves: { inputs: false, outputs: false },
});

/** transpose as a movement op: `axes` is a normalised permutation. */
export const transposeOp = defineOp<{ axes: readonly number[] }>({
  name: 'transpose',
  kind: 'movement',
  nin: 1,
  attrs: { axes: [] },
  view: (x, { axes }) => ({
    shape: axes.map((p) => x.shape[p]!),
    strides: axes.map((p) => x.strides[p]!),
    offset: x.offset,
    dtype: x.dtype,
  }),
  // The inverse permutation.
  vjp: ([g], { attrs: { axes } }) => [transpose(g!, axes.map((_, i) => axes.indexOf(i)))],
  vjpSaves: { inputs: false, outputs: false },
});

/** np.reshape: a view when the strides allow it (as NumPy decides), else a C-order copy. */
export function reshape(a: NDArray, shape: number | readonly number[], who = 'reshape'): NDArray {
  a._check(who);
  const target = resolveReshape(a.size, typeof shape === 'number' ? [shape] : shape, who);
  // As NumPy: a copy's result views the fresh copy (so its base is that copy, not `a`).
  return applyMovement(reshapeOp, a, { shape: target });
}

/** np.ravel: a view when the array is C-contiguous, else a copy that owns its data (as NumPy). */
export function ravel(a: NDArray): NDArray {
  a._check('ravel');
  return applyMovement(reshapeOp, a, { shape: [a.size] }, { ownCopy: true });
}

/** ndarray.flatten: always a copy, owning its data. */
export function flatten(a: NDArray): NDArray {
  a._check('flatten');
  return applyMovement(reshapeOp, a, { shape: [a.size] }, { ownCopy: true, forceCopy: true });
}

/** np.transpose: a view with permuted axes (reversed when `axes` is omitted). */
export function transpose(a: NDArray, axes?: readonly number[], who = 'transpose'): NDArray {
  a._check(who);
  const nd = a.ndim;
  const perm = axes ? axes.map((x) => normalizeAxis(x, nd, who)) : [...Array(nd).keys()].reverse();
  if (perm.length !== nd || new Set(perm).size !== nd) {
    throw new RangeError(`${who}: axes ${fmtShape(axes ?? [])} don't match array of dimension ${nd}`);
  }
  return applyMovement(transposeOp, a, { axes: perm });
}

/** np.copy / ndarray.copy: a new C-contiguous array. */
export function copy(a: NDArray): NDArray {
  a._check('copy');
  // While autograd or a tracer listens, the copy is the recorded astype op (same kernel).
  if (context.recorders.length) return applyElementwise(astypeOp, [a], { dtype: a.dtype });
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
