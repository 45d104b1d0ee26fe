import type { NDArray } from '../../core/ndarray.js';
import { defineOp } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { normalizeAxis } from '../../core/shape.js';
import { ravel, reshape, transpose } from '../manip/views.js';
import { arange } from '../creation/arange.js';
import { equal } from '../math/equal.js';
import { multiply } from '../math/multiply.js';
import { sum } from '../reduce/sum.js';
import { argsortAlong } from './argsort.js';
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
  vjp: ([g], { inputs: [x], attrs }) => [unsortGrad(g!, x as NDArray, attrs.axis)],
  vjpSaves: { outputs: false },
});

/**
 * sort's gradient: output element i came from input element perm[i] (perm = argsort, stable as the
 * sort), so the input's gradient is g scattered back through perm. Written as a one-hot product along
 * the axis (ops on every backend, recorded for higher order): O(n²) per lane.
 */
function unsortGrad(g: NDArray, x: NDArray, axis: number): NDArray {
  const ax = axis < 0 ? axis + x.ndim : axis;
  return scatterBack(g, argsortAlong(x, ax), ax);
}

/**
 * The gradient of `out = take_along_axis(x, perm, axis)` for a permutation `perm` of each lane (sort,
 * partition): g scattered back, as a one-hot product along the axis.
 */
export function scatterBack(g: NDArray, indices: NDArray, axis: number): NDArray {
  const nd = g.ndim;
  const ax = axis < 0 ? axis + nd : axis;
  const n = g.shape[ax]!;
  const toEnd = [...Array(nd).keys()].filter((i) => i !== ax).concat(ax);
  const back = toEnd.map((_, i) => toEnd.indexOf(i));
  const perm = transpose(indices, toEnd); // (..., n)
  const gt = transpose(g, toEnd);
  const lead = perm.shape.slice(0, -1);
  const onehot = equal(reshape(perm, [...lead, n, 1]), arange(n)); // [..., i, j] = perm[i] == j
  const gx = sum(multiply(reshape(gt, [...lead, n, 1]), onehot), { axis: -2 });
  return transpose(gx, back);
}

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
