// Storage types, the types their math runs in, and exact conversions between them (NumPy's casts).
#pragma once
#include <cstdint>
#include <limits>
#include <type_traits>

#include "complex.h"
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
      // x86's sequence: from 2^63 up, convert x - 2^63 and flip the top bit (so 2^64 and up give 0)
      if (x >= 9223372036854775808.0)
        return x < 18446744073709551616.0 ? (To)((uint64_t)(int64_t)(x - 9223372036854775808.0) ^ 0x8000000000000000ull) : (To)0;
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
  } else if constexpr (is_complex_v<From>) {
    // complex → complex by parts; → bool is truthiness; → real drops the imaginary part (NumPy's unsafe cast)
    if constexpr (is_complex_v<To>) return To(static_cast<decltype(To::re)>(v.re), static_cast<decltype(To::re)>(v.im));
    else if constexpr (std::is_same_v<To, bool>) return v.re != 0 || v.im != 0;
    else return convert<To>(v.re);
  } else if constexpr (is_complex_v<To>) {
    return To(convert<decltype(To::re)>(v), decltype(To::re)(0));
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

}  // namespace qk
