// WGSL math helpers of the dialect table (dialect.ts), by name; a shader includes the ones it uses
// (and their dependencies). Accuracy: within a few ulp of glibc on the CPU wherever they are tested
// (tests/ufuncs_webgpu.test.ts): WGSL's own builtins only promise absolute error near zero (sin,
// cos, tanh on SwiftShader lose all relative precision there), so the functions that need it are
// written out here after musl and Cephes. NaN is tested by its bits (a GPU compiler may assume no
// NaN in float comparisons); the 64-bit and conversion helpers live in codegen.ts.

export const MATH_HELPERS: Record<string, string> = {
  isnan_: 'fn isnan_(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }',
  isinf_: 'fn isinf_(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }',
  nan_: 'fn nan_() -> f32 { return bits_f32(0x7fc00000u); }',
  inf_: 'fn inf_() -> f32 { return bits_f32(0x7f800000u); }',
  copysign_: `fn copysign_(a: f32, b: f32) -> f32 {
  return bitcast<f32>((bitcast<u32>(a) & 0x7fffffffu) | (bitcast<u32>(b) & 0x80000000u));
}`,
  // np.fmax / np.fmin: a NaN loses to a number.
  fmaxnum_: 'fn fmaxnum_(a: f32, b: f32) -> f32 { return select(b, a, a >= b || isnan_(b)); }',
  fminnum_: 'fn fminnum_(a: f32, b: f32) -> f32 { return select(b, a, a <= b || isnan_(b)); }',
  sign_: `fn sign_(a: f32) -> f32 {
  if (a > 0.0) { return 1.0; }
  if (a < 0.0) { return -1.0; }
  if (a == 0.0) { return 0.0; }
  return a;
}`,
  // Python's floor division and modulo of integers; x // 0 = x % 0 = 0 (WGSL's MIN / -1 = MIN).
  floordiv_i32: `fn floordiv_i32(a: i32, b: i32) -> i32 {
  if (b == 0i) { return 0i; }
  var q = a / b;
  if ((a > 0i) != (b > 0i) && q * b != a) { q = q - 1i; }
  return q;
}`,
  floordiv_u32: 'fn floordiv_u32(a: u32, b: u32) -> u32 { return select(a / b, 0u, b == 0u); }',
  remainder_i32: `fn remainder_i32(a: i32, b: i32) -> i32 {
  if (b == 0i) { return 0i; }
  let r = a % b;
  if ((a > 0i) == (b > 0i) || r == 0i) { return r; }
  return r + b;
}`,
  remainder_u32: 'fn remainder_u32(a: u32, b: u32) -> u32 { return select(a % b, 0u, b == 0u); }',
  fmod_i32: 'fn fmod_i32(a: i32, b: i32) -> i32 { return select(a % b, 0i, b == 0i); }',
  fmod_u32: 'fn fmod_u32(a: u32, b: u32) -> u32 { return select(a % b, 0u, b == 0u); }',
  power_u32: `fn power_u32(a0: u32, b0: u32) -> u32 {
  var a = a0;
  var b = b0;
  var r = 1u;
  loop {
    if (b == 0u) { break; }
    if ((b & 1u) != 0u) { r = r * a; }
    a = a * a;
    b = b >> 1u;
  }
  return r;
}`,
  gcd_u32: `fn gcd_u32(a0: u32, b0: u32) -> u32 {
  var a = a0;
  var b = b0;
  loop {
    if (a == 0u) { break; }
    let c = a;
    a = b % a;
    b = c;
  }
  return b;
}`,
  // |INT_MIN| is 2^31 as u32 (npymath's npy_gcdu of the magnitudes).
  gcd_i32: 'fn gcd_i32(a: i32, b: i32) -> i32 { return bitcast<i32>(gcd_u32(bitcast<u32>(abs(a)), bitcast<u32>(abs(b)))); }',
  lcm_u32: `fn lcm_u32(a: u32, b: u32) -> u32 {
  let g = gcd_u32(a, b);
  return select(a / g * b, 0u, g == 0u);
}`,
  lcm_i32: 'fn lcm_i32(a: i32, b: i32) -> i32 { return bitcast<i32>(lcm_u32(bitcast<u32>(abs(a)), bitcast<u32>(abs(b)))); }',
  abs_i64: `fn abs_i64(a: vec2<u32>) -> vec2<u32> {
  return select(a, neg64(a), (a.y & 0x80000000u) != 0u);
}`,
  // e^r on |r| <= ln2/2 (a degree-7 polynomial, about 1 ulp), and 2^k applied in two exact steps.
  exp_poly_: `fn exp_poly_(r: f32) -> f32 {
  var p = 1.9875691500e-4;
  p = p * r + 1.3981999507e-3;
  p = p * r + 8.3334519073e-3;
  p = p * r + 4.1665795894e-2;
  p = p * r + 1.6666665459e-1;
  p = p * r + 5.0000001201e-1;
  return (p * r) * r + r + 1.0;
}`,
  scale2_: `fn scale2_(y: f32, k: i32) -> f32 {
  let k1 = k / 2;
  let k2 = k - k1;
  return y * bitcast<f32>(u32(k1 + 127) << 23u) * bitcast<f32>(u32(k2 + 127) << 23u);
}`,
  exp2_: `fn exp2_(x: f32) -> f32 {
  if (isnan_(x)) { return x; }
  if (x >= 128.0) { return inf_(); }
  if (x < -150.0) { return 0.0; }
  let k = round(x);
  return scale2_(exp_poly_((x - k) * 0.6931471805599453), i32(k));
}`,
  expm1_: `fn expm1_(x: f32) -> f32 {
  if (isnan_(x) || x == 0.0) { return x; }
  if (x > 88.72283935546875) { return inf_(); }
  if (x < -17.0) { return -1.0; }
  let u = exp_(x);
  if (u == 1.0) { return x; }
  let um1 = u - 1.0;
  if (um1 == -1.0) { return -1.0; }
  return um1 * x / log_(u);
}`,
  // musl's logf: x = 2^k (1 + f) with 1 + f in [sqrt(2)/2, sqrt(2)), log(1 + f) by a polynomial in s = f / (2 + f).
  log_core_: `fn log_core_(f: f32, dk: f32) -> f32 {
  let s = f / (2.0 + f);
  let z = s * s;
  let w = z * z;
  let t1 = w * (0.40000972152 + w * 0.24279078841);
  let t2 = z * (0.66666662693 + w * 0.28498786688);
  let r = t2 + t1;
  let hfsq = 0.5 * f * f;
  return s * (hfsq + r) + dk * 9.0580006145e-06 - hfsq + f + dk * 6.9313812256e-01;
}`,
  log_: `fn log_(x0: f32) -> f32 {
  if (isnan_(x0)) { return x0; }
  if (x0 < 0.0) { return nan_(); }
  if (x0 == 0.0) { return -inf_(); }
  if (isinf_(x0)) { return x0; }
  var x = x0;
  var k = 0i;
  if (x < 1.17549435e-38) { x = x * 33554432.0; k = -25i; }
  var ix = bitcast<u32>(x) + (0x3f800000u - 0x3f3504f3u);
  k = k + i32(ix >> 23u) - 127i;
  ix = (ix & 0x007fffffu) + 0x3f3504f3u;
  return log_core_(bitcast<f32>(ix) - 1.0, f32(k));
}`,
  log2_: 'fn log2_(x: f32) -> f32 { return log_(x) * 1.4426950408889634; }',
  log10_: 'fn log10_(x: f32) -> f32 { return log_(x) * 0.4342944819032518; }',
  // Near zero straight from the polynomial (never forming 1 + x, which a GPU compiler may also
  // simplify away); elsewhere log(1 + x), whose rounding no longer matters.
  log1p_: `fn log1p_(x: f32) -> f32 {
  if (isnan_(x) || (isinf_(x) && x > 0.0) || x == 0.0) { return x; }
  if (abs(x) < 0.41421356) { return log_core_(x, 0.0); }
  return log_(1.0 + x);
}`,
  sqrt_: `fn sqrt_(x: f32) -> f32 {
  if (isnan_(x) || x == 0.0) { return x; }
  if (x < 0.0) { return nan_(); }
  return sqrt(x);
}`,
  cbrt_: `fn cbrt_(x: f32) -> f32 {
  if (isnan_(x) || isinf_(x) || x == 0.0) { return x; }
  let a = abs(x);
  var y = exp2_(log2_(a) / 3.0);
  y = y - (y * y * y - a) / (3.0 * y * y);
  return copysign_(y, x);
}`,
  pow_: `fn pow_(x: f32, y: f32) -> f32 {
  if (y == 0.0 || x == 1.0) { return 1.0; }
  if (isnan_(x) || isnan_(y)) { return nan_(); }
  let ay = abs(y);
  let yint = trunc(y) == y;
  let yodd = yint && ay < 16777216.0 && trunc(ay * 0.5) != ay * 0.5;
  if (isinf_(y)) {
    let ax = abs(x);
    if (ax == 1.0) { return 1.0; }
    if ((ax < 1.0) == (y > 0.0)) { return 0.0; }
    return inf_();
  }
  if (x == 0.0 || isinf_(x)) {
    let big = (x == 0.0) == (y < 0.0);
    let m = select(0.0, inf_(), big);
    return select(m, copysign_(m, x), yodd);
  }
  if (x < 0.0 && !yint) { return nan_(); }
  let r = exp2_(y * log2_(abs(x)));
  return select(r, -r, x < 0.0 && yodd);
}`,
  // Cephes' sinf/cosf/tanf: x reduced by multiples of pi/4 (pi/4 in three exact parts, good to
  // |x| ~ 1e4), then polynomials on [-pi/4, pi/4] (WGSL's builtins are only absolutely accurate).
  trig_reduce_: `fn trig_reduce_(a: f32, j: ptr<function, u32>) -> f32 {
  var q = u32(a * 1.2732395447351628);
  var y = f32(q);
  if ((q & 1u) != 0u) { q = q + 1u; y = y + 1.0; }
  *j = q & 7u;
  return ((a - y * 0.78515625) - y * 2.4187564849853515625e-4) - y * 3.77489497744594108e-8;
}`,
  sin_poly_: 'fn sin_poly_(x: f32, z: f32) -> f32 { return ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * x + x; }',
  cos_poly_: 'fn cos_poly_(z: f32) -> f32 { return ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z - 0.5 * z + 1.0; }',
  sin_: `fn sin_(x: f32) -> f32 {
  if (isnan_(x) || isinf_(x)) { return nan_(); }
  if (x == 0.0) { return x; }
  var j: u32;
  let r = trig_reduce_(abs(x), &j);
  var neg = x < 0.0;
  if (j > 3u) { neg = !neg; j = j - 4u; }
  let z = r * r;
  let y = select(sin_poly_(r, z), cos_poly_(z), j == 1u || j == 2u);
  return select(y, -y, neg);
}`,
  cos_: `fn cos_(x: f32) -> f32 {
  if (isnan_(x) || isinf_(x)) { return nan_(); }
  var j: u32;
  let r = trig_reduce_(abs(x), &j);
  var neg = false;
  if (j > 3u) { neg = true; j = j - 4u; }
  if (j > 1u) { neg = !neg; }
  let z = r * r;
  let y = select(cos_poly_(z), sin_poly_(r, z), j == 1u || j == 2u);
  return select(y, -y, neg);
}`,
  tan_: `fn tan_(x: f32) -> f32 {
  if (isnan_(x) || isinf_(x)) { return nan_(); }
  if (x == 0.0) { return x; }
  var j: u32;
  let a = abs(x);
  let r = trig_reduce_(a, &j);
  let zz = r * r;
  var y = r;
  if (a > 1.0e-4) {
    y = (((((9.38540185543e-3 * zz + 3.11992232697e-3) * zz + 2.44301354525e-2) * zz + 5.34112807005e-2) * zz + 1.33387994085e-1) * zz + 3.33331568548e-1) * zz * r + r;
  }
  if ((j & 2u) != 0u) { y = -1.0 / y; }
  return select(y, -y, x < 0.0);
}`,
  // musl's asinf/acosf (the rational approximation R(z) of asin on [0, 0.5]).
  asin_r_: `fn asin_r_(z: f32) -> f32 {
  let p = z * (1.6666586697e-01 + z * (-4.2743422091e-02 + z * -8.6563630030e-03));
  let q = 1.0 + z * -7.0662963390e-01;
  return p / q;
}`,
  asin_: `fn asin_(x: f32) -> f32 {
  if (isnan_(x)) { return x; }
  let a = abs(x);
  if (a > 1.0) { return nan_(); }
  if (a < 0.5) { return x + x * asin_r_(x * x); }
  let z = (1.0 - a) * 0.5;
  let s = sqrt(z);
  let r = 1.5707963267948966 - 2.0 * (s + s * asin_r_(z));
  return copysign_(r, x);
}`,
  acos_: `fn acos_(x: f32) -> f32 {
  if (isnan_(x)) { return x; }
  let a = abs(x);
  if (a > 1.0) { return nan_(); }
  if (a == 1.0) { return select(0.0, 3.14159274, x < 0.0); }
  if (a < 0.5) { return 1.5707962513e+00 - (x - (7.5497894159e-08 - x * asin_r_(x * x))); }
  if (x < 0.0) {
    let z = (1.0 + x) * 0.5;
    let s = sqrt(z);
    return 2.0 * (1.5707962513e+00 - (s + (asin_r_(z) * s - 7.5497894159e-08)));
  }
  let z = (1.0 - x) * 0.5;
  let s = sqrt(z);
  let df = bitcast<f32>(bitcast<u32>(s) & 0xfffff000u);
  let c = (z - df * df) / (s + df);
  return 2.0 * (df + (asin_r_(z) * s + c));
}`,
  atan_: 'fn atan_(x: f32) -> f32 { if (isnan_(x) || x == 0.0) { return x; } return atan(x); }',
  atan2_: `fn atan2_(y: f32, x: f32) -> f32 {
  if (isnan_(x) || isnan_(y)) { return nan_(); }
  if (y == 0.0) { return select(copysign_(3.14159274, y), y, (bitcast<u32>(x) & 0x80000000u) == 0u); }
  return atan2(y, x);
}`,
  hypot_: `fn hypot_(a: f32, b: f32) -> f32 {
  if (isinf_(a) || isinf_(b)) { return inf_(); }
  if (isnan_(a) || isnan_(b)) { return nan_(); }
  let x = abs(a);
  let y = abs(b);
  let m = max(x, y);
  if (m == 0.0) { return 0.0; }
  let u = min(x, y) / m;
  return m * sqrt(1.0 + u * u);
}`,
  // The hyperbolic functions through exp_/expm1_/log1p_ (WGSL's builtins lose digits near zero).
  sinh_: `fn sinh_(x: f32) -> f32 {
  if (isnan_(x) || isinf_(x) || x == 0.0) { return x; }
  let a = abs(x);
  var r: f32;
  if (a < 1.0) {
    let t = expm1_(a);
    r = 0.5 * (t + t / (t + 1.0));
  } else if (a < 88.0) {
    let e = exp_(a);
    r = 0.5 * (e - 1.0 / e);
  } else {
    r = exp_(a - 0.6931471805599453);
  }
  return copysign_(r, x);
}`,
  cosh_: `fn cosh_(x: f32) -> f32 {
  if (isnan_(x)) { return x; }
  let a = abs(x);
  if (a < 88.0) {
    let e = exp_(a);
    return 0.5 * (e + 1.0 / e);
  }
  return exp_(a - 0.6931471805599453);
}`,
  tanh_: `fn tanh_(x: f32) -> f32 {
  if (isnan_(x) || x == 0.0) { return x; }
  let a = abs(x);
  if (a > 9.1) { return copysign_(1.0, x); }
  let t = expm1_(2.0 * a);
  return copysign_(t / (t + 2.0), x);
}`,
  asinh_: `fn asinh_(x: f32) -> f32 {
  if (isnan_(x) || isinf_(x) || x == 0.0) { return x; }
  let a = abs(x);
  var r: f32;
  if (a > 4096.0) { r = log_(a) + 0.6931471805599453; }
  else { r = log1p_(a + a * a / (1.0 + sqrt(1.0 + a * a))); }
  return copysign_(r, x);
}`,
  acosh_: `fn acosh_(x: f32) -> f32 {
  if (isnan_(x)) { return x; }
  if (x < 1.0) { return nan_(); }
  if (isinf_(x)) { return x; }
  if (x > 4096.0) { return log_(x) + 0.6931471805599453; }
  let t = x - 1.0;
  return log1p_(t + sqrt(2.0 * t + t * t));
}`,
  atanh_: `fn atanh_(x: f32) -> f32 {
  if (isnan_(x) || x == 0.0) { return x; }
  let a = abs(x);
  if (a > 1.0) { return nan_(); }
  if (a == 1.0) { return copysign_(inf_(), x); }
  return copysign_(0.5 * log1p_(2.0 * a / (1.0 - a)), x);
}`,
  nextafter_: `fn nextafter_(x: f32, y: f32) -> f32 {
  if (isnan_(x) || isnan_(y)) { return nan_(); }
  if (x == y) { return y; }
  if (x == 0.0) { return bitcast<f32>((bitcast<u32>(y) & 0x80000000u) | 1u); }
  let b = bitcast<u32>(x);
  let up = (x < y) == (x > 0.0);
  return bitcast<f32>(select(b - 1u, b + 1u, up));
}`,
  spacing_: `fn spacing_(x: f32) -> f32 {
  if (isnan_(x)) { return x; }
  if (isinf_(x)) { return nan_(); }
  if (x == 0.0) { return bitcast<f32>(1u); }
  return bitcast<f32>(bitcast<u32>(x) + 1u) - x;
}`,
  // x * 2^e in up to three exact steps (WGSL's ldexp leaves large exponents open).
  ldexp_: `fn ldexp_(x: f32, e: i32) -> f32 {
  var k = clamp(e, -400i, 400i);
  var r = x;
  for (var i = 0; i < 3; i = i + 1) {
    let s = clamp(k, -126i, 127i);
    r = r * bitcast<f32>(u32(s + 127i) << 23u);
    k = k - s;
  }
  return r;
}`,
};

