// The ufunc catalogue the ufunc tests run over (names as NumPy's), their tolerance classes, edge
// values per dtype, and how NumPy computes a bfloat16 loop (quark's rule: in float32, rounded once).
import { type DType, isBig } from '../../src/core/dtype.js';
import { numberToBf16Bits, numberToF16Bits } from '../../src/core/half.js';
import type { NDArray } from '../../src/core/ndarray.js';
import type { RawArray } from '../../src/np/io/npy.js';
import { type MatchOptions } from './arrays.js';
import { type ArraySpec, type StorageValue, fillTyped } from './gen.js';

/** IEEE-exact ops compare bit for bit; the rest (glibc vs NumPy's SIMD/SVML) within a few ulp. */
export type TolClass = 'exact' | 'ulp';

export interface UfuncInfo {
  readonly name: string;
  readonly nin: 1 | 2 | 3;
  readonly nout: 1 | 2;
  readonly tol: TolClass;
  /** The sign of a zero tie is left open (NumPy's max/min family does not pin it). */
  readonly zeroTies?: boolean;
  /** Results can cancel to near zero (logaddexp of x and about -x): an absolute tolerance of a few eps. */
  readonly cancels?: boolean;
}

const u = (name: string, tol: TolClass = 'exact', more: Partial<UfuncInfo> = {}): UfuncInfo => ({ name, nin: 1, nout: 1, tol, ...more });
const b = (name: string, tol: TolClass = 'exact', more: Partial<UfuncInfo> = {}): UfuncInfo => ({ name, nin: 2, nout: 1, tol, ...more });

export const UNARY: readonly UfuncInfo[] = [
  u('negative'), u('positive'), u('absolute'), u('fabs'), u('sign'), u('reciprocal'), u('square'), u('sqrt'),
  u('cbrt', 'ulp'), u('exp', 'ulp'), u('exp2', 'ulp'), u('expm1', 'ulp'), u('log', 'ulp'), u('log2', 'ulp'),
  u('log10', 'ulp'), u('log1p', 'ulp'), u('sin', 'ulp'), u('cos', 'ulp'), u('tan', 'ulp'), u('arcsin', 'ulp'),
  u('arccos', 'ulp'), u('arctan', 'ulp'), u('sinh', 'ulp'), u('cosh', 'ulp'), u('tanh', 'ulp'), u('arcsinh', 'ulp'),
  u('arccosh', 'ulp'), u('arctanh', 'ulp'), u('deg2rad'), u('rad2deg'), u('floor'), u('ceil'), u('trunc'), u('rint'),
  u('spacing'), u('signbit'), u('isnan'), u('isinf'), u('isfinite'), u('logical_not'), u('invert'),
  u('modf', 'exact', { nout: 2 }), u('frexp', 'exact', { nout: 2 }),
];

export const BINARY: readonly UfuncInfo[] = [
  b('add'), b('subtract'), b('multiply'), b('true_divide'), b('floor_divide'), b('remainder'), b('fmod'),
  b('divmod', 'exact', { nout: 2 }), b('power', 'ulp'), b('float_power', 'ulp'),
  b('maximum', 'exact', { zeroTies: true }), b('minimum', 'exact', { zeroTies: true }),
  b('fmax', 'exact', { zeroTies: true }), b('fmin', 'exact', { zeroTies: true }),
  b('heaviside'), b('copysign'), b('nextafter'), b('hypot', 'ulp'), b('arctan2', 'ulp'),
  b('logaddexp', 'ulp', { cancels: true }), b('logaddexp2', 'ulp', { cancels: true }), b('gcd'), b('lcm'),
  b('equal'), b('not_equal'), b('less'), b('less_equal'), b('greater'), b('greater_equal'),
  b('logical_and'), b('logical_or'), b('logical_xor'),
  b('bitwise_and'), b('bitwise_or'), b('bitwise_xor'), b('left_shift'), b('right_shift'),
];

/** ldexp takes an integer exponent: tested on its own dtype pairs. */
export const LDEXP = b('ldexp');

/** quark's names that are NumPy's aliases of another ufunc. */
export const ALIASES: Record<string, string> = {
  divide: 'true_divide', mod: 'remainder', abs: 'absolute', pow: 'power', acos: 'arccos', asin: 'arcsin',
  atan: 'arctan', atan2: 'arctan2', acosh: 'arccosh', asinh: 'arcsinh', atanh: 'arctanh', degrees: 'rad2deg',
  radians: 'deg2rad', bitwise_not: 'invert', bitwise_invert: 'invert', bitwise_left_shift: 'left_shift',
  bitwise_right_shift: 'right_shift', around: 'round',
};

