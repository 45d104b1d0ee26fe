// WGSL dialect for the scalar expressions (the twin of src/backends/cpu/codegen.ts), and the
// generator of one compute shader per (op, loop, rank, operand structure).
//
// Every buffer is bound as array<u32>: 4-byte dtypes are loaded as whole words and bitcast;
// 1- and 2-byte dtypes (bool, int8, uint8, int16, uint16, float16, bfloat16) are extracted from
// their word on load and merged into it on store with atomicAnd/atomicOr, so that invocations
// writing neighbouring bytes of one word never race; int64/uint64 are pairs of words (lo, hi) and
// compute as vec2<u32> with carries (WGSL has no 64-bit integers). Shapes, strides, offsets and
// scalar operands travel in a uniform block, so one pipeline serves every shape of one structure.
import { DTYPES, type DType } from '../../core/dtype.js';
import { type Dialect, renderSSA } from '../../core/expr.js';
import type { Loop, Op } from '../../core/op.js';
import { CodegenError, WGSL_FNS, type WgslType, computeType, is64, isWgslDType } from './dialect.js';
import { MATH_DEPS, MATH_HELPERS } from './math_helpers.js';

export { CodegenError, computeType, isWgslDType, type WgslType };

/** The WGSL spelling of a compute type. */
export const wgslType = (t: WgslType): string => (t === 'i64' || t === 'u64' ? 'vec2<u32>' : t);

/** dtypes the WebGPU backend stores and computes (float64 has no WGSL counterpart). */
export const WGSL_DTYPES: readonly DType[] = DTYPES.filter(isWgslDType);

/** Bytes per element as stored (1, 2, 4 or 8). */
export function storageBytes(d: DType): 1 | 2 | 4 | 8 {
  switch (d) {
    case 'bool': case 'int8': case 'uint8': return 1;
    case 'int16': case 'uint16': case 'float16': case 'bfloat16': return 2;
    case 'int64': case 'uint64': case 'float64': return 8;
    default: return 4;
  }
}

/** A constant of the expression in compute type `t` (C++ renders T(v); this is its WGSL twin). */
export function wgslConst(v: number, t: WgslType): string {
  if (t === 'f32') {
    // WGSL's constant expressions cannot hold inf or NaN: those go through the (runtime) bits_f32.
    if (Number.isNaN(v)) return 'bits_f32(0x7fc00000u)';
    if (Object.is(v, -0)) return 'bits_f32(0x80000000u)';
    const f = Math.fround(v);
    if (!Number.isFinite(f)) return f > 0 ? 'bits_f32(0x7f800000u)' : 'bits_f32(0xff800000u)';
    return `f32(${String(f)})`;
  }
  const i = Number.isFinite(v) ? Math.trunc(v) : 0;
  if (is64(t)) {
    const b = BigInt.asUintN(64, BigInt(i));
    return `vec2<u32>(${Number(b & 0xffffffffn)}u, ${Number(b >> 32n)}u)`;
  }
  if (t === 'i32') return `bitcast<i32>(${(i | 0) >>> 0}u)`;
  return `${i >>> 0}u`;
}

// ---- WGSL helper functions (included only when used) ------------------------------------------

