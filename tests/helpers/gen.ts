// fast-check arbitraries for the NumPy-oracle conformance suite: dtypes, shapes (0-d, empty, size-1
// dims), storage values with their edge cases (NaN, ±inf, -0, subnormals, integer extremes), and
// arrays laid out as non-contiguous views (transposes, reshapes of transposes) that can be rebuilt
// on both sides: in quark with the same calls, in NumPy from a Python expression.
//
// Cases are drawn with `draw(arb, n)` (fixed seed) rather than fc.assert, so that every oracle call of
// a test goes out in one batch.
import fc from 'fast-check';

import { DTYPES, type DType, type TypedArray, isBig, kindOf, makeStorage } from '../../src/core/dtype.js';
import { bf16BitsToNumber, f16BitsToNumber, numberToBf16Bits, numberToF16Bits } from '../../src/core/half.js';
import type { NDArray } from '../../src/core/ndarray.js';
import { np } from '../../src/index.js';
import type { RawArray } from '../../src/np/io/npy.js';
import { type OracleArg, pyFloat } from '../oracle/oracle.js';

export const SEED = 20250611;

export const ALL_DTYPES: readonly DType[] = DTYPES;
/** The dtypes NumPy itself has (bfloat16 comes from ml_dtypes in the oracle). */
export const NUMPY_DTYPES: readonly DType[] = DTYPES.filter((d) => d !== 'bfloat16');
/**
 * Real dtypes only: for ops NumPy defines for complex but quark does not support on complex yet
 * (sorting, sets, searching, histograms, quantiles, arg-reductions, var/std, the nan- folds); those
 * raise for complex, tested in tests/complex_*.test.ts.
 */
export const REAL_DTYPES: readonly DType[] = DTYPES.filter((d) => kindOf(d) !== 'c');
export const NUMPY_REAL_DTYPES: readonly DType[] = NUMPY_DTYPES.filter((d) => kindOf(d) !== 'c');
export const COMPLEX_DTYPES: readonly DType[] = DTYPES.filter((d) => kindOf(d) === 'c');
export const INT_DTYPES: readonly DType[] = DTYPES.filter((d) => kindOf(d) === 'i' || kindOf(d) === 'u');
export const FLOAT_DTYPES: readonly DType[] = DTYPES.filter((d) => kindOf(d) === 'f');
/** dtypes that ml_dtypes promotes with bfloat16 the way quark does (others have no common dtype there). */
export const BF16_PARTNERS: readonly DType[] = ['bfloat16', 'bool', 'int8', 'uint8', 'float32', 'float64'];

export const INT_BOUNDS: Partial<Record<DType, readonly [bigint, bigint]>> = {
  int8: [-128n, 127n], uint8: [0n, 255n], int16: [-32768n, 32767n], uint16: [0n, 65535n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n], uint32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n], uint64: [0n, 2n ** 64n - 1n],
};

/** Draws `n` values from `arb` with the suite's fixed seed (plus a per-test salt). */
export function draw<T>(arb: fc.Arbitrary<T>, n: number, salt = 0): T[] {
  return fc.sample(arb, { seed: SEED + salt, numRuns: n });
}

// ---- values ---------------------------------------------------------------------------------

/** A value in a dtype's storage format: raw bits for float16/bfloat16, 0/1 for bool, bigint for 64-bit ints. */
export type StorageValue = number | bigint;

const smallInts = (lo: number, hi: number) => fc.integer({ min: lo, max: hi });

function intValues(d: DType): fc.Arbitrary<StorageValue> {
  const [lo, hi] = INT_BOUNDS[d]!;
  const edges = [lo, lo + 1n, hi - 1n, hi, 0n, 1n, ...(lo < 0n ? [-1n] : [])];
  const small = fc.bigInt({ min: lo < -5n ? -5n : lo, max: 5n });
  const any = fc.bigInt({ min: lo, max: hi });
  const big = fc.oneof({ arbitrary: fc.constantFrom(...edges), weight: 2 }, { arbitrary: small, weight: 4 }, { arbitrary: any, weight: 3 });
  return isBig(d) ? big : big.map((x) => Number(x));
}

