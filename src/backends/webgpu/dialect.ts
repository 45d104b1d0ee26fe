// The WGSL dialect table: how each scalar function of the expression IR (src/core/expr.ts) reads in
// WGSL, for its operands' dtypes — the twin of CPP_FNS in src/backends/cpu/codegen.ts.
//
// Where WGSL cannot give NumPy's result for a type (no f64; float fmod and what builds on it;
// integer ops on int64 word pairs beyond add/sub/mul/compare; loops that must raise, as integer
// power with a negative exponent), the table throws CodegenError: the backend's supports() then
// says false and the user gets "no webgpu kernel for loop ...". The WGSL functions the table calls
// are in math_helpers.ts.
import type { DType } from '../../core/dtype.js';
import type { ScalarFn } from '../../core/expr.js';

export class CodegenError extends Error {}

/** The type the math of a dtype runs in (i64/u64 are vec2<u32> word pairs; bool is u32 0/1). */
export type WgslType = 'f32' | 'i32' | 'u32' | 'i64' | 'u64';

const COMPUTE: Partial<Record<DType, WgslType>> = {
  bool: 'u32', int8: 'i32', uint8: 'u32', int16: 'i32', uint16: 'u32', int32: 'i32', uint32: 'u32',
  int64: 'i64', uint64: 'u64', float16: 'f32', bfloat16: 'f32', float32: 'f32',
};

export const isWgslDType = (d: DType): boolean => COMPUTE[d] !== undefined;

export function computeType(d: DType): WgslType {
  const t = COMPUTE[d];
  if (!t) throw new CodegenError(`dtype ${d} is not supported on webgpu`);
  return t;
}

export const is64 = (t: WgslType): boolean => t === 'i64' || t === 'u64';

type WgslFn = (a: readonly string[], t: readonly DType[], use: Set<string>) => string;

const none = (what: string, t: DType): never => {
  throw new CodegenError(`${what} has no ${t} form in WGSL`);
};
const call = (use: Set<string>, f: string, a: readonly string[]): string => {
  use.add(f);
  return `${f}(${a.join(', ')})`;
};
const bool = (cond: string): string => `select(0u, 1u, ${cond})`;

/** f32 only: a helper (or builtin expression) taking the operands. */
const float = (what: string, helper: string): WgslFn => (a, t, use) =>
  computeType(t[0]!) === 'f32' ? call(use, helper, a) : none(what, t[0]!);

/** Rounding functions: the identity on integers. */
const rounding = (builtin: string): WgslFn => (a, t) => (computeType(t[0]!) === 'f32' ? `${builtin}(${a[0]})` : a[0]!);

/** 32-bit integer helpers (suffix _i32 / _u32); f32 and 64-bit have no exact form here. */
const int32 = (what: string, helper: string, unsignedOnly = false): WgslFn => (a, t, use) => {
  const ct = computeType(t[0]!);
  if (ct === 'u32') return call(use, `${helper}_u32`, a);
  if (ct === 'i32' && !unsignedOnly) return call(use, `${helper}_i32`, a);
  return none(what, t[0]!);
};

/** Comparisons: f32/i32/u32/bool with WGSL's operators, int64/uint64 word pairs via helpers. */
function compare(op: '==' | '!=' | '<' | '<=' | '>' | '>='): WgslFn {
  return (a, t, use) => {
    const [x, y] = a as [string, string];
    const ct = computeType(t[0]!);
    if (t[0] !== t[1]) return none(`${op} of ${t[0]} and ${t[1]}`, t[0]!);
    if (ct === 'f32') {
      // NaN by the bits: a GPU compiler may treat float comparisons as ordered (or fold NaN away).
      use.add('isnan_');
      const nan = `(isnan_(${x}) || isnan_(${y}))`;
      return op === '!=' ? bool(`${nan} || ${x} != ${y}`) : bool(`!${nan} && ${x} ${op} ${y}`);
    }
    if (!is64(ct)) return bool(`${x} ${op} ${y}`);
    if (op === '==') return bool(`all(${x} == ${y})`);
    if (op === '!=') return bool(`any(${x} != ${y})`);
    const lt = `lt_${ct === 'i64' ? 'i' : 'u'}64`;
    use.add(lt);
    if (op === '<') return bool(`${lt}(${x}, ${y})`);
    if (op === '>') return bool(`${lt}(${y}, ${x})`);
    if (op === '<=') return bool(`!${lt}(${y}, ${x})`);
    return bool(`!${lt}(${x}, ${y})`);
  };
}