const HELPERS = {
  // Bit-exact twins of native/src/half.h.
  f16_to_f32: `fn f16_to_f32(h: u32) -> f32 {
  let s = (h & 0x8000u) << 16u;
  let e = (h >> 10u) & 0x1fu;
  let m = h & 0x3ffu;
  if (e == 0u) {
    if (m == 0u) { return bitcast<f32>(s); }
    let p = firstLeadingBit(m);
    return bitcast<f32>(s | ((p + 103u) << 23u) | ((m << (23u - p)) & 0x7fffffu));
  }
  if (e == 31u) { return bitcast<f32>(s | 0x7f800000u | (m << 13u)); }
  return bitcast<f32>(s | ((e + 112u) << 23u) | (m << 13u));
}`,
  f32_to_f16: `fn f32_to_f16(f: f32) -> u32 {
  let x = bitcast<u32>(f);
  let s = (x >> 16u) & 0x8000u;
  let a = x & 0x7fffffffu;
  if (a >= 0x7f800000u) { return s | 0x7c00u | select(0u, 0x200u, a > 0x7f800000u); }
  if (a >= 0x477ff000u) { return s | 0x7c00u; }
  if (a < 0x38800000u) {
    if (a <= 0x33000000u) { return s; }
    let m = (a & 0x7fffffu) | 0x800000u;
    let sh = 126u - (a >> 23u);
    var r = m >> sh;
    let rem = m & ((1u << sh) - 1u);
    let hf = 1u << (sh - 1u);
    if (rem > hf || (rem == hf && (r & 1u) != 0u)) { r = r + 1u; }
    return s | r;
  }
  var r = (a - 0x38000000u) >> 13u;
  let rem = a & 0x1fffu;
  if (rem > 0x1000u || (rem == 0x1000u && (r & 1u) != 0u)) { r = r + 1u; }
  return s | r;
}`,
  f32_to_bf16: `fn f32_to_bf16(f: f32) -> u32 {
  let x = bitcast<u32>(f);
  if ((x & 0x7fffffffu) > 0x7f800000u) { return ((x >> 16u) | 0x40u) & 0xffffu; }
  return ((x + 0x7fffu + ((x >> 16u) & 1u)) >> 16u) & 0xffffu;
}`,
  // float -> int as the CPU backend (x86) does: out of the int32 range and NaN give INT32_MIN,
  // then the store keeps the low bits (int8/int16/uint8/uint16 go through int32 as in C).
  f2i: `fn f2i(v: f32) -> i32 {
  if (v >= -2147483648.0 && v < 2147483648.0) { return i32(v); }
  return i32(-2147483647) - 1;
}`,
  // float -> uint32 through int64, as the CPU backend: the low 32 bits of trunc(v); 0 outside int64.
  f2u32: `fn f2u32(v: f32) -> u32 {
  if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0)) { return 0u; }
  let t = trunc(v);
  let a = abs(t);
  let m = a - floor(a * 2.3283064365386963e-10) * 4294967296.0;
  let u = u32(m);
  return select(u, 0u - u, t < 0.0);
}`,
  // exp with Cody-Waite range reduction and a degree-7 polynomial on [-ln2/2, ln2/2]: about
  // 1 ulp everywhere, where WGSL's builtin only promises 3 + 2|x| ulp (SwiftShader's is worse).
  exp_: `fn exp_(x: f32) -> f32 {
  if ((bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u) { return x; }
  if (x > 88.72283935546875) { return bits_f32(0x7f800000u); }
  if (x < -103.97208404541016) { return 0.0; }
  let k = round(x * 1.4426950408889634);
  let r = (x - k * 0.693145751953125) - k * 1.428606765330187e-6;
  var p = 1.9875691500e-4;
  p = p * r + 1.3981999507e-3;
  p = p * r + 8.3334519073e-3;
  p = p * r + 4.1665795894e-2;
  p = p * r + 1.6666665459e-1;
  p = p * r + 5.0000001201e-1;
  let y = (p * r) * r + r + 1.0;
  let ki = i32(k);
  // scale by 2^k in two steps so that k = 128 or a subnormal result still scale exactly
  let k1 = ki / 2;
  let k2 = ki - k1;
  return y * bitcast<f32>(u32(k1 + 127) << 23u) * bitcast<f32>(u32(k2 + 127) << 23u);
}`,
  // (a >= b || a is NaN) ? a : b, so a NaN on either side wins, as in native/src/elementwise.h.
  fmax_: `fn fmax_(a: f32, b: f32) -> f32 {
  return select(b, a, a >= b || (bitcast<u32>(a) & 0x7fffffffu) > 0x7f800000u);
}`,
  fmin_: `fn fmin_(a: f32, b: f32) -> f32 {
  return select(b, a, a <= b || (bitcast<u32>(a) & 0x7fffffffu) > 0x7f800000u);
}`,
  // int32/uint32 -> f32 rounding to nearest even from the integer bits: WGSL leaves the rounding
  // of inexact conversions open, and SwiftShader's u32 -> f32 is off by one ulp above 2^31.
  u32_to_f32: `fn u32_to_f32(x: u32) -> f32 {
  if (x < 0x1000000u) { return f32(x); }
  var e = firstLeadingBit(x);
  let sh = e - 23u;
  var m = x >> sh;
  let rem = x & ((1u << sh) - 1u);
  let hf = 1u << (sh - 1u);
  if (rem > hf || (rem == hf && (m & 1u) != 0u)) {
    m = m + 1u;
    if (m == 0x1000000u) { m = 0x800000u; e = e + 1u; }
  }
  return bitcast<f32>(((e + 127u) << 23u) | (m & 0x7fffffu));
}`,
  i32_to_f32: `fn i32_to_f32(x: i32) -> f32 {
  let a = u32_to_f32(select(bitcast<u32>(x), 0u - bitcast<u32>(x), x < 0i));
  return select(a, -a, x < 0i);
}`,
  // ---- 64-bit integers as vec2<u32>(lo, hi), two's complement ----
  add64: `fn add64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let lo = a.x + b.x;
  return vec2<u32>(lo, a.y + b.y + select(0u, 1u, lo < a.x));
}`,
  sub64: `fn sub64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  return vec2<u32>(a.x - b.x, a.y - b.y - select(0u, 1u, a.x < b.x));
}`,
  neg64: `fn neg64(a: vec2<u32>) -> vec2<u32> {
  return vec2<u32>(0u - a.x, 0u - a.y - select(0u, 1u, a.x != 0u));
}`,
  // The low 64 bits of the product: lo×lo in full (16-bit limbs), the cross terms wrap into hi.
  mul64: `fn mul64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let a0 = a.x & 0xffffu; let a1 = a.x >> 16u;
  let b0 = b.x & 0xffffu; let b1 = b.x >> 16u;
  let p00 = a0 * b0; let p01 = a0 * b1; let p10 = a1 * b0; let p11 = a1 * b1;
  let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
  let lo = (p00 & 0xffffu) | (mid << 16u);
  let hi = p11 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u);
  return vec2<u32>(lo, hi + a.x * b.y + a.y * b.x);
}`,
  lt_i64: `fn lt_i64(a: vec2<u32>, b: vec2<u32>) -> bool {
  if (a.y != b.y) { return bitcast<i32>(a.y) < bitcast<i32>(b.y); }
  return a.x < b.x;
}`,
  lt_u64: `fn lt_u64(a: vec2<u32>, b: vec2<u32>) -> bool {
  return a.y < b.y || (a.y == b.y && a.x < b.x);
}`,
  max_i64: 'fn max_i64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> { return select(a, b, lt_i64(a, b)); }',
  min_i64: 'fn min_i64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> { return select(a, b, lt_i64(b, a)); }',
  max_u64: 'fn max_u64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> { return select(a, b, lt_u64(a, b)); }',
  min_u64: 'fn min_u64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> { return select(a, b, lt_u64(b, a)); }',
  // uint64 -> f32 rounding to nearest even from the integer bits (as C's (float)x): the top 24
  // bits, then the round bit and the sticky bits below it.
  u64_to_f32: `fn u64_to_f32(x: vec2<u32>) -> f32 {
  if (x.y == 0u && x.x < 0x1000000u) { return f32(x.x); }
  var p: u32;
  if (x.y != 0u) { p = 32u + firstLeadingBit(x.y); } else { p = firstLeadingBit(x.x); }
  let sh = p - 23u;
  var m: u32;
  if (sh >= 32u) { m = x.y >> (sh - 32u); } else { m = (x.x >> sh) | (x.y << (32u - sh)); }
  m = m & 0xffffffu;
  let rb = sh - 1u;
  var rbit: bool;
  var sticky: bool;
  if (rb >= 32u) {
    rbit = ((x.y >> (rb - 32u)) & 1u) != 0u;
    sticky = x.x != 0u || (rb > 32u && (x.y & ((1u << (rb - 32u)) - 1u)) != 0u);
  } else {
    rbit = ((x.x >> rb) & 1u) != 0u;
    sticky = rb > 0u && (x.x & ((1u << rb) - 1u)) != 0u;
  }
  var e = p;
  if (rbit && (sticky || (m & 1u) != 0u)) {
    m = m + 1u;
    if (m == 0x1000000u) { m = 0x800000u; e = e + 1u; }
  }
  return bitcast<f32>(((e + 127u) << 23u) | (m & 0x7fffffu));
}`,
  i64_to_f32: `fn i64_to_f32(x: vec2<u32>) -> f32 {
  if ((x.y & 0x80000000u) != 0u) { return -u64_to_f32(neg64(x)); }
  return u64_to_f32(x);
}`,
  // float -> int64 as the CPU backend: trunc(v); outside the int64 range (and NaN) INT64_MIN.
  f2i64: `fn f2i64(v: f32) -> vec2<u32> {
  if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0)) { return vec2<u32>(0u, 0x80000000u); }
  let a = abs(trunc(v));
  if (a < 1.0) { return vec2<u32>(0u, 0u); }
  let bits = bitcast<u32>(a);
  let e = (bits >> 23u) - 127u;
  let m = (bits & 0x7fffffu) | 0x800000u;
  var r: vec2<u32>;
  if (e <= 23u) { r = vec2<u32>(m >> (23u - e), 0u); }
  else if (e - 23u < 32u) { r = vec2<u32>(m << (e - 23u), m >> (55u - e)); }
  else { r = vec2<u32>(0u, m << (e - 55u)); }
  return select(r, neg64(r), v < 0.0);
}`,
  // float -> uint64 as the CPU backend: [2^63, 2^64) directly, 2^64 and up (+inf) 0, else through int64.
  f2u64: `fn f2u64(v: f32) -> vec2<u32> {
  if (v >= 9223372036854775808.0) {
    if (v >= 18446744073709551616.0) { return vec2<u32>(0u, 0u); }
    return f2i64(v - 9223372036854775808.0) ^ vec2<u32>(0u, 0x80000000u);
  }
  return f2i64(v);
}`,
} as const;
type Helper = keyof typeof HELPERS;

