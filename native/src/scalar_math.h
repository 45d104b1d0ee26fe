// The scalar functions of the expression IR (src/core/expr.ts) that the C++ dialect
// (src/backends/cpu/codegen.ts) renders as calls: qk_f<S...>(args), where S are the operands'
// storage types and the arguments are in their compute types (float for float16/bfloat16).
// Each follows NumPy's own loop (numpy/_core/src/umath, npymath), so that edge cases agree:
// Python's floor division and modulo, division by zero, shifts past the width, NaN and -0.
#pragma once
#include <atomic>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "convert.h"

namespace qk {

// libm through GCC's builtins: m_f(float) calls f's float version, m_f(double) the double one.
// (Not <cmath>: parsing it is most of the compile time of each generated kernel file.)
#define QK_LIBM1(fn)                                                     \
  static inline float m_##fn(float x) { return __builtin_##fn##f(x); } \
  static inline double m_##fn(double x) { return __builtin_##fn(x); }
#define QK_LIBM2(fn)                                                                  \
  static inline float m_##fn(float x, float y) { return __builtin_##fn##f(x, y); } \
  static inline double m_##fn(double x, double y) { return __builtin_##fn(x, y); }
QK_LIBM1(sqrt) QK_LIBM1(cbrt) QK_LIBM1(exp2) QK_LIBM1(expm1) QK_LIBM1(log) QK_LIBM1(log2)
QK_LIBM1(log10) QK_LIBM1(log1p) QK_LIBM1(sin) QK_LIBM1(cos) QK_LIBM1(tan) QK_LIBM1(asin) QK_LIBM1(acos)
QK_LIBM1(atan) QK_LIBM1(sinh) QK_LIBM1(cosh) QK_LIBM1(tanh) QK_LIBM1(asinh) QK_LIBM1(acosh) QK_LIBM1(atanh)
QK_LIBM1(fabs) QK_LIBM1(floor) QK_LIBM1(ceil) QK_LIBM1(trunc) QK_LIBM1(nearbyint)
QK_LIBM2(fmod) QK_LIBM2(pow) QK_LIBM2(atan2) QK_LIBM2(hypot) QK_LIBM2(copysign) QK_LIBM2(nextafter)
#undef QK_LIBM1
#undef QK_LIBM2
static inline double m_exp(double x) { return __builtin_exp(x); }
// float exp without a libm call, so that the loops vectorise (glibc's expf is a scalar call; NumPy's
// own float32 exp is SIMD): x = k ln2 + r with |r| <= ln2/2 (ln2 split in two for an exact k ln2),
// Cephes' degree-7 polynomial for e^r, then 2^k as two exponent-field scalings so that k in
// [-150, 128] reaches subnormals and overflow by plain multiplication. Max error 1.02 ulp over all
// 2^32 inputs (checked exhaustively against double exp); NaN, ±inf, overflow and underflow exact.
static inline float m_exp(float x) {
  const float xc = x < -104.0f ? -104.0f : (x > 89.0f ? 89.0f : x);
  const float magic = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer held in the low bits
  const float t = xc * 1.44269504088896341f + magic;
  const int32_t k = static_cast<int32_t>(f32_bits(t) - f32_bits(magic));
  const float kf = t - magic;
  float r = xc - kf * 0.693359375f;
  r = r - kf * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  float y = p * r * r + r + 1.0f;
  const int32_t k1 = k >> 1, k2 = k - k1;
  y = y * bits_f32(static_cast<uint32_t>(k1 + 127) << 23) * bits_f32(static_cast<uint32_t>(k2 + 127) << 23);
  return x != x ? x : y;
}
static inline float m_ldexp(float x, int e) { return __builtin_ldexpf(x, e); }
static inline double m_ldexp(double x, int e) { return __builtin_ldexp(x, e); }
static inline float m_frexp(float x, int* e) { return __builtin_frexpf(x, e); }
static inline double m_frexp(double x, int* e) { return __builtin_frexp(x, e); }

template <class S> constexpr bool is_half_v = std::is_same_v<S, f16> || std::is_same_v<S, bf16>;
template <class S> constexpr bool is_float_v = std::is_floating_point_v<S> || is_half_v<S>;
template <class S> constexpr bool is_signed_int_v = std::is_integral_v<S> && std::is_signed_v<S>;

// ---- errors raised from inside a loop (NumPy's loops raise these too) ------------------------

enum KernelError { kKernelOk = 0, kNegativeIntPower = 1 };
// Set by any thread of a run; the driver reads and clears it when the run ends.
inline std::atomic<int> g_kernel_error{0};
static inline void raise_kernel_error(int e) { g_kernel_error.store(e, std::memory_order_relaxed); }
static inline int take_kernel_error() { return g_kernel_error.exchange(0, std::memory_order_relaxed); }
// "ValueError: " tells the JS side which error class to throw (src/core/apply.ts).
static inline const char* kernel_error_message(int e) {
  switch (e) {
    case kNegativeIntPower: return "ValueError: Integers to negative integer powers are not allowed.";
    default: return "ValueError: error in an elementwise kernel";
  }
}

// ---- comparisons ----------------------------------------------------------------------------

// NumPy's maximum/minimum: a NaN in either operand propagates; ties keep the first operand.
// Written as nested selects without ||: GCC vectorises this form (in reductions' 8-accumulator
// folds too), not the short-circuit one.
template <class T> static inline T qk_maximum(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) return a != a ? a : (a >= b ? a : b);
  else return a >= b ? a : b;
}
template <class T> static inline T qk_minimum(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) return a != a ? a : (a <= b ? a : b);
  else return a <= b ? a : b;
}
// np.fmax/np.fmin: a NaN loses to a number.
template <class S> static inline compute_t<S> qk_fmax(compute_t<S> a, compute_t<S> b) {
  if constexpr (is_float_v<S>) return a != a ? b : (a < b ? b : a);
  else return a >= b ? a : b;
}
template <class S> static inline compute_t<S> qk_fmin(compute_t<S> a, compute_t<S> b) {
  if constexpr (is_float_v<S>) return a != a ? b : (a > b ? b : a);
  else return a <= b ? a : b;
}

