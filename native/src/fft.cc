// np.fft's one-axis transforms with KissFFT (Debian's libkissfft-dev: the header-only C++ template
// /usr/include/kissfft/kissfft.hh, BSD-3-Clause). Every lane along `axis` is read (strided), cut or
// zero-padded to the transform length, transformed in double precision and written (scaled) to
// the output lane; complex64/float32 results are rounded once at the end.
// KissFFT's generic radix is O(p^2) per prime factor p, so lengths with a prime factor above
// kBluesteinPrime go through Bluestein's chirp-z algorithm on a power-of-two KissFFT instead.
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <kissfft/kissfft.hh>
#include <memory>
#include <vector>

#include "command.h"
#include "complex.h"
#include "iterate.h"
#include "launch.h"
#include "reduce_lanes.h"

namespace qk {
namespace {

using cd = std::complex<double>;
constexpr size_t kBluesteinPrime = 100;

size_t largest_prime_factor(size_t n) {
  size_t p = 1;
  for (size_t f = 2; f * f <= n; f++)
    while (n % f == 0) { p = f; n /= f; }
  return n > 1 ? std::max(p, n) : p;
}

// A complex DFT of length n in one direction: KissFFT directly, or Bluestein around it.
class Plan {
 public:
  Plan(size_t n, bool inverse) : n_(n), inverse_(inverse) {
    if (n <= 2 || largest_prime_factor(n) <= kBluesteinPrime) {
      direct_ = std::make_unique<kissfft<double>>(n, inverse);
      return;
    }
    m_ = 1;
    while (m_ < 2 * n - 1) m_ <<= 1;
    fwd_ = std::make_unique<kissfft<double>>(m_, false);
    inv_ = std::make_unique<kissfft<double>>(m_, true);
    // chirp w[k] = exp(∓iπk²/n); k² mod 2n keeps the angle exact for large k
    chirp_.resize(n);
    const double pi = std::acos(-1.0);
    for (size_t k = 0; k < n; k++) {
      const unsigned long long k2 = (unsigned long long)k * k % (2ull * n);
      const double ang = (inverse ? 1.0 : -1.0) * pi * (double)k2 / (double)n;
      chirp_[k] = cd(std::cos(ang), std::sin(ang));
    }
    // the FFT of the conjugate chirp, wrapped around m (b[k] = b[m-k])
    std::vector<cd> b(m_, cd(0, 0));
    b[0] = std::conj(chirp_[0]);
    for (size_t k = 1; k < n; k++) b[k] = b[m_ - k] = std::conj(chirp_[k]);
    bfft_.resize(m_);
    fwd_->transform(b.data(), bfft_.data());
  }
  size_t scratch() const { return direct_ ? 0 : 2 * m_; }
  // out = DFT(in), both of length n; `work` holds scratch() values.
  void run(const cd* in, cd* out, cd* work) const {
    if (direct_) {
      direct_->transform(in, out);
      return;
    }
    cd* a = work;
    cd* fa = work + m_;
    for (size_t k = 0; k < n_; k++) a[k] = in[k] * chirp_[k];
    std::fill(a + n_, a + m_, cd(0, 0));
    fwd_->transform(a, fa);
    for (size_t k = 0; k < m_; k++) fa[k] *= bfft_[k];
    inv_->transform(fa, a);
    const double inv_m = 1.0 / (double)m_;
    for (size_t k = 0; k < n_; k++) out[k] = a[k] * chirp_[k] * inv_m;
  }