/** Helpers that call other helpers. */
const DEPS: Partial<Record<Helper, Helper[]>> = {
  i32_to_f32: ['u32_to_f32'], max_i64: ['lt_i64'], min_i64: ['lt_i64'], max_u64: ['lt_u64'], min_u64: ['lt_u64'],
  i64_to_f32: ['u64_to_f32', 'neg64'], f2i64: ['neg64'], f2u64: ['f2i64'],
};

// ---- kernel structure -----------------------------------------------------------------------

/** How one operand of a launch is seen by the shader. */
export type KernelOperand =
  | { readonly kind: 'buffer'; readonly dtype: DType; readonly binding: number }
  | { readonly kind: 'scalar'; readonly dtype: DType };

export interface KernelBinding {
  /** Written by the kernel. */
  readonly write: boolean;
  /** Written with packed (sub-word) stores: bound as array<atomic<u32>>. */
  readonly atomic: boolean;
}

export interface KernelSpec {
  readonly op: Op<object>;
  readonly loop: Loop;
  readonly ndim: number;
  readonly inputs: readonly KernelOperand[];
  readonly output: KernelOperand & { kind: 'buffer' };
  readonly bindings: readonly KernelBinding[];
  readonly workgroupSize: number;
}

/**
 * The uniform block's word layout: [n, shape[ndim], then per operand (inputs, then the output):
 * buffer → offset, strides[ndim] (elements, i32 bits); scalar → its value's bits in compute type
 * (two words, lo then hi, for 64-bit integers)].
 */
