// np.eye, np.identity, np.tri, np.tril, np.triu, np.diag, np.diagflat.
import { parseDevice } from '../../core/device.js';
import { type DType, type TypedArray, defaults, lanesOf, makeStorage, toDType } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { checkShape, sizeOf } from '../../core/shape.js';
import { type ArrayInput, type CreationOptions, asarray } from './array.js';
import { toStorageValue } from './fill.js';
import { zeros } from './basic.js';
import { where } from '../math/where.js';
import { indexArg, requireHost } from './host.js';

type Store = TypedArray & { [i: number]: number | bigint };

export interface EyeOptions extends CreationOptions {
  /** Index of the diagonal: 0 the main one, > 0 above, < 0 below. */
  k?: number;
}

const isOpts = (v: unknown): v is EyeOptions => typeof v === 'object' && v !== null;

/** (N, M?, opts?) or (N, opts?): M defaults to N. */
function dims(who: string, N: number, M: number | null | undefined | EyeOptions, opts: EyeOptions | undefined): [number, number, EyeOptions] {
  let o = opts ?? {};
  let m: unknown = M;
  if (isOpts(M)) {
    o = M;
    m = undefined;
  }
  const n = indexArg(N, who, 'N');
  const mm = m === undefined || m === null ? n : indexArg(m, who, 'M');
  return [n, mm, o];
}

function one(dtype: DType, who: string): number | bigint {
  return toStorageValue(1, dtype, who);
}

/** np.eye(N, M?, { k: 0, dtype, device }): ones on the k-th diagonal. dtype defaults to the default float. */
export function eye(N: number, M?: number | null | EyeOptions, opts?: EyeOptions): NDArray {
  const [n, m, o] = dims('eye', N, M, opts);
  return eyeImpl('eye', n, m, o);
}

function eyeImpl(who: string, n: number, m: number, o: EyeOptions): NDArray {
  const k = indexArg(o.k ?? 0, who, 'k');
  const dtype = o.dtype === undefined ? defaults.float : toDType(o.dtype, who);
  const dev = parseDevice(o.device, who);
  const shape = checkShape([n, m], who);
  const data = makeStorage(dtype, sizeOf(shape)) as Store;
  const v = one(dtype, who);
  const L = lanesOf(dtype); // complex: (re, im) per element, the one in re
  for (let r = Math.max(0, -k); r < Math.min(n, m - k); r++) data[(r * m + r + k) * L] = v;
  return NDArray._fromStorageData(data, shape, dtype, dev);
}

export interface IdentityOptions extends CreationOptions {}

/** np.identity(n, { dtype, device }): the n×n identity. */
export function identity(n: number, opts: IdentityOptions = {}): NDArray {
  const who = 'identity';
  const nn = indexArg(n, who, 'n');
  return eyeImpl(who, nn, nn, { dtype: opts.dtype, device: opts.device });
}

/**
 * np.tri(N, M?, { k: 0, dtype, device }): ones at and below the k-th diagonal. As in NumPy, a
 * negative N or M gives an empty dimension rather than an error.
 */
export function tri(N: number, M?: number | null | EyeOptions, opts?: EyeOptions): NDArray {
  const who = 'tri';
  const [n0, m0, o] = dims(who, N, M, opts);
  const k = indexArg(o.k ?? 0, who, 'k');
  const n = Math.max(0, n0), m = Math.max(0, m0);
  const dtype = o.dtype === undefined ? defaults.float : toDType(o.dtype, who);
  const dev = parseDevice(o.device, who);
  const shape = checkShape([n, m], who);
  const data = makeStorage(dtype, sizeOf(shape)) as Store;
  const v = one(dtype, who);
  const L = lanesOf(dtype);
  for (let i = 0; i < n; i++) {
    const end = Math.min(m, i + k + 1);
    for (let j = 0; j < end; j++) data[(i * m + j) * L] = v;
  }
  return NDArray._fromStorageData(data, shape, dtype, dev);
}

export interface TriOptions {
  k?: number;
}

/** An NDArray for an array-like argument; `own` says whether the caller must dispose it. */
function arg(m: NDArray | ArrayInput, who: string): { a: NDArray; own: boolean } {
  if (m instanceof NDArray) {
    m._check(who);
    return { a: m, own: false };
  }
  return { a: asarray(m), own: true };
}

