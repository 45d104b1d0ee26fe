import type { NDArray } from '../../core/ndarray.js';
import { defineOp } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { normalizeAxis } from '../../core/shape.js';
import { ravel } from '../manip/views.js';
import { type ArrayLike, checkOptions, toArray } from './common.js';
import { type SortOptions, sortKind } from './sort.js';

export interface ArgsortAttrs {
  axis: number;
  /** Order NaN before every number (for the fields of unique(axis=...) rows of float16, as NumPy). */
  nanFirst: boolean;
}

/**
 * Indices that sort along `axis`, stably. With a second input (an int64 permutation of every lane),
 * the lane is re-sorted stably by the key read at those positions: one pass of lexsort.
 */
export const argsortOp = defineOp<ArgsortAttrs>({
  name: 'argsort',
  kind: 'opaque',
  acceptsComplex: true, // (native/src/sort.cc: NumPy's complex order)
  nin: 1,
  attrs: { axis: -1, nanFirst: false },
  infer: ([x]) => [{ shape: x!.shape, dtype: 'int64' }],
});

/** Runs argsortOp on `x` (optionally starting from permutation `perm`) along a normalised axis. */
export function argsortAlong(x: NDArray, axis: number, perm?: NDArray, nanFirst = false): NDArray {
  return applyOpaque(argsortOp, perm ? [x, perm] : [x], { axis, nanFirst })[0]!;
}

/**
 * np.argsort: int64 indices that sort `a` along `axis` (default -1; null flattens). NaNs sort last.
 * The sort is always stable, so ties keep their order whatever `kind` says.
 */
export function argsort(a: ArrayLike, opts: SortOptions = {}): NDArray {
  const who = 'argsort';
  checkOptions(opts, ['axis', 'kind', 'stable'], who);
  const x = toArray(a, who);
  try {
    sortKind(opts, who);
    // NumPy sorts a 0-d array as if it had one element, for any axis it accepts (-1, 0, None).
    if (opts.axis === null || x.ndim === 0) {
      if (x.ndim === 0 && opts.axis !== null) normalizeAxis(opts.axis ?? -1, 1, who);
      const f = ravel(x);
      try {
        return argsortAlong(f, 0);
      } finally {
        f.dispose();
      }
    }
    return argsortAlong(x, normalizeAxis(opts.axis ?? -1, x.ndim, who));
  } finally {
    if (x !== a) x.dispose();
  }
}