export function paramLayout(ndim: number, operands: readonly KernelOperand[]): { base: number[]; words: number } {
  let p = 1 + ndim;
  const base: number[] = [];
  for (const o of operands) {
    base.push(p);
    p += o.kind === 'buffer' ? 1 + ndim : storageBytes(o.dtype) === 8 ? 2 : 1;
  }
  return { base, words: p };
}

/** Words in the uniform block, rounded up to whole vec4s (uniform arrays have a 16-byte stride). */
export const uniformVec4s = (words: number): number => Math.max(1, Math.ceil(words / 4));

/** Converts a value of `from`'s compute type to `to`'s compute type (NumPy's cast rules). */
function convert(x: string, from: DType, to: DType, use: Set<Helper>): string {
  const s = computeType(from), t = computeType(to);
  if (to === 'bool') {
    if (from === 'bool') return x;
    // x != 0; NaN is true. For floats test the bits, so that no fast-math can fold NaN away.
    if (s === 'f32') return `select(0u, 1u, (bitcast<u32>(${x}) & 0x7fffffffu) != 0u)`;
    if (is64(s)) return `select(0u, 1u, (${x}.x | ${x}.y) != 0u)`;
    return s === 'i32' ? `select(0u, 1u, ${x} != 0i)` : `select(0u, 1u, ${x} != 0u)`;
  }
  if (s === t || (is64(s) && is64(t))) return x;
  if (is64(t)) {
    if (s === 'i32') return `vec2<u32>(bitcast<u32>(${x}), select(0u, 0xffffffffu, ${x} < 0i))`;
    if (s === 'u32') return `vec2<u32>(${x}, 0u)`;
    const f = t === 'i64' ? 'f2i64' : 'f2u64';
    use.add(f);
    return `${f}(${x})`;
  }
  if (is64(s)) {
    if (t === 'f32') {
      const f = s === 'i64' ? 'i64_to_f32' : 'u64_to_f32';
      use.add(f);
      return `${f}(${x})`;
    }
    // to a narrower integer: the low bits, as C's conversion
    return t === 'i32' ? `bitcast<i32>(${x}.x)` : `${x}.x`;
  }
  if (t === 'f32') {
    // bool and 8/16-bit integers convert exactly; 32-bit ones round (to nearest even).
    if (from !== 'int32' && from !== 'uint32') return `f32(${x})`;
    const f = from === 'int32' ? 'i32_to_f32' : 'u32_to_f32';
    use.add(f);
    return `${f}(${x})`;
  }
  if (s === 'f32') {
    if (to === 'uint32') {
      use.add('f2u32');
      return `f2u32(${x})`;
    }
    use.add('f2i');
    return t === 'i32' ? `f2i(${x})` : `bitcast<u32>(f2i(${x}))`;
  }
  return `bitcast<${t}>(${x})`;
}

