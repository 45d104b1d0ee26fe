// Sorting building blocks shared by sort, argsort, partition, searchsorted, unique, isin and
// histogram: every storage type maps to an unsigned "sort key" whose integer order is NumPy's sort
// order (NaN last and all NaNs equal, -0.0 == 0.0, float16/bfloat16 by value, 64-bit ints over
// their full range). Comparing keys is then exact and branch-free, and keys radix-sort.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include "half.h"
#include "launch.h"

namespace qk {

template <class S> constexpr bool kIsFloat =
    std::is_floating_point_v<S> || std::is_same_v<S, f16> || std::is_same_v<S, bf16>;

// The raw bits of a storage value as an unsigned integer of the same width.
template <class S> using bits_t = std::conditional_t<sizeof(S) == 1, uint8_t,
    std::conditional_t<sizeof(S) == 2, uint16_t, std::conditional_t<sizeof(S) == 4, uint32_t, uint64_t>>>;

template <class S> inline bits_t<S> raw_bits(S v) {
  bits_t<S> b;
  std::memcpy(&b, &v, sizeof(S));
  return b;
}
template <class S> inline S from_bits(bits_t<S> b) {
  S v;
  std::memcpy(&v, &b, sizeof(S));
  return v;
}

// Sign-magnitude float bits → order-preserving unsigned; every NaN → the largest key; ±0 → one key.
template <class U> inline U float_key(U bits, U sign, U inf) {
  const U mag = bits & U(~sign);
  if (mag > inf) return U(~U(0));
  if (mag == 0) return sign;
  return (bits & sign) ? U(~bits) : U(bits | sign);
}

template <class S> inline bits_t<S> sort_key(S v) {
  if constexpr (std::is_same_v<S, bool>) {
    return v ? 1 : 0;
  } else if constexpr (std::is_same_v<S, f16>) {
    return float_key<uint16_t>(v.bits, 0x8000u, 0x7c00u);
  } else if constexpr (std::is_same_v<S, bf16>) {
    return float_key<uint16_t>(v.bits, 0x8000u, 0x7f80u);
  } else if constexpr (std::is_same_v<S, float>) {
    return float_key<uint32_t>(raw_bits(v), 0x80000000u, 0x7f800000u);
  } else if constexpr (std::is_same_v<S, double>) {
    return float_key<uint64_t>(raw_bits(v), 0x8000000000000000ull, 0x7ff0000000000000ull);
  } else if constexpr (std::is_signed_v<S>) {
    using U = bits_t<S>;
    return (U)((U)v ^ (U)(U(1) << (8 * sizeof(S) - 1)));
  } else {
    return v;
  }
}

// The inverse of sort_key for integer and bool types (bijective there).
template <class S> inline S from_key(bits_t<S> k) {
  if constexpr (std::is_same_v<S, bool>) {
    return k != 0;
  } else if constexpr (std::is_signed_v<S>) {
    using U = bits_t<S>;
    return (S)(U)(k ^ (U)(U(1) << (8 * sizeof(S) - 1)));
  } else {
    return (S)k;
  }
}

// A storage value as float64 (exact for every dtype but 64-bit integers beyond 2^53, which round).
template <class S> inline double to_double(S v) {
  if constexpr (std::is_same_v<S, f16>) return (double)f16_to_f32(v.bits);
  else if constexpr (std::is_same_v<S, bf16>) return (double)bf16_to_f32(v.bits);
  else return (double)v;
}

// Whether a key is NaN's (only float types have one).
template <class S> inline bool key_is_nan(bits_t<S> k) {
  return kIsFloat<S> && k == (bits_t<S>)~(bits_t<S>)0;
}

// A single lane at least twice this long is sorted by several threads.
constexpr int64_t kSortParallelMinLane = 1 << 16;

// ---- items: a key with an optional payload, sorted by the key only ------------------------------

struct NoPayload {};

// An item packs key and payload into one integer when they fit in 64 bits (the key in the high
// bits), else it is a struct.
template <class K, class P> struct Item {
  static constexpr bool kNone = std::is_same_v<P, NoPayload>;
  static constexpr int kPayloadBits = kNone ? 0 : 8 * (int)sizeof(P);
  static constexpr bool kPacked = kNone || sizeof(K) + sizeof(P) <= 8;
  struct Pair { K k; P p; };
  using E = std::conditional_t<kNone, K,
      std::conditional_t<!kPacked, Pair, std::conditional_t<(sizeof(K) + sizeof(P) <= 4), uint32_t, uint64_t>>>;

  static inline E make(K k, P p) {
    if constexpr (kNone) return k;
    else if constexpr (kPacked) return (E)(((E)k << kPayloadBits) | (E)p);
    else return Pair{k, p};
  }
  static inline K key(const E& e) {
    if constexpr (kNone) return e;
    else if constexpr (kPacked) return (K)(e >> kPayloadBits);
    else return e.k;
  }
  static inline P payload(const E& e) {
    if constexpr (kNone) return P{};
    else if constexpr (kPacked) return (P)e;
    else return e.p;
  }
};

// Stable LSD radix sort on the key's bytes; passes where every key has the same byte are skipped.
template <class I> void radix_sort(typename I::E* a, typename I::E* tmp, int64_t n) {
  using E = typename I::E;
  using K = decltype(I::key(std::declval<E>()));
  constexpr int NB = sizeof(K);
  int64_t cnt[NB][256];
  std::memset(cnt, 0, sizeof(cnt));
  for (int64_t i = 0; i < n; i++) {
    const uint64_t k = (uint64_t)I::key(a[i]);
    for (int b = 0; b < NB; b++) cnt[b][(k >> (8 * b)) & 0xff]++;
  }
  E* src = a;
  E* dst = tmp;
  const uint64_t k0 = (uint64_t)I::key(a[0]);
  for (int b = 0; b < NB; b++) {
    int64_t* c = cnt[b];
    if (c[(k0 >> (8 * b)) & 0xff] == n) continue;
    int64_t off = 0;
    for (int d = 0; d < 256; d++) {
      const int64_t t = c[d];
      c[d] = off;
      off += t;
    }
    for (int64_t i = 0; i < n; i++) {
      const E e = src[i];
      dst[c[((uint64_t)I::key(e) >> (8 * b)) & 0xff]++] = e;
    }
    std::swap(src, dst);
  }
  if (src != a) std::copy(src, src + n, a);
}

// Stable sort of items by key: insertion sort for short runs, radix sort otherwise.
template <class I> void sort_items(typename I::E* a, typename I::E* tmp, int64_t n) {
  using E = typename I::E;
  if (n <= 48) {
    for (int64_t i = 1; i < n; i++) {
      const E e = a[i];
      const auto k = I::key(e);
      int64_t j = i;
      while (j > 0 && k < I::key(a[j - 1])) {
        a[j] = a[j - 1];
        j--;
      }
      a[j] = e;
    }
    return;
  }
  radix_sort<I>(a, tmp, n);
}

// sort_items on `threads` threads: chunks sort in parallel, then rounds of stable pairwise merges
// (std::merge keeps the first range's element first on ties, so the result is still stable).
template <class I> void sort_items_parallel(typename I::E* a, typename I::E* tmp, int64_t n, int threads) {
  using E = typename I::E;
  if (threads <= 1 || n < 2 * kSortParallelMinLane) {
    sort_items<I>(a, tmp, n);
    return;
  }
  std::vector<int64_t> b(threads + 1);
  for (int c = 0; c <= threads; c++) b[c] = n * c / threads;
#pragma omp parallel for num_threads(threads) schedule(static)
  for (int c = 0; c < threads; c++) sort_items<I>(a + b[c], tmp + b[c], b[c + 1] - b[c]);
  auto less = [](const E& x, const E& y) { return I::key(x) < I::key(y); };
  E* src = a;
  E* dst = tmp;
  for (int w = 1; w < threads; w *= 2) {
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int c = 0; c < threads; c += 2 * w) {
      const int64_t lo = b[c], mid = b[std::min(c + w, threads)], hi = b[std::min(c + 2 * w, threads)];
      std::merge(src + lo, src + mid, src + mid, src + hi, dst + lo, less);
    }
    std::swap(src, dst);
  }
  if (src != a) std::copy(src, src + n, a);
}