/**
 * tril/triu as NumPy writes them: where(tri(rows, cols, k) as a bool mask, m, 0) over the last two
 * axes (a 1-D input broadcasts to a square matrix). Through recorded ops, so it runs on every device
 * and autograd sees it.
 */
function triMasked(who: string, m: NDArray | ArrayInput, k: number, lower: boolean): NDArray {
  const { a, own } = arg(m, who);
  try {
    if (a.ndim === 0) throw new TypeError(`${who}: input must be at least 1-d (NumPy: tri() missing 1 required positional argument: 'N')`);
    const cols = a.shape[a.ndim - 1]!;
    const rows = a.ndim === 1 ? cols : a.shape[a.ndim - 2]!;
    const mask = tri(rows, cols, { k: lower ? k : k - 1, dtype: 'bool', device: a.device });
    const zero = zeros([], { dtype: a.dtype, device: a.device });
    try {
      return lower ? where(mask, a, zero) : where(mask, zero, a);
    } finally {
      mask.dispose();
      zero.dispose();
    }
  } finally {
    if (own) a.dispose();
  }
}

/**
 * np.tril(m, { k: 0 }): a copy with the elements above the k-th diagonal zeroed, over the last two
 * axes (a 1-D input is broadcast to a square matrix, as NumPy does); `np.tril(m, k)` also works.
 */
export function tril(m: NDArray | ArrayInput, k: number | TriOptions = {}): NDArray {
  return triMasked('tril', m, indexArg((typeof k === 'number' ? k : k.k) ?? 0, 'tril', 'k'), true);
}

/** np.triu(m, { k: 0 }) or np.triu(m, k): a copy with the elements below the k-th diagonal zeroed. */
export function triu(m: NDArray | ArrayInput, k: number | TriOptions = {}): NDArray {
  return triMasked('triu', m, indexArg((typeof k === 'number' ? k : k.k) ?? 0, 'triu', 'k'), false);
}

/** A square matrix with `vals` (C-order storage values) on the k-th diagonal, zeros elsewhere. */
function diagMatrix(who: string, raw: Store, len: number, k: number, a: NDArray): NDArray {
  const n = len + Math.abs(k);
  const shape = checkShape([n, n], who);
  const out = makeStorage(a.dtype, n * n) as Store;
  const L = lanesOf(a.dtype);
  for (let i = 0; i < len; i++) {
    const r = k >= 0 ? i : i - k;
    for (let l = 0; l < L; l++) out[(r * n + r + k) * L + l] = raw[i * L + l]!;
  }
  return NDArray._fromStorageData(out, shape, a.dtype, a.device);
}

export interface DiagOptions {
  k?: number;
}

/**
 * np.diag(v, { k: 0 }): for 1-D `v` a new 2-D array with `v` on the k-th diagonal; for 2-D `v` its
 * k-th diagonal as a view sharing `v`'s memory (NumPy returns a read-only view; this one is writable).
 */
export function diag(v: NDArray | ArrayInput, opts: DiagOptions = {}): NDArray {
  const who = 'diag';
  const k = indexArg(opts.k ?? 0, who, 'k');
  const { a, own } = arg(v, who);
  try {
    if (a.ndim === 1) {
      requireHost(a, who);
      return diagMatrix(who, a._readRawSync(who) as Store, a.shape[0]!, k, a);
    }
    if (a.ndim === 2) {
      const [rows, cols] = a.shape as [number, number];
      const [s0, s1] = a._strides as [number, number];
      const len = Math.max(0, k >= 0 ? Math.min(rows, cols - k) : Math.min(rows + k, cols));
      const off = len === 0 ? a._offset : a._offset + (k >= 0 ? k * s1 : -k * s0);
      return a._view([len], [s0 + s1], off);
    }
    throw new RangeError(`${who}: Input must be 1- or 2-d (got ${a.ndim}-d).`);
  } finally {
    if (own) a.dispose();
  }
}

/** np.diagflat(v, { k: 0 }): a 2-D array with the flattened input on the k-th diagonal. CPU arrays only for now. */
export function diagflat(v: NDArray | ArrayInput, opts: DiagOptions = {}): NDArray {
  const who = 'diagflat';
  const k = indexArg(opts.k ?? 0, who, 'k');
  const { a, own } = arg(v, who);
  try {
    requireHost(a, who);
    return diagMatrix(who, a._readRawSync(who) as Store, a.size, k, a);
  } finally {
    if (own) a.dispose();
  }
}
