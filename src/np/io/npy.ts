// The .npy format (NumPy's numpy/lib/format.py, versions 1.0, 2.0 and 3.0), as a pure codec on raw
// element storage: no NDArray here. Layout of a file:
//
//   "\x93NUMPY" major minor | header length (u16 LE in 1.0, u32 LE in 2.0/3.0) | header | data
//
// The header is a Python dict literal, `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`,
// latin-1 in 1.0/2.0 and utf-8 in 3.0, padded with spaces and a final '\n' so the data starts at a
// multiple of 64 bytes. Data is the elements in C or Fortran order, as the header says.
//
// quark reads and writes the dtypes it has: bool, int8…uint64, float16, float32, float64 (either byte
// order on load; always little-endian on save), and bfloat16 under the descr 'bfloat16' (ml_dtypes'
// name). NumPy loads such a file only when `ml_dtypes` has been imported (plain NumPy has no
// bfloat16); the other way round, `np.save` of an ml_dtypes bfloat16 array writes the anonymous descr
// '<V2', which quark refuses as it cannot tell what the two bytes are. Everything else (object
// arrays, structured/record dtypes, strings, complex, datetimes, float128) is refused with an error.

import { itemsize, lanesOf, npyDescr, storageOf, type DType, type TypedArray } from '../../core/dtype.js';

/** One array as stored in a .npy file: element storage in the file's memory order. */
export interface RawArray {
  dtype: DType;
  shape: number[];
  /**
   * Exactly prod(shape) elements in the file's memory order (C, or Fortran when `fortranOrder`),
   * in the storage type `storageOf(dtype)`: float16/bfloat16 as raw Uint16 bits, bool as 0/1 bytes.
   */
  data: TypedArray;
  fortranOrder: boolean;
}

export interface EncodeNpyOptions {
  /** Format version; by default the lowest that can hold the header (as NumPy chooses). */
  version?: 1 | 2 | 3;
}

