// Reduction loops. A reduction is a binary loop whose first operand is the accumulator (the output,
// with stride 0 along reduced axes), as NumPy's ufunc.reduce runs it. When the accumulator stride is
// 0 in the innermost run, the run folds into a register — pairwise for sums of floats, so that the
// rounding error grows like log n, as in NumPy.
#pragma once
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "elementwise.h"

namespace qk {

// NaN test on a storage value (half types by their bits); false for integers and bool.
template <class S> static inline bool is_nan_value(S v) {
  if constexpr (std::is_same_v<S, f16>) return (v.bits & 0x7fff) > 0x7c00;
  else if constexpr (std::is_same_v<S, bf16>) return (v.bits & 0x7fff) > 0x7f80;
  else if constexpr (std::is_floating_point_v<S>) return v != v;
  else return false;
}

// How a fold treats NaN inputs: kNanFold propagates them (np.sum, np.max); kNanSkip skips them
// (np.nansum: NumPy replaces NaN by the identity); kNanIgnore skips them and lets a NaN accumulator
// take the next number (np.nanmax: NumPy's fmax.reduce).
enum NanMode { kNanFold = 0, kNanSkip = 1, kNanIgnore = 2 };

// NumPy's pairwise summation: 8 accumulators over blocks, recursive halving above 128 elements.
// kSkip reads NaN as 0 (np.nansum).
template <class C, class S, bool kSkip = false> static C pairwise_sum(const char* p, int64_t n, int64_t s);

// Short runs (and the tails of long ones) of a contiguous sum: NumPy's 8 accumulators.
template <class C> static C sum8_contig(const C* x, int64_t n) {
  if (n < 8) {
    C r = C(0);
    for (int64_t i = 0; i < n; i++) r += x[i];
    return r;
  }
  C r[8];
  for (int k = 0; k < 8; k++) r[k] = x[k];
  int64_t i = 8;
  for (; i < n - n % 8; i += 8)
    for (int k = 0; k < 8; k++) r[k] += x[i + k];
  C res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
  for (; i < n; i++) res += x[i];
  return res;
}

// The widest vector the kernel's ISA adds in one instruction (these headers are compiled per ISA).
#if defined(__AVX512F__)
constexpr int kSumVecBytes = 64;
#elif defined(__AVX__)
constexpr int kSumVecBytes = 32;
#else
constexpr int kSumVecBytes = 16;
#endif

template <class C> using SumVec __attribute__((vector_size(kSumVecBytes))) = C;

// Pairwise summation in vector lanes of a contiguous float/double run, m a multiple of 8 vectors:
// a leaf (up to 16 rows of 8 vectors) adds its rows into 8 vector accumulators (independent
// chains, so loads keep streaming); leaves combine pairwise as whole vectors, so no horizontal add
// happens before the very end.
template <class C> static SumVec<C> pairwise_vec8(const C* x, int64_t m) {
  using V = SumVec<C>;
  constexpr int64_t W = kSumVecBytes / (int64_t)sizeof(C), R = 8 * W;
  if (m > 16 * R) {
    int64_t m2 = m / 2;
    m2 -= m2 % R;
    return pairwise_vec8<C>(x, m2) + pairwise_vec8<C>(x + m2, m - m2);
  }
  // Eight named accumulators: GCC keeps them in registers (an array of vectors it spilled).
  auto at = [x](int64_t i) {
    V v;
    std::memcpy(&v, x + i, sizeof(V));
    return v;
  };
  V r0 = at(0), r1 = at(W), r2 = at(2 * W), r3 = at(3 * W), r4 = at(4 * W), r5 = at(5 * W), r6 = at(6 * W),
    r7 = at(7 * W);
  for (int64_t i = R; i < m; i += R) {
    r0 += at(i);
    r1 += at(i + W);
    r2 += at(i + 2 * W);
    r3 += at(i + 3 * W);
    r4 += at(i + 4 * W);
    r5 += at(i + 5 * W);
    r6 += at(i + 6 * W);
    r7 += at(i + 7 * W);
  }
  return ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
}

// Pairwise summation of a contiguous run of C itself (float32/float64 inputs), as accurate as
// NumPy's: NumPy's leaves are 128 elements in 8 accumulators (16 elements each); ours are up to 16
// rows of 8 vectors (each lane sums at most 16 elements), combined pairwise as vectors, then a tree
// over the lanes. The order differs from NumPy's, so results may differ in the last bits (as NumPy's
// own SIMD builds do); the error bound (~log n) is the same. Why not NumPy's scheme: one 8-wide
// chain with a horizontal add every 128 elements ran well below memory speed (10M float32 on 2
// threads: ~0.9 ms vs 0.6 ms for this).
template <class C> static C pairwise_sum_contig(const C* x, int64_t n) {
  if constexpr (!std::is_floating_point_v<C>) {  // complex: NumPy's leaves as they are
    if (n <= 128) return sum8_contig<C>(x, n);
    int64_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise_sum_contig<C>(x, n2) + pairwise_sum_contig<C>(x + n2, n - n2);
  } else {
    constexpr int64_t W = kSumVecBytes / (int64_t)sizeof(C);
    if (n < 8 * W) return sum8_contig<C>(x, n);
    const int64_t m = n - n % (8 * W);
    const SumVec<C> v = pairwise_vec8<C>(x, m);
    C lane[W];
    std::memcpy(lane, &v, sizeof(v));
    for (int64_t w = W / 2; w >= 1; w /= 2)
      for (int64_t k = 0; k < w; k++) lane[k] += lane[k + w];
    return lane[0] + sum8_contig<C>(x + m, n - m);
  }
}

template <class C, class S, bool kSkip> static C pairwise_sum(const char* p, int64_t n, int64_t s) {
  if constexpr (std::is_same_v<C, S> && !kSkip) {
    if (s == (int64_t)sizeof(S)) return pairwise_sum_contig<C>((const C*)p, n);
  }
  auto at = [&](int64_t i) {
    const S v = *(const S*)(p + i * s);
    if constexpr (kSkip) {
      if (is_nan_value(v)) return C(0);
    }
    return convert<C>(v);
  };
  if (n < 8) {
    C r = C(0);
    for (int64_t i = 0; i < n; i++) r += at(i);
    return r;
  }
  if (n <= 128) {
    C r[8];
    for (int k = 0; k < 8; k++) r[k] = at(k);
    int64_t i = 8;
    for (; i < n - n % 8; i += 8)
      for (int k = 0; k < 8; k++) r[k] += at(i + k);
    C res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) res += at(i);
    return res;
  }
  int64_t n2 = n / 2;
  n2 -= n2 % 8;
  return pairwise_sum<C, S, kSkip>(p, n2, s) + pairwise_sum<C, S, kSkip>(p + n2 * s, n - n2, s);
}

