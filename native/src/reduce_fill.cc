// Elementwise helpers of the reductions: the `where=` mask (masked-out elements become a fill value
// that the fold ignores: its identity or `initial`), NaN replacement (NumPy's _replace_nan), and
// the square root that turns a variance into a standard deviation.
#include <cmath>

#include "command.h"
#include "dtype_dispatch.h"
#include "reduce_lanes.h"

namespace qk {
namespace {

// p: input, mask (bool), fill (stride 0), output.
template <class S> void where_loop(char** p, const int64_t* s, int64_t n) {
  const S f = *(const S*)p[2];
  const char *x = p[0], *m = p[1];
  char* o = p[3];
  for (int64_t i = 0; i < n; i++, x += s[0], m += s[1], o += s[3]) *(S*)o = *(const bool*)m ? *(const S*)x : f;
}

// p: input, reference, fill (stride 0), output: out = isnan(reference) ? fill : input.
template <class S> void nan_loop(char** p, const int64_t* s, int64_t n) {
  const S f = *(const S*)p[2];
  const char *x = p[0], *r = p[1];
  char* o = p[3];
  for (int64_t i = 0; i < n; i++, x += s[0], r += s[1], o += s[3]) *(S*)o = is_nan_value(*(const S*)r) ? f : *(const S*)x;
}

// p: input, output (float dtypes; half types in float32 as NumPy's sqrt loops).
template <class S> void sqrt_loop(char** p, const int64_t* s, int64_t n) {
  using C = compute_t<S>;
  const char* x = p[0];
  char* o = p[1];
  for (int64_t i = 0; i < n; i++, x += s[0], o += s[1]) *(S*)o = convert<S>(std::sqrt(convert<C>(*(const S*)x)));
}

// Runs `fn` over operands that all have the first one's shape (JS passes broadcast strides).
const char* run_all(const TensorLaunch& L, InnerLoop fn) {
  const Tensor& t0 = L.t[0];
  int64_t strides[kMaxArgs * kMaxDims];
  char* base[kMaxArgs];
  for (int a = 0; a < L.nargs; a++) {
    const Tensor& t = L.t[a];
    if (t.ndim != t0.ndim) return "reduce_fill: bad operands";
    for (int d = 0; d < t0.ndim; d++) {
      if (t.shape[d] != t0.shape[d]) return "reduce_fill: bad operands";
      strides[a * t0.ndim + d] = t.strides[d];
    }
    base[a] = t.data;
  }
  run_elementwise(fn, L.nargs, t0.ndim, t0.shape, strides, base);
  return nullptr;
}

template <class S> constexpr bool kIsFloat = std::is_floating_point_v<S> || std::is_same_v<S, f16> || std::is_same_v<S, bf16>;

// aux: [dtype code, mode]; mode 0: tensors input, mask, fill, output (output = mask ? input : fill);
// mode 1: input, reference, fill, output (fill where the reference is NaN; both of the dtype);
// mode 2: input, output (square root).
const char* exec_reduce_fill() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  const int mode = L.naux == 2 ? (int)L.aux[1] : -1;
  if (mode < 0 || mode > 2 || L.nargs != (mode == 2 ? 2 : 4)) return "reduce_fill: bad launch";
  InnerLoop fn = nullptr;
  bool ok = dispatch_dtype((int)L.aux[0], [&](auto tag) {
    using S = typename decltype(tag)::type;
    if (mode == 0) fn = &where_loop<S>;
    if constexpr (kIsFloat<S>) {
      if (mode == 1) fn = &nan_loop<S>;
      if (mode == 2) fn = &sqrt_loop<S>;
    }
  });
  if (!ok || !fn) return "reduce_fill: unsupported dtype";
  return run_all(L, fn);
}

RegisterCommand reg("reduce_fill", exec_reduce_fill);

}  // namespace
}  // namespace qk