// int64 against uint64 (NumPy's 'qQ->?' loops): exact, whatever the signs.
template <class A, class B> static inline bool qk_less(A a, B b) {
  if constexpr (is_signed_int_v<A> && std::is_unsigned_v<B>) return a < 0 || (std::make_unsigned_t<A>)a < b;
  else if constexpr (std::is_unsigned_v<A> && is_signed_int_v<B>) return b > 0 && a < (std::make_unsigned_t<B>)b;
  else return a < b;
}
template <class A, class B> static inline bool qk_equal(A a, B b) {
  if constexpr (is_signed_int_v<A> && std::is_unsigned_v<B>) return a >= 0 && (std::make_unsigned_t<A>)a == b;
  else if constexpr (std::is_unsigned_v<A> && is_signed_int_v<B>) return b >= 0 && a == (std::make_unsigned_t<B>)b;
  else return a == b;
}

template <class S> static inline bool qk_isnan(compute_t<S> a) {
  if constexpr (is_float_v<S>) return __builtin_isnan(a);
  else return false;
}
template <class S> static inline bool qk_isinf(compute_t<S> a) {
  if constexpr (is_float_v<S>) return __builtin_isinf(a);
  else return false;
}
template <class S> static inline bool qk_isfinite(compute_t<S> a) {
  if constexpr (is_float_v<S>) return __builtin_isfinite(a);
  else return true;
}
template <class S> static inline bool qk_signbit(compute_t<S> a) {
  // (the bits, not std::signbit: GCC 12 fails to vectorise that for bfloat16 loops under AVX-512)
  if constexpr (std::is_same_v<compute_t<S>, float>) return (f32_bits(a) >> 31) != 0;
  else if constexpr (is_float_v<S>) return __builtin_signbit(a);
  else if constexpr (std::is_signed_v<S>) return a < 0;
  else return false;
}

