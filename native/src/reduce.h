// Reduction loops. A reduction is a binary loop whose first operand is the accumulator (the output,
// with stride 0 along reduced axes), as NumPy's ufunc.reduce runs it. When the accumulator stride is
// 0 in the innermost run, the run folds into a register — pairwise for sums of floats, so that the
// rounding error grows like log n, as in NumPy.
#pragma once
#include <cstdint>
#include <type_traits>

#include "elementwise.h"

namespace qk {

// NumPy's pairwise summation: 8 accumulators over blocks, recursive halving above 128 elements.
template <class C, class S> C pairwise_sum(const char* p, int64_t n, int64_t s) {
  auto at = [&](int64_t i) { return convert<C>(*(const S*)(p + i * s)); };
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
  return pairwise_sum<C, S>(p, n2, s) + pairwise_sum<C, S>(p + n2 * s, n - n2, s);
}

// p[0]: accumulator/output (type O), p[1]: input (type S). C: the type the fold runs in.
template <class S, class O, class C, class F, bool kPairwise>
void rloop(char** p, const int64_t* s, int64_t n) {
  if (s[0] == 0) {
    C acc = convert<C>(*(const O*)p[0]);
    if constexpr (kPairwise && std::is_floating_point_v<C>) {
      acc = F::f(acc, pairwise_sum<C, S>(p[1], n, s[1]));
    } else {
      const char* q = p[1];
      for (int64_t i = 0; i < n; i++, q += s[1]) acc = F::f(acc, convert<C>(*(const S*)q));
    }
    *(O*)p[0] = convert<O>(acc);
    return;
  }
  if (s[0] == (int64_t)sizeof(O) && s[1] == (int64_t)sizeof(S)) {
    O* o = (O*)p[0];
    const S* x = (const S*)p[1];
    for (int64_t i = 0; i < n; i++) o[i] = convert<O>(F::f(convert<C>(o[i]), convert<C>(x[i])));
    return;
  }
  char *o = p[0], *x = p[1];
  for (int64_t i = 0; i < n; i++, o += s[0], x += s[1])
    *(O*)o = convert<O>(F::f(convert<C>(*(const O*)o), convert<C>(*(const S*)x)));
}

}  // namespace qk