/** Exact f32 constants as NumPy's float loops compute them: (float)pi / 180.0f, 180.0f / (float)pi. */
const PI_F = Math.fround(Math.PI);
const DEG2RAD_F = Math.fround(PI_F / 180);
const RAD2DEG_F = Math.fround(180 / PI_F);

export const WGSL_FNS: Record<ScalarFn, WgslFn> = {
  add: (a, t, use) => {
    const ct = computeType(t[0]!);
    if (is64(ct)) return call(use, 'add64', a);
    return t[0] === 'bool' ? `(${a[0]} | ${a[1]})` : `(${a[0]} + ${a[1]})`;
  },
  sub: (a, t, use) => (is64(computeType(t[0]!)) ? call(use, 'sub64', a) : `(${a[0]} - ${a[1]})`),
  mul: (a, t, use) => {
    const ct = computeType(t[0]!);
    if (is64(ct)) return call(use, 'mul64', a);
    return t[0] === 'bool' ? `(${a[0]} & ${a[1]})` : `(${a[0]} * ${a[1]})`;
  },
  // Integer division has no loop (true_divide is float-only); WGSL's x/0 = x is not NumPy's.
  div: (a, t) => (computeType(t[0]!) === 'f32' ? `(${a[0]} / ${a[1]})` : none('division', t[0]!)),
  // WGSL has no unary minus on u32; 0u - x wraps as NumPy's unsigned negative does.
  neg: (a, t, use) => {
    const ct = computeType(t[0]!);
    if (is64(ct)) return call(use, 'neg64', a);
    return ct === 'u32' ? `(0u - ${a[0]})` : `(-${a[0]})`;
  },
  identity: (a) => a[0]!,
  conj: (a) => a[0]!, // (real dtypes only: complex has no WGSL type)
  // NaN-propagating, as NumPy's (and the C++ dialect's qk_maximum): WGSL's max/min leave NaN open.
  maximum: (a, t, use) => {
    const ct = computeType(t[0]!);
    if (is64(ct)) return call(use, `max_${ct === 'i64' ? 'i' : 'u'}64`, a);
    return ct === 'f32' ? call(use, 'fmax_', a) : `max(${a[0]}, ${a[1]})`;
  },
  minimum: (a, t, use) => {
    const ct = computeType(t[0]!);
    if (is64(ct)) return call(use, `min_${ct === 'i64' ? 'i' : 'u'}64`, a);
    return ct === 'f32' ? call(use, 'fmin_', a) : `min(${a[0]}, ${a[1]})`;
  },
  fmax: (a, t, use) => {
    const ct = computeType(t[0]!);
    if (is64(ct)) return call(use, `max_${ct === 'i64' ? 'i' : 'u'}64`, a);
    return ct === 'f32' ? call(use, 'fmaxnum_', a) : `max(${a[0]}, ${a[1]})`;
  },
  fmin: (a, t, use) => {
    const ct = computeType(t[0]!);
    if (is64(ct)) return call(use, `min_${ct === 'i64' ? 'i' : 'u'}64`, a);
    return ct === 'f32' ? call(use, 'fminnum_', a) : `min(${a[0]}, ${a[1]})`;
  },
  floor_divide: int32('floor_divide', 'floordiv'),
  remainder: int32('remainder', 'remainder'),
  fmod: int32('fmod', 'fmod'),
  // f32 through pow_; unsigned integers by squaring. Signed integers must raise on negative
  // exponents, which a shader cannot: no kernel.
  power: (a, t, use) => {
    const ct = computeType(t[0]!);
    if (ct === 'f32') return call(use, 'pow_', a);
    if (ct === 'u32') return call(use, 'power_u32', a);
    return none('power (negative exponents must raise)', t[0]!);
  },
  abs: (a, t, use) => {
    const ct = computeType(t[0]!);
    if (ct === 'f32' || ct === 'i32') return `abs(${a[0]})`; // WGSL: abs(INT_MIN) wraps, as NumPy
    if (ct === 'i64') return call(use, 'abs_i64', a);
    return a[0]!;
  },
  sign: (a, t, use) => {
    const ct = computeType(t[0]!);
    if (ct === 'f32') return call(use, 'sign_', a);
    if (ct === 'i32') return `sign(${a[0]})`;
    if (ct === 'u32') return `select(0u, 1u, ${a[0]} > 0u)`;
    return none('sign', t[0]!);
  },
  reciprocal: (a, t) => (computeType(t[0]!) === 'f32' ? `(1.0 / ${a[0]})` : none('integer reciprocal', t[0]!)),
  sqrt: float('sqrt', 'sqrt_'), cbrt: float('cbrt', 'cbrt_'),
  exp: float('exp', 'exp_'), exp2: float('exp2', 'exp2_'), expm1: float('expm1', 'expm1_'),
  log: float('log', 'log_'), log2: float('log2', 'log2_'), log10: float('log10', 'log10_'), log1p: float('log1p', 'log1p_'),
  sin: float('sin', 'sin_'), cos: float('cos', 'cos_'), tan: float('tan', 'tan_'),
  asin: float('arcsin', 'asin_'), acos: float('arccos', 'acos_'), atan: float('arctan', 'atan_'),
  atan2: float('arctan2', 'atan2_'), hypot: float('hypot', 'hypot_'),
  sinh: float('sinh', 'sinh_'), cosh: float('cosh', 'cosh_'), tanh: float('tanh', 'tanh_'),
  asinh: float('arcsinh', 'asinh_'), acosh: float('arccosh', 'acosh_'), atanh: float('arctanh', 'atanh_'),
  deg2rad: (a, t) => (computeType(t[0]!) === 'f32' ? `(${a[0]} * f32(${DEG2RAD_F}))` : none('deg2rad', t[0]!)),
  rad2deg: (a, t) => (computeType(t[0]!) === 'f32' ? `(${a[0]} * f32(${RAD2DEG_F}))` : none('rad2deg', t[0]!)),
  floor: rounding('floor'), ceil: rounding('ceil'), trunc: rounding('trunc'),
  rint: rounding('round'), // WGSL's round() ties to even
  copysign: float('copysign', 'copysign_'),
  // float16/bfloat16 step on their own bits (native/src/scalar_math.h); only f32 here.
  nextafter: (a, t, use) => (t[0] === 'float32' ? call(use, 'nextafter_', a) : none('nextafter', t[0]!)),
  spacing: (a, t, use) => (t[0] === 'float32' ? call(use, 'spacing_', a) : none('spacing', t[0]!)),
  // 8/16-bit integers compute in 32 bits, as NumPy's loops do (npymath's int versions).
  gcd: int32('gcd', 'gcd'),
  lcm: int32('lcm', 'lcm'),
  bit_and: (a) => `(${a[0]} & ${a[1]})`,
  bit_or: (a) => `(${a[0]} | ${a[1]})`,
  bit_xor: (a) => `(${a[0]} ^ ${a[1]})`,
  bit_not: (a, t) => (t[0] === 'bool' ? `(${a[0]} ^ 1u)` : `(~${a[0]})`),
  // 8/16-bit values compute in 32 bits: a shift by 8..31 already leaves 0 (or -1) in their width.
  lshift: (a, t) => {
    const ct = computeType(t[0]!);
    if (is64(ct) || ct === 'f32') return none('left_shift', t[0]!);
    const z = ct === 'i32' ? '0i' : '0u';
    return `select(${a[0]} << (bitcast<u32>(${a[1]}) & 31u), ${z}, bitcast<u32>(${a[1]}) >= 32u)`;
  },
  rshift: (a, t) => {
    const ct = computeType(t[0]!);
    if (is64(ct) || ct === 'f32') return none('right_shift', t[0]!);
    const big = ct === 'i32' ? `select(0i, -1i, ${a[0]} < 0i)` : '0u';
    return `select(${a[0]} >> (bitcast<u32>(${a[1]}) & 31u), ${big}, bitcast<u32>(${a[1]}) >= 32u)`;
  },
  eq: compare('=='), ne: compare('!='), lt: compare('<'), le: compare('<='), gt: compare('>'), ge: compare('>='),
  isnan: (a, t, use) => (computeType(t[0]!) === 'f32' ? bool(call(use, 'isnan_', a)) : '0u'),
  isinf: (a, t, use) => (computeType(t[0]!) === 'f32' ? bool(call(use, 'isinf_', a)) : '0u'),
  isfinite: (a, t, use) => (computeType(t[0]!) === 'f32' ? bool(`!${call(use, 'isnan_', a)} && !${call(use, 'isinf_', a)}`) : '1u'),
  signbit: (a, t) => (computeType(t[0]!) === 'f32' ? bool(`(bitcast<u32>(${a[0]}) & 0x80000000u) != 0u`) : none('signbit', t[0]!)),
  select: (a) => `select(${a[2]}, ${a[1]}, ${a[0]} != 0u)`,
  ldexp: (a, t, use) => (computeType(t[0]!) === 'f32' && computeType(t[1]!) === 'i32' ? call(use, 'ldexp_', a) : none('ldexp', t[1]!)),
  frexp_mant: (_a, t) => none('frexp', t[0]!),
  frexp_exp: (_a, t) => none('frexp', t[0]!),
};
