// Order statistics along the last axis: np.quantile / np.percentile (NumPy's 13 methods), np.median
// and the nan- forms. Each lane is gathered, NaNs are dropped (nan- forms) or make the result NaN,
// the order statistics needed are selected with nth_element, and the result is NumPy's formula
// evaluated in NumPy's dtypes step by step (so float32 and float16 results match to the bit):
//   quantile: _lerp(a, b, t) = a + (b - a) * t, or b - (b - a) * (1 - t) where t >= 0.5;
//   median:   the mean of the middle one or two elements (np.mean's dtypes and rounding);
//   nanmedian along an axis of a multi-dim array: np.ma.median's (lo + hi) / 2 in the input dtype.
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "command.h"
#include "dtype_dispatch.h"
#include "reduce_lanes.h"

namespace qk {
namespace {

enum Method {
  kInvertedCdf, kAveragedInvertedCdf, kClosestObservation, kInterpolatedInvertedCdf, kHazen, kWeibull, kLinear,
  kMedianUnbiased, kNormalUnbiased, kLower, kHigher, kMidpoint, kNearest
};
enum Kind { kQuantile, kMedian, kMaMedian };

// Where a quantile lies in a sorted lane of m values: one element (take) or two and a weight.
struct Pick {
  int64_t lo, hi;
  double gamma;
  bool take;
};

inline double pymod2(double x) { return x - 2.0 * std::floor(x / 2.0); }  // Python's x % 2

// NumPy's _discrete_interpolation_to_boundaries.
inline int64_t discrete(double index, bool closest) {
  const double prev = std::floor(index), gamma = index - prev;
  const bool use_prev = closest ? gamma == 0 && pymod2(prev) == 1 : gamma == 0;
  const double r = use_prev ? prev : prev + 1;
  return r < 0 ? 0 : (int64_t)r;
}

inline double virtual_index(double n, double q, double alpha, double beta) {
  return n * q + (alpha + q * ((1.0 - alpha) - beta)) - 1.0;
}

// NumPy's _quantile index arithmetic, in float64 as NumPy does it.
Pick plan(int method, bool int_q, int64_t m, double q) {
  const double n = (double)m;
  switch (method) {
    case kInvertedCdf: return {discrete(n * q - 1.0, false), 0, 0, true};
    case kClosestObservation: return {discrete(n * q - 1.0 - 0.5, true), 0, 0, true};
    case kLower: return {(int64_t)std::floor((n - 1) * q), 0, 0, true};
    case kHigher: return {(int64_t)std::ceil((n - 1) * q), 0, 0, true};
    case kNearest: return {(int64_t)std::nearbyint((n - 1) * q), 0, 0, true};  // np.around: half to even
    default: break;
  }
  if (method == kLinear && int_q) return {(int64_t)((n - 1) * q), 0, 0, true};
  double vi;
  switch (method) {
    case kAveragedInvertedCdf: vi = n * q - 1.0; break;
    case kInterpolatedInvertedCdf: vi = virtual_index(n, q, 0, 1); break;
    case kHazen: vi = virtual_index(n, q, 0.5, 0.5); break;
    case kWeibull: vi = virtual_index(n, q, 0, 0); break;
    case kMedianUnbiased: vi = virtual_index(n, q, 1 / 3.0, 1 / 3.0); break;
    case kNormalUnbiased: vi = virtual_index(n, q, 3 / 8.0, 3 / 8.0); break;
    case kMidpoint: vi = 0.5 * (std::floor((n - 1) * q) + std::ceil((n - 1) * q)); break;
    default: vi = (n - 1) * q; break;
  }
  // _get_indexes: beyond the ends both neighbours are the end element; the stored index (-1 above)
  // is what gamma is computed from, as in NumPy.
  double prev = std::floor(vi), next = prev + 1;
  if (vi >= n - 1) prev = next = -1;
  if (vi < 0) prev = next = 0;
  double gamma = vi - prev;
  if (method == kMidpoint) gamma = vi - std::floor(vi) == 0 ? 0.0 : 0.5;
  if (method == kAveragedInvertedCdf) gamma = gamma == 0 ? 0.5 : 1.0;
  const int64_t lo = prev < 0 ? m - 1 : (int64_t)prev, hi = next < 0 ? m - 1 : (int64_t)next;
  return {lo, hi, gamma, false};
}

template <class S> constexpr bool kIsFloat = std::is_floating_point_v<S> || std::is_same_v<S, f16> || std::is_same_v<S, bf16>;

// A value of C rounded through storage type T (a no-op unless T is a half type).
template <class T, class C> inline C rnd(C x) { return convert<C>(convert<T>(x)); }

// NumPy's _lerp with its dtypes: b - a in the input dtype S (wrapping for integers), the rest in
// the result dtype R; a weak (Python float) t is first converted to R.
template <class S, class R> R lerp(key_t<S> a, key_t<S> b, double t) {
  using C = compute_t<R>;
  C diff;
  if constexpr (kIsFloat<S>) {
    using CS = compute_t<S>;
    diff = convert<C>(convert<S>(convert<CS>(b) - convert<CS>(a)));
  } else {
    diff = convert<C>((S)(b - a));
  }
  const C ac = convert<C>(a), bc = convert<C>(b);
  if (t >= 0.5) {
    const C om = convert<C>(convert<R>(1.0 - t));
    return convert<R>(bc - rnd<R>(diff * om));
  }
  const C tr = convert<C>(convert<R>(t));
  return convert<R>(ac + rnd<R>(diff * tr));
}

// np.mean of the middle element(s) a, b (a == b for odd lengths): summed in NumPy's accumulation
// dtype (float32 for half types, the result float for integers), divided by the count.
template <class S, class R> R median_of(key_t<S> a, key_t<S> b, bool two) {
  using A = std::conditional_t<kIsFloat<S>, compute_t<S>, compute_t<R>>;
  if (!two) return convert<R>(convert<A>(a));
  return convert<R>((convert<A>(a) + convert<A>(b)) / A(2));
}

// np.ma.median's middle: (lo + hi) / 2 with each step rounded to the input dtype.
template <class S, class R> R ma_median_of(key_t<S> a, key_t<S> b) {
  if constexpr (kIsFloat<S>) {
    using CS = compute_t<S>;
    const CS s = rnd<S>(convert<CS>(a) + convert<CS>(b));
    return convert<R>(convert<S>(s / CS(2)));
  } else {
    return median_of<S, R>(a, b, true);
  }
}

struct Params {
  int kind, method;
  bool skip_nan, int_q;
};

template <class S, class R> void quantile_lanes(const Tensor& in, const Tensor& qt, const Tensor& out, const Params& P) {
  using K = key_t<S>;
  const int axis = in.ndim - 1;
  const LaneLayout L = lane_layout(&in, 1, axis, false);
  const int64_t n = L.n, nq = qt.shape[0];
  std::vector<double> qs((size_t)nq);
  for (int64_t i = 0; i < nq; i++) qs[i] = *(const double*)(qt.data + i * qt.strides[0]);
  const int nt = num_threads();
  const bool parallel = L.outer_size * n >= kParallelThreshold && L.outer_size > 1 && nt > 1;
  const R nan_r = convert<R>(std::numeric_limits<double>::quiet_NaN());
#pragma omp parallel if (parallel) num_threads(nt)
  {
    std::vector<K> buf((size_t)n);
    std::vector<Pick> picks((size_t)nq);
    std::vector<int64_t> need;
#pragma omp for schedule(dynamic, 16)
    for (int64_t o = 0; o < L.outer_size; o++) {
      char* p;
      outer_offsets(L, o, &p);
      int64_t m = 0;
      bool has_nan = false;
      for (int64_t i = 0; i < n; i++) {
        const K v = convert<K>(*(const S*)(p + i * L.axis_stride[0]));
        if constexpr (std::is_floating_point_v<K>) {
          if (v != v) {
            has_nan = true;
            continue;
          }
        }
        buf[m++] = v;
      }
      auto at = [&](int64_t qi) { return out.data + qi * out.strides[0] + o * out.strides[1]; };
      if (m == 0 || (has_nan && !P.skip_nan)) {
        for (int64_t qi = 0; qi < nq; qi++) *(R*)at(qi) = nan_r;
        continue;
      }
      // The order statistics every q needs, selected left to right.
      need.clear();
      if (P.kind == kQuantile) {
        for (int64_t qi = 0; qi < nq; qi++) {
          picks[qi] = plan(P.method, P.int_q, m, qs[qi]);
          need.push_back(picks[qi].lo);
          if (!picks[qi].take) need.push_back(picks[qi].hi);
        }
      } else {
        need.push_back((m - 1) / 2);
        need.push_back(m / 2);
      }
      std::sort(need.begin(), need.end());
      need.erase(std::unique(need.begin(), need.end()), need.end());
      if (need.size() > 16) {
        std::sort(buf.begin(), buf.begin() + m);
      } else {
        int64_t from = 0;
        for (int64_t k : need) {
          std::nth_element(buf.begin() + from, buf.begin() + k, buf.begin() + m);
          from = k + 1;
        }
      }
      if (P.kind == kMedian) {
        *(R*)at(0) = median_of<S, R>(buf[(m - 1) / 2], buf[m / 2], m % 2 == 0);
      } else if (P.kind == kMaMedian) {
        *(R*)at(0) = ma_median_of<S, R>(buf[(m - 1) / 2], buf[m / 2]);
      } else {
        for (int64_t qi = 0; qi < nq; qi++) {
          const Pick& k = picks[qi];
          *(R*)at(qi) = k.take ? convert<R>(convert<S>(buf[k.lo])) : lerp<S, R>(buf[k.lo], buf[k.hi], k.gamma);
        }
      }
    }
  }
}

template <class S> bool run_for_input(int out_code, int in_code, const Tensor& in, const Tensor& qt, const Tensor& out,
                                      const Params& P) {
  auto go = [&](auto rtag) {
    using R = typename decltype(rtag)::type;
    if constexpr (kIsFloat<R> || std::is_same_v<R, S>) {
      const bool takes = P.kind == kQuantile && (P.int_q || P.method == kInvertedCdf || P.method == kClosestObservation ||
                                                  P.method == kLower || P.method == kHigher || P.method == kNearest);
      if (!kIsFloat<R> && !takes)
        return false;  // integer results only come from methods that take an element
      if constexpr (kIsFloat<R>) quantile_lanes<S, R>(in, qt, out, P);
      else quantile_lanes<S, S>(in, qt, out, P);
      return true;
    }
    return false;
  };
  if (out_code == in_code) return go(TypeTag<S>{});
  switch (out_code) {
    case kFloat16: return go(TypeTag<f16>{});
    case kBFloat16: return go(TypeTag<bf16>{});
    case kFloat32: return go(TypeTag<float>{});
    case kFloat64: return go(TypeTag<double>{});
    default: return false;
  }
}

// aux: [input dtype, output dtype, kind (0 quantile, 1 median, 2 ma-median), method, skip NaN, integer q];
// tensors: input (lanes along its last axis), q (float64, 1-D), output (q count x lanes, lanes in C order).
const char* exec_quantile() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 3 || L.naux != 6) return "quantile: bad launch";
  const Tensor &in = L.t[0], &qt = L.t[1], &out = L.t[2];
  if (in.ndim < 1 || qt.ndim != 1 || qt.itemsize != 8 || out.ndim != 2) return "quantile: bad operands";
  int64_t lanes = 1;
  for (int d = 0; d + 1 < in.ndim; d++) lanes *= in.shape[d];
  if (out.shape[0] != qt.shape[0] || out.shape[1] != lanes) return "quantile: bad operands";
  if (lanes == 0 || qt.shape[0] == 0) return nullptr;
  const Params P{(int)L.aux[2], (int)L.aux[3], L.aux[4] != 0, L.aux[5] != 0};
  if (P.kind < kQuantile || P.kind > kMaMedian || P.method < 0 || P.method > kNearest) return "quantile: bad method";
  const int ic = (int)L.aux[0], oc = (int)L.aux[1];
  bool ran = false;
  bool ok = dispatch_dtype(ic, [&](auto tag) {
    using S = typename decltype(tag)::type;
    ran = run_for_input<S>(oc, ic, in, qt, out, P);
  });
  return ok && ran ? nullptr : "quantile: unsupported dtypes";
}

RegisterCommand reg("quantile", exec_quantile);

}  // namespace
}  // namespace qk