const F16_EDGES = [0x0000, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0x0001, 0x8001, 0x03ff, 0x0400, 0x7bff, 0xfbff, 0x3c00, 0xbc00, 0x3555, 0x3bff, 0x3c01];
const BF16_EDGES = [0x0000, 0x8000, 0x7f80, 0xff80, 0x7fc0, 0x0001, 0x007f, 0x0080, 0x7f7f, 0xff7f, 0x3f80, 0xbf80, 0x3eab, 0x3f7f, 0x3f81];
const F32_EDGES = [0, -0, 1, -1, 0.5, -2.5, NaN, Infinity, -Infinity, 3.4028234663852886e38, -3.4028234663852886e38,
  1.401298464324817e-45, 1.1754943508222875e-38, Math.fround(1 / 3), Math.fround(0.1), 16777216, 16777217 - 2];
const F64_EDGES = [0, -0, 1, -1, 0.5, -2.5, NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324,
  2.2250738585072014e-308, 1 / 3, 0.1, 2 ** 53, 2 ** 63, -(2 ** 63), 1e300, 65504, 65520];

/** Storage values of dtype `d`, biased toward edge cases and small numbers. */
export function storageValue(d: DType): fc.Arbitrary<StorageValue> {
  const quarter = smallInts(-40, 40).map((k) => k / 4);
  switch (d) {
    case 'bool': return fc.constantFrom(0, 1);
    case 'float16':
      return fc.oneof({ arbitrary: fc.constantFrom(...F16_EDGES), weight: 2 }, { arbitrary: quarter.map(numberToF16Bits), weight: 4 },
        { arbitrary: fc.integer({ min: 0, max: 0xffff }), weight: 3 });
    case 'bfloat16':
      return fc.oneof({ arbitrary: fc.constantFrom(...BF16_EDGES), weight: 2 }, { arbitrary: quarter.map(numberToBf16Bits), weight: 4 },
        { arbitrary: fc.integer({ min: 0, max: 0xffff }), weight: 3 });
    case 'float32':
      return fc.oneof({ arbitrary: fc.constantFrom(...F32_EDGES), weight: 2 }, { arbitrary: quarter, weight: 4 },
        { arbitrary: fc.float(), weight: 3 });
    case 'float64': case 'complex128':
      return fc.oneof({ arbitrary: fc.constantFrom(...F64_EDGES), weight: 2 }, { arbitrary: quarter, weight: 4 },
        { arbitrary: fc.double(), weight: 3 });
    case 'complex64':
      return storageValue('float32');
    default: return intValues(d);
  }
}

/** The JS number (or bigint, or boolean) a storage value stands for. */
export function decode(d: DType, v: StorageValue): number | bigint | boolean {
  if (d === 'bool') return v !== 0;
  if (d === 'float16') return f16BitsToNumber(v as number);
  if (d === 'bfloat16') return bf16BitsToNumber(v as number);
  return v;
}

/**
 * Storage of `values` in dtype `d`. A complex element takes its real part from its value and its
 * imaginary part from the next value (cyclically), so that edge values meet in both parts.
 */
export function fillTyped(d: DType, values: readonly StorageValue[]): TypedArray {
  if (kindOf(d) === 'c') {
    const c = makeStorage(d, values.length) as Float32Array | Float64Array;
    values.forEach((v, i) => {
      c[2 * i] = Number(v);
      c[2 * i + 1] = Number(values[(i + 1) % values.length]);
    });
    return c;
  }
  const out = makeStorage(d, values.length) as unknown as { [i: number]: StorageValue } & TypedArray;
  values.forEach((v, i) => { out[i] = v; });
  return out;
}

// ---- shapes and layouts ---------------------------------------------------------------------

export const dimArb = fc.oneof(
  { arbitrary: fc.constant(0), weight: 1 },
  { arbitrary: fc.constant(1), weight: 2 },
  { arbitrary: fc.integer({ min: 2, max: 4 }), weight: 7 },
);