/** The u32 bits to store for a value of `d`'s compute type (low 8/16 bits for packed dtypes). */
function storeBits(x: string, d: DType, use: Set<Helper>): string {
  switch (d) {
    case 'float32': return `bitcast<u32>(${x})`;
    case 'float16': use.add('f32_to_f16'); return `f32_to_f16(${x})`;
    case 'bfloat16': use.add('f32_to_bf16'); return `f32_to_bf16(${x})`;
    case 'int32': return `bitcast<u32>(${x})`;
    case 'uint32': return x;
    case 'int8': return `(bitcast<u32>(${x}) & 0xffu)`;
    case 'int16': return `(bitcast<u32>(${x}) & 0xffffu)`;
    case 'uint8': return `(${x} & 0xffu)`;
    case 'uint16': return `(${x} & 0xffffu)`;
    case 'bool': return `select(0u, 1u, ${x} != 0u)`;
    case 'int64': case 'uint64': return x;
    default: throw new CodegenError(`dtype ${d} is not supported on webgpu`);
  }
}

/** Decodes the raw element bits `x` (u32, already shifted down) into `d`'s compute type. */
function decode(x: string, d: DType, use: Set<Helper>): string {
  switch (d) {
    case 'float32': return `bitcast<f32>(${x})`;
    case 'int32': return `bitcast<i32>(${x})`;
    case 'uint32': return x;
    case 'float16': use.add('f16_to_f32'); return `f16_to_f32(${x})`;
    case 'bfloat16': return `bitcast<f32>(${x} << 16u)`;
    case 'int16': return `(bitcast<i32>(${x} << 16u) >> 16u)`;
    case 'uint16': return x;
    case 'int8': return `(bitcast<i32>(${x} << 24u) >> 24u)`;
    case 'uint8': return x;
    case 'bool': return `select(0u, 1u, ${x} != 0u)`;
    default: throw new CodegenError(`dtype ${d} is not supported on webgpu`);
  }
}

/** The bits of a scalar operand (as `decode` would see them in the uniform block). */
function scalarValue(at: number, d: DType): string {
  switch (computeType(d)) {
    case 'f32': return `bitcast<f32>(p(${at}u))`;
    case 'i32': return `bitcast<i32>(p(${at}u))`;
    case 'u32': return `p(${at}u)`;
    case 'i64': case 'u64': return `vec2<u32>(p(${at}u), p(${at + 1}u))`;
  }
}

