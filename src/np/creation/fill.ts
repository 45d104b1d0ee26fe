// Host-side conversion of JS values into a dtype's storage, with NumPy's rules for each dtype.
import { Complex } from '../../core/complex.js';
import { type DType, type TypedArray, intFits, isBig, isComplex, makeStorage } from '../../core/dtype.js';
import { numberToBf16Bits, numberToF16Bits } from '../../core/half.js';
import type { Scalar } from '../../core/ndarray.js';

/** Converts one JS scalar to the storage value of `dtype` (raw bits for float16/bfloat16). */
export function toStorageValue(v: Scalar, dtype: DType, who: string): number | bigint {
  if (v instanceof Complex) {
    // NumPy: complex → bool is truthiness; to any other real dtype a TypeError (int()/float() of a complex)
    if (dtype === 'bool') return v.re !== 0 || v.im !== 0 ? 1 : 0;
    throw new TypeError(`${who}: cannot convert complex ${v.toString()} to ${dtype}`);
  }
  if (dtype === 'bool') return typeof v === 'bigint' ? (v !== 0n ? 1 : 0) : v ? 1 : 0;
  const num = typeof v === 'boolean' ? Number(v) : v;
  if (dtype === 'float16') return numberToF16Bits(Number(num));
  if (dtype === 'bfloat16') return numberToBf16Bits(Number(num));
  if (dtype === 'float32' || dtype === 'float64') return Number(num);
  // integers: JS integers must fit (NumPy 2 raises OverflowError); floats truncate toward zero
  if (typeof num === 'bigint' || Number.isSafeInteger(num)) {
    if (!intFits(num, dtype)) throw new RangeError(`${who}: JS integer ${String(num)} out of bounds for ${dtype}`);
    return isBig(dtype) ? BigInt(num) : Number(num);
  }
  if (!Number.isFinite(num)) throw new RangeError(`${who}: cannot convert float ${num} to integer`);
  const t = Math.trunc(num);
  if (!intFits(t, dtype)) throw new RangeError(`${who}: value ${num} out of bounds for ${dtype}`);
  return isBig(dtype) ? BigInt(t) : t;
}

/** (re, im) of a JS scalar going into a complex dtype. */
export function complexParts(v: Scalar): [number, number] {
  if (v instanceof Complex) return [v.re, v.im];
  return [typeof v === 'boolean' ? Number(v) : Number(v), 0];
}

export function fillStorage(values: ArrayLike<Scalar>, dtype: DType, who: string): TypedArray {
  const n = values.length;
  if (isComplex(dtype)) {
    const c = makeStorage(dtype, n) as Float32Array | Float64Array;
    for (let i = 0; i < n; i++) [c[2 * i], c[2 * i + 1]] = complexParts(values[i]!);
    return c;
  }
  const out = makeStorage(dtype, n) as unknown as { [i: number]: number | bigint } & TypedArray;
  for (let i = 0; i < n; i++) out[i] = toStorageValue(values[i]!, dtype, who);
  return out;
}