// ---- division and modulo --------------------------------------------------------------------

// npy_divmod: Python's floor division and modulo of floats, with the signs of zero NumPy gives.
template <class C> static inline C float_divmod(C a, C b, C& modulus) {
  C mod = m_fmod(a, b);
  if (b == 0) {
    modulus = mod;
    return a / b;
  }
  C div = (a - mod) / b;
  if (mod != 0) {
    if ((b < 0) != (mod < 0)) {
      mod += b;
      div -= C(1);
    }
  } else {
    mod = m_copysign(C(0), b);
  }
  C floordiv;
  if (div != 0) {
    floordiv = m_floor(div);
    if (div - floordiv > C(0.5)) floordiv += C(1);
  } else {
    floordiv = m_copysign(C(0), a / b);
  }
  modulus = mod;
  return floordiv;
}

template <class S> static inline compute_t<S> qk_floor_divide(compute_t<S> a, compute_t<S> b) {
  using C = compute_t<S>;
  if constexpr (is_float_v<S>) {
    if (b == 0) return a / b;
    C mod;
    return float_divmod(a, b, mod);
  } else if constexpr (std::is_signed_v<C>) {
    if (b == 0) return 0;
    if (a == std::numeric_limits<C>::min() && b == -1) return a;
    C r = (C)(a / b);
    if (((a > 0) != (b > 0)) && (C)(r * b) != a) r--;
    return r;
  } else {
    return b == 0 ? C(0) : (C)(a / b);
  }
}

template <class S> static inline compute_t<S> qk_remainder(compute_t<S> a, compute_t<S> b) {
  using C = compute_t<S>;
  if constexpr (is_float_v<S>) {
    if (b == 0) return m_fmod(a, b);
    C mod;
    float_divmod(a, b, mod);
    return mod;
  } else if constexpr (std::is_signed_v<C>) {
    if (b == 0 || b == -1) return 0;  // (x % -1 is 0; INT_MIN % -1 would trap)
    C rem = (C)(a % b);
    return ((a > 0) == (b > 0) || rem == 0) ? rem : (C)(rem + b);
  } else {
    return b == 0 ? C(0) : (C)(a % b);
  }
}

template <class S> static inline compute_t<S> qk_fmod(compute_t<S> a, compute_t<S> b) {
  using C = compute_t<S>;
  if constexpr (is_float_v<S>) return m_fmod(a, b);
  else if constexpr (std::is_signed_v<C>) return (b == 0 || b == -1) ? C(0) : (C)(a % b);
  else return b == 0 ? C(0) : (C)(a % b);
}

// ---- powers ---------------------------------------------------------------------------------

template <class S> static inline compute_t<S> qk_power(compute_t<S> a, compute_t<S> b) {
  using C = compute_t<S>;
  if constexpr (is_float_v<S>) {
    return m_pow(a, b);
  } else {
    if constexpr (std::is_signed_v<C>) {
      if (b < 0) {
        raise_kernel_error(kNegativeIntPower);
        return 0;
      }
    }
    if (b == 0 || a == 1) return 1;
    C out = (b & 1) ? a : C(1);
    b = (C)(b >> 1);
    while (b > 0) {
      a = (C)(a * a);
      if (b & 1) out = (C)(out * a);
      b = (C)(b >> 1);
    }
    return out;
  }
}

// Integers: C's conversion of 1.0 / x (so 1/0 is what x86 gives for inf), as NumPy's loop.
template <class S> static inline compute_t<S> qk_reciprocal(compute_t<S> a) {
  using C = compute_t<S>;
  if constexpr (is_float_v<S>) return C(1) / a;
  else return convert<C>(1.0 / (double)a);
}

// ---- sign, magnitude, rounding --------------------------------------------------------------

