// np.arange, np.linspace, np.logspace, np.geomspace.
//
// Values are computed on the host exactly as NumPy computes them (same operations, same order, in the
// dtype NumPy computes in: float32 arithmetic is emulated with Math.fround, float16/bfloat16 through
// float32 as NumPy and ml_dtypes do), then placed on the requested device.
//
// quark's one dtype rule on top of NumPy's: where NumPy would produce float64 without being asked
// (JS numbers, integer inputs, no `dtype=`), the result has `defaults.float` (float32 unless
// `npx.set_np({ dtype: 'numpy' })`). The values are still computed in float64 and then converted,
// so they equal NumPy's float64 result cast to float32.
import type { Device } from '../../backends/backend.js';
import { castArray } from '../../core/apply.js';
import { device as deviceOf, parseDevice } from '../../core/device.js';
import {
  type DType, type DTypeLike, type TypedArray, defaults, intFits, isFloat, isInteger, itemsize, makeStorage,
  promoteTypes, toDType,
} from '../../core/dtype.js';
import { bf16BitsToNumber, f16BitsToNumber, numberToBf16Bits, numberToF16Bits } from '../../core/half.js';
import { NDArray, valuesOf } from '../../core/ndarray.js';
import { broadcastShapes, broadcastStrides, contiguousStrides, sizeOf } from '../../core/shape.js';
import { type ArrayInput, type CreationOptions, array } from './array.js';

// ---- host helpers shared by the creation modules -----------------------------------------------

/** @internal the CPU device, where host-computed values are cast before they move. */
export const cpuDevice = (): Device => deviceOf('cpu', 0);

/** @internal checks an integer argument the way Python's operator.index does. */
export function indexArg(v: unknown, who: string, name: string): number {
  if (typeof v === 'bigint') {
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError(`${who}: ${name} ${v} is too large`);
    }
    return Number(v);
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    const t = typeof v === 'number' ? 'float' : v === null ? 'NoneType' : typeof v;
    throw new TypeError(`${who}: ${name} must be an integer ('${t}' object cannot be interpreted as an integer), got ${String(v)}`);
  }
  return v;
}

/** @internal throws unless `a` can be read synchronously on the host. */
export function requireHost(a: NDArray, who: string): void {
  a._check(who);
  if (!a._backend.readSync) throw new Error(`${who}: only CPU arrays yet (got an array on ${a.device.toString()})`);
}

/** Conversion of a float64 value to a float dtype (NumPy's cast / setitem from a Python float). */
function convOf(dt: DType): (x: number) => number {
  switch (dt) {
    case 'float64': return (x) => x;
    case 'float32': return Math.fround;
    case 'float16': return (x) => f16BitsToNumber(numberToF16Bits(x));
    case 'bfloat16': return (x) => bf16BitsToNumber(numberToBf16Bits(x));
    default: throw new Error(`internal: ${dt} is not a float dtype`);
  }
}

/**
 * Rounding of an arithmetic result (computed exactly, or in float64) to a float dtype. float32 ops are
 * correctly rounded from float64 (53 ≥ 2·24 + 2); float16 and bfloat16 ops compute in float32 and
 * round that, as NumPy's half loops and ml_dtypes do.
 */
function arithOf(dt: DType): (x: number) => number {
  switch (dt) {
    case 'float64': return (x) => x;
    case 'float32': return Math.fround;
    case 'float16': return (x) => f16BitsToNumber(numberToF16Bits(Math.fround(x)));
    case 'bfloat16': return (x) => bf16BitsToNumber(numberToBf16Bits(x));
    default: throw new Error(`internal: ${dt} is not a float dtype`);
  }
}

/** Storage holding float values that are exactly representable in float dtype `dt`. */
function exactFloatStorage(vals: Float64Array, dt: DType): TypedArray {
  switch (dt) {
    case 'float64': return vals;
    case 'float32': return Float32Array.from(vals);
    case 'float16': return Uint16Array.from(vals, numberToF16Bits);
    case 'bfloat16': return Uint16Array.from(vals, numberToBf16Bits);
    default: throw new Error(`internal: ${dt} is not a float dtype`);
  }
}

