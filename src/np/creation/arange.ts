// np.arange, with NumPy's length and fill rules (see host.ts for how values are computed).
import { parseDevice } from '../../core/device.js';
import {
  type DType, type TypedArray, defaults, intFits, isComplex, isFloat, isInteger, itemsize, makeStorage, promoteTypes,
} from '../../core/dtype.js';
import { bf16BitsToNumber, f16BitsToNumber, numberToBf16Bits, numberToF16Bits } from '../../core/half.js';
import { castArray } from '../../core/apply.js';
import { NDArray } from '../../core/ndarray.js';
import { type CreationOptions } from './array.js';
import { dtypeArg, fromFloatHost } from './host.js';

export interface ArangeOptions extends CreationOptions {}

export type ArangeScalar = number | bigint;

/** A Python number as NumPy's arange sees it: an int (exact) or a float. */
type PyNum = { int: bigint } | { float: number };

function pyNum(v: unknown, who: string): PyNum {
  if (typeof v === 'bigint') return { int: v };
  if (typeof v === 'boolean') return { int: v ? 1n : 0n };
  // Beyond ±(2^53 − 1) a JS number has no exact integer meaning: it is a float (use a bigint for big ints).
  if (typeof v === 'number') return Number.isSafeInteger(v) ? { int: BigInt(v) } : { float: v };
  throw new TypeError(`${who}: expected a number or bigint, got ${v === null ? 'null' : typeof v}`);
}

const isInt = (p: PyNum): p is { int: bigint } => 'int' in p;
const asFloat = (p: PyNum): number => (isInt(p) ? Number(p.int) : p.float);
const pyAdd = (a: PyNum, b: PyNum): PyNum => (isInt(a) && isInt(b) ? { int: a.int + b.int } : { float: asFloat(a) + asFloat(b) });
const pySub = (a: PyNum, b: PyNum): PyNum => (isInt(a) && isInt(b) ? { int: a.int - b.int } : { float: asFloat(a) - asFloat(b) });
const pyIsZero = (a: PyNum): boolean => (isInt(a) ? a.int === 0n : a.float === 0);

/** The dtype NumPy's `PyArray_DescrFromObject` gives a Python number (at least intp). */
function pyNumDType(p: PyNum, who: string): DType {
  if (!isInt(p)) return 'float64';
  if (intFits(p.int, 'int64')) return 'int64';
  if (intFits(p.int, 'uint64')) return 'uint64';
  throw new RangeError(`${who}: integer ${p.int} does not fit int64 or uint64 (NumPy would make an object array)`);
}

const MAX_INTP = 2 ** 63;

/** NumPy's `_calc_length`: ceil((stop - start) / step) with Python's arithmetic and NumPy's errors. */
function arangeLength(start: PyNum, stop: PyNum, step: PyNum, who: string): number {
  const diff = pySub(stop, start);
  if (pyIsZero(step)) {
    throw new RangeError(`${who}: ${isInt(diff) && isInt(step) ? 'division by zero' : 'float division by zero'} (step is zero)`);
  }
  const val = asFloat(diff) / asFloat(step); // Python true division (exact for |ints| ≤ 2^53)
  if (pyIsZero(diff)) return 0;
  if (Number.isNaN(val)) throw new RangeError(`${who}: arange: cannot compute length`);
  if (val === 0) return Object.is(val, -0) ? 0 : 1; // underflow, or division by ±inf
  const c = Math.ceil(val);
  if (!(-MAX_INTP <= c && c <= MAX_INTP)) throw new RangeError(`${who}: Maximum allowed size exceeded`);
  if (c === MAX_INTP) return 0; // (npy_intp)2^63 wraps to INT64_MIN in NumPy: an empty result
  return Math.max(0, c);
}

