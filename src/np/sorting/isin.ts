import { castArray } from '../../core/apply.js';
import { type DType, isInteger, itemsize, kindOf, promoteTypes } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { defineOp } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { scope } from '../../core/memory.js';
import { reshape } from '../manip/views.js';
import { argsortAlong } from './argsort.js';
import { type ArrayLike, adjacentMaskOp, checkOptions, concat1d, flat, take1d, toArray } from './common.js';
import { uniqueParts } from './unique.js';

export interface IsinAttrs {
  invert: boolean;
  /** Input 0 / input 1 hold uint64 values read as int64 (values >= 2^63 match nothing). */
  elementU64: boolean;
  testU64: boolean;
}

/** Whether each element of input 0 equals some element of the 1-D input 1 (same dtype). */
export const isinOp = defineOp<IsinAttrs>({
  name: 'isin',
  kind: 'opaque',
  nin: 2,
  attrs: { invert: false, elementU64: false, testU64: false },
  infer: ([el]) => [{ shape: el!.shape, dtype: 'bool' }],
});

export interface IsinOptions {
  /** Accepted as NumPy does; the result does not depend on it. */
  assume_unique?: boolean;
  invert?: boolean;
  /** NumPy's algorithm choice ('sort', 'table' or null); validated as NumPy does, same result. */
  kind?: 'sort' | 'table' | null;
}

const intLike = (d: DType): boolean => d === 'bool' || isInteger(d);

/** Checks kind='table' the way NumPy does: integer inputs, and a test range that fits its dtype. */
function checkTable(te: NDArray, who: string): void {
  if (te.size === 0) return;
  const vals = (te.tolist() as (number | bigint | boolean)[]).map((v) => BigInt(typeof v === 'boolean' ? Number(v) : v));
  let lo = vals[0]!, hi = vals[0]!;
  for (const v of vals) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const max = dtypeMax(te.dtype);
  // NumPy then allocates a bool table of range + 1 entries; past intp's maximum that fails.
  if (hi - lo <= max && hi - lo + 1n > 2n ** 63n - 1n) throw new RangeError(`${who}: Maximum allowed dimension exceeded`);
  if (hi - lo > max) {
    throw new Error(`${who}: You have specified kind='table', but the range of values in \`ar2\` or \`ar1\` exceed the maximum integer of the datatype. Please set \`kind\` to None or 'sort'.`);
  }
}

/** isin on arrays: element any shape, test 1-D. Compares in the common dtype, exactly for integers. */
export function isinCore(el: NDArray, te: NDArray, invert: boolean): NDArray {
  let dt = promoteTypes(el.dtype, te.dtype);
  let elementU64 = false, testU64 = false;
  if (intLike(el.dtype) && intLike(te.dtype) && !intLike(dt)) {
    // uint64 with a signed type: NumPy's == compares these exactly; so do we, in int64.
    dt = 'int64';
    elementU64 = el.dtype === 'uint64';
    testU64 = te.dtype === 'uint64';
  }
  const cast = (a: NDArray, u64: boolean): NDArray => (a.dtype === dt || u64 ? a : castArray(a, dt));
  const ec = cast(el, elementU64), tc = cast(te, testU64);
  try {
    return applyOpaque(isinOp, [ec, tc], { invert, elementU64, testU64 })[0]!;
  } finally {
    if (ec !== el) ec.dispose();
    if (tc !== te) tc.dispose();
  }
}

/**
 * NumPy's sort-based path of _isin, step for step: unique both, concatenate in the common dtype,
 * stable sort, compare neighbours, scatter back. Used where that path gives something else than
 * comparing values: 64-bit integers that collide in float64, or assume_unique on repeated values.
 */
