// float16 / bfloat16 storage types and exact conversions (round half to even, as NumPy/ml_dtypes).
#pragma once
#include <cstdint>
#include <cstring>

namespace qk {

struct f16 { uint16_t bits; };
struct bf16 { uint16_t bits; };

static inline uint32_t f32_bits(float f) { uint32_t x; std::memcpy(&x, &f, 4); return x; }
static inline float bits_f32(uint32_t x) { float f; std::memcpy(&f, &x, 4); return f; }

static inline float f16_to_f32(uint16_t h) {
  uint32_t sign = (uint32_t)(h & 0x8000) << 16;
  uint32_t e = (h >> 10) & 0x1f, m = h & 0x3ff;
  if (e == 0) {
    if (m == 0) return bits_f32(sign);
    float v = (float)m * (1.0f / 16777216.0f);  // m * 2^-24, exact
    return sign ? -v : v;
  }
  if (e == 31) return bits_f32(sign | 0x7f800000u | (m << 13));
  return bits_f32(sign | ((e + 112) << 23) | (m << 13));
}

static inline uint16_t f32_to_f16(float f) {
  uint32_t x = f32_bits(f);
  uint16_t sign = (x >> 16) & 0x8000;
  uint32_t ax = x & 0x7fffffffu;
  if (ax >= 0x7f800000u) return sign | 0x7c00 | (ax > 0x7f800000u ? 0x200 : 0);
  if (ax >= 0x477ff000u) return sign | 0x7c00;  // >= 65520 rounds to inf
  if (ax < 0x38800000u) {                         // below 2^-14: half subnormal or zero
    if (ax <= 0x33000000u) return sign;            // <= 2^-25 rounds to 0 (tie to even)
    uint32_t m = (ax & 0x7fffffu) | 0x800000u;
    int shift = 126 - (int)(ax >> 23);
    uint32_t r = m >> shift, rem = m & ((1u << shift) - 1), half = 1u << (shift - 1);
    if (rem > half || (rem == half && (r & 1))) r++;
    return sign | (uint16_t)r;
  }
  uint32_t r = (ax - 0x38000000u) >> 13, rem = ax & 0x1fffu;
  if (rem > 0x1000u || (rem == 0x1000u && (r & 1))) r++;
  return sign | (uint16_t)r;
}

static inline uint16_t f64_to_f16(double d) {
  uint64_t x; std::memcpy(&x, &d, 8);
  uint16_t sign = (x >> 48) & 0x8000;
  uint64_t ax = x & 0x7fffffffffffffffull;
  if (ax >= 0x7ff0000000000000ull) return sign | 0x7c00 | (ax > 0x7ff0000000000000ull ? 0x200 : 0);
  if (ax >= 0x40effe0000000000ull) return sign | 0x7c00;
  if (ax < 0x3f10000000000000ull) {
    if (ax <= 0x3e60000000000000ull) return sign;
    uint64_t m = (ax & 0xfffffffffffffull) | 0x10000000000000ull;
    int shift = 1051 - (int)(ax >> 52);
    uint64_t r = m >> shift, rem = m & ((1ull << shift) - 1), half = 1ull << (shift - 1);
    if (rem > half || (rem == half && (r & 1))) r++;
    return sign | (uint16_t)r;
  }
  uint64_t r = (ax - (1008ull << 52)) >> 42, rem = ax & ((1ull << 42) - 1);
  if (rem > (1ull << 41) || (rem == (1ull << 41) && (r & 1))) r++;
  return sign | (uint16_t)r;
}

static inline float bf16_to_f32(uint16_t h) { return bits_f32((uint32_t)h << 16); }

static inline uint16_t f32_to_bf16(float f) {
  uint32_t x = f32_bits(f);
  if ((x & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((x >> 16) | 0x40);  // quiet NaN
  return (uint16_t)((x + 0x7fffu + ((x >> 16) & 1)) >> 16);
}

}  // namespace qk