/** NumPy's setitem of a Python number into an element of `dtype`, with its errors. */
function setItem(p: PyNum, dtype: DType, who: string): number | bigint {
  if (dtype === 'bool') return pyIsZero(p) ? 0 : 1;
  if (isFloat(dtype)) {
    const x = asFloat(p);
    if (dtype === 'float16') return numberToF16Bits(x);
    if (dtype === 'bfloat16') return numberToBf16Bits(x);
    return dtype === 'float32' ? Math.fround(x) : x;
  }
  let v: bigint;
  if (isInt(p)) v = p.int;
  else {
    if (Number.isNaN(p.float)) throw new RangeError(`${who}: cannot convert float NaN to integer`);
    if (!Number.isFinite(p.float)) throw new RangeError(`${who}: cannot convert float infinity to integer`);
    v = BigInt(Math.trunc(p.float));
  }
  if (!intFits(v, 'int64') && !(dtype === 'uint64' && intFits(v, 'uint64'))) {
    throw new RangeError(`${who}: Python int too large to convert to C long (${v})`);
  }
  if (!intFits(v, dtype)) throw new RangeError(`${who}: Python integer ${v} out of bounds for ${dtype}`);
  return dtype === 'int64' || dtype === 'uint64' ? v : Number(v);
}

/** NumPy's `<TYPE>_fill`: buf[i] = buf[0] + i * (buf[1] - buf[0]), in the element type. */
function arangeFill(b0: number | bigint, b1: number | bigint, len: number, dtype: DType): TypedArray {
  const out = makeStorage(dtype, len);
  if (len === 0) return out;
  if (dtype === 'bool' || len <= 2) {
    const o = out as unknown as { [i: number]: number | bigint };
    o[0] = b0;
    if (len > 1) o[1] = b1;
    return out;
  }
  if (dtype === 'float64' || dtype === 'float32') {
    const o = out as Float64Array | Float32Array;
    const s = b0 as number;
    if (dtype === 'float64') {
      const d = (b1 as number) - s;
      o[0] = s;
      o[1] = b1 as number;
      for (let i = 2; i < len; i++) o[i] = s + i * d;
    } else {
      const f = Math.fround;
      const d = f((b1 as number) - s);
      o[0] = s;
      o[1] = b1 as number;
      for (let i = 2; i < len; i++) o[i] = f(s + f(f(i) * d));
    }
    return out;
  }
  if (dtype === 'float16' || dtype === 'bfloat16') {
    const toNum = dtype === 'float16' ? f16BitsToNumber : bf16BitsToNumber;
    const toBits = dtype === 'float16' ? numberToF16Bits : numberToBf16Bits;
    const f = Math.fround;
    const o = out as Uint16Array;
    const s = toNum(b0 as number);
    const d = f(toNum(b1 as number) - s);
    o[0] = b0 as number;
    o[1] = b1 as number;
    for (let i = 2; i < len; i++) o[i] = toBits(f(s + f(f(i) * d)));
    return out;
  }
  // Integers: the C arithmetic wraps, so buf[i] = (b0 + i·(b1 − b0)) mod 2^bits.
  const s = Number(b0), d = Number(b1) - Number(b0);
  const safe = Math.abs(s) + Math.abs(d) * len <= Number.MAX_SAFE_INTEGER
    && Number.isSafeInteger(s) && Number.isSafeInteger(Number(b1));
  if (dtype === 'int64' || dtype === 'uint64') {
    if (safe) {
      // Write the two 32-bit halves (little-endian) instead of making a BigInt per element.
      const w = new Int32Array(out.buffer, out.byteOffset, 2 * len);
      for (let i = 0; i < len; i++) {
        const v = s + i * d;
        w[2 * i] = v | 0;
        w[2 * i + 1] = Math.floor(v / 4294967296);
      }
    } else {
      const o = out as BigInt64Array | BigUint64Array;
      const bs = BigInt(b0), bd = BigInt(b1) - BigInt(b0);
      for (let i = 0; i < len; i++) o[i] = bs + BigInt(i) * bd; // assignment wraps mod 2^64
    }
    return out;
  }
  const o = out as Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;
  if (safe) {
    for (let i = 0; i < len; i++) o[i] = s + i * d; // typed-array assignment wraps mod 2^bits
  } else {
    const bits = BigInt(8 * itemsize(dtype));
    const bs = BigInt(b0), bd = BigInt(b1) - BigInt(b0);
    const signed = isInteger(dtype) && dtype.startsWith('int');
    for (let i = 0; i < len; i++) {
      const v = bs + BigInt(i) * bd;
      o[i] = Number(signed ? BigInt.asIntN(Number(bits), v) : BigInt.asUintN(Number(bits), v));
    }
  }
  return out;
}