// Folds x into acc under NaN mode kNan.
template <class C, class F, int kNan> static inline void fold(C& acc, C x) {
  if constexpr (std::is_floating_point_v<C> && kNan != kNanFold) {
    if (x != x) return;
    if (kNan == kNanIgnore && acc != acc) {
      acc = x;
      return;
    }
  }
  acc = F::f(acc, x);
}

// Folds a contiguous run in 8 interleaved accumulators (each started from an element), where the
// order is free: integer folds (exact) and idempotent ones (max/min). 8 independent chains instead of
// one serial dependency, and a shape the compiler vectorises.
// max or min of a contiguous float run with NaN propagation, in explicit GCC vector extensions (the
// scalar select form with its NaN test does not vectorise): two vector accumulators of plain
// compare-and-select, and a lane mask that remembers NaNs; a run holding a NaN returns its first NaN.
#if defined(__AVX2__)
constexpr int kFoldVecBytes = 32;
#else
constexpr int kFoldVecBytes = 16;
#endif
template <class C, bool kMax> static C fold_minmax(const C* x, int64_t n) {
  constexpr int W = kFoldVecBytes / sizeof(C);
  typedef C V __attribute__((vector_size(kFoldVecBytes)));
  typedef std::conditional_t<sizeof(C) == 4, int32_t, int64_t> I;
  typedef I M __attribute__((vector_size(kFoldVecBytes)));
  V r0, r1;
  std::memcpy(&r0, x, sizeof(V));
  std::memcpy(&r1, x + W, sizeof(V));
  M bad = (r0 != r0) | (r1 != r1);
  int64_t i = 2 * W;
  for (; i + 2 * W <= n; i += 2 * W) {
    V v0, v1;
    std::memcpy(&v0, x + i, sizeof(V));
    std::memcpy(&v1, x + i + W, sizeof(V));
    bad |= (v0 != v0) | (v1 != v1);
    if constexpr (kMax) {
      r0 = v0 > r0 ? v0 : r0;
      r1 = v1 > r1 ? v1 : r1;
    } else {
      r0 = v0 < r0 ? v0 : r0;
      r1 = v1 < r1 ? v1 : r1;
    }
  }
  bool nan = false;
  C res = r0[0];
  for (int k = 0; k < W; k++) {
    nan |= bad[k] != 0;
    const C a = r0[k], b = r1[k];
    res = kMax ? (a > res ? a : res) : (a < res ? a : res);
    res = kMax ? (b > res ? b : res) : (b < res ? b : res);
  }
  for (; i < n; i++) {
    const C v = x[i];
    nan |= v != v;
    res = kMax ? (v > res ? v : res) : (v < res ? v : res);
  }
  if (nan)
    for (int64_t j = 0; j < n; j++)
      if (x[j] != x[j]) return x[j];
  return res;
}