template <class S> static inline compute_t<S> qk_abs(compute_t<S> a) {
  using C = compute_t<S>;
  if constexpr (is_float_v<S>) return m_fabs(a);
  else if constexpr (std::is_signed_v<C>) return a < 0 ? (C)(0u - (std::make_unsigned_t<C>)a) : a;  // INT_MIN wraps
  else return a;
}

template <class S> static inline compute_t<S> qk_sign(compute_t<S> a) {
  using C = compute_t<S>;
  if constexpr (is_float_v<S>) return a > 0 ? C(1) : a < 0 ? C(-1) : a == 0 ? C(0) : a;
  else if constexpr (std::is_signed_v<C>) return (C)((a > 0) - (a < 0));
  else return a > 0 ? C(1) : C(0);
}

template <class S> static inline compute_t<S> qk_floor(compute_t<S> a) {
  if constexpr (is_float_v<S>) return m_floor(a);
  else return a;
}
template <class S> static inline compute_t<S> qk_ceil(compute_t<S> a) {
  if constexpr (is_float_v<S>) return m_ceil(a);
  else return a;
}
template <class S> static inline compute_t<S> qk_trunc(compute_t<S> a) {
  if constexpr (is_float_v<S>) return m_trunc(a);
  else return a;
}
// Half to even in the default rounding mode (np.rint).
template <class S> static inline compute_t<S> qk_rint(compute_t<S> a) {
  if constexpr (is_float_v<S>) return m_nearbyint(a);
  else return a;
}

// ---- float functions (glibc; float16/bfloat16 in float, rounded once on store) --------------

#define QK_FLOAT_FN(name, expr)                                                      \
  template <class S> static inline compute_t<S> qk_##name(compute_t<S> a) { return expr; }
QK_FLOAT_FN(sqrt, m_sqrt(a))
QK_FLOAT_FN(cbrt, m_cbrt(a))
QK_FLOAT_FN(exp, m_exp(a))
QK_FLOAT_FN(exp2, m_exp2(a))
QK_FLOAT_FN(expm1, m_expm1(a))
QK_FLOAT_FN(log, m_log(a))
QK_FLOAT_FN(log2, m_log2(a))
QK_FLOAT_FN(log10, m_log10(a))
QK_FLOAT_FN(log1p, m_log1p(a))
QK_FLOAT_FN(sin, m_sin(a))
QK_FLOAT_FN(cos, m_cos(a))
QK_FLOAT_FN(tan, m_tan(a))
QK_FLOAT_FN(asin, m_asin(a))
QK_FLOAT_FN(acos, m_acos(a))
QK_FLOAT_FN(atan, m_atan(a))
QK_FLOAT_FN(sinh, m_sinh(a))
QK_FLOAT_FN(cosh, m_cosh(a))
QK_FLOAT_FN(tanh, m_tanh(a))
QK_FLOAT_FN(asinh, m_asinh(a))
QK_FLOAT_FN(acosh, m_acosh(a))
QK_FLOAT_FN(atanh, m_atanh(a))
#undef QK_FLOAT_FN

template <class S> static inline compute_t<S> qk_atan2(compute_t<S> a, compute_t<S> b) { return m_atan2(a, b); }
template <class S> static inline compute_t<S> qk_hypot(compute_t<S> a, compute_t<S> b) { return m_hypot(a, b); }
template <class S> static inline compute_t<S> qk_copysign(compute_t<S> a, compute_t<S> b) { return m_copysign(a, b); }

// The constants as NumPy's npymath spells them: pi/180 and 180/pi in the loop's own float type.
template <class S> static inline compute_t<S> qk_deg2rad(compute_t<S> a) {
  using C = compute_t<S>;
  return a * (C(3.141592653589793238462643383279502884) / C(180));
}
template <class S> static inline compute_t<S> qk_rad2deg(compute_t<S> a) {
  using C = compute_t<S>;
  return a * (C(180) / C(3.141592653589793238462643383279502884));
}