 private:
  size_t n_, m_ = 0;
  bool inverse_;
  std::unique_ptr<kissfft<double>> direct_, fwd_, inv_;
  std::vector<cd> chirp_, bfft_;
};

enum Kind { kC2C = 0, kR2C = 1, kC2R = 2 };

template <class T> cd load_c(const char* p) {
  if constexpr (is_complex_v<T>) {
    const T v = *(const T*)p;
    return cd((double)v.re, (double)v.im);
  } else {
    return cd((double)*(const T*)p, 0.0);
  }
}
template <class T> void store(char* p, cd v) {
  if constexpr (is_complex_v<T>) {
    using R = decltype(T::re);
    *(T*)p = T((R)v.real(), (R)v.imag());
  } else {
    *(T*)p = (T)v.real();
  }
}

// In: type I along the axis (length m), out: type O (length nout); the transform has length n.
template <class I, class O> void run_lanes(const Tensor& in, const Tensor& out, int axis, size_t n, Kind kind, bool inverse, double scale) {
  const Tensor ts[2] = {in, out};
  const LaneLayout L = lane_layout(ts, 2, axis, false);
  const int64_t m = in.shape[axis], nout = out.shape[axis];
  const Plan plan(n, inverse);
  const int64_t lanes = L.outer_size;
  const int nt = num_threads();
#pragma omp parallel if ((int64_t)n * lanes >= kParallelThreshold && nt > 1 && lanes > 1) num_threads(nt)
  {
    std::vector<cd> x(n), y(n), work(plan.scratch());
#pragma omp for schedule(static)
    for (int64_t o = 0; o < lanes; o++) {
      char* p[2];
      outer_offsets(L, o, p);
      const int64_t si = L.axis_stride[0], so = L.axis_stride[1];
      if (kind == kC2R) {
        // Hermitian input: X[0..n/2] given (zero beyond the input), X[n-k] = conj(X[k]); the
        // imaginary parts of X[0] (and X[n/2] for even n) are ignored, as pocketfft's c2r does.
        const size_t half = n / 2 + 1;
        for (size_t k = 0; k < half; k++) x[k] = (int64_t)k < m ? load_c<I>(p[0] + (int64_t)k * si) : cd(0, 0);
        x[0] = cd(x[0].real(), 0);
        if (n % 2 == 0) x[n / 2] = cd(x[n / 2].real(), 0);
        for (size_t k = half; k < n; k++) x[k] = std::conj(x[n - k]);
      } else {
        const int64_t c = std::min<int64_t>(m, (int64_t)n);
        for (int64_t k = 0; k < c; k++) x[k] = load_c<I>(p[0] + k * si);
        for (size_t k = (size_t)c; k < n; k++) x[k] = cd(0, 0);
      }
      plan.run(x.data(), y.data(), work.data());
      for (int64_t k = 0; k < nout; k++) store<O>(p[1] + k * so, y[k] * scale);
    }
  }
}

// aux: [kind, n, inverse, scale, input dtype code, output dtype code, axis]
// tensors: input, output (same shape but along axis: c2c n, r2c n/2+1, c2r n).
// Input dtypes: c2c complex64/complex128; r2c float32/float64; c2r complex64/complex128.
const char* exec_fft() {
  TensorLaunch L;
  if (const char* err = parse_tensors(L)) return err;
  if (L.nargs != 2 || L.naux != 7) return "fft: bad launch";
  const Kind kind = (Kind)(int)L.aux[0];
  const size_t n = (size_t)L.aux[1];
  const bool inverse = L.aux[2] != 0;
  const double scale = L.aux[3];
  const int ic = (int)L.aux[4], oc = (int)L.aux[5], axis = (int)L.aux[6];
  const Tensor &in = L.t[0], &out = L.t[1];
  if (n < 1 || axis < 0 || axis >= in.ndim || out.ndim != in.ndim) return "fft: bad operands";
  if (in.size() == 0 || out.size() == 0) return nullptr;
  // dtype codes as in src/core/dtype.ts: float32 11, float64 12, complex64 13, complex128 14
  constexpr int f32 = 11, f64 = 12, c64c = 13, c128c = 14;
  if (kind == kC2C && ic == c64c && oc == c64c) run_lanes<c64, c64>(in, out, axis, n, kind, inverse, scale);
  else if (kind == kC2C && ic == c128c && oc == c128c) run_lanes<c128, c128>(in, out, axis, n, kind, inverse, scale);
  else if (kind == kR2C && ic == f32 && oc == c64c) run_lanes<float, c64>(in, out, axis, n, kind, inverse, scale);
  else if (kind == kR2C && ic == f64 && oc == c128c) run_lanes<double, c128>(in, out, axis, n, kind, inverse, scale);
  else if (kind == kC2R && ic == c64c && oc == f32) run_lanes<c64, float>(in, out, axis, n, kind, inverse, scale);
  else if (kind == kC2R && ic == c128c && oc == f64) run_lanes<c128, double>(in, out, axis, n, kind, inverse, scale);
  else return "fft: unsupported dtypes";
  return nullptr;
}

RegisterCommand reg("fft", exec_fft);

}  // namespace
}  // namespace qk
