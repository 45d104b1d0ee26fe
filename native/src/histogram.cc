// Counting: np.bincount and np.histogram's counting passes, plus `int_range` (min and max of an
// integer array: bincount's output length and its negative check, searchsorted's sorter check).
//
// histogram_uniform repeats NumPy's arithmetic for equal-width bins exactly: (x - first) / denom *
// nbins in the bin dtype and the division's dtype (each op computed in double and rounded to its
// dtype, which equals NumPy's float16/bfloat16-via-float32 and float32 results), truncation, then
// the +-1 correction against the edges. Unweighted counts are split over threads (per-thread
// histograms); weighted sums follow NumPy's order (blocks of 65536, float64 per block, then added
// into the result in the weights' dtype) and stay on one thread.
#include <omp.h>

#include <cmath>
#include <vector>

#include "command.h"
#include "dtype_dispatch.h"
#include "iterate.h"
#include "launch.h"
#include "sort_keys.h"

namespace qk {
namespace {

constexpr int64_t kBlock = 65536;

// A float64 value rounded to a float dtype (by code); other codes leave it as is.
inline double round_to(int code, double v) {
  switch (code) {
    case kFloat16: return (double)f16_to_f32(f32_to_f16((float)v));
    case kBFloat16: return (double)bf16_to_f32(f32_to_bf16((float)v));
    case kFloat32: return (double)(float)v;
    default: return v;
  }
}

// float64 -> integer as NumPy's astype does on x86 (NaN and out-of-range values give the
// truncating conversions' INT_MIN of the 32- or 64-bit path).
inline int64_t trunc_i64(double x) {
  return (x >= -9223372036854775808.0 && x < 9223372036854775808.0) ? (int64_t)x : INT64_MIN;
}
inline int64_t trunc_i32(double x) { return (x > -2147483649.0 && x < 2147483648.0) ? (int32_t)x : INT32_MIN; }
inline uint64_t trunc_u64(double x) {
  if (x >= 9223372036854775808.0 && x < 18446744073709551616.0)
    return (uint64_t)(int64_t)(x - 9223372036854775808.0) ^ 0x8000000000000000ull;
  return (uint64_t)trunc_i64(x);
}

// `n += acc.astype(ntype)` with n held as a double (exact for the float dtypes).
inline double add_into(int code, double n, double acc) {
  const int64_t a32 = trunc_i32(acc), ni = (int64_t)n;
  switch (code) {
    case kBool: return (n != 0 || acc != 0) ? 1 : 0;
    case kInt8: return (double)(int8_t)(ni + (int8_t)a32);
    case kUint8: return (double)(uint8_t)(ni + (uint8_t)a32);
    case kInt16: return (double)(int16_t)(ni + (int16_t)a32);
    case kUint16: return (double)(uint16_t)(ni + (uint16_t)a32);
    case kInt32: return (double)(int32_t)(ni + (int32_t)a32);
    case kUint32: return (double)(uint32_t)(ni + (uint32_t)trunc_i64(acc));
    case kInt64: return (double)(int64_t)((uint64_t)ni + (uint64_t)trunc_i64(acc));
    case kUint64: return (double)((uint64_t)n + trunc_u64(acc));
    default: return round_to(code, n + round_to(code, acc));
  }
}

template <class S> inline double as_double(const char* p) { return to_double(*(const S*)p); }

inline int threads_for(int64_t n, int64_t bins) {
  const int nt = num_threads();
  return (n >= kParallelThreshold && bins * nt <= n) ? nt : 1;
}

// Counts values v(i) in [0, bins) into out (int64), over threads with private histograms.
template <class F> void parallel_count(int64_t n, int64_t bins, int64_t* out, F&& bin_of) {
  const int nt = threads_for(n, bins);
  if (nt <= 1) {
    for (int64_t i = 0; i < n; i++) {
      const int64_t b = bin_of(i);
      if (b >= 0) out[b]++;
    }
    return;
  }
  std::vector<std::vector<int64_t>> local(nt);
#pragma omp parallel num_threads(nt)
  {
    const int t = omp_get_thread_num(), T = omp_get_num_threads();
    std::vector<int64_t>& h = local[t];
    h.assign(bins, 0);
    for (int64_t i = n * t / T, e = n * (t + 1) / T; i < e; i++) {
      const int64_t b = bin_of(i);
      if (b >= 0) h[b]++;
    }
  }
  for (auto& h : local)
    for (int64_t b = 0; b < (int64_t)h.size(); b++) out[b] += h[b];
}

// ---- int_range -------------------------------------------------------------------------------------

// aux: [dtype code (bool or integer)]; tensors: x (any shape, non-empty), out (int64, [2]) = min, max
// (uint64 values above 2^63 - 1 read as negative, as NumPy's unsafe cast to intp does).
const char* exec_int_range() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 2 || L.naux != 1 || L.t[0].size() == 0) return "int_range: bad launch";
  const Tensor& x = L.t[0];
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  bool ok = dispatch_dtype((int)L.aux[0], [&](auto tag) {
    using S = typename decltype(tag)::type;
    if constexpr (!kIsFloat<S>) {
      StridedCursor c(x, 0);
      for (int64_t i = 0, n = x.size(); i < n; i++, c.next()) {
        const int64_t v = (int64_t)*(const S*)c.ptr;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
  });
  if (!ok) return "int_range: unknown dtype";
  ((int64_t*)L.t[1].data)[0] = lo;
  ((int64_t*)L.t[1].data)[1] = hi;
  return nullptr;
}

// ---- bincount --------------------------------------------------------------------------------------

// aux: [x dtype code (bool or integer; values checked non-negative), has_weights];
// tensors: x (1-D), [weights (float64, 1-D, len(x))], out (int64, or float64 with weights; zeroed here).
const char* exec_bincount() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.naux != 2) return "bincount: bad launch";
  const bool weighted = L.aux[1] != 0;
  if (L.nargs != (weighted ? 3 : 2)) return "bincount: bad launch";
  const Tensor& x = L.t[0];
  const Tensor* w = weighted ? &L.t[1] : nullptr;
  const Tensor& out = L.t[weighted ? 2 : 1];
  if (x.ndim != 1 || out.ndim != 1 || (out.shape[0] > 1 && out.strides[0] != 8)) return "bincount: bad shapes";
  const int64_t n = x.shape[0], bins = out.shape[0];
  if (w && (w->ndim != 1 || w->shape[0] != n)) return "bincount: bad weights";
  std::fill((int64_t*)out.data, (int64_t*)out.data + bins, 0);
  bool bad = false;
  bool ok = dispatch_dtype((int)L.aux[0], [&](auto tag) {
    using S = typename decltype(tag)::type;
    if constexpr (!kIsFloat<S>) {
      auto at = [&](int64_t i) { return (int64_t)*(const S*)(x.data + i * x.strides[0]); };
      if (w) {
        double* o = (double*)out.data;
        for (int64_t i = 0; i < n; i++) {
          const int64_t b = at(i);
          if (b < 0 || b >= bins) { bad = true; return; }
          o[b] += *(const double*)(w->data + i * w->strides[0]);
        }
      } else {
        parallel_count(n, bins, (int64_t*)out.data, [&](int64_t i) {
          const int64_t b = at(i);
          return (b >= 0 && b < bins) ? b : -1;
        });
      }
    }
  });
  if (!ok) return "bincount: unknown dtype";
  return bad ? "bincount: value out of range" : nullptr;
}