function isinBySorting(el: NDArray, te: NDArray, invert: boolean, assumeUnique: boolean, who: string): NDArray {
  const a1 = flat(el);
  let u1 = a1, rev: NDArray | undefined;
  let u2 = te;
  if (!assumeUnique) {
    const p1 = uniqueParts(a1, { return_inverse: true }, who);
    u1 = p1.values;
    rev = p1.inverse!;
    u2 = uniqueParts(te, {}, who).values;
  }
  const ar = concat1d([u1, u2], promoteTypes(u1.dtype, u2.dtype));
  const order = argsortAlong(ar, 0);
  const sar = take1d(ar, order);
  const eq = applyOpaque(adjacentMaskOp, [sar], { mode: 0 })[0]!;
  // flag = concatenate((sar[1:] == sar[:-1]) (or !=), [invert]); ret[order] = flag
  const flagVals = eq._readRawSync(who) as Uint8Array;
  const flag = new Uint8Array(ar.size);
  for (let i = 0; i + 1 < ar.size; i++) flag[i] = (flagVals[i]! !== 0) !== invert ? 1 : 0;
  if (ar.size > 0) flag[ar.size - 1] = invert ? 1 : 0;
  const flagArr = NDArray._fromStorageData(flag, [ar.size], 'bool', el.device);
  const ret = take1d(flagArr, argsortAlong(order, 0));
  const out = rev ? take1d(ret, rev) : ret._view([a1.size], [1], 0);
  return reshape(out, el.shape);
}

/** Which of NumPy's three _isin algorithms it picks for these inputs (they differ in corner cases). */
function numpyPath(el: NDArray, te: NDArray, kind: string | null): 'values' | 'sort' {
  const isInt = intLike(el.dtype) && intLike(te.dtype);
  if (isInt && te.size === 0) return 'values';
  if (isInt && kind !== 'sort') {
    const [lo, hi] = bigRange(te);
    const range = hi - lo;
    const below = range <= BigInt(6 * (el.size + te.size));
    if (range <= dtypeMax(te.dtype) && (below || kind === 'table')) return 'values';
  }
  if (te.size < 10 * el.size ** 0.145) return 'values';
  return 'sort';
}

function bigRange(a: NDArray): [bigint, bigint] {
  const vals = (a.tolist() as (number | bigint | boolean)[]).map((v) => BigInt(typeof v === 'boolean' ? Number(v) : v));
  let lo = vals[0]!, hi = vals[0]!;
  for (const v of vals) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

function dtypeMax(d: DType): bigint {
  const bits = d === 'bool' ? 8 : 8 * itemsize(d);
  return kindOf(d) === 'i' ? 2n ** BigInt(bits - 1) - 1n : 2n ** BigInt(bits) - 1n;
}

/** Whether the common dtype loses integer values (64-bit integers meeting a float or each other in float64). */
function lossy(a: DType, b: DType): boolean {
  const big = (d: DType) => d === 'int64' || d === 'uint64';
  return promoteTypes(a, b) === 'float64' && (big(a) || big(b));
}

/** NumPy's _isin on arrays (te 1-D): compares values, except where NumPy's sort path would not. */
export function isinAs(el: NDArray, te: NDArray, invert: boolean, assumeUnique: boolean, kind: string | null, who: string): NDArray {
  if ((lossy(el.dtype, te.dtype) || assumeUnique) && el.size > 0 && numpyPath(el, te, kind) === 'sort') {
    return isinBySorting(el, te, invert, assumeUnique, who);
  }
  return isinCore(el, te, invert);
}

/**
 * np.isin: a bool array of `element`'s shape, true where the element equals one of
 * `test_elements` (flattened), compared in their common dtype (NaN matches nothing, -0.0 matches
 * 0.0); `invert` negates.
 */
export function isin(element: ArrayLike, test_elements: ArrayLike, opts: IsinOptions = {}): NDArray {
  const who = 'isin';
  checkOptions(opts, ['assume_unique', 'invert', 'kind'], who);
  const kind = opts.kind ?? null;
  if (kind !== null && kind !== 'sort' && kind !== 'table') {
    throw new RangeError(`${who}: Invalid kind: '${String(kind)}'. Please use None, 'sort' or 'table'.`);
  }
  return scope(() => {
    const el = toArray(element, who);
    const te = flat(toArray(test_elements, who));
    if (kind === 'table') {
      if (!intLike(el.dtype) || !intLike(te.dtype)) {
        throw new RangeError(`${who}: The 'table' method is only supported for boolean or integer arrays. Please select 'sort' or None for kind.`);
      }
      checkTable(te, who);
    }
    return isinAs(el, te, !!opts.invert, !!opts.assume_unique, kind, who);
  });
}
