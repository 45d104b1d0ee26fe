// Host-side helpers of the creation functions: values computed in JS exactly as NumPy computes
// them, converted to a dtype's storage and placed on a device.
import type { Device } from '../../backends/backend.js';
import { castArray } from '../../core/apply.js';
import { device as deviceOf } from '../../core/device.js';
import {
  type DType, type DTypeLike, type TypedArray, isFloat, promoteTypes, toDType,
} from '../../core/dtype.js';
import { bf16BitsToNumber, f16BitsToNumber, numberToBf16Bits, numberToF16Bits } from '../../core/half.js';
import { NDArray, gatherStrided, valuesOf } from '../../core/ndarray.js';
import { broadcastStrides, contiguousStrides, sizeOf } from '../../core/shape.js';
import { type ArrayInput, array } from './array.js';

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
export function convOf(dt: DType): (x: number) => number {
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
export function arithOf(dt: DType): (x: number) => number {
  switch (dt) {
    case 'float64': return (x) => x;
    case 'float32': return Math.fround;
    case 'float16': return (x) => f16BitsToNumber(numberToF16Bits(Math.fround(x)));
    case 'bfloat16': return (x) => bf16BitsToNumber(numberToBf16Bits(x));
    default: throw new Error(`internal: ${dt} is not a float dtype`);
  }
}

/** Storage holding float values that are exactly representable in float dtype `dt`. */
export function exactFloatStorage(vals: Float64Array, dt: DType): TypedArray {
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
export function fromFloatHost(vals: Float64Array, shape: readonly number[], dt: DType, out: DType, dev: Device, who: string): NDArray {
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
export function broadcastHost(vals: Float64Array, shape: readonly number[], target: readonly number[]): Float64Array {
  if (shape.length === target.length && shape.every((d, i) => d === target[i])) return vals;
  const strides = broadcastStrides(shape, contiguousStrides(shape), target);
  return gatherHost(vals, target, strides);
}

/** Gathers a strided view of `src` (strides in elements, offset 0) into C order. */
export function gatherHost(src: Float64Array, shape: readonly number[], strides: readonly number[]): Float64Array {
  const out = new Float64Array(sizeOf(shape));
  gatherStrided(src, out, shape, strides, 0);
  return out;
}

/** np.moveaxis(y, 0, axis) on host values; `axis` already normalised. */
export function moveFirstAxis(vals: Float64Array, shape: readonly number[], axis: number): { vals: Float64Array; shape: number[] } {
  if (axis === 0) return { vals, shape: [...shape] };
  const strides = contiguousStrides(shape);
  const perm = [...Array(shape.length).keys()].slice(1);
  perm.splice(axis, 0, 0);
  const outShape = perm.map((p) => shape[p]!);
  return { vals: gatherHost(vals, outShape, perm.map((p) => strides[p]!)), shape: outShape };
}

export function normAxis(axis: unknown, ndim: number, who: string): number {
  const a = indexArg(axis, who, 'axis');
  if (a < -ndim || a >= ndim) throw new RangeError(`${who}: axis ${a} is out of bounds for array of dimension ${ndim}`);
  return a < 0 ? a + ndim : a;
}

/** Start/stop/base arguments: a JS number, a nested list, or an NDArray. */
export type RangeInput = number | bigint | NDArray | ArrayInput;

export interface HostIn {
  shape: number[];
  vals: Float64Array;
  /** The array's dtype; undefined for a JS scalar (a NEP 50 weak scalar). */
  dtype: DType | undefined;
  /** Whether it came from JS values (its NumPy dtype is int64/float64, quark's the default float). */
  js: boolean;
}

export function hostIn(x: RangeInput, who: string): HostIn {
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
export function inexactType(ins: readonly HostIn[], jsFloat: DType): DType {
  let r: DType | undefined;
  for (const h of ins) {
    const d = h.js ? (h.dtype === undefined ? undefined : jsFloat) : h.dtype;
    if (d !== undefined) r = r === undefined ? d : promoteTypes(r, d);
  }
  if (r === undefined || !isFloat(r)) return jsFloat;
  return r;
}

export function dtypeArg(d: DTypeLike | undefined, who: string): DType | undefined {
  return d === undefined || d === null ? undefined : toDType(d, who);
}

