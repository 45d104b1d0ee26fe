// np.frombuffer and np.fromfunction.
import { parseDevice } from '../../core/device.js';
import { type DTypeLike, type TypedArray, defaults, itemsize, makeStorage, storageOf, toDType } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { checkShape, contiguousStrides, sizeOf } from '../../core/shape.js';
import type { CreationOptions } from './array.js';
import { arange } from './arange.js';
import { cpuDevice, indexArg } from './host.js';

export interface FrombufferOptions extends CreationOptions {
  /** Number of items to read; negative (the default, -1) reads to the end of the buffer. */
  count?: number;
  /** Start reading at this byte offset (default 0). */
  offset?: number;
}

/**
 * np.frombuffer(buffer, { dtype: 'float64', count: -1, offset: 0, device }): the bytes of an
 * ArrayBuffer (or of the region a typed array / DataView / Buffer covers) read as `dtype`, native
 * little-endian. NumPy returns a view of the buffer; quark copies the bytes into a new array.
 */
export function frombuffer(buffer: ArrayBufferLike | ArrayBufferView, opts: FrombufferOptions = {}): NDArray {
  const who = 'frombuffer';
  let bytes: Uint8Array;
  if (buffer instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer)) {
    bytes = new Uint8Array(buffer);
  } else if (ArrayBuffer.isView(buffer)) {
    bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } else {
    const t = buffer === null ? 'null' : typeof buffer;
    throw new TypeError(`${who}: a bytes-like object (ArrayBuffer or ArrayBufferView) is required, not '${t}'`);
  }
  // NumPy's default dtype here is float64 (the bytes are reinterpreted, not converted).
  const dtype = opts.dtype === undefined ? 'float64' : toDType(opts.dtype, who);
  const dev = parseDevice(opts.device, who);
  const count = indexArg(opts.count ?? -1, who, 'count');
  const offset = indexArg(opts.offset ?? 0, who, 'offset');
  const ts = bytes.byteLength;
  if (offset < 0 || offset > ts) {
    throw new RangeError(`${who}: offset must be non-negative and no greater than buffer length (${ts})`);
  }
  const s = ts - offset;
  const isz = itemsize(dtype);
  let n: number;
  if (count < 0) {
    if (s % isz !== 0) throw new RangeError(`${who}: buffer size must be a multiple of element size`);
    n = s / isz;
  } else {
    if (s < count * isz) throw new RangeError(`${who}: buffer is smaller than requested size`);
    n = count;
  }
  // Copy into fresh (aligned) memory, then view it as the dtype's storage.
  const copy = bytes.slice(offset, offset + n * isz);
  const Ctor = storageOf(dtype);
  const data = new Ctor(copy.buffer, 0, n);
  return NDArray._fromStorageData(data, [n], dtype, dev);
}

export interface FromfunctionOptions extends CreationOptions {}

/** NDArrays reachable from a function's result (itself, or inside arrays / plain objects / Maps). */
function reachable(v: unknown, into: Set<NDArray>, depth = 0): void {
  if (depth > 8 || v === null || typeof v !== 'object') return;
  if (v instanceof NDArray) into.add(v);
  else if (Array.isArray(v)) for (const x of v) reachable(x, into, depth + 1);
  else if (v instanceof Map) for (const x of v.values()) reachable(x, into, depth + 1);
  else if (Object.getPrototypeOf(v) === Object.prototype) for (const x of Object.values(v)) reachable(x, into, depth + 1);
}

/**
 * np.fromfunction(fn, shape, { dtype, device }): calls `fn(i0, i1, …)` with one NDArray of indices
 * per dimension (each of shape `shape`, dtype default float, like NumPy's `indices`) and returns
 * what it returns. Index arrays that are not part of the result are disposed when `fn` returns
 * (when its promise settles, for an async `fn`).
 */
export function fromfunction<R>(fn: (...indices: NDArray[]) => R, shape: number | readonly number[], opts: FromfunctionOptions = {}): R {
  const who = 'fromfunction';
  if (typeof fn !== 'function') throw new TypeError(`${who}: function must be callable`);
  const dims = checkShape(typeof shape === 'number' ? [shape] : [...shape], who);
  const dtype = opts.dtype === undefined ? defaults.float : toDType(opts.dtype as DTypeLike, who);
  const dev = parseDevice(opts.device, who);
  const n = sizeOf(dims);
  const strides = contiguousStrides(dims);
  const args: NDArray[] = [];
  try {
    dims.forEach((len, d) => {
      // NumPy builds each index vector with arange(dim, dtype=dtype): same values, same errors (bool).
      const r = arange(len, { dtype, device: cpuDevice() });
      let src: TypedArray;
      try {
        src = r._readRawSync(who);
      } finally {
        r.dispose();
      }
      const out = makeStorage(dtype, n) as TypedArray & { [i: number]: number | bigint };
      const s = src as unknown as { [i: number]: number | bigint };
      const st = strides[d]!;
      for (let i = 0; i < n; i++) out[i] = s[Math.floor(i / st) % len]!;
      args.push(NDArray._fromStorageData(out, dims, dtype, dev));
    });
  } catch (e) {
    for (const a of args) a.dispose();
    throw e;
  }
  const release = (result: unknown): void => {
    const keep = new Set<NDArray>();
    reachable(result, keep);
    for (const a of args) if (!keep.has(a)) a.dispose();
  };
  let result: R;
  try {
    result = fn(...args);
  } catch (e) {
    for (const a of args) a.dispose();
    throw e;
  }
  if (result instanceof Promise) {
    return result.then(
      (v: unknown) => { release(v); return v; },
      (e: unknown) => { for (const a of args) a.dispose(); throw e; },
    ) as R;
  }
  release(result);
  return result;
}