// Exponents beyond int's range saturate (NumPy's 'fq->f' loop).
template <class S, class E> static inline compute_t<S> qk_ldexp(compute_t<S> x, E e) {
  int k;
  if constexpr (sizeof(E) < sizeof(int) || (sizeof(E) == sizeof(int) && std::is_signed_v<E>)) {
    k = (int)e;
  } else {
    k = e > (E)std::numeric_limits<int>::max() ? std::numeric_limits<int>::max()
        : (std::is_signed_v<E> && e < (E)std::numeric_limits<int>::min()) ? std::numeric_limits<int>::min()
        : (int)e;
  }
  return m_ldexp(x, k);
}
template <class S> static inline compute_t<S> qk_frexp_mant(compute_t<S> x) {
  int e;
  return m_frexp(x, &e);
}
template <class S> static inline int32_t qk_frexp_exp(compute_t<S> x) {
  int e = 0;
  m_frexp(x, &e);
  return e;
}

// ---- neighbouring floats --------------------------------------------------------------------

// npy_half_nextafter, on the bits.
static inline uint16_t half_nextafter(uint16_t x, uint16_t y) {
  const bool xnan = (x & 0x7fffu) > 0x7c00u, ynan = (y & 0x7fffu) > 0x7c00u;
  if (xnan || ynan) return 0x7e00u;
  if (x == y || ((x | y) & 0x7fffu) == 0) return x;  // equal (±0 too): x
  if ((x & 0x7fffu) == 0) return (uint16_t)((y & 0x8000u) + 1);
  if (!(x & 0x8000u)) return (int16_t)x > (int16_t)y ? (uint16_t)(x - 1) : (uint16_t)(x + 1);
  return (!(y & 0x8000u) || (x & 0x7fffu) > (y & 0x7fffu)) ? (uint16_t)(x - 1) : (uint16_t)(x + 1);
}
// ml_dtypes' NextAfter for bfloat16 (equal values, ±0 included, give `to`).
static inline uint16_t bf16_nextafter(uint16_t x, uint16_t y) {
  const bool xnan = (x & 0x7fffu) > 0x7f80u, ynan = (y & 0x7fffu) > 0x7f80u;
  if (xnan || ynan) return 0x7fc0u;
  if (x == y) return y;
  if ((x & 0x7fffu) == 0) return (y & 0x7fffu) == 0 ? y : (uint16_t)((y & 0x8000u) | 1);
  const uint16_t xs = x & 0x8000u, ys = y & 0x8000u;
  const bool away = (x & 0x7fffu) > (y & 0x7fffu) || xs != ys;
  return (uint16_t)(away ? x - 1 : x + 1);
}
template <class S> static inline compute_t<S> qk_nextafter(compute_t<S> a, compute_t<S> b) {
  if constexpr (std::is_same_v<S, f16>) return f16_to_f32(half_nextafter(f32_to_f16(a), f32_to_f16(b)));
  else if constexpr (std::is_same_v<S, bf16>) return bf16_to_f32(bf16_nextafter(f32_to_bf16(a), f32_to_bf16(b)));
  else return m_nextafter(a, b);
}

