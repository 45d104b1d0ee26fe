// The 1-D set routines of NumPy, composed as NumPy composes them (unique, concatenate, sort, a
// comparison of sorted neighbours, isin), each step a native kernel.
import { promoteTypes } from '../../core/dtype.js';
import type { NDArray } from '../../core/ndarray.js';
import { applyOpaque } from '../../core/opaque.js';
import { scope } from '../../core/memory.js';
import { subtract } from '../math/subtract.js';
import { argsortAlong } from './argsort.js';
import { type ArrayLike, adjacentMaskOp, checkOptions, compress1d, concat1d, flat, take1d, takeChecked, toArray } from './common.js';
import { isinAs } from './isin.js';
import { sortOp } from './sort.js';
import { uniqueParts } from './unique.js';

const sorted1d = (a: NDArray): NDArray => applyOpaque(sortOp, [a], { axis: 0, stable: true })[0]!;
const uniqueValues = (a: ArrayLike, who: string): NDArray => uniqueParts(a, {}, who).values;
/** a[lo:lo+n] of a 1-D array, as a view. */
const slice1d = (a: NDArray, lo: number, n: number): NDArray => a._view([n], [a._strides[0]!], a._offset + lo * a._strides[0]!);

export interface Intersect1dOptions {
  assume_unique?: boolean;
  return_indices?: boolean;
}

/**
 * np.intersect1d: the sorted values in both arrays (flattened), in their common dtype; with
 * `return_indices`, also the indices of their first occurrences in each (int64).
 */
export function intersect1d(ar1: ArrayLike, ar2: ArrayLike, opts?: { assume_unique?: boolean; return_indices?: false }): NDArray;
export function intersect1d(ar1: ArrayLike, ar2: ArrayLike, opts: Intersect1dOptions): NDArray | [NDArray, NDArray, NDArray];
export function intersect1d(ar1: ArrayLike, ar2: ArrayLike, opts: Intersect1dOptions = {}): NDArray | [NDArray, NDArray, NDArray] {
  const who = 'intersect1d';
  checkOptions(opts, ['assume_unique', 'return_indices'], who);
  const withIdx = !!opts.return_indices;
  return scope(() => {
    const a1 = toArray(ar1, who), a2 = toArray(ar2, who);
    let u1: NDArray, u2: NDArray, i1: NDArray | undefined, i2: NDArray | undefined;
    if (!opts.assume_unique) {
      const p1 = uniqueParts(a1, { return_index: withIdx }, who);
      const p2 = uniqueParts(a2, { return_index: withIdx }, who);
      [u1, u2, i1, i2] = [p1.values, p2.values, p1.index, p2.index];
    } else {
      [u1, u2] = [flat(a1), flat(a2)];
    }
    const aux = concat1d([u1, u2], promoteTypes(u1.dtype, u2.dtype));
    const n = aux.size, m = Math.max(n - 1, 0);
    const perm = withIdx ? argsortAlong(aux, 0) : undefined;
    const s = perm ? take1d(aux, perm) : sorted1d(aux);
    const mask = applyOpaque(adjacentMaskOp, [s], { mode: 0 })[0]!;
    const int1d = compress1d(mask, slice1d(s, 0, m));
    if (!perm) return int1d;
    let r1 = compress1d(mask, slice1d(perm, 0, m));
    let r2 = subtract(compress1d(mask, slice1d(perm, Math.min(1, n), m)), u1.size);
    if (i1 && i2) {
      // Values that only meet in the common dtype (int64 / uint64 as float64) can pair within one
      // array: NumPy's indexing then wraps or raises, and so does this.
      r1 = takeChecked(i1, r1, who);
      r2 = takeChecked(i2, r2, who);
    }
    return [int1d, r1, r2] as [NDArray, NDArray, NDArray];
  });
}

/** np.union1d: the sorted unique values of both arrays (flattened), in their common dtype. */
export function union1d(ar1: ArrayLike, ar2: ArrayLike): NDArray {
  const who = 'union1d';
  return scope(() => {
    const a1 = toArray(ar1, who), a2 = toArray(ar2, who);
    return uniqueValues(concat1d([a1, a2], promoteTypes(a1.dtype, a2.dtype)), who);
  });
}

export interface Setdiff1dOptions { assume_unique?: boolean }

/** np.setdiff1d: the unique values of ar1 that are not in ar2 (ar1's dtype; sorted unless assume_unique). */
export function setdiff1d(ar1: ArrayLike, ar2: ArrayLike, opts: Setdiff1dOptions = {}): NDArray {
  const who = 'setdiff1d';
  checkOptions(opts, ['assume_unique'], who);
  return scope(() => {
    const a1 = toArray(ar1, who), a2 = toArray(ar2, who);
    const u1 = opts.assume_unique ? flat(a1) : uniqueValues(a1, who);
    const u2 = opts.assume_unique ? flat(a2) : uniqueValues(a2, who);
    // NumPy: ar1[_isin(ar1, ar2, assume_unique=True, invert=True)]
    const keep = isinAs(u1, flat(u2), true, true, null, who);
    return compress1d(keep, u1);
  });
}

export interface Setxor1dOptions { assume_unique?: boolean }

/** np.setxor1d: the sorted values in exactly one of the arrays (flattened), in their common dtype. */
export function setxor1d(ar1: ArrayLike, ar2: ArrayLike, opts: Setxor1dOptions = {}): NDArray {
  const who = 'setxor1d';
  checkOptions(opts, ['assume_unique'], who);
  return scope(() => {
    const a1 = toArray(ar1, who), a2 = toArray(ar2, who);
    const u1 = opts.assume_unique ? a1 : uniqueValues(a1, who);
    const u2 = opts.assume_unique ? a2 : uniqueValues(a2, who);
    const aux = concat1d([u1, u2], promoteTypes(u1.dtype, u2.dtype));
    if (aux.size === 0) return aux;
    const s = sorted1d(aux);
    const mask = applyOpaque(adjacentMaskOp, [s], { mode: 1 })[0]!;
    return compress1d(mask, s);
  });
}