/** Helpers that call other helpers (names in MATH_HELPERS or codegen.ts's HELPERS). */
export const MATH_DEPS: Record<string, readonly string[]> = {
  fmaxnum_: ['isnan_'], fminnum_: ['isnan_'], copysign_: [],
  gcd_i32: ['gcd_u32'], lcm_u32: ['gcd_u32'], lcm_i32: ['lcm_u32', 'gcd_u32'], abs_i64: ['neg64'],
  exp2_: ['isnan_', 'inf_', 'scale2_', 'exp_poly_'],
  expm1_: ['isnan_', 'inf_', 'exp_', 'log_'],
  log_: ['isnan_', 'isinf_', 'nan_', 'inf_', 'log_core_'], log2_: ['log_'], log10_: ['log_'], log1p_: ['isnan_', 'isinf_', 'log_', 'log_core_'],
  sqrt_: ['isnan_', 'nan_'], cbrt_: ['isnan_', 'isinf_', 'exp2_', 'log2_', 'copysign_'],
  pow_: ['isnan_', 'isinf_', 'nan_', 'inf_', 'copysign_', 'exp2_', 'log2_'],
  sin_: ['isnan_', 'isinf_', 'nan_', 'trig_reduce_', 'sin_poly_', 'cos_poly_'],
  cos_: ['isnan_', 'isinf_', 'nan_', 'trig_reduce_', 'sin_poly_', 'cos_poly_'],
  tan_: ['isnan_', 'isinf_', 'nan_', 'trig_reduce_'],
  asin_: ['isnan_', 'nan_', 'asin_r_', 'copysign_'], acos_: ['isnan_', 'nan_', 'asin_r_'], atan_: ['isnan_'], atan2_: ['isnan_', 'nan_', 'copysign_'],
  hypot_: ['isnan_', 'isinf_', 'nan_', 'inf_'],
  sinh_: ['isnan_', 'isinf_', 'expm1_', 'exp_', 'copysign_'], cosh_: ['isnan_', 'exp_'], tanh_: ['isnan_', 'expm1_', 'copysign_'],
  asinh_: ['isnan_', 'isinf_', 'log_', 'log1p_', 'copysign_'], acosh_: ['isnan_', 'isinf_', 'nan_', 'log_', 'log1p_'],
  atanh_: ['isnan_', 'nan_', 'inf_', 'copysign_', 'log1p_'],
  nextafter_: ['isnan_', 'nan_'], spacing_: ['isnan_', 'isinf_', 'nan_'],
};