function isOptions(v: unknown): v is ArangeOptions {
  return typeof v === 'object' && v !== null && !(v instanceof NDArray);
}

/**
 * np.arange([start,] stop[, step], { dtype, device }): values in [start, stop) spaced by step.
 * Integer arguments give int64; a float argument gives the default float (computed as NumPy's float64).
 */
export function arange(stop: ArangeScalar, opts?: ArangeOptions): NDArray;
export function arange(start: ArangeScalar, stop: ArangeScalar | null | undefined, opts?: ArangeOptions): NDArray;
export function arange(start: ArangeScalar, stop: ArangeScalar | null | undefined, step: ArangeScalar | null | undefined, opts?: ArangeOptions): NDArray;
export function arange(...args: (ArangeScalar | null | undefined | ArangeOptions)[]): NDArray {
  const who = 'arange';
  let opts: ArangeOptions = {};
  if (args.length > 0 && isOptions(args[args.length - 1])) opts = args.pop() as ArangeOptions;
  if (args.length > 3) throw new TypeError(`${who}: expected at most 3 positional arguments, got ${args.length}`);
  if (args.length === 0 || args[0] === undefined || args[0] === null) {
    throw new TypeError(`${who}: arange() requires stop to be specified.`);
  }
  const given = args.filter((a) => a !== undefined && a !== null).map((a) => pyNum(a, who));
  let start = pyNum(args[0], who);
  let stop: PyNum;
  if (args[1] === undefined || args[1] === null) {
    stop = start;
    start = { int: 0n };
  } else stop = pyNum(args[1], who);
  const step: PyNum = args[2] === undefined || args[2] === null ? { int: 1n } : pyNum(args[2], who);

  const want = dtypeArg(opts.dtype, who);
  if (want !== undefined && isComplex(want)) {
    // complex: the float64 range (real arguments only), cast (NumPy's complex fill is the same sums)
    const r = arange(...(args as [ArangeScalar]), { ...opts, dtype: 'float64' });
    try {
      return castArray(r, want);
    } finally {
      r.dispose();
    }
  }
  // NumPy (without dtype=): at least intp, promoted with each given argument's dtype.
  let numpyDt: DType = 'int64';
  if (want === undefined) for (const p of given) numpyDt = promoteTypes(numpyDt, pyNumDType(p, who));
  const dtype = want ?? numpyDt;
  const out = want ?? (isFloat(numpyDt) ? defaults.float : defaults.int);
  const dev = parseDevice(opts.device, who);

  const len = arangeLength(start, stop, step, who);
  if (dtype === 'bool' && len > 2) {
    throw new TypeError(`${who}: arange() is only supported for booleans when the result has at most length 2.`);
  }
  if (len * itemsize(dtype) >= 2 ** 63) {
    throw new RangeError(`${who}: array is too big; \`arr.size * arr.dtype.itemsize\` is larger than the maximum possible size.`);
  }
  let data: TypedArray;
  try {
    const b0 = len > 0 ? setItem(start, dtype, who) : 0;
    const b1 = len > 1 ? setItem(pyAdd(start, step), dtype, who) : 0;
    data = arangeFill(b0, b1, len, dtype);
  } catch (e) {
    if (e instanceof RangeError && !e.message.startsWith(`${who}:`)) {
      throw new RangeError(`${who}: Unable to allocate an array with shape (${len},) and data type ${dtype}`);
    }
    throw e;
  }
  if (dtype === out) return NDArray._fromStorageData(data, [len], dtype, dev);
  return fromFloatHost(data as Float64Array, [len], dtype, out, dev, who);
}

