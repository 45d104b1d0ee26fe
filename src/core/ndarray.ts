// NDArray: a strided view (shape, strides and offset in elements) of a backend buffer.
// Math methods are attached by src/np (methods.ts), so this file knows no op.
import type { Backend, Device } from '../backends/backend.js';
import { backendOf, defaultDevice } from './device.js';
import { type DType, type TypedArray, isBig, itemsize as itemsizeOf, lanesOf, makeStorage, storageOf } from './dtype.js';
import { Complex } from './complex.js';
import { bf16BitsToNumber, f16BitsToNumber } from './half.js';
import type { ArrayGradState } from './context.js';
import { Storage, trackDisposed, trackNew } from './memory.js';
import { type Shape, contiguousStrides, isCContiguous, isFContiguous, sizeOf } from './shape.js';

/** A JS element value: complex elements are Complex objects (core/complex.ts). */
export type Scalar = number | bigint | boolean | Complex;
export type NestedList = Scalar | NestedList[];

export interface Flags {
  readonly c_contiguous: boolean;
  readonly f_contiguous: boolean;
  readonly owndata: boolean;
  readonly writeable: boolean;
}

/** Hooks the np layer installs: making a C-contiguous copy on any device. */
export const coreHooks: { contiguous?: (a: NDArray) => NDArray } = {};

export class NDArray {
  /** @internal */ _storage: Storage;
  /** @internal */ _strides: readonly number[];
  /** @internal */ _offset: number;
  /** @internal */ _disposed = false;
  /** @internal the FinalizationRegistry watches this array */ _finalized = false;
  /** @internal the array this one views, as NumPy's `base` */ _base: NDArray | null;
  /** @internal autograd's state for this array (src/autograd): a variable, or the tape entry that made it */
  _ag: ArrayGradState | undefined = undefined;
  readonly shape: readonly number[];
  readonly dtype: DType;

  /** @internal use np.* creation functions. */
  constructor(storage: Storage, dtype: DType, shape: Shape, strides: readonly number[], offset: number, base: NDArray | null) {
    this._storage = storage;
    this.dtype = dtype;
    // (a shape that is already frozen, e.g. an input's passed on by an elementwise op, is shared)
    this.shape = Object.isFrozen(shape) ? (shape as readonly number[]) : Object.freeze([...shape]);
    this._strides = strides;
    this._offset = offset;
    this._base = base;
    trackNew(this, storage, storage.device);
  }

  /** @internal a fresh, uninitialised C-contiguous array. */
  static _empty(shape: Shape, dtype: DType, device: Device = defaultDevice()): NDArray {
    const b = backendOf(device);
    const nbytes = sizeOf(shape) * itemsizeOf(dtype);
    const st = new Storage(b, device, b.alloc(nbytes), nbytes);
    return new NDArray(st, dtype, shape, contiguousStrides(shape), 0, null);
  }

  /** @internal an array holding `data` (storage layout, C order). */
  static _fromStorageData(data: TypedArray, shape: Shape, dtype: DType, device: Device = defaultDevice()): NDArray {
    const a = NDArray._empty(shape, dtype, device);
    if (data.byteLength > 0) a._storage.backend.write(a._storage.handle, 0, data);
    return a;
  }

  /** @internal a view sharing this array's storage. */
  _view(shape: Shape, strides: readonly number[], offset: number, dtype: DType = this.dtype): NDArray {
    this._check('view');
    return new NDArray(this._storage, dtype, shape, strides, offset, this._base ?? this);
  }

  /** @internal throws if this array was disposed. */
  _check(who: string): void {
    if (this._disposed) throw new Error(`${who}: array used after dispose()`);
  }

  get ndim(): number { return this.shape.length; }
  get size(): number { return sizeOf(this.shape); }
  get itemsize(): number { return itemsizeOf(this.dtype); }
  get nbytes(): number { return this.size * this.itemsize; }
  /** Strides in bytes, as NumPy reports them. */
  get strides(): number[] { return this._strides.map((s) => s * this.itemsize); }
  get device(): Device { return this._storage.device; }
  get base(): NDArray | null { return this._base; }
  get isDisposed(): boolean { return this._disposed; }
  get flags(): Flags {
    return {
      c_contiguous: isCContiguous(this.shape, this._strides),
      f_contiguous: isFContiguous(this.shape, this._strides),
      owndata: this._base === null,
      writeable: true,
    };
  }
  /** @internal */
  get _backend(): Backend { return this._storage.backend; }

  /** Frees this array's hold on its buffer now (views keep the buffer alive). Idempotent. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    if (this._ag !== undefined) this._ag.disposed(this);
    trackDisposed(this, this._storage, this._storage.device);
  }
  [Symbol.dispose](): void { this.dispose(); }

  // ---- readback -----------------------------------------------------------------------------

  /** @internal C-order storage values (raw bits for float16/bfloat16), read synchronously (CPU). */
  _readRawSync(who = 'dataSync'): TypedArray {
    this._check(who);
    const b = this._backend;
    const st = this._storage;
    if (!b.readSync) {
      throw new Error(`${who}: synchronous readback is not possible on ${this.device.toString()}; use await a.data()`);
    }
    const n = this.size;
    const Ctor = storageOf(this.dtype);
    const isz = this.itemsize;
    const lanes = lanesOf(this.dtype);
    if (isCContiguous(this.shape, this._strides)) {
      const bytes = b.readSync(st.handle, this._offset * isz, n * isz);
      return new Ctor(bytes.buffer, bytes.byteOffset, n * lanes);
    }
    // Gather a strided view on the host (CPU memory is host-visible).
    const all = b.readSync(st.handle, 0, st.nbytes);
    const src = new Ctor(all.buffer, all.byteOffset, Math.floor(st.nbytes / isz) * lanes);
    const out = makeStorage(this.dtype, n);
    gatherStrided(src, out, this.shape, this._strides, this._offset, lanes);
    return out;
  }