/** Shapes of `minNdim` to `maxNdim` dims (mostly 2-3), 0-d and empty ones included. */
export function shapeArb(maxNdim = 4, minNdim = 0): fc.Arbitrary<number[]> {
  const nd = fc.constantFrom(0, 1, 2, 2, 3, 3, 3, 4, 4).filter((n) => n >= minNdim && n <= maxNdim);
  return nd.chain((n) => fc.array(dimArb, { minLength: n, maxLength: n }));
}

export const sizeOf = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

export function permArb(n: number): fc.Arbitrary<number[]> {
  const ids = [...Array(n).keys()];
  return n <= 1 ? fc.constant(ids) : fc.shuffledSubarray(ids, { minLength: n, maxLength: n });
}

/** One step from a contiguous base array to the view under test. */
export type Step = { t: 'T'; axes: number[] } | { t: 'R'; shape: number[] };

export interface Layout {
  /** Shape of the contiguous base array. */
  base: number[];
  steps: Step[];
}

/** The shape `base` must have so that base.transpose(p) has shape `s`. */
function unpermute(s: readonly number[], p: readonly number[]): number[] {
  const b = new Array<number>(s.length);
  p.forEach((pi, i) => { b[pi] = s[i]!; });
  return b;
}

/** Another shape of the same size: a 1 inserted, a dim split in two, or two dims merged. */
function reshuffle(s: readonly number[], kind: number, pos: number): number[] {
  const out = [...s];
  const k = kind % 3;
  if (k === 0 || s.length === 0) {
    out.splice(pos % (s.length + 1), 0, 1);
    return out;
  }
  if (k === 1) {
    const i = pos % s.length;
    const d = s[i]!;
    const f = d % 2 === 0 && d > 2 ? 2 : d % 3 === 0 && d > 3 ? 3 : 1;
    out.splice(i, 1, f, d / f);
    return out;
  }
  if (s.length < 2) return out;
  const i = pos % (s.length - 1);
  out.splice(i, 2, s[i]! * s[i + 1]!);
  return out;
}

/** Layouts that present an array of shape `s`: contiguous, transposed, reshape of a transpose. */
export function layoutArb(s: readonly number[]): fc.Arbitrary<Layout> {
  const n = s.length;
  const contiguous = fc.constant<Layout>({ base: [...s], steps: [] });
  const transposed = permArb(n).map<Layout>((p) => ({ base: unpermute(s, p), steps: [{ t: 'T', axes: p }] }));
  const reshaped = fc.tuple(fc.nat(), fc.nat(), fc.nat()).chain(([k1, k2, pos]) => {
    const m = reshuffle(reshuffle(s, k1, pos), k2, pos >> 3);
    return permArb(m.length).map<Layout>((q) => ({ base: unpermute(m, q), steps: [{ t: 'T', axes: q }, { t: 'R', shape: [...s] }] }));
  });
  return fc.oneof({ arbitrary: contiguous, weight: 2 }, { arbitrary: transposed, weight: 3 }, { arbitrary: reshaped, weight: 3 });
}

/** An array of a given dtype and shape, with its values and the layout it is viewed through. */
export interface ArraySpec extends Layout {
  dtype: DType;
  shape: number[];
  /** The base array's values, C order, storage format. */
  data: TypedArray;
}

export function arraySpecArb(dtype: DType, shape: readonly number[], values: fc.Arbitrary<StorageValue> = storageValue(dtype)): fc.Arbitrary<ArraySpec> {
  const n = sizeOf(shape);
  return fc.tuple(layoutArb(shape), fc.array(values, { minLength: n, maxLength: n }))
    .map(([l, vals]) => ({ ...l, dtype, shape: [...shape], data: fillTyped(dtype, vals) }));
}

export function anyArraySpecArb(dtypes: readonly DType[] = ALL_DTYPES, maxNdim = 4): fc.Arbitrary<ArraySpec> {
  return fc.tuple(fc.constantFrom(...dtypes), shapeArb(maxNdim)).chain(([d, s]) => arraySpecArb(d, s));
}