// NumPy's multi-kth partition: the kth positions (ascending, deduplicated) get their sorted values;
// everything before each is <=, everything after >=.
template <class I> void partition_items(typename I::E* a, int64_t n, const int64_t* kth, int64_t nk) {
  using E = typename I::E;
  auto less = [](const E& x, const E& y) { return I::key(x) < I::key(y); };
  int64_t lo = 0;
  for (int64_t j = 0; j < nk; j++) {
    const int64_t k = kth[j];
    if (k < lo) continue;
    std::nth_element(a + lo, a + k, a + n, less);
    lo = k + 1;
  }
}

// ---- strided lanes -------------------------------------------------------------------------------

// The address of lane `lane` (C order over every axis but `axis`) of a strided tensor.
inline char* lane_ptr(const Tensor& t, int axis, int64_t lane) {
  char* p = t.data;
  int64_t rem = lane;
  for (int d = t.ndim - 1; d >= 0; d--) {
    if (d == axis) continue;
    p += (rem % t.shape[d]) * t.strides[d];
    rem /= t.shape[d];
  }
  return p;
}

// Walks a strided tensor in C order from a flat start index; `ptr` is the current element.
struct StridedCursor {
  const Tensor* t;
  int64_t idx[kMaxDims];
  char* ptr;
  StridedCursor(const Tensor& tensor, int64_t start) : t(&tensor) {
    ptr = tensor.data;
    int64_t rem = start;
    for (int d = tensor.ndim - 1; d >= 0; d--) {
      idx[d] = tensor.shape[d] ? rem % tensor.shape[d] : 0;
      rem = tensor.shape[d] ? rem / tensor.shape[d] : 0;
      ptr += idx[d] * tensor.strides[d];
    }
  }
  inline void next() {
    for (int d = t->ndim - 1; d >= 0; d--) {
      ptr += t->strides[d];
      if (++idx[d] < t->shape[d]) return;
      ptr -= t->strides[d] * t->shape[d];
      idx[d] = 0;
    }
  }
};

// Work below this many elements stays on one thread.
constexpr int64_t kSortParallelMin = 1 << 15;

}  // namespace qk
