import { castArray } from '../../core/apply.js';
import { type DType, isInteger, promoteTypes } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { defineOp } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { scope } from '../../core/memory.js';
import { type ArrayLike, checkOptions, readInts, toArray } from './common.js';

export interface SearchsortedAttrs { right: boolean; reverse: boolean }

/**
 * Insertion points of input 1 (v) in the sorted 1-D input 0 (a), optionally through an int64
 * sorter (input 2); `reverse` writes len(a) - index (digitize's decreasing bins, a reversed view).
 */
export const searchsortedOp = defineOp<SearchsortedAttrs>({
  name: 'searchsorted',
  kind: 'opaque',
  nin: 2,
  attrs: { right: false, reverse: false },
  infer: ([, v]) => [{ shape: v!.shape, dtype: 'int64' }],
});

/** min and max of an integer array (int64 [2]); uint64 above 2^63 - 1 reads negative. */
export const intRangeOp = defineOp({
  name: 'int_range',
  kind: 'opaque',
  nin: 1,
  infer: () => [{ shape: [2], dtype: 'int64' }],
});

export function intRange(a: NDArray): [number, number] {
  const [lo, hi] = readInts(applyOpaque(intRangeOp, [a], {})[0]!);
  return [lo!, hi!];
}

export interface SearchsortedOptions {
  side?: 'left' | 'right';
  /** int64-castable indices that sort `a` (e.g. from argsort). */
  sorter?: ArrayLike | null;
}

/** The sorter as NumPy parses it: 1-D, integers that cast safely to int64, len(a) entries in range. */
function sorterArray(s: ArrayLike, n: number, who: string): NDArray {
  const arr = toArray(s, who);
  if (arr.ndim !== 1) throw new TypeError(`${who}: could not parse sorter argument`);
  if (arr.dtype === 'uint64') throw new RangeError(`${who}: could not parse sorter argument`);
  if (!isInteger(arr.dtype) && arr.dtype !== 'bool') throw new TypeError(`${who}: sorter must only contain integers`);
  if (arr.size !== n) throw new RangeError(`${who}: sorter.size must equal a.size`);
  // Entries are checked where the search reads them, as NumPy does (the kernel reports it).
  return arr.dtype === 'int64' ? arr : castArray(arr, 'int64');
}

/** The common dtype NumPy compares a and v in (v's JS values are arrays: int64 or the default float). */
export function searchDType(a: DType, v: DType): DType {
  return promoteTypes(a, v);
}

/** searchsorted on arrays already checked: a 1-D, sorter int64 or absent. */
export function searchsortedCore(a: NDArray, v: NDArray, right: boolean, sorter?: NDArray, reverse = false): NDArray {
  const dt = searchDType(a.dtype, v.dtype);
  const ac = a.dtype === dt ? a : castArray(a, dt);
  const vc = v.dtype === dt ? v : castArray(v, dt);
  try {
    return applyOpaque(searchsortedOp, sorter ? [ac, vc, sorter] : [ac, vc], { right, reverse })[0]!;
  } finally {
    if (ac !== a) ac.dispose();
    if (vc !== v) vc.dispose();
  }
}

/**
 * np.searchsorted: int64 indices where `v`'s elements would be inserted into the sorted 1-D `a`
 * to keep it sorted (`side` 'left': before equal elements, 'right': after). `a` and `v` are
 * compared in their common dtype; NaN sorts last. A scalar `v` gives a 0-d result.
 */
export function searchsorted(a: ArrayLike, v: ArrayLike, opts: SearchsortedOptions = {}): NDArray {
  const who = 'searchsorted';
  checkOptions(opts, ['side', 'sorter'], who);
  const side = opts.side ?? 'left';
  if (side !== 'left' && side !== 'right') throw new RangeError(`${who}: search side must be 'left' or 'right' (got '${String(side)}')`);
  return scope(() => {
    const arr = toArray(a, who);
    if (arr.ndim === 0) throw new RangeError(`${who}: object of too small depth for desired array`);
    if (arr.ndim > 1) throw new RangeError(`${who}: object too deep for desired array`);
    const vals = toArray(v, who);
    const sorter = opts.sorter === undefined || opts.sorter === null ? undefined : sorterArray(opts.sorter, arr.size, who);
    return searchsortedCore(arr, vals, side === 'right', sorter);
  });
}
