// The scalar functions of complex operands (qkc_*), following NumPy's complex loops (umath
// loops.c.src, funcs.inc.src) so that inf/nan cases agree. Transcendental functions call C99's
// complex functions (glibc's csqrt, cexp, clog, csin, casin, ...), which is what npymath uses on
// Linux. Included by the generated kernel files of ops with complex loops (src/backends/cpu/codegen.ts).
#pragma once
#include <cstdint>

#include "complex.h"

namespace qk {

// ---- C99 complex functions through GCC's builtins (no <complex.h> / <cmath> parsing) -----------

static inline _Complex float to_c(c64 z) {
  _Complex float r;
  __real__ r = z.re;
  __imag__ r = z.im;
  return r;
}
static inline _Complex double to_c(c128 z) {
  _Complex double r;
  __real__ r = z.re;
  __imag__ r = z.im;
  return r;
}
static inline c64 from_c(_Complex float z) { return {__real__ z, __imag__ z}; }
static inline c128 from_c(_Complex double z) { return {__real__ z, __imag__ z}; }

#define QKC_LIBM1(name, fn)                                                          \
  static inline c64 qkc_##name(c64 z) { return from_c(__builtin_##fn##f(to_c(z))); } \
  static inline c128 qkc_##name(c128 z) { return from_c(__builtin_##fn(to_c(z))); }
QKC_LIBM1(sqrt, csqrt) QKC_LIBM1(exp, cexp) QKC_LIBM1(log, clog) QKC_LIBM1(sin, csin) QKC_LIBM1(cos, ccos)
QKC_LIBM1(tan, ctan) QKC_LIBM1(sinh, csinh) QKC_LIBM1(cosh, ccosh) QKC_LIBM1(tanh, ctanh) QKC_LIBM1(asin, casin)
QKC_LIBM1(acos, cacos) QKC_LIBM1(atan, catan) QKC_LIBM1(asinh, casinh) QKC_LIBM1(acosh, cacosh)
QKC_LIBM1(atanh, catanh)
#undef QKC_LIBM1
static inline c64 qkc_cpow(c64 a, c64 b) { return from_c(__builtin_cpowf(to_c(a), to_c(b))); }
static inline c128 qkc_cpow(c128 a, c128 b) { return from_c(__builtin_cpow(to_c(a), to_c(b))); }

static inline float qkr_hypot(float x, float y) { return __builtin_hypotf(x, y); }
static inline double qkr_hypot(double x, double y) { return __builtin_hypot(x, y); }
static inline float qkr_atan2(float y, float x) { return __builtin_atan2f(y, x); }
static inline double qkr_atan2(double y, double x) { return __builtin_atan2(y, x); }
static inline float qkr_log(float x) { return __builtin_logf(x); }
static inline double qkr_log(double x) { return __builtin_log(x); }
static inline float qkr_exp(float x) { return __builtin_expf(x); }
static inline double qkr_exp(double x) { return __builtin_exp(x); }
static inline float qkr_expm1(float x) { return __builtin_expm1f(x); }
static inline double qkr_expm1(double x) { return __builtin_expm1(x); }
static inline float qkr_sin(float x) { return __builtin_sinf(x); }
static inline double qkr_sin(double x) { return __builtin_sin(x); }
static inline float qkr_cos(float x) { return __builtin_cosf(x); }
static inline double qkr_cos(double x) { return __builtin_cos(x); }

template <class T> static inline bool qkr_isnan(T x) { return __builtin_isnan(x); }
template <class T> static inline bool qkr_isinf(T x) { return __builtin_isinf(x); }

// ---- NumPy's complex loops ---------------------------------------------------------------------

template <class T> static inline cplx<T> qkc_log2(cplx<T> z) {
  cplx<T> r = qkc_log(z);
  const T k = T(1.442695040888963407359924681001892137);
  return {r.re * k, r.im * k};
}
template <class T> static inline cplx<T> qkc_log10(cplx<T> z) {
  cplx<T> r = qkc_log(z);
  const T k = T(0.434294481903251827651128918916605082);
  return {r.re * k, r.im * k};
}
template <class T> static inline cplx<T> qkc_exp2(cplx<T> z) {
  const T k = T(0.693147180559945309417232121458176568);
  return qkc_exp(cplx<T>{z.re * k, z.im * k});
}
// nc_expm1: expm1(x)cos(y) - 2 sin²(y/2) + i exp(x) sin(y)
template <class T> static inline cplx<T> qkc_expm1(cplx<T> z) {
  const T a = qkr_sin(z.im / 2);
  return {qkr_expm1(z.re) * qkr_cos(z.im) - 2 * a * a, qkr_exp(z.re) * qkr_sin(z.im)};
}
// nc_log1p: log|1+z| + i arg(1+z)
template <class T> static inline cplx<T> qkc_log1p(cplx<T> z) {
  const T l = qkr_hypot(z.re + 1, z.im);
  return {qkr_log(l), qkr_atan2(z.im, z.re + 1)};
}
// rint: each part to the nearest integer, half to even
static inline float qkr_rint(float x) { return __builtin_nearbyintf(x); }
static inline double qkr_rint(double x) { return __builtin_nearbyint(x); }
template <class T> static inline cplx<T> qkc_rint(cplx<T> z) { return {qkr_rint(z.re), qkr_rint(z.im)}; }
// |z| as NumPy's absolute loop computes it (loops_unary_complex: not libm's hypot): an infinite
// part gives inf, a NaN part nan, else larger * sqrt(1 + (smaller/larger)^2) with a fused multiply-add
static inline float qkr_fma(float a, float b, float c) { return __builtin_fmaf(a, b, c); }
static inline float qkr_sqrt(float x) { return __builtin_sqrtf(x); }
static inline double qkr_sqrt(double x) { return __builtin_sqrt(x); }
static inline double qkr_fma(double a, double b, double c) { return __builtin_fma(a, b, c); }
template <class T> static inline T qkc_abs(cplx<T> z) {
  T re = __builtin_fabs(z.re), im = __builtin_fabs(z.im);
  const T inf = __builtin_inf();
  if (re == inf || im == inf) return inf;
  if (re != re || im != im) return __builtin_nan("");
  const T larger = re > im ? re : im, smaller = re > im ? im : re;
  const T ratio = larger == 0 ? T(0) : smaller / larger;
  return qkr_sqrt(qkr_fma(ratio, ratio, T(1))) * larger;  // (in T: NumPy rounds each step)
}
template <class T> static inline cplx<T> qkc_conj(cplx<T> z) { return {z.re, -z.im}; }
template <class T> static inline cplx<T> qkc_square(cplx<T> z) { return z * z; }
// CFLOAT_reciprocal: Smith's method for 1/z
template <class T> static inline cplx<T> qkc_reciprocal(cplx<T> z) {
  const T r = z.re, i = z.im;
  if ((r < 0 ? -r : r) >= (i < 0 ? -i : i)) {
    const T rat = i / r, scl = T(1) / (r + i * rat);
    return {scl, -rat * scl};
  }
  const T rat = r / i, scl = T(1) / (i + r * rat);
  return {rat * scl, -scl};
}
// NumPy 2's sign: z / |z| (0 for 0, nan for nan, the unit direction of an infinite z)
template <class T> static inline cplx<T> qkc_sign(cplx<T> z) {
  const T a = qkr_hypot(z.re, z.im);
  const T nan = __builtin_nan("");
  if (qkr_isnan(a)) return {nan, nan};
  if (qkr_isinf(a)) {
    if (qkr_isinf(z.re)) {
      if (qkr_isinf(z.im)) return {nan, nan};
      return {z.re > 0 ? T(1) : T(-1), T(0)};
    }
    return {T(0), z.im > 0 ? T(1) : T(-1)};
  }
  if (a == 0) return {T(0), T(0)};
  return {z.re / a, z.im / a};
}
// nc_pow: exact small integer powers by repeated multiplication, else cpow
template <class T> static inline cplx<T> qkc_power(cplx<T> a, cplx<T> b) {
  if (b.re == 0 && b.im == 0) return {T(1), T(0)};
  if (a.re == 0 && a.im == 0) {
    if (b.re > 0) return {T(0), T(0)};  // (NumPy 2: any exponent with a positive real part)
    const T nan = __builtin_nan("");
    return {nan, nan};
  }
  if (b.im == 0 && b.re > -100 && b.re < 100) {
    int64_t n = (int64_t)b.re;
    if ((T)n == b.re) {
      if (n == 1) return a;
      if (n == 2) return a * a;
      if (n == 3) return (a * a) * a;
      cplx<T> aa{T(1), T(0)}, p = a;
      if (n < 0) n = -n;
      int64_t mask = 1;
      while (true) {
        if (n & mask) aa = aa * p;
        mask <<= 1;
        if (n < mask || mask <= 0) break;
        p = p * p;
      }
      if (b.re < 0) aa = cplx<T>{T(1), T(0)} / aa;
      return aa;
    }
  }
  return qkc_cpow(a, b);
}
template <class T> static inline bool qkc_isnan(cplx<T> z) { return qkr_isnan(z.re) || qkr_isnan(z.im); }
template <class T> static inline bool qkc_isinf(cplx<T> z) { return qkr_isinf(z.re) || qkr_isinf(z.im); }
template <class T> static inline bool qkc_isfinite(cplx<T> z) { return __builtin_isfinite(z.re) && __builtin_isfinite(z.im); }
// maximum/minimum: a NaN in the first operand wins, then NaN in the second (CGE/CLE fail on NaN)
template <class T> static inline cplx<T> qkc_maximum(cplx<T> a, cplx<T> b) {
  return (qkc_isnan(a) || a >= b) ? a : b;
}
template <class T> static inline cplx<T> qkc_minimum(cplx<T> a, cplx<T> b) {
  return (qkc_isnan(a) || a <= b) ? a : b;
}
// fmax/fmin: a NaN loses
template <class T> static inline cplx<T> qkc_fmax(cplx<T> a, cplx<T> b) {
  return (qkc_isnan(b) || a >= b) ? a : b;
}
template <class T> static inline cplx<T> qkc_fmin(cplx<T> a, cplx<T> b) {
  return (qkc_isnan(b) || a <= b) ? a : b;
}

}  // namespace qk
