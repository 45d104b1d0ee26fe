// Elementwise loops: storage types, exact conversions, and the inner-loop templates that the
// generated kernel table (native/gen/) instantiates once per (op, type signature).
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "half.h"

namespace qk {

// The type the math runs in: half types compute in float (as NumPy's float16 loops do).
template <class S> struct ComputeOf { using type = S; };
template <> struct ComputeOf<f16> { using type = float; };
template <> struct ComputeOf<bf16> { using type = float; };
template <class S> using compute_t = typename ComputeOf<S>::type;

// Float -> integer without undefined behaviour. Out-of-range and NaN give what x86's truncating
// conversions give (what NumPy yields on this platform): INT_MIN of the 32/64-bit path, truncated.
template <class To, class From> static inline To float_to_int(From v) {
  double x = (double)v;
  if constexpr (sizeof(To) == 8) {
    if constexpr (std::is_signed_v<To>) {
      if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0)) return std::numeric_limits<To>::min();
      return (To)(int64_t)x;
    } else {
      if (x >= 9223372036854775808.0 && x < 18446744073709551616.0)
        return (To)((uint64_t)(int64_t)(x - 9223372036854775808.0) ^ 0x8000000000000000ull);
      if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0)) return (To)0x8000000000000000ull;
      return (To)(uint64_t)(int64_t)x;
    }
  } else if constexpr (sizeof(To) == 4 && !std::is_signed_v<To>) {
    if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0)) return 0;
    return (To)(uint32_t)(int64_t)x;
  } else {
    if (!(x > -2147483649.0 && x < 2147483648.0)) return (To)std::numeric_limits<int32_t>::min();
    return (To)(int32_t)x;
  }
}

template <class To, class From> static inline To convert(From v) {
  if constexpr (std::is_same_v<From, f16>) {
    return convert<To>(f16_to_f32(v.bits));
  } else if constexpr (std::is_same_v<From, bf16>) {
    return convert<To>(bf16_to_f32(v.bits));
  } else if constexpr (std::is_same_v<To, From>) {
    return v;
  } else if constexpr (std::is_same_v<To, f16>) {
    if constexpr (std::is_same_v<From, float>) return f16{f32_to_f16(v)};
    else return f16{f64_to_f16((double)v)};
  } else if constexpr (std::is_same_v<To, bf16>) {
    return bf16{f32_to_bf16((float)v)};
  } else if constexpr (std::is_same_v<To, bool>) {
    return v != From(0);
  } else if constexpr (std::is_integral_v<To> && std::is_floating_point_v<From>) {
    return float_to_int<To>(v);
  } else {
    return static_cast<To>(v);
  }
}

// NumPy's maximum/minimum: a NaN in either operand propagates; ties keep the first operand.
template <class T> static inline T qk_maximum(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) return (a >= b || a != a) ? a : b;
  else return a >= b ? a : b;
}
template <class T> static inline T qk_minimum(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) return (a <= b || a != a) ? a : b;
  else return a <= b ? a : b;
}

using InnerLoop = void (*)(char** p, const int64_t* s, int64_t n);

template <class S0, class SO, class C, class F>
void loop1(char** p, const int64_t* s, int64_t n) {
  if (s[0] == (int64_t)sizeof(S0) && s[1] == (int64_t)sizeof(SO)) {
    const S0* a = (const S0*)p[0];
    SO* o = (SO*)p[1];
    for (int64_t i = 0; i < n; i++) o[i] = convert<SO>(F::f(convert<C>(a[i])));
    return;
  }
  char *a = p[0], *o = p[1];
  for (int64_t i = 0; i < n; i++, a += s[0], o += s[1])
    *(SO*)o = convert<SO>(F::f(convert<C>(*(const S0*)a)));
}

template <class S0, class S1, class SO, class C, class F>
void loop2(char** p, const int64_t* s, int64_t n) {
  constexpr int64_t z0 = sizeof(S0), z1 = sizeof(S1), zo = sizeof(SO);
  if (s[2] == zo) {
    SO* o = (SO*)p[2];
    if (s[0] == z0 && s[1] == z1) {
      const S0* a = (const S0*)p[0];
      const S1* b = (const S1*)p[1];
      for (int64_t i = 0; i < n; i++) o[i] = convert<SO>(F::f(convert<C>(a[i]), convert<C>(b[i])));
      return;
    }
    if (s[0] == z0 && s[1] == 0) {  // array op scalar: the common broadcast case
      const S0* a = (const S0*)p[0];
      const C b = convert<C>(*(const S1*)p[1]);
      for (int64_t i = 0; i < n; i++) o[i] = convert<SO>(F::f(convert<C>(a[i]), b));
      return;
    }
    if (s[0] == 0 && s[1] == z1) {
      const C a = convert<C>(*(const S0*)p[0]);
      const S1* b = (const S1*)p[1];
      for (int64_t i = 0; i < n; i++) o[i] = convert<SO>(F::f(a, convert<C>(b[i])));
      return;
    }
  }
  char *a = p[0], *b = p[1], *o = p[2];
  for (int64_t i = 0; i < n; i++, a += s[0], b += s[1], o += s[2])
    *(SO*)o = convert<SO>(F::f(convert<C>(*(const S0*)a), convert<C>(*(const S1*)b)));
}

struct KernelEntry {
  const char* name;
  InnerLoop fn;
};

}  // namespace qk