  /** @internal C-order storage values, on any device. */
  async _readRaw(): Promise<TypedArray> {
    this._check('data');
    const b = this._backend;
    if (b.readSync) return this._readRawSync('data');
    let a: NDArray = this;
    const own = !isCContiguous(this.shape, this._strides);
    if (own) {
      if (!coreHooks.contiguous) throw new Error('data: no contiguous-copy kernel installed');
      a = coreHooks.contiguous(this);
    }
    try {
      const isz = a.itemsize;
      const bytes = await b.read(a._storage.handle, a._offset * isz, a.size * isz);
      const Ctor = storageOf(a.dtype);
      return new Ctor(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), 0, a.size * lanesOf(a.dtype));
    } finally {
      if (own) a.dispose();
    }
  }

  /**
   * The values in C order as a typed array (a copy). float16/bfloat16 come back as Float32Array,
   * bool as Uint8Array of 0/1, int64/uint64 as BigInt64Array/BigUint64Array. CPU only.
   */
  dataSync(): TypedArray {
    return decodeHalf(this.dtype, this._readRawSync('dataSync'));
  }

  /** Like dataSync(), on every device. */
  async data(): Promise<TypedArray> {
    return decodeHalf(this.dtype, await this._readRaw());
  }

  /** Nested JS arrays of numbers (bigint for int64/uint64, boolean for bool), like ndarray.tolist(). */
  tolist(): NestedList {
    return nest(valuesOf(this.dtype, this._readRawSync('tolist')), this.shape);
  }

  async tolist_async(): Promise<NestedList> {
    return nest(valuesOf(this.dtype, await this._readRaw()), this.shape);
  }

  /** The single element of a size-1 array (or the element at a flat index), like ndarray.item(). */
  item(index?: number): Scalar {
    const n = this.size;
    if (index === undefined && n !== 1) {
      throw new RangeError('item: can only convert an array of size 1 to a JS scalar');
    }
    let i = index ?? 0;
    if (i < 0) i += n;
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`item: index ${index} is out of bounds for size ${n}`);
    const raw = this._readRawSync('item');
    if (lanesOf(this.dtype) === 2) return new Complex(raw[2 * i] as number, raw[2 * i + 1] as number);
    return valuesOf(this.dtype, raw)[i]!;
  }
}

/**
 * Copies the strided view (shape, element strides, offset) of `src` into `out` in C order; an
 * element is `lanes` consecutive storage values (2 for complex).
 */
export function gatherStrided(src: TypedArray, out: TypedArray, shape: Shape, strides: readonly number[], offset: number, lanes = 1): void {
  const nd = shape.length;
  const n = out.length / lanes;
  if (n === 0) return;
  const idx = new Array<number>(nd).fill(0);
  let p = offset;
  const o = out as unknown as { [i: number]: number | bigint };
  const s = src as unknown as { [i: number]: number | bigint };
  for (let k = 0; k < n; k++) {
    if (lanes === 1) o[k] = s[p]!;
    else for (let l = 0; l < lanes; l++) o[k * lanes + l] = s[p * lanes + l]!;
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]!++;
      p += strides[d]!;
      if (idx[d]! < shape[d]!) break;
      p -= strides[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
}

function decodeHalf(dtype: DType, raw: TypedArray): TypedArray {
  if (dtype !== 'float16' && dtype !== 'bfloat16') return raw;
  const f = dtype === 'float16' ? f16BitsToNumber : bf16BitsToNumber;
  const out = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = f(raw[i] as number);
  return out;
}

/** Storage values → JS scalars (numbers, bigints, booleans, Complex) in C order. */
export function valuesOf(dtype: DType, raw: TypedArray): Scalar[] {
  if (lanesOf(dtype) === 2) {
    const m = raw.length / 2;
    const c = new Array<Scalar>(m);
    for (let i = 0; i < m; i++) c[i] = new Complex(raw[2 * i] as number, raw[2 * i + 1] as number);
    return c;
  }
  const n = raw.length;
  const out = new Array<Scalar>(n);
  if (dtype === 'bool') for (let i = 0; i < n; i++) out[i] = raw[i] !== 0;
  else if (dtype === 'float16') for (let i = 0; i < n; i++) out[i] = f16BitsToNumber(raw[i] as number);
  else if (dtype === 'bfloat16') for (let i = 0; i < n; i++) out[i] = bf16BitsToNumber(raw[i] as number);
  else if (isBig(dtype)) for (let i = 0; i < n; i++) out[i] = raw[i] as bigint;
  else for (let i = 0; i < n; i++) out[i] = raw[i] as number;
  return out;
}

function nest(flat: Scalar[], shape: Shape): NestedList {
  if (shape.length === 0) return flat[0]!;
  let pos = 0;
  const build = (d: number): NestedList[] => {
    const len = shape[d]!;
    const out: NestedList[] = new Array(len);
    if (d === shape.length - 1) for (let i = 0; i < len; i++) out[i] = flat[pos++]!;
    else for (let i = 0; i < len; i++) out[i] = build(d + 1);
    return out;
  };
  return build(0);
}