/** @internal moves a CPU array to `dev` (disposing the CPU one), or returns it. */
export function placeOn(a: NDArray, dev: Device, who: string): NDArray {
  if (a.device === dev) return a;
  try {
    return NDArray._fromStorageData(a._readRawSync(who), a.shape, a.dtype, dev);
  } finally {
    a.dispose();
  }
}

/**
 * An array of dtype `out` on `dev` from values exactly representable in float dtype `dt`: NumPy's
 * `y.astype(out)` (done by the CPU cast kernel, so float → int follows the same C conversion).
 */
function fromFloatHost(vals: Float64Array, shape: readonly number[], dt: DType, out: DType, dev: Device, who: string): NDArray {
  const data = exactFloatStorage(vals, dt);
  if (dt === out) return NDArray._fromStorageData(data, shape, dt, dev);
  const tmp = NDArray._fromStorageData(data, shape, dt, cpuDevice());
  let c: NDArray;
  try {
    c = castArray(tmp, out);
  } finally {
    tmp.dispose();
  }
  return placeOn(c, dev, who);
}

/** Host values broadcast from `shape` to `target` (C order). */
function broadcastHost(vals: Float64Array, shape: readonly number[], target: readonly number[]): Float64Array {
  if (shape.length === target.length && shape.every((d, i) => d === target[i])) return vals;
  const strides = broadcastStrides(shape, contiguousStrides(shape), target);
  return gatherHost(vals, target, strides);
}