// ---- histogram, equal-width bins -------------------------------------------------------------------

struct Uniform {
  int64_t nbins;
  int lo_mode, hi_mode;  // 0: no test, 1: compare as float64, 2: exact (integer x, integer bound)
  double lo, hi;
  long double lo_int, hi_int;  // integer bounds, exact (x86's long double holds every 64-bit int)
  int b_code, t2_code;
  double first, denom, nb_t2;
  const double* edges;
};

template <class S> inline int64_t uniform_bin(const Uniform& u, const char* p) {
  const S s = *(const S*)p;
  const double x = to_double(s);
  if constexpr (kIsFloat<S>) {
    if (u.lo_mode && !(x >= u.lo)) return -1;
    if (u.hi_mode && !(x <= u.hi)) return -1;
  } else {
    if (u.lo_mode == 1 && !(x >= u.lo)) return -1;
    if (u.lo_mode == 2 && !((long double)s >= u.lo_int)) return -1;
    if (u.hi_mode == 1 && !(x <= u.hi)) return -1;
    if (u.hi_mode == 2 && !((long double)s <= u.hi_int)) return -1;
  }
  const double xb = round_to(u.b_code, x);
  const double diff = round_to(u.b_code, xb - u.first);
  const double q = round_to(u.t2_code, diff / u.denom);
  const double f = round_to(u.t2_code, q * u.nb_t2);
  int64_t i = f >= (double)u.nbins ? u.nbins : (f > 0 ? (int64_t)f : 0);
  if (i == u.nbins) i--;
  if (xb < u.edges[i] && i > 0) i--;
  if (i != u.nbins - 1 && xb >= u.edges[i + 1]) i++;
  return i;
}