/** Tolerances for a result dtype (ulp-scale: a few units in the last place). */
export function tolerance(info: UfuncInfo, dtype: DType): MatchOptions {
  // complex: C99's functions and NumPy's (when built with its own npymath) may differ in the last
  // bits and in the signs of zero / NaN parts; parts are compared against the element's magnitude
  if (dtype === 'complex64') return { rtol: 2e-6, atol: 1e-37, zeroSign: false };
  if (dtype === 'complex128') return { rtol: 1e-13, atol: 1e-300, zeroSign: false };
  const zeroSign = !info.zeroTies;
  if (info.tol === 'exact') return { rtol: 0, atol: 0, zeroSign };
  const rtol = ({ float16: 2e-3, bfloat16: 1.6e-2, float32: 6e-7, float64: 2e-15 } as Partial<Record<DType, number>>)[dtype] ?? 0;
  if (info.cancels) return { rtol, atol: rtol, zeroSign };
  return { rtol, atol: dtype === 'float64' ? 1e-300 : dtype === 'float32' ? 1e-37 : 1e-7, zeroSign };
}

// ---- values ---------------------------------------------------------------------------------

const F_EDGES = [NaN, -Infinity, Infinity, -0, 0, 1, -1, 0.5, -2.5, 3.75, 0.1, -7, 2, 1 / 3, 100, 0.75, -0.999, 1e-3];

/** Edge values of each dtype: extremes, zero divisors, shift widths, NaN, ±inf, -0, fractions. */
export const EDGES: Record<DType, readonly (number | bigint | boolean)[]> = {
  bool: [false, true],
  int8: [-128, -127, -100, -7, -2, -1, 0, 1, 2, 3, 7, 8, 64, 126, 127],
  uint8: [0, 1, 2, 3, 7, 8, 9, 100, 127, 128, 200, 254, 255],
  int16: [-32768, -32767, -300, -7, -2, -1, 0, 1, 2, 3, 15, 16, 300, 32767],
  uint16: [0, 1, 2, 3, 7, 15, 16, 300, 32768, 65534, 65535],
  int32: [-(2 ** 31), -(2 ** 31) + 1, -70000, -7, -2, -1, 0, 1, 2, 3, 31, 32, 70000, 2 ** 31 - 1],
  uint32: [0, 1, 2, 3, 7, 31, 32, 70000, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1],
  int64: [-(2n ** 63n), -(2n ** 63n) + 1n, -(2n ** 40n), -7n, -2n, -1n, 0n, 1n, 2n, 3n, 63n, 64n, 2n ** 40n, 2n ** 63n - 1n],
  uint64: [0n, 1n, 2n, 3n, 7n, 63n, 64n, 2n ** 32n, 2n ** 63n, 2n ** 64n - 2n, 2n ** 64n - 1n],
  float16: [...F_EDGES, 65504, -65504, 6e-8, 2 ** -14, 11, -17],
  bfloat16: [...F_EDGES, 3.3e38, -3.3e38, 1e-40, 2 ** -126, 11, -17],
  float32: [...F_EDGES, 3.4e38, -3.4e38, 1.4e-45, 2 ** -126, 88.5, -103, 1e10],
  float64: [...F_EDGES, 1.7e308, -1.7e308, 5e-324, 2 ** -1022, 700, -745, 1e300],
  // complex: each value is a real part; the imaginary part is the next value (gen.ts fillTyped)
  complex64: [...F_EDGES, 3.4e38, -3.4e38, 1.4e-45, 88.5, -103, 1e10],
  complex128: [...F_EDGES, 1.7e308, -1.7e308, 5e-324, 700, -745, 1e300],
};

/** An array spec holding exactly these JS values (float16/bfloat16 rounded once). */
export function specOf(dtype: DType, values: readonly (number | bigint | boolean)[], shape: number[] = [values.length]): ArraySpec {
  const sv = values.map((v): StorageValue => {
    if (dtype === 'bool') return v ? 1 : 0;
    if (dtype === 'float16') return numberToF16Bits(Number(v));
    if (dtype === 'bfloat16') return numberToBf16Bits(Number(v));
    if (isBig(dtype)) return BigInt(v as number | bigint);
    return Number(v);
  });
  return { dtype, shape, base: shape, steps: [], data: fillTyped(dtype, sv) };
}

/** The base array of a spec as an oracle argument. */
export const raw = (s: ArraySpec): RawArray => ({ dtype: s.dtype, shape: [...s.base], data: s.data, fortranOrder: false });

/**
 * Python evaluating `call` (e.g. 'np.sqrt(a, b)') on the named arrays, with quark's bfloat16 rule:
 * bfloat16 operands compute in float32 and float32 results round to bfloat16 — except nextafter
 * and spacing, which step on bfloat16's own bits (ml_dtypes' loops).
 */
export function pyCall(call: string, names: readonly string[], bf16: boolean, op: string): string {
  if (!bf16 || op === 'nextafter' || op === 'spacing') return `result = ${call}`;
  return [
    ...names.map((n) => `${n} = ${n}.astype(np.float32) if ${n}.dtype == bfloat16 else ${n}`),
    `r = ${call}`,
    'back = lambda x: x.astype(bfloat16) if x.dtype == np.float32 else x',
    'result = tuple(back(x) for x in r) if isinstance(r, tuple) else back(r)',
  ].join('\n');
}

/** The outputs of a call as a list (two-output ufuncs return a pair). */
export const outputsOf = (r: NDArray | readonly NDArray[]): NDArray[] => (Array.isArray(r) ? [...r] : [r as NDArray]);