// npy_half_spacing, on the bits (the distance toward zero for a negative power of two).
static inline uint16_t half_spacing(uint16_t h) {
  const uint16_t e = h & 0x7c00u, sig = h & 0x03ffu;
  if (e == 0x7c00u) return 0x7e00u;
  if (h == 0x7bffu) return 0x7c00u;
  if ((h & 0x8000u) && sig == 0) {
    if (e > 0x2c00u) return (uint16_t)(e - 0x2c00u);
    if (e > 0x0400u) return (uint16_t)(1u << ((e >> 10) - 2));
    return 1;
  }
  if (e > 0x2800u) return (uint16_t)(e - 0x2800u);
  if (e > 0x0400u) return (uint16_t)(1u << ((e >> 10) - 1));
  return 1;
}
// npy_spacing: the step away from zero (+0 and -0 step to the smallest positive subnormal);
// bfloat16 as ml_dtypes: nextafter(x, copysign(inf, x)) - x in bfloat16.
template <class S> static inline compute_t<S> qk_spacing(compute_t<S> a) {
  using C = compute_t<S>;
  if constexpr (std::is_same_v<S, f16>) {
    return f16_to_f32(half_spacing(f32_to_f16(a)));
  } else if constexpr (std::is_same_v<S, bf16>) {
    if (__builtin_isinf(a)) return std::numeric_limits<float>::quiet_NaN();
    const uint16_t x = f32_to_bf16(a);
    const uint16_t to = (x & 0x8000u) ? 0xff80u : 0x7f80u;
    return bf16_to_f32(f32_to_bf16(bf16_to_f32(bf16_nextafter(x, to)) - a));
  } else {
    if (__builtin_isinf(a)) return std::numeric_limits<C>::quiet_NaN();
    if (a == 0) return std::numeric_limits<C>::denorm_min();
    return m_nextafter(a, m_copysign(std::numeric_limits<C>::infinity(), a)) - a;
  }
}

// ---- integers -------------------------------------------------------------------------------

// npy_gcd / npy_lcm: |a| and |b| as unsigned (so INT_MIN is 2^31), Euclid in unsigned; types
// narrower than int go through int first (npymath has no byte/short versions).
template <class C> using gcd_t = std::make_unsigned_t<std::conditional_t<(sizeof(C) < sizeof(int)), int, C>>;
template <class U, class C> static inline U abs_unsigned(C a) {
  if constexpr (std::is_signed_v<C>) return a < 0 ? (U)(0u - (U)(std::make_signed_t<U>)a) : (U)a;
  else return (U)a;
}
template <class U> static inline U gcd_unsigned(U a, U b) {
  while (a != 0) {
    U c = a;
    a = (U)(b % a);
    b = c;
  }
  return b;
}
template <class S> static inline compute_t<S> qk_gcd(compute_t<S> a, compute_t<S> b) {
  using C = compute_t<S>;
  using U = gcd_t<C>;
  return (C)gcd_unsigned<U>(abs_unsigned<U>(a), abs_unsigned<U>(b));
}
template <class S> static inline compute_t<S> qk_lcm(compute_t<S> a, compute_t<S> b) {
  using C = compute_t<S>;
  using U = gcd_t<C>;
  const U x = abs_unsigned<U>(a), y = abs_unsigned<U>(b), g = gcd_unsigned<U>(x, y);
  return (C)(g == 0 ? U(0) : (U)((U)(x / g) * y));
}

template <class S> static inline compute_t<S> qk_bit_not(compute_t<S> a) {
  using C = compute_t<S>;
  if constexpr (std::is_same_v<C, bool>) return !a;
  else return (C)~a;
}
// Shifts by the type's width or more, or by a negative amount, give 0 (-1 for a negative >>).
template <class S> static inline compute_t<S> qk_lshift(compute_t<S> a, compute_t<S> b) {
  using C = compute_t<S>;
  if ((uint64_t)b >= sizeof(C) * 8) return 0;  // a negative amount converts to a huge one
  return (C)((std::make_unsigned_t<C>)a << b);
}
template <class S> static inline compute_t<S> qk_rshift(compute_t<S> a, compute_t<S> b) {
  using C = compute_t<S>;
  if ((uint64_t)b >= sizeof(C) * 8) {  // a negative amount converts to a huge one
    if constexpr (std::is_signed_v<C>) return a < 0 ? C(-1) : C(0);
    else return 0;
  }
  return (C)(a >> b);
}

template <class From, class To> static inline compute_t<To> qk_cast(compute_t<From> x) {
  if constexpr (std::is_same_v<To, bool>) return x != 0;
  else return convert<compute_t<To>>(convert<To>(x));
}

}  // namespace qk
