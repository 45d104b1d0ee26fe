// Shared plumbing of the sorting, searching, set and counting routines: input conversion, the
// count-then-fill protocol of data-dependent outputs, 1-D gathers and concatenation.
//
// Outputs whose size depends on the data (nonzero, unique, extract, the set routines) take two
// native calls: a count (an int64 [1] array read back on the host) and a fill into an array of
// exactly that size. The alternative, allocating at the upper bound and returning a shrunken
// view, would pin the full-size buffer behind every small result (a view keeps its storage), and
// parallel fills need the per-chunk counts anyway.
import { castInto } from '../../core/apply.js';
import type { DType } from '../../core/dtype.js';
import { NDArray, type Scalar } from '../../core/ndarray.js';
import { defineOp } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { type ArrayInput, asarray } from '../creation/array.js';
import { ravel } from '../manip/views.js';
import { gatherGrad } from '../indexing/scatter_add.js';
import { flatnonzero } from './nonzero.js';

export { dtypeCode } from '../../core/dtype.js';

/** What the routines accept where NumPy accepts array_like. */
export type ArrayLike = ArrayInput | Scalar;

/** `x` as an NDArray (NumPy's asarray): NDArrays pass through, JS values become new arrays. */
export function toArray(x: ArrayLike, who: string): NDArray {
  if (x instanceof NDArray) {
    x._check(who);
    return x;
  }
  try {
    return asarray(x);
  } catch (e) {
    if (e instanceof Error && !e.message.startsWith(`${who}:`)) e.message = `${who}: ${e.message.replace(/^\w+: /, '')}`;
    throw e;
  }
}

/** Reads the int64 [1] (or [2]) result of a counting command and frees it. */
export function readInts(a: NDArray): number[] {
  try {
    return [...(a._readRawSync('count') as BigInt64Array)].map(Number);
  } finally {
    a.dispose();
  }
}

// ---- gathers -----------------------------------------------------------------------------------

export const takeOp = defineOp({
  name: 'take_1d',
  kind: 'opaque',
  acceptsComplex: true, // elements copied by itemsize (native/src/unique.cc)
  nin: 2,
  infer: ([src, idx]) => [{ shape: idx!.shape, dtype: src!.dtype }],
  vjp: ([g], { inputs: [, idx], inputMeta }) => {
    const ix = idx as NDArray;
    return [gatherGrad(g!, inputMeta[0]!.shape, [ix], { mode: 'raise', bshape: ix.shape, pos: 0 }), null];
  },
  vjpSaves: { outputs: false },
});

/** src[idx] for a 1-D `src` and int64 indices already known to be in range. */
export function take1d(src: NDArray, idx: NDArray): NDArray {
  return applyOpaque(takeOp, [src, idx], {})[0]!;
}

/**
 * src[idx] with NumPy's indexing rules for int64 indices read on the host (negative ones count from
 * the end; others raise IndexError as NumPy words it). For the small index arrays of the set routines.
 */
export function takeChecked(src: NDArray, idx: NDArray, who: string): NDArray {
  const n = src.shape[0]!;
  const raw = idx._readRawSync(who) as BigInt64Array;
  const fixed = new BigInt64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i]!;
    const w = v < 0n ? v + BigInt(n) : v;
    if (w < 0n || w >= BigInt(n)) throw new RangeError(`${who}: index ${v} is out of bounds for axis 0 with size ${n}`);
    fixed[i] = w;
  }
  const ix = NDArray._fromStorageData(fixed, idx.shape, 'int64', idx.device);
  try {
    return take1d(src, ix);
  } finally {
    ix.dispose();
  }
}

export const countNonzeroOp = defineOp({
  name: 'count_nonzero_total',
  kind: 'opaque',
  nin: 1,
  infer: () => [{ shape: [1], dtype: 'int64' }],
});

/** The number of nonzero (true) elements of `a`, any layout. */
export function countNonzero(a: NDArray): number {
  return readInts(applyOpaque(countNonzeroOp, [a], {})[0]!)[0]!;
}

export interface CompressAttrs { count: number }

export const compressOp = defineOp<CompressAttrs>({
  name: 'compress_1d',
  kind: 'opaque',
  acceptsComplex: true, // arr's elements move as bytes (1..16, native/src/nonzero.cc); a complex cond stops at count_nonzero
  nin: 2,
  attrs: { count: 0 },
  infer: ([, arr], { count }) => [{ shape: [count], dtype: arr!.dtype }],
  // arr's gradient: g added at the positions where cond is nonzero.
  vjp: ([g], { inputs: [cond], inputMeta, attrs: { count } }) => {
    const at = flatnonzero(cond as NDArray);
    return [null, gatherGrad(g!, inputMeta[1]!.shape, [at], { mode: 'raise', bshape: [count], pos: 0 })];
  },
  vjpSaves: { outputs: false },
});

/** arr[cond != 0] for 1-D `cond` and `arr` (arr covering cond's last nonzero). */
export function compress1d(cond: NDArray, arr: NDArray): NDArray {
  const count = countNonzero(cond);
  return applyOpaque(compressOp, [cond, arr], { count })[0]!;
}

export interface AdjacentAttrs {
  /** 0: a[i] == a[i+1] (n - 1 flags); 1: a[i] differs from both neighbours (n flags). */
  mode: number;
}

/** NumPy's == / != between neighbours of a sorted 1-D array (NaN unequal to everything). */
export const adjacentMaskOp = defineOp<AdjacentAttrs>({
  name: 'adjacent_mask',
  kind: 'opaque',
  nin: 1,
  attrs: { mode: 0 },
  infer: ([a], { mode }) => [{ shape: [mode === 0 ? Math.max(a!.shape[0]! - 1, 0) : a!.shape[0]!], dtype: 'bool' }],
});

// ---- shapes and concatenation --------------------------------------------------------------------

/** A 1-D view or copy of `a` (NumPy's ravel), owned by the caller only when it is new. */
export function flat(a: NDArray): NDArray {
  return a.ndim === 1 ? a : ravel(a);
}

/** The 1-D concatenation of `parts` (each raveled) converted to `dtype`. */
export function concat1d(parts: readonly NDArray[], dtype: DType): NDArray {
  const total = parts.reduce((s, p) => s + p.size, 0);
  const out = NDArray._empty([total], dtype, parts[0]?.device);
  let off = 0;
  for (const p of parts) {
    if (p.size > 0) {
      const src = flat(p);
      const dst = out._view([p.size], [1], off);
      castInto(src, dst);
      dst.dispose();
      if (src !== p) src.dispose();
    }
    off += p.size;
  }
  return out;
}

/** Checks an options object's keys against the names a function accepts. */
export function checkOptions(opts: object, names: readonly string[], who: string): void {
  for (const k of Object.keys(opts)) {
    if (!names.includes(k)) throw new TypeError(`${who}: got an unexpected keyword argument '${k}'`);
  }
}
