import { DTYPES, type DType } from '../../core/dtype.js';
import type { NDArray } from '../../core/ndarray.js';
import { defineOp } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { normalizeAxis } from '../../core/shape.js';
import { ravel } from '../manip/views.js';

export interface SortAttrs { axis: number; stable: boolean }

export const sortOp = defineOp<SortAttrs>({
  name: 'sort',
  kind: 'opaque',
  nin: 1,
  attrs: { axis: -1, stable: false },
  infer: ([x]) => [{ shape: x!.shape, dtype: x!.dtype }],
});

export interface SortOptions {
  /** null sorts the flattened array (NumPy's axis=None). */
  axis?: number | null;
  kind?: 'quicksort' | 'mergesort' | 'heapsort' | 'stable';
  stable?: boolean;
}

/** np.sort: a sorted copy along `axis` (default -1); NaNs sort last, as in NumPy. */
export function sort(a: NDArray, opts: SortOptions = {}): NDArray {
  a._check('sort');
  const stable = opts.stable ?? (opts.kind === 'stable' || opts.kind === 'mergesort');
  if (opts.axis === null) {
    const flat = ravel(a);
    try {
      return applyOpaque(sortOp, [flat], { axis: 0, stable })[0]!;
    } finally {
      flat.dispose();
    }
  }
  if (a.ndim === 0) throw new RangeError('sort: axis -1 is out of bounds for array of dimension 0');
  const axis = normalizeAxis(opts.axis ?? -1, a.ndim, 'sort');
  return applyOpaque(sortOp, [a], { axis, stable })[0]!;
}

/** The dtype code native kernels dispatch on (its index in DTYPES). */
export const dtypeCode = (d: DType): number => DTYPES.indexOf(d);
