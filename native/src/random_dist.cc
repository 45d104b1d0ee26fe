// np.random's elementwise distributions: element i of the output is a pure function of its
// parameters and the Philox stream (key, counter lo + i) (random_philox.h), so threads split the
// elements freely and every thread count gives the same values. Parameters arrive as scalars (aux)
// or as float64 tensors broadcast to the output's shape (stride 0 where repeated). Parameter
// validation happens in TS, before the launch; the samplers here terminate for any input.
#include <omp.h>

#include <cmath>
#include <type_traits>

#include "command.h"
#include "launch.h"
#include "random_philox.h"
#include "sort_keys.h"

namespace qk {
namespace {

// Keep in step with src/np/random/ops.ts DIST_CODES.
enum Dist {
  kUniform, kNormal, kExponential, kGamma, kBeta, kChisquare, kF, kGumbel, kLaplace, kLogistic,
  kLognormal, kPareto, kPower, kRayleigh, kWeibull, kBinomial, kPoisson, kBits, kStandardCauchy,
  kStandardT, kGeometric, kTriangular, kWald, kVonmises, kNoncentralChisquare, kNoncentralF,
  kNegativeBinomial, kLogseries, kZipf, kHypergeometric,
};
// Output kinds: float32 / float64 / int64 / uint64.
enum OutKind { kF32, kF64, kI64, kU64 };

constexpr int64_t kRandomParallelMin = 1 << 13;

inline double sample(int dist, ElementStream& s, const double* p, bool f32) {
  switch (dist) {
    case kUniform: {
      const double u = f32 ? (double)s.next_float() : s.next_double();
      return p[0] + (p[1] - p[0]) * u;
    }
    case kNormal: return p[0] + p[1] * std_normal(s);
    case kExponential: return p[0] * std_exponential(s);
    case kGamma: return p[1] * std_gamma(s, p[0]);
    case kBeta: return beta_sample(s, p[0], p[1]);
    case kChisquare: return 2.0 * std_gamma(s, p[0] / 2.0);
    case kF: {
      const double num = 2.0 * std_gamma(s, p[0] / 2.0) / p[0];
      const double den = 2.0 * std_gamma(s, p[1] / 2.0) / p[1];
      return num / den;
    }
    case kGumbel: {
      for (;;) {
        const double u = 1.0 - s.next_double();  // (0, 1]
        if (u < 1.0) return p[0] - p[1] * std::log(-std::log(u));
      }
    }
    case kLaplace: {
      for (;;) {
        const double u = s.next_double();
        if (u >= 0.5) return p[0] - p[1] * std::log(2.0 - u - u);
        if (u > 0.0) return p[0] + p[1] * std::log(u + u);
      }
    }
    case kLogistic: {
      for (;;) {
        const double u = s.next_double();
        if (u > 0.0) return p[0] + p[1] * std::log(u / (1.0 - u));
      }
    }
    case kLognormal: return std::exp(p[0] + p[1] * std_normal(s));
    case kPareto: return std::expm1(std_exponential(s) / p[0]);
    case kPower: return std::pow(-std::expm1(-std_exponential(s)), 1.0 / p[0]);
    case kRayleigh: return p[0] * std::sqrt(2.0 * std_exponential(s));
    case kWeibull: return p[0] == 0.0 ? 0.0 : std::pow(std_exponential(s), 1.0 / p[0]);
    case kStandardCauchy: {
      const double a = std_normal(s), b = std_normal(s);
      return a / b;
    }
    case kStandardT: {
      const double z = std_normal(s);
      const double g = std_gamma(s, p[0] / 2.0);
      return std::sqrt(p[0] / 2.0) * z / std::sqrt(g);
    }
    case kTriangular: {
      const double base = p[2] - p[0], leftbase = p[1] - p[0];
      const double u = s.next_double();
      if (u <= leftbase / base) return p[0] + std::sqrt(u * leftbase * base);
      return p[2] - std::sqrt((1.0 - u) * (p[2] - p[1]) * base);
    }
    case kWald: {
      // Michael, Schucany & Haas (1976), as NumPy.
      const double mean = p[0], mu_2l = mean / (2.0 * p[1]);
      double y = std_normal(s);
      y = mean * y * y;
      const double x = mean + mu_2l * (y - std::sqrt(4.0 * p[1] * y + y * y));
      return s.next_double() <= mean / (mean + x) ? x : mean * mean / x;
    }
    case kVonmises: return vonmises_sample(s, p[0], p[1]);
    case kNoncentralChisquare: return noncentral_chisquare(s, p[0], p[1]);
    case kNoncentralF: {
      const double t = noncentral_chisquare(s, p[0], p[2]) * p[1];
      return t / (2.0 * std_gamma(s, p[1] / 2.0) * p[0]);
    }
    default: return NAN;
  }
}

inline int64_t sample_int(int dist, ElementStream& s, const double* p) {
  switch (dist) {
    case kBinomial: return binomial_sample(s, (int64_t)p[0], p[1]);
    case kPoisson: return poisson_sample(s, p[0]);
    case kGeometric: {
      // Number of trials to the first success: inversion of the exponential, exact for small p too.
      if (p[0] == 1.0) return 1;
      const double e = std_exponential(s);
      return (int64_t)std::ceil(-e / std::log1p(-p[0]));
    }
    case kNegativeBinomial: {
      // A Poisson of a Gamma(n, (1 - p) / p) rate, as NumPy.
      const double y = std_gamma(s, p[0]) * ((1.0 - p[1]) / p[1]);
      return y > 0.0 ? poisson_sample(s, y) : 0;
    }
    case kLogseries: return logseries_sample(s, p[0]);
    case kZipf: return zipf_sample(s, p[0]);
    case kHypergeometric: return hypergeometric_sample(s, (int64_t)p[0], (int64_t)p[1], (int64_t)p[2]);
    default: return 0;
  }
}

struct DistLaunch {
  const Tensor* out;
  const Tensor* param[3];  // nullptr: scalar
  double scalars[3];
  uint32_t k0, k1;
  uint64_t lo, hi;
};

// The element loop for one distribution and output type: `D` is a template argument so the
// sampler's switch folds away. A fresh output with scalar parameters takes the flat fast path.
template <int D, class Out> void fill(const DistLaunch& L, bool f32) {
  const Tensor& out = *L.out;
  const int64_t n = out.size();
  bool flat = !L.param[0] && !L.param[1] && !L.param[2];
  int64_t expect = (int64_t)sizeof(Out);
  for (int d = out.ndim - 1; d >= 0 && flat; d--) {
    if (out.shape[d] != 1 && out.strides[d] != expect) flat = false;
    expect *= out.shape[d];
  }
  const int threads = n >= kRandomParallelMin ? num_threads() : 1;
#pragma omp parallel num_threads(threads) if (threads > 1)
  {
    const int t = omp_get_thread_num(), T = omp_get_num_threads();
    const int64_t start = n * t / T, end = n * (t + 1) / T;
    double p[3] = {L.scalars[0], L.scalars[1], L.scalars[2]};
    if (start < end && flat) {
      Out* o = (Out*)out.data;
      for (int64_t i = start; i < end; i++) {
        ElementStream s(L.k0, L.k1, L.lo + (uint64_t)i, L.hi);
        if constexpr (std::is_same_v<Out, uint64_t>) o[i] = s.next64();
        else if constexpr (std::is_same_v<Out, int64_t>) o[i] = sample_int(D, s, p);
        else o[i] = (Out)sample(D, s, p, f32);
      }
    } else if (start < end) {
      StridedCursor co(out, start);
      StridedCursor c0(L.param[0] ? *L.param[0] : out, start), c1(L.param[1] ? *L.param[1] : out, start),
          c2(L.param[2] ? *L.param[2] : out, start);
      for (int64_t i = start; i < end; i++) {
        if (L.param[0]) { p[0] = *(const double*)c0.ptr; c0.next(); }
        if (L.param[1]) { p[1] = *(const double*)c1.ptr; c1.next(); }
        if (L.param[2]) { p[2] = *(const double*)c2.ptr; c2.next(); }
        ElementStream s(L.k0, L.k1, L.lo + (uint64_t)i, L.hi);
        if constexpr (std::is_same_v<Out, uint64_t>) *(Out*)co.ptr = s.next64();
        else if constexpr (std::is_same_v<Out, int64_t>) *(Out*)co.ptr = sample_int(D, s, p);
        else *(Out*)co.ptr = (Out)sample(D, s, p, f32);
        co.next();
      }
    }
  }
}

template <int D> const char* fill_kind(const DistLaunch& L, int kind) {
  switch (kind) {
    case kF32: fill<D, float>(L, true); return nullptr;
    case kF64: fill<D, double>(L, false); return nullptr;
    case kI64: fill<D, int64_t>(L, false); return nullptr;
    case kU64: fill<D, uint64_t>(L, false); return nullptr;
    default: return "random_dist: bad output kind";
  }
}

template <int D = 0> const char* dispatch_dist(int dist, const DistLaunch& L, int kind) {
  if constexpr (D > kHypergeometric) {
    return "random_dist: unknown distribution";
  } else {
    if (dist == D) return fill_kind<D>(L, kind);
    return dispatch_dist<D + 1>(dist, L, kind);
  }
}

// aux: [dist, out kind, k0, k1, lo (low word), lo (high word), hi (low word), hi (high word),
//       nparams, then per parameter: is a tensor, scalar value];
// tensors: out, then the tensor parameters in order (float64, broadcast to out's shape).
const char* exec_random_dist() {
  TensorLaunch T;
  if (const char* err = parse_tensors(T)) return err;
  if (T.naux < 9) return "random_dist: bad launch";
  const int dist = (int)T.aux[0], kind = (int)T.aux[1];
  DistLaunch L{};
  L.k0 = (uint32_t)T.aux[2];
  L.k1 = (uint32_t)T.aux[3];
  L.lo = (uint64_t)T.aux[4] | ((uint64_t)T.aux[5] << 32);
  L.hi = (uint64_t)T.aux[6] | ((uint64_t)T.aux[7] << 32);
  const int np = (int)T.aux[8];
  if (np > 3 || T.naux != 9 + 2 * np) return "random_dist: bad launch";
  int nt = 1;
  for (int k = 0; k < np; k++) {
    if (T.aux[9 + 2 * k] != 0) {
      if (nt >= T.nargs) return "random_dist: bad launch";
      L.param[k] = &T.t[nt++];
    } else {
      L.scalars[k] = T.aux[10 + 2 * k];
    }
  }
  if (T.nargs != nt) return "random_dist: bad launch";
  L.out = &T.t[0];
  const Tensor& out = T.t[0];
  for (int a = 1; a < nt; a++) {
    if (T.t[a].ndim != out.ndim || T.t[a].itemsize != 8) return "random_dist: bad parameter tensor";
    for (int d = 0; d < out.ndim; d++) if (T.t[a].shape[d] != out.shape[d]) return "random_dist: bad parameter tensor";
  }
  const int64_t want = kind == kF32 ? 4 : 8;
  if (out.itemsize != want) return "random_dist: bad output";
  if (out.size() == 0) return nullptr;
  return dispatch_dist(dist, L, kind);
}

// np.random's integers: aux [out is uint64, k0, k1, lo (2 words), hi (2 words), low is a tensor,
// low (2 words), range is a tensor, range (2 words)]; tensors: out (64-bit), then low and/or range
// (64-bit, broadcast to out's shape). Element i is low + a uniform integer in [0, range], in 64-bit
// two's complement (the caller checked that the results fit the requested dtype).
const char* exec_random_integers() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.naux != 13) return "random_integers: bad launch";
  const uint32_t k0 = (uint32_t)L.aux[1], k1 = (uint32_t)L.aux[2];
  const uint64_t lo = (uint64_t)L.aux[3] | ((uint64_t)L.aux[4] << 32);
  const uint64_t hi = (uint64_t)L.aux[5] | ((uint64_t)L.aux[6] << 32);
  const bool low_t = L.aux[7] != 0, range_t = L.aux[10] != 0;
  const uint64_t low_s = (uint64_t)L.aux[8] | ((uint64_t)L.aux[9] << 32);
  const uint64_t range_s = (uint64_t)L.aux[11] | ((uint64_t)L.aux[12] << 32);
  const int nt = 1 + (low_t ? 1 : 0) + (range_t ? 1 : 0);
  if (L.nargs != nt) return "random_integers: bad launch";
  const Tensor& out = L.t[0];
  if (out.itemsize != 8) return "random_integers: bad output";
  for (int a = 1; a < nt; a++) {
    if (L.t[a].ndim != out.ndim || L.t[a].itemsize != 8) return "random_integers: bad parameter tensor";
    for (int d = 0; d < out.ndim; d++) if (L.t[a].shape[d] != out.shape[d]) return "random_integers: bad parameter tensor";
  }
  const Tensor& tl = L.t[low_t ? 1 : 0];
  const Tensor& tr = L.t[range_t ? (low_t ? 2 : 1) : 0];
  const int64_t n = out.size();
  if (n == 0) return nullptr;
  const int threads = n >= kRandomParallelMin ? num_threads() : 1;
#pragma omp parallel num_threads(threads) if (threads > 1)
  {
    const int t = omp_get_thread_num(), T = omp_get_num_threads();
    const int64_t start = n * t / T, end = n * (t + 1) / T;
    if (start < end) {
      StridedCursor co(out, start), cl(tl, start), cr(tr, start);
      for (int64_t i = start; i < end; i++) {
        uint64_t low = low_s, range = range_s;
        if (low_t) { low = *(const uint64_t*)cl.ptr; cl.next(); }
        if (range_t) { range = *(const uint64_t*)cr.ptr; cr.next(); }
        ElementStream s(k0, k1, lo + (uint64_t)i, hi);
        *(uint64_t*)co.ptr = low + bounded_u64(s, range);
        co.next();
      }
    }
  }
  return nullptr;
}