/** Gathers a strided view of `src` (strides in elements, offset 0) into C order. */
function gatherHost(src: Float64Array, shape: readonly number[], strides: readonly number[]): Float64Array {
  const n = sizeOf(shape);
  const out = new Float64Array(n);
  if (n === 0) return out;
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  let p = 0;
  for (let k = 0; k < n; k++) {
    out[k] = src[p]!;
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]!++;
      p += strides[d]!;
      if (idx[d]! < shape[d]!) break;
      p -= strides[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
  return out;
}

/** np.moveaxis(y, 0, axis) on host values; `axis` already normalised. */
function moveFirstAxis(vals: Float64Array, shape: readonly number[], axis: number): { vals: Float64Array; shape: number[] } {
  if (axis === 0) return { vals, shape: [...shape] };
  const strides = contiguousStrides(shape);
  const perm = [...Array(shape.length).keys()].slice(1);
  perm.splice(axis, 0, 0);
  const outShape = perm.map((p) => shape[p]!);
  return { vals: gatherHost(vals, outShape, perm.map((p) => strides[p]!)), shape: outShape };
}

function normAxis(axis: unknown, ndim: number, who: string): number {
  const a = indexArg(axis, who, 'axis');
  if (a < -ndim || a >= ndim) throw new RangeError(`${who}: axis ${a} is out of bounds for array of dimension ${ndim}`);
  return a < 0 ? a + ndim : a;
}

/** Start/stop/base arguments: a JS number, a nested list, or an NDArray. */
export type RangeInput = number | bigint | NDArray | ArrayInput;

interface HostIn {
  shape: number[];
  vals: Float64Array;
  /** The array's dtype; undefined for a JS scalar (a NEP 50 weak scalar). */
  dtype: DType | undefined;
  /** Whether it came from JS values (its NumPy dtype is int64/float64, quark's the default float). */
  js: boolean;
}

function hostIn(x: RangeInput, who: string): HostIn {
  if (typeof x === 'number' || typeof x === 'bigint') return { shape: [], vals: Float64Array.of(Number(x)), dtype: undefined, js: true };
  if (typeof x === 'boolean') return { shape: [], vals: Float64Array.of(Number(x)), dtype: 'bool', js: false };
  if (x instanceof NDArray) {
    requireHost(x, who);
    const vals = Float64Array.from(valuesOf(x.dtype, x._readRawSync(who)), Number);
    return { shape: [...x.shape], vals, dtype: x.dtype, js: false };
  }
  const a = array(x, { dtype: 'float64', device: cpuDevice() });
  try {
    return { shape: [...a.shape], vals: a._readRawSync(who) as Float64Array, dtype: 'float64', js: true };
  } finally {
    a.dispose();
  }
}

/** NumPy's `result_type(*inputs, ensure_inexact=True)`; JS lists count as `jsFloat`, JS scalars are weak. */
function inexactType(ins: readonly HostIn[], jsFloat: DType): DType {
  let r: DType | undefined;
  for (const h of ins) {
    const d = h.js ? (h.dtype === undefined ? undefined : jsFloat) : h.dtype;
    if (d !== undefined) r = r === undefined ? d : promoteTypes(r, d);
  }
  if (r === undefined || !isFloat(r)) return jsFloat;
  return r;
}

function dtypeArg(d: DTypeLike | undefined, who: string): DType | undefined {
  return d === undefined || d === null ? undefined : toDType(d, who);
}

// ---- arange --------------------------------------------------------------------------------------

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

// ---- linspace ------------------------------------------------------------------------------------

export interface LinspaceOptions extends CreationOptions {
  num?: number;
  endpoint?: boolean;
  retstep?: boolean;
  axis?: number;
}

interface LinspaceResult {
  /** Values in shape `shape`, exactly representable in `dt`. */
  vals: Float64Array;
  shape: number[];
  /** The step: a scalar for scalar start/stop, else one per element of the broadcast shape. */
  step: Float64Array;
  stepShape: number[];
  stepIsNaN: boolean;
}

function numArg(num: unknown, who: string): number {
  const n = indexArg(num, who, 'num');
  if (n < 0) throw new RangeError(`${who}: Number of samples, ${n}, must be non-negative.`);
  return n;
}

/** NumPy's linspace arithmetic in float dtype `dt` (before moveaxis / the integer floor / astype). */
function linspaceCore(start: HostIn, stop: HostIn, num: number, endpoint: boolean, dt: DType, who: string): LinspaceResult {
  const conv = convOf(dt), r = arithOf(dt);
  const B = broadcastShapes([start.shape, stop.shape], who);
  const m = sizeOf(B);
  const s = broadcastHost(start.vals, start.shape, B).map(conv);
  const e = broadcastHost(stop.vals, stop.shape, B).map(conv);
  const delta = new Float64Array(m);
  for (let j = 0; j < m; j++) delta[j] = r(e[j]! - s[j]!);
  const div = endpoint ? num - 1 : num;
  const y = new Float64Array(num * m);
  const step = new Float64Array(m);
  let stepIsNaN = false;
  if (div > 0) {
    let anyZero = false;
    for (let j = 0; j < m; j++) {
      step[j] = r(delta[j]! / div);
      if (step[j] === 0) anyZero = true;
    }
    for (let i = 0; i < num; i++) {
      const yi = r(i); // arange(0, num, dtype=dt)
      for (let j = 0; j < m; j++) {
        const v = anyZero ? r(r(yi / div) * delta[j]!) : r(yi * step[j]!);
        y[i * m + j] = r(v + s[j]!);
      }
    }
  } else {
    stepIsNaN = true;
    step.fill(NaN);
    for (let i = 0; i < num; i++) {
      const yi = r(i);
      for (let j = 0; j < m; j++) y[i * m + j] = r(r(yi * delta[j]!) + s[j]!);
    }
  }
  if (endpoint && num > 1) for (let j = 0; j < m; j++) y[(num - 1) * m + j] = e[j]!;
  return { vals: y, shape: [num, ...B], step, stepShape: B, stepIsNaN };
}

/**
 * np.linspace(start, stop, { num: 50, endpoint: true, retstep: false, dtype, axis: 0, device }).
 * start/stop may be numbers, nested lists or NDArrays (the vector form). With `retstep` it returns
 * `[samples, step]`: step is a number for scalar start/stop, else an NDArray.
 */
export function linspace(start: RangeInput, stop: RangeInput, opts: LinspaceOptions & { retstep: true }): [NDArray, number | NDArray];
export function linspace(start: RangeInput, stop: RangeInput, opts?: LinspaceOptions & { retstep?: false }): NDArray;
export function linspace(start: RangeInput, stop: RangeInput, opts?: LinspaceOptions): NDArray | [NDArray, number | NDArray];
export function linspace(start: RangeInput, stop: RangeInput, opts: LinspaceOptions = {}): NDArray | [NDArray, number | NDArray] {
  const who = 'linspace';
  const num = numArg(opts.num ?? 50, who);
  const endpoint = opts.endpoint ?? true;
  const want = dtypeArg(opts.dtype, who);
  const dev = parseDevice(opts.device, who);
  const s = hostIn(start, who), e = hostIn(stop, who);
  const dt = inexactType([s, e], 'float64');
  const qdt = inexactType([s, e], defaults.float);
  const res = linspaceCore(s, e, num, endpoint, dt, who);
  const axis = normAxis(opts.axis ?? 0, res.shape.length, who);
  const moved = moveFirstAxis(res.vals, res.shape, axis);
  const out = want ?? qdt;
  if (want !== undefined && isInteger(want)) for (let i = 0; i < moved.vals.length; i++) moved.vals[i] = Math.floor(moved.vals[i]!);
  const y = fromFloatHost(moved.vals, moved.shape, dt, out, dev, who);
  if (!opts.retstep) return y;
  if (res.stepIsNaN || res.stepShape.length === 0) return [y, res.step[0] ?? NaN];
  try {
    return [y, fromFloatHost(res.step, res.stepShape, dt, qdt, dev, who)];
  } catch (err) {
    y.dispose();
    throw err;
  }
}

// ---- logspace ------------------------------------------------------------------------------------

export interface LogspaceOptions extends CreationOptions {
  num?: number;
  endpoint?: boolean;
  base?: RangeInput;
  axis?: number;
}

/** Prepends 1s to a host input's shape. */
const padTo = (h: HostIn, nd: number): HostIn => ({ ...h, shape: [...Array(nd - h.shape.length).fill(1), ...h.shape] });

/**
 * np.logspace(start, stop, { num: 50, endpoint: true, base: 10, dtype, axis: 0, device }):
 * `base ** linspace(start, stop)`. `base` may be an array (broadcast as NumPy does).
 */
export function logspace(start: RangeInput, stop: RangeInput, opts: LogspaceOptions = {}): NDArray {
  const who = 'logspace';
  const num = numArg(opts.num ?? 50, who);
  const endpoint = opts.endpoint ?? true;
  const want = dtypeArg(opts.dtype, who);
  const dev = parseDevice(opts.device, who);
  let s = hostIn(start, who), e = hostIn(stop, who);
  let b = hostIn(opts.base ?? 10, who);
  let axisArg = opts.axis ?? 0;
  if (b.shape.length > 0) {
    // A non-scalar base is broadcast with start/stop and gets the new axis too.
    const nd = broadcastShapes([s.shape, e.shape, b.shape], who).length;
    s = padTo(s, nd);
    e = padTo(e, nd);
    b = padTo(b, nd);
    const ax = normAxis(axisArg, nd + 1, who);
    b = { ...b, shape: [...b.shape.slice(0, ax), 1, ...b.shape.slice(ax)] };
    axisArg = ax;
  }
  const ydt = inexactType([s, e], 'float64');
  const qydt = inexactType([s, e], defaults.float);
  const res = linspaceCore(s, e, num, endpoint, ydt, who);
  const axis = normAxis(axisArg, res.shape.length, who);
  const y = moveFirstAxis(res.vals, res.shape, axis);
  // power(base, y): a JS scalar base is weak; an array base is promoted with y.
  const baseDt = b.dtype === undefined ? undefined : b.js ? 'float64' : b.dtype;
  const qBaseDt = b.dtype === undefined ? undefined : b.js ? defaults.float : b.dtype;
  const pdt = baseDt === undefined ? ydt : promoteTypes(baseDt, ydt);
  const qpdt = qBaseDt === undefined ? qydt : promoteTypes(qBaseDt, qydt);
  const shape = broadcastShapes([b.shape, y.shape], who);
  const conv = convOf(pdt), r = arithOf(pdt);
  const bv = broadcastHost(b.vals, b.shape, shape);
  const yv = broadcastHost(y.vals, y.shape, shape);
  const vals = new Float64Array(bv.length);
  for (let i = 0; i < vals.length; i++) vals[i] = r(Math.pow(conv(bv[i]!), conv(yv[i]!)));
  return fromFloatHost(vals, shape, pdt, want ?? qpdt, dev, who);
}

// ---- geomspace -----------------------------------------------------------------------------------

export interface GeomspaceOptions extends CreationOptions {
  num?: number;
  endpoint?: boolean;
  axis?: number;
}

/**
 * np.geomspace(start, stop, { num: 50, endpoint: true, dtype, axis: 0, device }): a geometric
 * progression; negative start/stop as NumPy (the sign of start is factored out; mixed signs give NaN
 * between the endpoints). Complex values are not supported.
 */
export function geomspace(start: RangeInput, stop: RangeInput, opts: GeomspaceOptions = {}): NDArray {
  const who = 'geomspace';
  const num = numArg(opts.num ?? 50, who);
  const endpoint = opts.endpoint ?? true;
  const want = dtypeArg(opts.dtype, who);
  const dev = parseDevice(opts.device, who);
  const s0 = hostIn(start, who), e0 = hostIn(stop, who);
  if (s0.vals.some((v) => v === 0) || e0.vals.some((v) => v === 0)) {
    throw new RangeError(`${who}: Geometric sequence cannot include zero`);
  }
  // result_type(start, stop, float(num), zeros((), dtype)): JS values are 0-d int64/float64 arrays here.
  const typeWith = (jsFloat: DType): DType => {
    let r: DType = want ?? jsFloat;
    for (const h of [s0, e0]) r = promoteTypes(r, h.js ? jsFloat : h.dtype!);
    return isFloat(r) ? r : jsFloat;
  };
  const dt = typeWith('float64');
  const qdt = typeWith(defaults.float);
  const conv = convOf(dt), r = arithOf(dt);
  const sv = s0.vals.map(conv);
  const ev = e0.vals.map(conv);
  const sign = sv.map((x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN));
  const sAbs = sv.map((x, i) => r(x / sign[i]!));
  // stop / out_sign broadcasts stop against start's shape.
  const B = broadcastShapes([s0.shape, e0.shape], who);
  const eB = broadcastHost(ev, e0.shape, B);
  const signB = broadcastHost(sign, s0.shape, B);
  const eAbs = eB.map((x, i) => r(x / signB[i]!));
  const logS: HostIn = { shape: s0.shape, vals: sAbs.map((x) => r(Math.log10(x))), dtype: dt, js: false };
  const logE: HostIn = { shape: B, vals: eAbs.map((x) => r(Math.log10(x))), dtype: dt, js: false };
  const res = linspaceCore(logS, logE, num, endpoint, dt, who);
  const m = sizeOf(B);
  const vals = res.vals.map((y) => r(Math.pow(10, y)));
  if (num > 0) {
    const sB = broadcastHost(sAbs, s0.shape, B);
    for (let j = 0; j < m; j++) vals[j] = sB[j]!;
    if (num > 1 && endpoint) for (let j = 0; j < m; j++) vals[(num - 1) * m + j] = eAbs[j]!;
  }
  for (let i = 0; i < num; i++) for (let j = 0; j < m; j++) vals[i * m + j] = r(vals[i * m + j]! * signB[j]!);
  const axis = normAxis(opts.axis ?? 0, res.shape.length, who);
  const moved = moveFirstAxis(vals, res.shape, axis);
  return fromFloatHost(moved.vals, moved.shape, dt, want ?? qdt, dev, who);
}
