// np.random's vector-valued draws: each output row is one element of the Philox stream layout
// (random_philox.h), so row i depends only on (key, lo + i) whatever the thread count.
#include <omp.h>

#include <cmath>

#include "command.h"
#include "launch.h"
#include "random_philox.h"

namespace qk {
namespace {

constexpr int64_t kRowsParallelMin = 1 << 11;

struct StreamBase {
  uint32_t k0, k1;
  uint64_t lo, hi;
};

inline StreamBase read_base(const TensorLaunch& L) {
  return {(uint32_t)L.aux[0], (uint32_t)L.aux[1], (uint64_t)L.aux[2] | ((uint64_t)L.aux[3] << 32),
          (uint64_t)L.aux[4] | ((uint64_t)L.aux[5] << 32)};
}

// Multinomial by conditional binomials: count j ~ Binomial(n left, p_j / p left).
// aux: [k0, k1, lo (2 words), hi (2 words), n]; tensors: out int64 [m, d] (C-contiguous), pvals
// float64 [d] (C-contiguous).
const char* exec_random_multinomial() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.naux != 7 || L.nargs != 2) return "random_multinomial: bad launch";
  const StreamBase b = read_base(L);
  const int64_t n = (int64_t)L.aux[6];
  const Tensor &out = L.t[0], &pv = L.t[1];
  if (out.ndim != 2 || pv.ndim != 1 || out.shape[1] != pv.shape[0] || out.itemsize != 8 || pv.itemsize != 8 ||
      (out.shape[1] > 1 && out.strides[1] != 8)) {
    return "random_multinomial: bad shapes";
  }
  const int64_t m = out.shape[0], d = out.shape[1];
  const int threads = m >= kRowsParallelMin ? num_threads() : 1;
#pragma omp parallel for num_threads(threads) if (threads > 1)
  for (int64_t i = 0; i < m; i++) {
    ElementStream s(b.k0, b.k1, b.lo + (uint64_t)i, b.hi);
    int64_t* row = (int64_t*)(out.data + i * out.strides[0]);
    int64_t left = n;
    double pleft = 1.0;
    for (int64_t j = 0; j < d; j++) row[j] = 0;
    for (int64_t j = 0; j + 1 < d && left > 0; j++) {
      const double pj = *(const double*)(pv.data + j * pv.strides[0]);
      double q = pleft > 0.0 ? pj / pleft : 0.0;
      if (q > 1.0) q = 1.0;
      if (q < 0.0) q = 0.0;
      row[j] = binomial_sample(s, left, q);
      left -= row[j];
      pleft -= pj;
    }
    if (d > 0) row[d - 1] += left;
  }
  return nullptr;
}

// Multivariate normal: row = mean + factor @ z, z standard normals from the row's stream.
// aux: [k0, k1, lo (2 words), hi (2 words)]; tensors: out float64 [m, d], mean float64 [d],
// factor float64 [d, d] (all C-contiguous).
const char* exec_random_mvnormal() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.naux != 6 || L.nargs != 3) return "random_mvnormal: bad launch";
  const StreamBase b = read_base(L);
  const Tensor &out = L.t[0], &mean = L.t[1], &fac = L.t[2];
  if (out.ndim != 2 || mean.ndim != 1 || fac.ndim != 2) return "random_mvnormal: bad shapes";
  const int64_t m = out.shape[0], d = out.shape[1];
  if (mean.shape[0] != d || fac.shape[0] != d || fac.shape[1] != d || out.itemsize != 8) return "random_mvnormal: bad shapes";
  const int threads = m >= kRowsParallelMin ? num_threads() : 1;
#pragma omp parallel num_threads(threads) if (threads > 1)
  {
    double* z = new double[d > 0 ? d : 1];
#pragma omp for
    for (int64_t i = 0; i < m; i++) {
      ElementStream s(b.k0, b.k1, b.lo + (uint64_t)i, b.hi);
      for (int64_t k = 0; k < d; k++) z[k] = std_normal(s);
      for (int64_t r = 0; r < d; r++) {
        double acc = *(const double*)(mean.data + r * mean.strides[0]);
        for (int64_t k = 0; k < d; k++) acc += *(const double*)(fac.data + r * fac.strides[0] + k * fac.strides[1]) * z[k];
        *(double*)(out.data + i * out.strides[0] + r * out.strides[1]) = acc;
      }
    }
    delete[] z;
  }
  return nullptr;
}

// Dirichlet rows: normalised Gamma(alpha_j) draws; for small alphas (max < 0.1, where all gammas
// may underflow to 0) stick-breaking with Beta(alpha_j, sum of the rest), as NumPy.
// aux: [k0, k1, lo (2 words), hi (2 words)]; tensors: out float64 [m, k], alpha float64 [k] (C-contiguous).
const char* exec_random_dirichlet() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.naux != 6 || L.nargs != 2) return "random_dirichlet: bad launch";
  const StreamBase b = read_base(L);
  const Tensor &out = L.t[0], &al = L.t[1];
  if (out.ndim != 2 || al.ndim != 1 || out.shape[1] != al.shape[0] || out.itemsize != 8 || al.itemsize != 8) return "random_dirichlet: bad shapes";
  const int64_t m = out.shape[0], k = out.shape[1];
  double amax = 0.0;
  for (int64_t j = 0; j < k; j++) amax = std::fmax(amax, *(const double*)(al.data + j * al.strides[0]));
  const int threads = m >= kRowsParallelMin ? num_threads() : 1;
#pragma omp parallel for num_threads(threads) if (threads > 1)
  for (int64_t i = 0; i < m; i++) {
    ElementStream s(b.k0, b.k1, b.lo + (uint64_t)i, b.hi);
    auto at = [&](int64_t j) -> double& { return *(double*)(out.data + i * out.strides[0] + j * out.strides[1]); };
    auto alpha = [&](int64_t j) { return *(const double*)(al.data + j * al.strides[0]); };
    if (amax < 0.1 && k > 0) {
      double rest = 0.0;
      for (int64_t j = 0; j < k; j++) rest += alpha(j);
      double left = 1.0;
      for (int64_t j = 0; j + 1 < k; j++) {
        rest -= alpha(j);
        const double x = (alpha(j) == 0.0) ? 0.0 : (rest <= 0.0 ? 1.0 : beta_sample(s, alpha(j), rest));
        at(j) = left * x;
        left -= at(j);
      }
      at(k - 1) = left;
    } else {
      double sum = 0.0;
      for (int64_t j = 0; j < k; j++) sum += (at(j) = std_gamma(s, alpha(j)));
      for (int64_t j = 0; j < k; j++) at(j) /= sum;
    }
  }
  return nullptr;
}

RegisterCommand reg_dirichlet("random_dirichlet", exec_random_dirichlet);
RegisterCommand reg_multinomial("random_multinomial", exec_random_multinomial);
RegisterCommand reg_mvnormal("random_mvnormal", exec_random_mvnormal);

}  // namespace
}  // namespace qk