// The raw Philox blocks: aux [k0, k1, c0, c1, c2, c3]; tensor: out uint32 [n, 4], row i the block
// of counter (lo + i, hi) where lo = c0 | c1 << 32, hi = c2 | c3 << 32.
const char* exec_random_raw() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.naux != 6 || L.nargs != 1) return "random_raw: bad launch";
  const Tensor& out = L.t[0];
  if (out.ndim != 2 || out.shape[1] != 4 || out.itemsize != 4) return "random_raw: bad output";
  const uint32_t k0 = (uint32_t)L.aux[0], k1 = (uint32_t)L.aux[1];
  const uint64_t lo = (uint64_t)L.aux[2] | ((uint64_t)L.aux[3] << 32);
  const uint64_t hi = (uint64_t)L.aux[4] | ((uint64_t)L.aux[5] << 32);
  const int64_t n = out.shape[0];
  const int threads = n >= kRandomParallelMin ? num_threads() : 1;
#pragma omp parallel for num_threads(threads) if (threads > 1)
  for (int64_t i = 0; i < n; i++) {
    ElementStream s(k0, k1, lo + (uint64_t)i, hi);
    for (int w = 0; w < 4; w++) *(uint32_t*)(out.data + i * out.strides[0] + w * out.strides[1]) = s.next32();
  }
  return nullptr;
}

RegisterCommand reg_dist("random_dist", exec_random_dist);
RegisterCommand reg_integers("random_integers", exec_random_integers);
RegisterCommand reg_raw("random_raw", exec_random_raw);

}  // namespace
}  // namespace qk