/** quark's view: the base array (a fresh copy of `data`) taken through the layout's steps. */
export function build(spec: ArraySpec): NDArray {
  let a = np.NDArray._fromStorageData(spec.data, spec.base, spec.dtype);
  for (const st of spec.steps) a = st.t === 'T' ? a.transpose(st.axes) : a.reshape(st.shape);
  return a;
}

/** The base array as an oracle argument. */
export function rawOf(spec: ArraySpec): RawArray {
  return { dtype: spec.dtype, shape: [...spec.base], data: spec.data, fortranOrder: false };
}

/** A Python tuple literal. */
export const pyTupleStr = (xs: readonly number[]): string => (xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`);

/** The Python expression that rebuilds the view from the base array bound to `name`. */
export function pyView(name: string, spec: Layout): string {
  let e = name;
  for (const st of spec.steps) e += st.t === 'T' ? `.transpose(${pyTupleStr(st.axes)})` : `.reshape(${pyTupleStr(st.shape)})`;
  return e;
}

/** `pyView`, with bfloat16 handed to NumPy as float32 (exact, and ordered the same, NaN last). */
export const pyArr = (spec: ArraySpec, name = 'a'): string => (spec.dtype === 'bfloat16' ? `${pyView(name, spec)}.astype(np.float32)` : pyView(name, spec));

/** NumPy's name for a dtype in Python source ('bfloat16' resolves once ml_dtypes is imported). */
export const pyDType = (d: DType): string => `np.dtype('${d}')`;

// ---- broadcasting ---------------------------------------------------------------------------

/** A shape that broadcasts to `s`: leading dims dropped, some dims set to 1. */
export function broadcastableTo(s: readonly number[]): fc.Arbitrary<number[]> {
  const n = s.length;
  const drop = fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: n }), weight: 1 });
  return fc.tuple(drop, fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }))
    .map(([k, r]) => s.slice(k).map((d, i) => (r[i + k]! < 2 ? 1 : d)));
}

export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1, y = b[b.length - n + i] ?? 1;
    out.push(x === 1 ? y : x);
  }
  return out;
}

// ---- weak JS scalars ------------------------------------------------------------------------

/** Integer-valued JS scalars, small and at every dtype's bounds: weak ints (numbers beyond ±(2^53 − 1) are weak floats). */
export const weakIntArb: fc.Arbitrary<number | bigint> = fc.oneof(
  { arbitrary: fc.integer({ min: -3, max: 3 }), weight: 5 },
  {
    arbitrary: fc.constantFrom<number | bigint>(127, 128, -128, -129, 255, 256, 32767, 32768, -32769, 65535, 65536,
      2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32 - 1, 2 ** 32, 2 ** 53, -(2 ** 53), 2 ** 63, 1e300,
      2n ** 63n - 1n, 2n ** 63n, -(2n ** 63n), -(2n ** 63n) - 1n, 2n ** 64n - 1n, 2n ** 64n),
    weight: 3,
  },
);

/** Small integer-valued scalars only (no overflow anywhere a value might go). */
export const smallIntArb: fc.Arbitrary<number> = fc.integer({ min: -3, max: 3 });

/** Non-integer JS numbers (NEP 50 weak floats), NaN and ±Infinity included. */
export const weakFloatArb: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constantFrom(0.5, -2.5, 1.25, 0.1, -1e-3, 1e-30, NaN, Infinity, -Infinity, 65519.5, 1e5 + 0.5), weight: 3 },
  { arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => !Number.isInteger(x)), weight: 2 },
);

/**
 * A JS scalar as the oracle must receive it: a number is a weak int only within ±(2^53 − 1)
 * (docs/np.md); beyond, it is a float (1e300, 2 ** 63), so NumPy gets a Python float.
 */
export function pyScalar(v: number | bigint | boolean): OracleArg {
  if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) return pyFloat(v);
  return v;
}

export const isWeakFloat = (v: unknown): v is number => typeof v === 'number' && !Number.isSafeInteger(v);

/** Stringify with bigints, for labels. */
export function show(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
}
