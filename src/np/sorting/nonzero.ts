import { NDArray } from '../../core/ndarray.js';
import { defineOp } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { type ArrayLike, countNonzero, toArray } from './common.js';

export interface NonzeroAttrs {
  /** The number of nonzero elements (from count_nonzero: the output size depends on the data). */
  count: number;
  /** true: flat C-order indices (count); false: coordinates (ndim, count). */
  flat: boolean;
}

export const nonzeroOp = defineOp<NonzeroAttrs>({
  name: 'nonzero',
  kind: 'opaque',
  nin: 1,
  attrs: { count: 0, flat: false },
  infer: ([x], { count, flat }) => [{ shape: flat ? [count] : [x!.shape.length, count], dtype: 'int64' }],
});

/** The (ndim, count) int64 coordinates of the nonzero elements of `x`, C order. */
export function nonzeroCoords(x: NDArray): NDArray {
  const count = countNonzero(x);
  return applyOpaque(nonzeroOp, [x], { count, flat: false })[0]!;
}

function withArray<T>(a: ArrayLike, who: string, f: (x: NDArray) => T): T {
  const x = toArray(a, who);
  try {
    return f(x);
  } finally {
    if (x !== a) x.dispose();
  }
}

/**
 * np.nonzero: one int64 array per dimension holding the indices of the nonzero (true) elements,
 * in C order (NaN counts as nonzero, -0.0 as zero). 0-d input raises, as in NumPy 2. The arrays are
 * rows of one (ndim, count) buffer, as NumPy's share one.
 */
export function nonzero(a: ArrayLike): NDArray[] {
  const who = 'nonzero';
  return withArray(a, who, (x) => {
    if (x.ndim === 0) {
      // NumPy adds the masking hint for boolean scalars only.
      const hint = x.dtype === 'bool' ? ' If the context of this error is of the form `arr[nonzero(cond)]`, just use `arr[cond]`.' : '';
      throw new RangeError(`${who}: Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.${hint}`);
    }
    const c = nonzeroCoords(x);
    const n = c.shape[1]!;
    const rows = Array.from({ length: x.ndim }, (_, d) => c._view([n], [1], d * n));
    c.dispose();
    return rows;
  });
}

/** np.flatnonzero: int64 indices of the nonzero elements of the flattened array. */
export function flatnonzero(a: ArrayLike): NDArray {
  return withArray(a, 'flatnonzero', (x) => {
    const count = countNonzero(x);
    return applyOpaque(nonzeroOp, [x], { count, flat: true })[0]!;
  });
}

/**
 * np.argwhere: the (count, ndim) int64 coordinates of the nonzero elements (a transposed view of
 * the (ndim, count) buffer, as NumPy's is). A 0-d input gives shape (1, 0) or (0, 0).
 */
export function argwhere(a: ArrayLike): NDArray {
  return withArray(a, 'argwhere', (x) => {
    const c = nonzeroCoords(x);
    const out = c._view([c.shape[1]!, c.shape[0]!], [c._strides[1]!, c._strides[0]!], 0);
    c.dispose();
    return out;
  });
}