function closure(h: string, seen = new Set<string>()): Set<string> {
  for (const d of [...(DEPS[h as Helper] ?? []), ...(MATH_DEPS[h] ?? [])]) {
    if (!seen.has(d)) {
      seen.add(d);
      closure(d, seen);
    }
  }
  return seen;
}

/** Generates the compute shader of a kernel. Throws CodegenError where WGSL has no form. */
export function generateKernel(spec: KernelSpec): string {
  const { op, loop, ndim } = spec;
  if (!op.expr) throw new CodegenError(`${op.name} has no scalar expression`);
  if (loop.inputs.length !== spec.inputs.length || loop.outputs.length !== 1) {
    throw new CodegenError(`${op.name}: ${spec.inputs.length} inputs / ${loop.outputs.length} outputs have no WGSL kernel`);
  }
  for (const d of [...loop.inputs, ...loop.outputs]) computeType(d);
  const use = new Set<Helper>();
  const operands: KernelOperand[] = [...spec.inputs, spec.output];
  const { base, words } = paramLayout(ndim, operands);
  const vec4s = uniformVec4s(words);
  const lines: string[] = [];

  lines.push(`struct Params { v: array<vec4<u32>, ${vec4s}> }`);
  lines.push('@group(0) @binding(0) var<uniform> P: Params;');
  spec.bindings.forEach((b, i) => {
    const ty = b.atomic ? 'array<atomic<u32>>' : 'array<u32>';
    lines.push(`@group(0) @binding(${i + 1}) var<storage, ${b.write ? 'read_write' : 'read'}> B${i}: ${ty};`);
  });
  lines.push('fn p(i: u32) -> u32 { return P.v[i >> 2u][i & 3u]; }');
  // A function call is never a constant expression, so this can make inf and NaN.
  lines.push('fn bits_f32(u: u32) -> f32 { return bitcast<f32>(u); }');
  lines.push('fn ps(i: u32) -> i32 { return bitcast<i32>(p(i)); }');

  const word = (binding: number, idx: string): string =>
    spec.bindings[binding]!.atomic ? `atomicLoad(&B${binding}[${idx}])` : `B${binding}[${idx}]`;

  // One load function per buffer input: element index → value in the input's compute type.
  spec.inputs.forEach((o, k) => {
    if (o.kind !== 'buffer') return;
    const d = o.dtype;
    const t = computeType(d);
    const bytes = storageBytes(d);
    let body: string;
    if (bytes === 8) body = `return vec2<u32>(${word(o.binding, '2u * u32(e)')}, ${word(o.binding, '2u * u32(e) + 1u')});`;
    else if (bytes === 4) body = `return ${decode(word(o.binding, 'u32(e)'), d, use)};`;
    else if (bytes === 2) {
      body = `let w = ${word(o.binding, 'u32(e) >> 1u')};\n  let h = (w >> ((u32(e) & 1u) * 16u)) & 0xffffu;\n  return ${decode('h', d, use)};`;
    } else {
      body = `let w = ${word(o.binding, 'u32(e) >> 2u')};\n  let b = (w >> ((u32(e) & 3u) * 8u)) & 0xffu;\n  return ${decode('b', d, use)};`;
    }
    lines.push(`fn ld${k}(e: i32) -> ${wgslType(t)} {\n  ${body}\n}`);
  });

  // The store: whole words for 4-byte dtypes, atomic byte/half-word merges for packed ones.
  const out = spec.output;
  const ot = computeType(out.dtype);
  const obytes = storageBytes(out.dtype);
  const bits = storeBits('v', out.dtype, use);
  let stBody: string;
  if (obytes === 8) stBody = `B${out.binding}[2u * u32(e)] = v.x;\n  B${out.binding}[2u * u32(e) + 1u] = v.y;`;
  else if (obytes === 4) stBody = `B${out.binding}[u32(e)] = ${bits};`;
  else {
    const per = obytes === 2 ? '1u' : '3u';
    const shift = obytes === 2 ? '4u' : '3u';
    const mask = obytes === 2 ? '0xffffu' : '0xffu';
    const wi = obytes === 2 ? 'u32(e) >> 1u' : 'u32(e) >> 2u';
    stBody = `let i = ${wi};\n  let sh = (u32(e) & ${per}) << ${shift};\n  atomicAnd(&B${out.binding}[i], ~(${mask} << sh));\n  atomicOr(&B${out.binding}[i], ${bits} << sh);`;
  }
  lines.push(`fn st(e: i32, v: ${wgslType(ot)}) {\n  ${stBody}\n}`);

  // The expression, one typed temporary per node (types from the loop's input dtypes).
  const argName = (i: number): string => `a${i}`;
  const uses = use as Set<string>;
  const dialect: Dialect = {
    arg: argName,
    konst: (v, t) => wgslConst(v, computeType(t)),
    cast: (x, from, to) => convert(x, from, to, use),
    call: (f, a, t) => WGSL_FNS[f](a, t, uses),
    bind: (name, t, v) => `let ${name}: ${wgslType(computeType(t))} = ${v};`,
  };
  const r = renderSSA(op.exprs ?? [op.expr!], loop.inputs, dialect);
  const result = convert(r.results[0]!, r.types[0]!, out.dtype, use);

  const body: string[] = [];
  body.push('let n = p(0u);');
  body.push('let i = gid.x + gid.y * nwg.x * WG;');
  body.push('if (i >= n) { return; }');
  const bufOps = operands.map((o, k) => ({ o, k })).filter((x) => x.o.kind === 'buffer');
  for (const { k } of bufOps) body.push(`var o${k}: i32 = ps(${base[k]}u);`);
  if (ndim > 0) {
    body.push('var r = i;');
    for (let d = ndim - 1; d >= 0; d--) {
      if (d > 0) body.push(`let c${d} = i32(r % p(${1 + d}u)); r = r / p(${1 + d}u);`);
      else body.push('let c0 = i32(r);');
      for (const { k } of bufOps) body.push(`o${k} += c${d} * ps(${base[k]! + 1 + d}u);`);
    }
  }
  spec.inputs.forEach((o, k) => {
    const v = o.kind === 'buffer' ? `ld${k}(o${k})` : scalarValue(base[k]!, o.dtype);
    body.push(`let ${argName(k)} = ${v};`);
  });
  body.push(...r.lines);
  body.push(`st(o${spec.inputs.length}, ${result});`);

  for (const h of [...use]) for (const d of closure(h)) use.add(d as Helper);
  const helperSrc = [...(Object.keys(HELPERS) as Helper[]).filter((h) => use.has(h)).map((h) => HELPERS[h]),
    ...Object.keys(MATH_HELPERS).filter((h) => use.has(h as Helper)).map((h) => MATH_HELPERS[h]!)];
  return [
    `// ${op.name} ${loop.sig} ndim=${ndim}`,
    `const WG: u32 = ${spec.workgroupSize}u;`,
    ...lines,
    ...helperSrc,
    `@compute @workgroup_size(${spec.workgroupSize})`,
    'fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {',
    ...body.map((l) => `  ${l}`),
    '}',
    '',
  ].join('\n');
}

/**
 * Byte copy between buffers at any byte offsets: each invocation owns one destination word and
 * merges the copied bytes into it, so bytes of the word outside the range are kept.
 * Uniform: [srcByte, dstByte, nbytes, firstWord, words].
 */
export function byteCopyKernel(workgroupSize: number): string {
  return `const WG: u32 = ${workgroupSize}u;
struct Params { v: array<vec4<u32>, 2> }
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> S: array<u32>;
@group(0) @binding(2) var<storage, read_write> D: array<u32>;
@compute @workgroup_size(${workgroupSize})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * WG;
  let src = P.v[0].x;
  let dst = P.v[0].y;
  let n = P.v[0].z;
  if (i >= P.v[1].x) { return; }
  let w = P.v[0].w + i;
  var word = D[w];
  for (var k = 0u; k < 4u; k = k + 1u) {
    let b = w * 4u + k;
    if (b >= dst && b - dst < n) {
      let sb = src + (b - dst);
      let bv = (S[sb >> 2u] >> ((sb & 3u) * 8u)) & 0xffu;
      word = (word & ~(0xffu << (k * 8u))) | (bv << (k * 8u));
    }
  }
  D[w] = word;
}
`;
}