template <class S, class C, class F, int kNan> static C fold8(C acc, const S* x, int64_t n) {
  if constexpr (std::is_floating_point_v<C> && std::is_same_v<S, C> && kNan == kNanFold) {
    // The free-order float folds are max and min (idempotent); F says which.
    if (n >= 4 * kFoldVecBytes / (int64_t)sizeof(C))
      return F::f(acc, F::f(C(0), C(1)) == C(1) ? fold_minmax<C, true>(x, n) : fold_minmax<C, false>(x, n));
  }
  C r[8];
  for (int k = 0; k < 8; k++) r[k] = convert<C>(x[k]);
  int64_t i = 8;
  for (; i + 8 <= n; i += 8)
    for (int k = 0; k < 8; k++) {
      if constexpr (kNan == kNanFold) r[k] = F::f(r[k], convert<C>(x[i + k]));
      else fold<C, F, kNan>(r[k], convert<C>(x[i + k]));
    }
  for (; i < n; i++) fold<C, F, kNan>(acc, convert<C>(x[i]));
  for (int k = 0; k < 8; k++) fold<C, F, kNan>(acc, r[k]);
  return acc;
}

// p[0]: accumulator/output (type O), p[1]: input (type S). C: the type the fold runs in.
// n < 0 asks for the combine step of the threaded driver: p[1] is a partial result of type O.
// kIdempotent: the fold has no identity and folding an element twice changes nothing (max, min).
template <class S, class O, class C, class F, bool kPairwise, int kNan = kNanFold, bool kIdempotent = false>
static void rloop(char** p, const int64_t* s, int64_t n) {
  // Elements may seed accumulators (F(identity, x) = x) only for the plain and NaN-ignoring folds.
  constexpr bool kInexact = std::is_floating_point_v<C> || is_complex_v<C>;  // complex sums are pairwise too
  constexpr bool kFreeOrder = (kIdempotent || !kInexact) && kNan != kNanSkip;
  if (n < 0) {
    C acc = convert<C>(*(const O*)p[0]);
    const C x = convert<C>(*(const O*)p[1]);
    // A partial of an ignoring fold is NaN only when its chunk held no number.
    fold<C, F, kNan == kNanIgnore ? kNanIgnore : kNanFold>(acc, x);
    *(O*)p[0] = convert<O>(acc);
    return;
  }
  if (s[0] == 0) {
    C acc = convert<C>(*(const O*)p[0]);
    if constexpr (kPairwise && kInexact && kNan != kNanIgnore) {
      acc = F::f(acc, pairwise_sum<C, S, kNan == kNanSkip>(p[1], n, s[1]));
    } else if (kFreeOrder && s[1] == (int64_t)sizeof(S) && n >= 16) {
      acc = fold8<S, C, F, kNan>(acc, (const S*)p[1], n);
    } else {
      const char* q = p[1];
      for (int64_t i = 0; i < n; i++, q += s[1]) {
        const S v = *(const S*)q;
        if (kNan != kNanFold && is_nan_value(v)) continue;
        fold<C, F, kNan>(acc, convert<C>(v));
      }
    }
    *(O*)p[0] = convert<O>(acc);
    return;
  }
  if (s[0] == (int64_t)sizeof(O) && s[1] == (int64_t)sizeof(S)) {
    O* o = (O*)p[0];
    const S* x = (const S*)p[1];
    for (int64_t i = 0; i < n; i++) {
      if (kNan != kNanFold && is_nan_value(x[i])) continue;
      C acc = convert<C>(o[i]);
      fold<C, F, kNan>(acc, convert<C>(x[i]));
      o[i] = convert<O>(acc);
    }
    return;
  }
  char *o = p[0], *x = p[1];
  for (int64_t i = 0; i < n; i++, o += s[0], x += s[1]) {
    const S v = *(const S*)x;
    if (kNan != kNanFold && is_nan_value(v)) continue;
    C acc = convert<C>(*(const O*)o);
    fold<C, F, kNan>(acc, convert<C>(v));
    *(O*)o = convert<O>(acc);
  }
}

}  // namespace qk