// aux: [x dtype, edges dtype (B), division dtype (T2), weights' dtype (ntype; -1 without weights),
//       nbins, lo_mode, hi_mode, lo, hi, first (in B), denom (in T2), then the integer bounds of
//       mode 2 as (high, low) 32-bit halves: lo_high, lo_low, hi_high, hi_low];
// tensors: x (1-D), edges (B, nbins + 1), [weights (float64, len(x))], out (int64, or float64 holding
// the ntype's values with weights).
const char* exec_histogram_uniform() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.naux != 15) return "histogram: bad launch";
  const int ntype = (int)L.aux[3];
  const bool weighted = ntype >= 0;
  if (L.nargs != (weighted ? 4 : 3)) return "histogram: bad launch";
  const Tensor &x = L.t[0], &e = L.t[1];
  const Tensor* w = weighted ? &L.t[2] : nullptr;
  const Tensor& out = L.t[weighted ? 3 : 2];
  Uniform u;
  u.b_code = (int)L.aux[1];
  u.t2_code = (int)L.aux[2];
  u.nbins = (int64_t)L.aux[4];
  u.lo_mode = (int)L.aux[5];
  u.hi_mode = (int)L.aux[6];
  u.lo = L.aux[7];
  u.hi = L.aux[8];
  u.first = L.aux[9];
  u.denom = L.aux[10];
  u.lo_int = (long double)L.aux[11] * 4294967296.0L + (long double)L.aux[12];
  u.hi_int = (long double)L.aux[13] * 4294967296.0L + (long double)L.aux[14];
  u.nb_t2 = round_to(u.t2_code, (double)u.nbins);
  if (x.ndim != 1 || e.ndim != 1 || e.shape[0] != u.nbins + 1 || out.ndim != 1 || out.shape[0] != u.nbins || u.nbins < 1 ||
      (out.shape[0] > 1 && out.strides[0] != 8))
    return "histogram: bad shapes";
  std::vector<double> edges(u.nbins + 1);
  bool ok = dispatch_dtype(u.b_code, [&](auto tag) {
    using B = typename decltype(tag)::type;
    for (int64_t i = 0; i <= u.nbins; i++) edges[i] = as_double<B>(e.data + i * e.strides[0]);
  });
  if (!ok) return "histogram: unknown dtype";
  u.edges = edges.data();
  const int64_t n = x.shape[0];
  ok = dispatch_dtype((int)L.aux[0], [&](auto tag) {
    using S = typename decltype(tag)::type;
    if (!w) {
      int64_t* o = (int64_t*)out.data;
      std::fill(o, o + u.nbins, 0);
      parallel_count(n, u.nbins, o, [&](int64_t i) { return uniform_bin<S>(u, x.data + i * x.strides[0]); });
      return;
    }
    double* o = (double*)out.data;
    std::fill(o, o + u.nbins, 0.0);
    std::vector<double> acc(u.nbins);
    for (int64_t b0 = 0; b0 < n; b0 += kBlock) {
      std::fill(acc.begin(), acc.end(), 0.0);
      for (int64_t i = b0, end = std::min(n, b0 + kBlock); i < end; i++) {
        const int64_t b = uniform_bin<S>(u, x.data + i * x.strides[0]);
        if (b >= 0) acc[b] += *(const double*)(w->data + i * w->strides[0]);
      }
      for (int64_t b = 0; b < u.nbins; b++) o[b] = add_into(ntype, o[b], acc[b]);
    }
  });
  return ok ? nullptr : "histogram: unknown dtype";
}

// ---- histogram, explicit edges ---------------------------------------------------------------------

// A float64 holding a value of dtype `code` after one arithmetic step: float dtypes round,
// integer dtypes wrap (values stay exact while they fit 2^53, as histogram sums do).
inline double wrap_to(int code, double v) {
  switch (code) {
    case kBool: return v != 0 ? 1 : 0;
    case kInt8: return (double)(int8_t)trunc_i64(v);
    case kUint8: return (double)(uint8_t)trunc_i64(v);
    case kInt16: return (double)(int16_t)trunc_i64(v);
    case kUint16: return (double)(uint16_t)trunc_i64(v);
    case kInt32: return (double)(int32_t)trunc_i64(v);
    case kUint32: return (double)(uint32_t)trunc_i64(v);
    case kInt64: return (double)trunc_i64(v);
    case kUint64: return (double)trunc_u64(v);
    default: return round_to(code, v);
  }
}