export interface DecodeNpyOptions {
  /** Largest array data, in bytes, that will be accepted (default: the input's own length). */
  maxBytes?: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const MAGIC_LEN = 8; // magic + major + minor
const ARRAY_ALIGN = 64;
const GROWTH_AXIS_MAX_DIGITS = 21;
/** NumPy's limit on array dimensions. */
const MAX_NDIM = 64;

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function fail(msg: string): never {
  throw new Error(`np.load: ${msg}`);
}

// ---- descr <-> dtype -------------------------------------------------------------------------

const BY_KIND_SIZE: Record<string, DType> = {
  b1: 'bool', i1: 'int8', u1: 'uint8', i2: 'int16', u2: 'uint16', i4: 'int32', u4: 'uint32',
  i8: 'int64', u8: 'uint64', f2: 'float16', f4: 'float32', f8: 'float64', c8: 'complex64', c16: 'complex128',
};

/** dtype and byte order (true = big-endian) of a .npy descr, or undefined when quark has no such dtype. */
function parseDescr(descr: string): { dtype: DType; bigEndian: boolean } | undefined {
  if (descr === 'bfloat16' || descr === '<bfloat16' || descr === '=bfloat16') {
    return { dtype: 'bfloat16', bigEndian: false };
  }
  const m = /^([<>|=]?)([a-z])(\d+)$/.exec(descr);
  if (!m) return undefined;
  const dtype = BY_KIND_SIZE[m[2]! + m[3]!];
  if (!dtype) return undefined;
  // '|' (not applicable) and '=' (native) read as the host order, which is little-endian here.
  return { dtype, bigEndian: m[1] === '>' && itemsize(dtype) > 1 };
}

const SUPPORTED = 'bool, int8, uint8, int16, uint16, int32, uint32, int64, uint64, float16, bfloat16, float32, float64, complex64, complex128';

function describeUnsupported(descr: HeaderValue): string {
  const shown = typeof descr === 'string' ? `'${descr}'` : pyRepr(descr);
  let what = '';
  if (typeof descr === 'string') {
    const m = /^[<>|=]?([a-zA-Z])/.exec(descr);
    const k = m?.[1];
    if (k === 'O') what = ' (object arrays are not supported)';
    else if (k === 'U' || k === 'S' || k === 'a') what = ' (string arrays are not supported)';
    else if (k === 'c') what = ' (complex256 is not supported)';
    else if (k === 'V') what = ' (void/opaque dtypes are not supported; an ml_dtypes bfloat16 saved by NumPy reads as <V2)';
    else if (k === 'M' || k === 'm') what = ' (datetime/timedelta dtypes are not supported)';
  } else if (Array.isArray(descr)) {
    what = ' (structured dtypes are not supported)';
  }
  return `unsupported dtype descr ${shown}${what}; quark supports ${SUPPORTED}`;
}

// ---- header: a tiny parser for the Python literals NumPy writes ------------------------------

/** A Python float in a header (kept apart from ints: `(3.0,)` is not a valid shape). */
class PyFloat {
  constructor(readonly value: number) {}
}

type HeaderValue = string | number | boolean | null | PyFloat | HeaderValue[] | { tuple: HeaderValue[] } | Map<string, HeaderValue>;

function isTuple(v: HeaderValue): v is { tuple: HeaderValue[] } {
  return typeof v === 'object' && v !== null && 'tuple' in v;
}

function pyRepr(v: HeaderValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (v instanceof PyFloat) return Number.isInteger(v.value) ? `${v.value}.0` : String(v.value);
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `'${k}': ${pyRepr(x)}`).join(', ')}}`;
  return v.tuple.length === 1 ? `(${pyRepr(v.tuple[0]!)},)` : `(${v.tuple.map(pyRepr).join(', ')})`;
}

const MAX_DEPTH = 32;

class HeaderParser {
  private i = 0;
  constructor(private readonly s: string) {}

  private err(what: string): never {
    const shown = this.s.length > 200 ? this.s.slice(0, 200) + '…' : this.s;
    fail(`cannot parse .npy header (${what} at offset ${this.i}): ${JSON.stringify(shown)}`);
  }

  private ws(): void {
    while (this.i < this.s.length) {
      const c = this.s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11) this.i++;
      else break;
    }
  }

  parseTop(): HeaderValue {
    const v = this.value(0);
    this.ws();
    if (this.i !== this.s.length) this.err('unexpected trailing characters');
    return v;
  }

  private value(depth: number): HeaderValue {
    if (depth > MAX_DEPTH) this.err('nesting too deep');
    this.ws();
    const c = this.s[this.i];
    if (c === undefined) this.err('unexpected end');
    if (c === '{') return this.dict(depth);
    if (c === '(') {
      const { items, trailingComma } = this.seq(')', depth);
      // `(x)` is just x in Python; `(x,)` is a 1-tuple; `()` is the empty tuple.
      if (items.length === 1 && !trailingComma) return items[0]!;
      return { tuple: items };
    }
    if (c === '[') return this.seq(']', depth).items;
    if (c === "'" || c === '"') return this.str();
    if (c === '-' || c === '+' || (c >= '0' && c <= '9')) return this.num();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i, this.i + 16));
    if (m) {
      const w = m[0];
      if (w === 'True' || w === 'False' || w === 'None') {
        this.i += w.length;
        return w === 'True' ? true : w === 'False' ? false : null;
      }
    }
    this.err('unexpected character');
  }

  private dict(depth: number): Map<string, HeaderValue> {
    const out = new Map<string, HeaderValue>();
    this.i++; // {
    for (;;) {
      this.ws();
      if (this.s[this.i] === '}') { this.i++; return out; }
      const k = this.value(depth + 1);
      if (typeof k !== 'string') this.err('dict key is not a string');
      this.ws();
      if (this.s[this.i] !== ':') this.err("expected ':'");
      this.i++;
      const v = this.value(depth + 1);
      if (out.has(k)) this.err(`duplicate key '${k}'`);
      out.set(k, v);
      this.ws();
      if (this.s[this.i] === ',') { this.i++; continue; }
      if (this.s[this.i] === '}') { this.i++; return out; }
      this.err("expected ',' or '}'");
    }
  }

  private seq(close: string, depth: number): { items: HeaderValue[]; trailingComma: boolean } {
    const items: HeaderValue[] = [];
    this.i++;
    let trailingComma = false;
    for (;;) {
      this.ws();
      if (this.s[this.i] === close) { this.i++; return { items, trailingComma }; }
      items.push(this.value(depth + 1));
      trailingComma = false;
      this.ws();
      if (this.s[this.i] === ',') { this.i++; trailingComma = true; continue; }
      if (this.s[this.i] === close) { this.i++; return { items, trailingComma }; }
      this.err(`expected ',' or '${close}'`);
    }
  }

  private str(): string {
    const q = this.s[this.i]!;
    this.i++;
    let out = '';
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined || c === '\n') this.err('unterminated string');
      this.i++;
      if (c === q) return out;
      if (c === '\\') {
        const e = this.s[this.i];
        if (e === undefined) this.err('unterminated string');
        this.i++;
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
        if (e in simple) out += simple[e];
        else if (e === 'x' || e === 'u') {
          const n = e === 'x' ? 2 : 4;
          const hex = this.s.slice(this.i, this.i + n);
          if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) this.err('bad escape');
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += n;
        } else out += '\\' + e;
      } else out += c;
    }
  }

  private num(): number | PyFloat {
    const m = /^[-+]?(?:\d[\d_]*)(\.\d*)?([eE][-+]?\d+)?(L?)/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) this.err('bad number');
    this.i += m[0].length;
    const t = m[0].replace(/_/g, '').replace(/L$/, ''); // 'L': Python 2 longs in old headers
    if ((m[1] !== undefined || m[2] !== undefined) && !m[3]) return new PyFloat(Number(t));
    return Number(t);
  }
}

// ---- encode ----------------------------------------------------------------------------------

function shapeRepr(shape: readonly number[]): string {
  if (shape.length === 0) return '()';
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

function checkShape(shape: readonly number[], who: string): number {
  if (!Array.isArray(shape)) throw new TypeError(`${who}: shape must be an array of integers`);
  if (shape.length > MAX_NDIM) throw new Error(`${who}: too many dimensions (${shape.length} > ${MAX_NDIM})`);
  let n = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw new Error(`${who}: invalid shape ${shapeRepr(shape)}`);
    n *= d;
  }
  if (!Number.isSafeInteger(n)) throw new Error(`${who}: shape ${shapeRepr(shape)} is too large`);
  return n;
}

function latin1Encode(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255) throw new Error('np.save: header is not latin-1; use version 3');
    out[i] = c;
  }
  return out;
}

/** Serialises an array as a .npy file, byte-for-byte what NumPy's `np.save` writes for the same array. */
export function encodeNpy(a: RawArray, opts: EncodeNpyOptions = {}): Uint8Array {
  if (!LITTLE_ENDIAN_HOST) throw new Error('np.save: big-endian hosts are not supported');
  const who = 'np.save';
  const n = checkShape(a.shape, who);
  const Storage = storageOf(a.dtype);
  if (!(a.data instanceof Storage)) {
    throw new TypeError(`${who}: data for dtype ${a.dtype} must be a ${Storage.name}, got ${a.data?.constructor?.name}`);
  }
  if (a.data.length !== n * lanesOf(a.dtype)) {
    throw new Error(`${who}: data has ${a.data.length} elements but shape ${shapeRepr(a.shape)} needs ${n}`);
  }
  const version = opts.version;
  if (version !== undefined && version !== 1 && version !== 2 && version !== 3) {
    throw new Error(`${who}: unsupported .npy format version ${String(version)} (1, 2 or 3)`);
  }

  let header = `{'descr': '${npyDescr(a.dtype)}', 'fortran_order': ${a.fortranOrder ? 'True' : 'False'}, 'shape': ${shapeRepr(a.shape)}, }`;
  // NumPy leaves room to grow the (first, or last in Fortran order) axis in place.
  if (a.shape.length > 0) {
    const grow = String(a.shape[a.fortranOrder ? a.shape.length - 1 : 0]);
    header += ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - grow.length));
  }

  const wrap = (v: 1 | 2 | 3): Uint8Array | undefined => {
    const hbytes = v === 3 ? new TextEncoder().encode(header) : latin1Encode(header);
    const lenSize = v === 1 ? 2 : 4;
    const hlen = hbytes.length + 1; // + '\n'
    const padlen = ARRAY_ALIGN - ((MAGIC_LEN + lenSize + hlen) % ARRAY_ALIGN);
    const total = hlen + padlen;
    if (v === 1 && total > 0xffff) return undefined;
    const dataBytes = a.data.byteLength;
    const out = new Uint8Array(MAGIC_LEN + lenSize + total + dataBytes);
    out.set(MAGIC, 0);
    out[6] = v;
    out[7] = 0;
    const dv = new DataView(out.buffer);
    if (v === 1) dv.setUint16(8, total, true);
    else dv.setUint32(8, total, true);
    let p = MAGIC_LEN + lenSize;
    out.set(hbytes, p);
    p += hbytes.length;
    out.fill(0x20, p, p + padlen);
    p += padlen;
    out[p++] = 0x0a;
    let src = new Uint8Array(a.data.buffer, a.data.byteOffset, dataBytes);
    if (a.dtype === 'bool') {
      // storage is 0/1 already; normalise anyway so NumPy never sees other byte values
      src = src.map((x) => (x ? 1 : 0));
    }
    out.set(src, p);
    return out;
  };

  if (version !== undefined) {
    const out = wrap(version);
    if (!out) throw new Error(`${who}: header too long for .npy format version 1.0`);
    return out;
  }
  return wrap(1) ?? wrap(2)!;
}

// ---- decode ----------------------------------------------------------------------------------

function swapBytes(b: Uint8Array, size: number): void {
  for (let i = 0; i + size <= b.length; i += size) {
    for (let lo = i, hi = i + size - 1; lo < hi; lo++, hi--) {
      const t = b[lo]!;
      b[lo] = b[hi]!;
      b[hi] = t;
    }
  }
}

/** Reads a .npy file. Throws `Error('np.load: …')` on anything malformed, truncated or unsupported. */
export function decodeNpy(bytes: Uint8Array, opts: DecodeNpyOptions = {}): RawArray {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('np.load: expected the file contents as a Uint8Array');
  if (!LITTLE_ENDIAN_HOST) fail('big-endian hosts are not supported');
  const maxBytes = opts.maxBytes ?? bytes.length;

  if (bytes.length < MAGIC_LEN) fail(`not a .npy file: only ${bytes.length} bytes, too short for the magic string`);
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) fail('not a .npy file: the magic string \\x93NUMPY is missing');
  }
  const major = bytes[6]!, minor = bytes[7]!;
  if ((major !== 1 && major !== 2 && major !== 3) || minor !== 0) {
    fail(`unsupported .npy format version ${major}.${minor} (1.0, 2.0 and 3.0 are known)`);
  }
  const lenSize = major === 1 ? 2 : 4;
  if (bytes.length < MAGIC_LEN + lenSize) fail('truncated .npy file: header length is missing');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hlen = major === 1 ? dv.getUint16(MAGIC_LEN, true) : dv.getUint32(MAGIC_LEN, true);
  const hstart = MAGIC_LEN + lenSize;
  const dataStart = hstart + hlen;
  if (dataStart > bytes.length) {
    fail(`truncated .npy header: it declares ${hlen} bytes but only ${bytes.length - hstart} are present`);
  }
  const hbytes = bytes.subarray(hstart, dataStart);
  let header: string;
  if (major === 3) {
    try {
      header = new TextDecoder('utf-8', { fatal: true }).decode(hbytes);
    } catch {
      fail('.npy header is not valid utf-8');
    }
  } else {
    header = new TextDecoder('latin1').decode(hbytes);
  }

  const d = new HeaderParser(header).parseTop();
  if (!(d instanceof Map)) fail(`.npy header is not a dictionary: ${pyRepr(d).slice(0, 200)}`);
  const keys = [...d.keys()].sort();
  if (keys.length !== 3 || keys[0] !== 'descr' || keys[1] !== 'fortran_order' || keys[2] !== 'shape') {
    fail(`.npy header does not contain the correct keys (descr, fortran_order, shape): ${JSON.stringify(keys)}`);
  }
  const shapeV = d.get('shape')!;
  const fortranV = d.get('fortran_order')!;
  const descrV = d.get('descr')!;
  if (!isTuple(shapeV) || !shapeV.tuple.every((x) => typeof x === 'number' && Number.isInteger(x))) {
    fail(`shape is not a tuple of integers: ${pyRepr(shapeV)}`);
  }
  const shape = shapeV.tuple as number[];
  if (shape.length > MAX_NDIM) fail(`too many dimensions in shape (${shape.length} > ${MAX_NDIM})`);
  for (const x of shape) {
    if (x < 0) fail(`negative dimension in shape ${shapeRepr(shape)}`);
    if (!Number.isSafeInteger(x)) fail(`dimension too large in shape ${pyRepr(shapeV)}`);
  }
  if (typeof fortranV !== 'boolean') fail(`fortran_order is not a valid bool: ${pyRepr(fortranV)}`);
  const parsed = typeof descrV === 'string' ? parseDescr(descrV) : undefined;
  if (!parsed) fail(describeUnsupported(descrV));
  const { dtype, bigEndian } = parsed;
  const size = itemsize(dtype);

  // Element count and byte size, checked against what is present before allocating anything.
  const available = bytes.length - dataStart;
  let count = 1;
  if (!shape.includes(0)) {
    for (const x of shape) {
      count *= x;
      if (count * size > available || count * size > maxBytes) {
        // finish the product (bounded by the 64-dim limit) for the message, in BigInt to stay exact
        const total = shape.reduce((p, y) => p * BigInt(y), 1n) * BigInt(size);
        if (total > BigInt(maxBytes) && BigInt(maxBytes) < BigInt(available)) {
          fail(`array of shape ${shapeRepr(shape)} (${total} bytes of ${dtype}) exceeds the limit maxBytes=${maxBytes}`);
        }
        fail(`truncated .npy data: shape ${shapeRepr(shape)} of ${dtype} needs ${total} bytes but only ${available} are present`);
      }
    }
  } else count = 0;
  const nbytes = count * size;
  if (nbytes > maxBytes) fail(`array of ${nbytes} bytes exceeds the limit maxBytes=${maxBytes}`);

  // Copy into fresh (aligned) storage; trailing bytes after the data are ignored, like NumPy does.
  const buf = new ArrayBuffer(nbytes);
  const raw = new Uint8Array(buf);
  raw.set(bytes.subarray(dataStart, dataStart + nbytes));
  if (bigEndian) swapBytes(raw, size / lanesOf(dtype)); // complex: each part swaps on its own
  if (dtype === 'bool') {
    for (let i = 0; i < raw.length; i++) if (raw[i]! > 1) raw[i] = 1;
  }
  const data = new (storageOf(dtype))(buf, 0, count * lanesOf(dtype));
  return { dtype, shape: [...shape], data, fortranOrder: fortranV };
}
