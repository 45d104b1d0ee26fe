import type { NDArray } from '../../core/ndarray.js';
import { defineOp } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { normalizeAxis } from '../../core/shape.js';
import { ravel } from '../manip/views.js';
import { type ArrayLike, checkOptions, toArray } from './common.js';

export { dtypeCode } from './common.js';

export interface SortAttrs { axis: number; stable: boolean }

export const sortOp = defineOp<SortAttrs>({
  name: 'sort',
  kind: 'opaque',
  acceptsComplex: true, // (native/src/sort.cc: NumPy's complex order)
  nin: 1,
  attrs: { axis: -1, stable: false },
  infer: ([x]) => [{ shape: x!.shape, dtype: x!.dtype }],
});

export type SortKind = 'quicksort' | 'mergesort' | 'heapsort' | 'stable';

export interface SortOptions {
  /** null sorts the flattened array (NumPy's axis=None). */
  axis?: number | null;
  /** Accepted as NumPy does (by first letter); every kind sorts stably here. */
  kind?: SortKind | null;
  stable?: boolean | null;
}

/**
 * NumPy's sort-kind rules: `kind` is read by its first letter (q, h, m, s), and `kind` and
 * `stable` cannot both be given. Returns whether a stable sort was asked for (quark's sorts are
 * always stable, so this only documents intent).
 */
export function sortKind(opts: SortOptions, who: string): boolean {
  const { kind, stable } = opts;
  if (kind !== undefined && kind !== null) {
    if (stable !== undefined && stable !== null) {
      throw new RangeError(`${who}: \`kind\` and keyword parameters can't be provided at the same time. Use only one of them.`);
    }
    const c = typeof kind === 'string' ? kind[0]?.toLowerCase() : undefined;
    if (c !== 'q' && c !== 'h' && c !== 'm' && c !== 's') {
      throw new RangeError(`${who}: sort kind must be one of 'quick', 'heap', or 'stable' (got '${String(kind)}')`);
    }
    return c === 'm' || c === 's';
  }
  return stable === true;
}

/**
 * The array and axis a sort-like routine works on: axis null flattens (a 0-d array becomes 1-D);
 * otherwise the axis is checked against `a.ndim`. `owned` tells whether `arr` is a new array.
 */
export function sortTarget(a: NDArray, axis: number | null | undefined, who: string): { arr: NDArray; axis: number; owned: boolean } {
  if (axis === null) {
    const arr = ravel(a);
    return { arr, axis: 0, owned: true };
  }
  return { arr: a, axis: normalizeAxis(axis ?? -1, a.ndim, who), owned: false };
}

/** np.sort: a sorted copy along `axis` (default -1); NaNs sort last, -0.0 and 0.0 tie, as in NumPy. */
export function sort(a: ArrayLike, opts: SortOptions = {}): NDArray {
  const who = 'sort';
  checkOptions(opts, ['axis', 'kind', 'stable'], who);
  const x = toArray(a, who);
  try {
    const stable = sortKind(opts, who);
    const t = sortTarget(x, opts.axis, who);
    try {
      return applyOpaque(sortOp, [t.arr], { axis: t.axis, stable })[0]!;
    } finally {
      if (t.owned) t.arr.dispose();
    }
  } finally {
    if (x !== a) x.dispose();
  }
}