// NumPy's explicit-edge histogram, block by block (65536 values): sort the block, take running
// sums of its weights in their cumsum dtype (ct), read them where searchsorted puts each edge
// (left, the last edge right), add those into cum (the weights' dtype, nt); the result is
// diff(cum). Unweighted, the running sums are the positions themselves.
template <class S>
void edges_by_blocks(const Tensor& x, const std::vector<bits_t<S>>& ek, const Tensor* w, int nt, int ct, double* out) {
  using K = bits_t<S>;
  using I = Item<K, uint32_t>;
  using E = typename I::E;
  const int64_t n = x.shape[0], ne = (int64_t)ek.size(), nb = ne - 1;
  const int64_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<double> sampled((size_t)(blocks * ne));
  const int threads = blocks > 1 && n >= kParallelThreshold ? num_threads() : 1;
#pragma omp parallel num_threads(threads) if (threads > 1)
  {
    std::vector<E> items(kBlock), tmp(kBlock);
    std::vector<double> cw(kBlock + 1);
#pragma omp for schedule(static)
    for (int64_t b = 0; b < blocks; b++) {
      const int64_t b0 = b * kBlock, len = std::min(kBlock, n - b0);
      for (int64_t i = 0; i < len; i++) items[i] = I::make(sort_key(*(const S*)(x.data + (b0 + i) * x.strides[0])), (uint32_t)i);
      sort_items<I>(items.data(), tmp.data(), len);
      cw[0] = 0;
      for (int64_t i = 0; i < len; i++) {
        const double wi = w ? *(const double*)(w->data + (b0 + I::payload(items[i])) * w->strides[0]) : 1.0;
        cw[i + 1] = w ? wrap_to(ct, cw[i] + wi) : (double)(i + 1);
      }
      for (int64_t j = 0; j < ne; j++) {
        const K e = ek[j];
        int64_t lo = 0, hi = len;
        while (lo < hi) {
          const int64_t mid = (lo + hi) >> 1;
          const K k = I::key(items[mid]);
          if (j < nb ? k < e : k <= e) lo = mid + 1;
          else hi = mid;
        }
        sampled[b * ne + j] = cw[lo];
      }
    }
  }
  std::vector<double> cum(ne, 0.0);
  for (int64_t b = 0; b < blocks; b++)
    for (int64_t j = 0; j < ne; j++) cum[j] = wrap_to(nt, cum[j] + sampled[b * ne + j]);
  for (int64_t j = 0; j < nb; j++) out[j] = wrap_to(nt, cum[j + 1] - cum[j]);
}

// aux: [dtype code (x and edges share it), weights' dtype (-1: none), their cumsum dtype];
// tensors: x (1-D), edges (1-D, nb + 1), [weights (float64)], out (nb; int64 counts, or float64
// holding the weights' dtype's values).
const char* exec_histogram_edges() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.naux != 3) return "histogram: bad launch";
  const int nt = (int)L.aux[1], ct = (int)L.aux[2];
  const bool weighted = nt >= 0;
  if (L.nargs != (weighted ? 4 : 3)) return "histogram: bad launch";
  const Tensor &x = L.t[0], &e = L.t[1];
  const Tensor* w = weighted ? &L.t[2] : nullptr;
  const Tensor& out = L.t[weighted ? 3 : 2];
  const int64_t nb = e.shape[0] - 1, n = x.shape[0];
  if (x.ndim != 1 || e.ndim != 1 || nb < 1 || out.ndim != 1 || out.shape[0] != nb || (nb > 1 && out.strides[0] != 8))
    return "histogram: bad shapes";
  bool ok = dispatch_dtype((int)L.aux[0], [&](auto tag) {
    using S = typename decltype(tag)::type;
    using K = bits_t<S>;
    std::vector<K> ek(nb + 1);
    bool monotone = true;
    for (int64_t j = 0; j <= nb; j++) {
      ek[j] = sort_key(*(const S*)(e.data + j * e.strides[0]));
      if (j > 0 && ek[j] < ek[j - 1]) monotone = false;
    }
    if (monotone && !w) {
      // Ascending edges: each value lands in one bin, found by bisection (threads split the values).
      auto bin_of = [&](int64_t i) -> int64_t {
        const K k = sort_key(*(const S*)(x.data + i * x.strides[0]));
        const int64_t p = std::upper_bound(ek.begin(), ek.end(), k) - ek.begin();
        if (p >= 1 && p <= nb - 1) return p - 1;
        if (p >= nb && k <= ek[nb]) return nb - 1;
        return -1;
      };
      int64_t* o = (int64_t*)out.data;
      std::fill(o, o + nb, 0);
      parallel_count(n, nb, o, bin_of);
      return;
    }
    std::vector<double> res(nb);
    edges_by_blocks<S>(x, ek, w, weighted ? nt : kInt64, ct, res.data());
    for (int64_t j = 0; j < nb; j++) {
      if (w) ((double*)out.data)[j] = res[j];
      else ((int64_t*)out.data)[j] = (int64_t)res[j];
    }
  });
  return ok ? nullptr : "histogram: unknown dtype";
}

RegisterCommand reg_int_range("int_range", exec_int_range);
RegisterCommand reg_bincount("bincount", exec_bincount);
RegisterCommand reg_hist_uniform("histogram_uniform", exec_histogram_uniform);
RegisterCommand reg_hist_edges("histogram_edges", exec_histogram_edges);

}  // namespace
}  // namespace qk
