// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11; Random123)
// and the per-element streams np.random draws from.
//
// Stream layout (docs/random.md): a draw of n elements under key (k0, k1) and counter (lo, hi)
// (two 64-bit halves) gives element i the word stream
//   Philox(key, ctr = (lo + i, hi + j)) for j = 0, 1, 2, ...   (4 words per block, in order)
// so element i depends only on (key, lo + i): any thread can fill any element, any thread count
// gives the same values, and a GPU kernel can reproduce it bit for bit. Simple transforms use block
// 0 only; rejection samplers (gamma, binomial, ...) read further blocks of their own element.
#pragma once
#include <cmath>
#include <cstdint>

namespace qk {

struct Philox4x32 {
  static constexpr uint32_t M0 = 0xD2511F53u, M1 = 0xCD9E8D57u;
  static constexpr uint32_t W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;

  // One Philox4x32-10 block: 10 rounds, the key bumped by the Weyl constants between rounds.
  static inline void block(const uint32_t in[4], uint32_t k0, uint32_t k1, uint32_t out[4]) {
    uint32_t c0 = in[0], c1 = in[1], c2 = in[2], c3 = in[3];
    for (int r = 0; r < 10; r++) {
      if (r > 0) {
        k0 += W0;
        k1 += W1;
      }
      const uint64_t p0 = (uint64_t)M0 * c0, p1 = (uint64_t)M1 * c2;
      const uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0, n1 = (uint32_t)p1;
      const uint32_t n2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1, n3 = (uint32_t)p0;
      c0 = n0; c1 = n1; c2 = n2; c3 = n3;
    }
    out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
  }
};

// The word stream of one element: blocks (lo, hi + j), j = 0, 1, ...
struct ElementStream {
  uint32_t k0, k1;
  uint64_t lo, hi;
  uint32_t buf[4];
  int pos = 4;

  ElementStream(uint32_t key0, uint32_t key1, uint64_t counter_lo, uint64_t counter_hi)
      : k0(key0), k1(key1), lo(counter_lo), hi(counter_hi) {}

  inline uint32_t next32() {
    if (pos == 4) {
      const uint32_t ctr[4] = {(uint32_t)lo, (uint32_t)(lo >> 32), (uint32_t)hi, (uint32_t)(hi >> 32)};
      Philox4x32::block(ctr, k0, k1, buf);
      hi++;
      pos = 0;
    }
    return buf[pos++];
  }
  // First word is the low half.
  inline uint64_t next64() {
    const uint64_t a = next32();
    return a | ((uint64_t)next32() << 32);
  }
  // [0, 1) from the top 53 bits of a 64-bit word.
  inline double next_double() { return (double)(next64() >> 11) * 0x1.0p-53; }
  // (0, 1]: never 0, for logarithms.
  inline double next_double_open0() { return ((double)(next64() >> 11) + 1.0) * 0x1.0p-53; }
  // [0, 1) from the top 24 bits of one word (float32 uniforms).
  inline float next_float() { return (float)(next32() >> 8) * 0x1.0p-24f; }
};

// ---- continuous transforms ---------------------------------------------------------------------

constexpr double kTwoPi = 6.283185307179586476925286766559;

// Box-Muller, cosine branch only: one normal per 4 words, so element i needs nothing from i+1.
inline double std_normal(ElementStream& s) {
  const double u1 = s.next_double_open0();
  const double u2 = s.next_double();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2);
}

inline double std_exponential(ElementStream& s) { return -std::log1p(-s.next_double()); }

// Marsaglia & Tsang (2000) for shape >= 1; NumPy's rejection scheme for shape < 1.
inline double std_gamma(ElementStream& s, double shape) {
  if (shape == 1.0) return std_exponential(s);
  if (shape == 0.0) return 0.0;
  if (shape < 1.0) {
    for (;;) {
      const double u = s.next_double();
      const double v = std_exponential(s);
      if (u <= 1.0 - shape) {
        const double x = std::pow(u, 1.0 / shape);
        if (x <= v) return x;
      } else {
        const double y = -std::log((1.0 - u) / shape);
        const double x = std::pow(1.0 - shape + shape * y, 1.0 / shape);
        if (x <= v + y) return x;
      }
    }
  }
  const double b = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * b);
  for (;;) {
    double x, v;
    do {
      x = std_normal(s);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = s.next_double();
    if (u < 1.0 - 0.0331 * (x * x) * (x * x)) return b * v;
    if (std::log(u) < 0.5 * x * x + b * (1.0 - v + std::log(v))) return b * v;
  }
}

// Johnk's algorithm for a, b <= 1 (as NumPy: gamma ratios underflow there), else a gamma ratio.
inline double beta_sample(ElementStream& s, double a, double b) {
  if (a <= 1.0 && b <= 1.0) {
    for (;;) {
      const double u = s.next_double(), v = s.next_double();
      const double x = std::pow(u, 1.0 / a), y = std::pow(v, 1.0 / b);
      const double xy = x + y;
      if (xy <= 1.0 && u + v > 0.0) {
        if (xy > 0.0) return x / xy;
        // Both underflowed: compare in logs.
        double lx = std::log(u) / a, ly = std::log(v) / b;
        const double m = lx > ly ? lx : ly;
        lx -= m;
        ly -= m;
        return std::exp(lx - std::log(std::exp(lx) + std::exp(ly)));
      }
    }
  }
  const double ga = std_gamma(s, a), gb = std_gamma(s, b);
  return ga / (ga + gb);
}

// ---- discrete ----------------------------------------------------------------------------------

// Inversion (sequential search from 0), for n * p small; p <= 0.5 keeps q^n from underflowing.
inline int64_t binomial_inversion(ElementStream& s, int64_t n, double p) {
  if (p > 0.5) return n - binomial_inversion(s, n, 1.0 - p);
  const double q = 1.0 - p;
  const double qn = std::exp((double)n * std::log1p(-p));
  const double np = (double)n * p;
  const double bound = std::fmin((double)n, np + 10.0 * std::sqrt(np * q + 1.0));
  int64_t x = 0;
  double px = qn, u = s.next_double();
  while (u > px) {
    x++;
    if ((double)x > bound) {
      x = 0;
      px = qn;
      u = s.next_double();
    } else {
      u -= px;
      px = ((double)(n - x + 1) * p * px) / ((double)x * q);
    }
  }
  return x;
}

// log(k!) minus its Stirling approximation (k + 1/2) log(k + 1) - (k + 1) + log(2 pi) / 2.
inline double stirling_tail(double k) {
  if (k <= 15.0) {
    int sign;
    return lgamma_r(k + 1.0, &sign) - (k + 0.5) * std::log(k + 1.0) + (k + 1.0) - 0.91893853320467274178;
  }
  const double kp1sq = (k + 1.0) * (k + 1.0);
  return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1.0);
}

// Hormann's BTRS (transformed rejection with squeeze; "The generation of binomial random
// variates", 1993), for n p >= 10 with p <= 1/2: O(1) expected uniforms.
inline int64_t binomial_btrs(ElementStream& s, double n, double p) {
  const double stddev = std::sqrt(n * p * (1.0 - p));
  const double b = 1.15 + 2.53 * stddev, a = -0.0873 + 0.0248 * b + 0.01 * p, c = n * p + 0.5;
  const double vr = 0.92 - 4.2 / b, r = p / (1.0 - p), alpha = (2.83 + 5.1 / b) * stddev;
  const double m = std::floor((n + 1.0) * p);
  for (;;) {
    const double u = s.next_double() - 0.5;
    double v = s.next_double();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + c);
    if (us >= 0.07 && v <= vr) return (int64_t)k;
    if (k < 0.0 || k > n) continue;
    v = std::log(v * alpha / (a / (us * us) + b));
    const double bound = (m + 0.5) * std::log((m + 1.0) / (r * (n - m + 1.0))) + (n + 1.0) * std::log((n - m + 1.0) / (n - k + 1.0)) +
                         (k + 0.5) * std::log(r * (n - k + 1.0) / (k + 1.0)) + stirling_tail(m) + stirling_tail(n - m) -
                         stirling_tail(k) - stirling_tail(n - k);
    if (v <= bound) return (int64_t)k;
  }
}

// Inversion where n min(p, 1 - p) < 10, BTRS above (on min(p, 1 - p), mirrored back).
inline int64_t binomial_sample(ElementStream& s, int64_t n, double p) {
  if (n == 0 || p == 0.0) return 0;
  if (p == 1.0) return n;
  const double q = p < 0.5 ? p : 1.0 - p;
  if ((double)n * q < 10.0) return binomial_inversion(s, n, p);
  const int64_t k = binomial_btrs(s, (double)n, q);
  return p < 0.5 ? k : n - k;
}

inline double log_factorial(double k) {
  int sign;
  return lgamma_r(k + 1.0, &sign);
}

// Multiplication method for small lam; Hormann's PTRS (transformed rejection) for lam >= 10, as NumPy.
inline int64_t poisson_sample(ElementStream& s, double lam) {
  if (lam == 0.0) return 0;
  if (lam < 10.0) {
    const double enlam = std::exp(-lam);
    int64_t x = 0;
    double prod = 1.0;
    for (;;) {
      prod *= s.next_double();
      if (prod > enlam) x++;
      else return x;
    }
  }
  const double slam = std::sqrt(lam), loglam = std::log(lam);
  const double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
  const double invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = s.next_double() - 0.5, v = s.next_double();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + lam + 0.43);
    if (us >= 0.07 && v <= vr) return (int64_t)k;
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b) <= -lam + k * loglam - log_factorial(k)) return (int64_t)k;
  }
}

// Best & Fisher's rejection method as NumPy's random_vonmises, result in [-pi, pi].
inline double vonmises_sample(ElementStream& s, double mu, double kappa) {
  constexpr double kPi = 3.14159265358979323846;
  double result;
  if (kappa < 1e-8) return kPi * (2.0 * s.next_double() - 1.0);
  if (kappa > 1e6) {
    result = mu + std::sqrt(1.0 / kappa) * std_normal(s);
  } else {
    double sv;
    if (kappa < 1e-5) {
      sv = 1.0 / kappa + kappa;
    } else {
      const double r = 1.0 + std::sqrt(1.0 + 4.0 * kappa * kappa);
      const double rho = (r - std::sqrt(2.0 * r)) / (2.0 * kappa);
      sv = (1.0 + rho * rho) / (2.0 * rho);
    }
    double w;
    for (;;) {
      const double u = s.next_double();
      const double z = std::cos(kPi * u);
      w = (1.0 + sv * z) / (sv + z);
      const double y = kappa * (sv - w);
      const double v = s.next_double();
      if ((y * (2.0 - y) - v >= 0.0) || (std::log(y / v) + 1.0 - y >= 0.0)) break;
    }
    result = std::acos(w);
    if (s.next_double() < 0.5) result = -result;
    result += mu;
  }
  const bool neg = result < 0.0;
  double mod = std::fmod(std::fabs(result) + kPi, 2.0 * kPi) - kPi;
  return neg ? -mod : mod;
}

inline double noncentral_chisquare(ElementStream& s, double df, double nonc) {
  if (std::isnan(nonc)) return NAN;
  if (nonc == 0.0) return 2.0 * std_gamma(s, df / 2.0);
  if (df > 1.0) {
    const double chi2 = 2.0 * std_gamma(s, (df - 1.0) / 2.0);
    const double n = std_normal(s) + std::sqrt(nonc);
    return chi2 + n * n;
  }
  const int64_t i = poisson_sample(s, nonc / 2.0);
  return 2.0 * std_gamma(s, (df + 2.0 * (double)i) / 2.0);
}

// Kemp's second accelerated generator (LS), as NumPy's random_logseries.
inline int64_t logseries_sample(ElementStream& s, double p) {
  const double r = std::log1p(-p);
  for (;;) {
    const double v = s.next_double();
    if (v >= p) return 1;
    const double u = s.next_double();
    const double q = -std::expm1(r * u);
    if (v <= q * q) {
      const double res = std::floor(1.0 + std::log(v) / std::log(q));
      if (res < 1.0 || v == 0.0) continue;
      return (int64_t)res;
    }
    return v >= q ? 1 : 2;
  }
}

// Devroye's rejection method (Non-Uniform Random Variate Generation, X.6), as NumPy's random_zipf.
inline int64_t zipf_sample(ElementStream& s, double a) {
  const double am1 = a - 1.0, b = std::pow(2.0, am1);
  for (;;) {
    const double u = 1.0 - s.next_double(), v = s.next_double();
    const double x = std::floor(std::pow(u, -1.0 / am1));
    if (x > 9.2e18 || x < 1.0) continue;
    const double t = std::pow(1.0 + 1.0 / x, am1);
    if (v * x * (t - 1.0) / (b - 1.0) <= t / b) return (int64_t)x;
  }
}

// Hypergeometric: NumPy's Generator algorithms: urn simulation for small samples, else Stadlober's
// HRUA (ratio of uniforms) with Frohne's corrections.
inline int64_t hypergeometric_urn(ElementStream& s, int64_t good, int64_t bad, int64_t sample);
inline int64_t hypergeometric_hrua(ElementStream& s, int64_t good, int64_t bad, int64_t sample) {
  constexpr double D1 = 1.7155277699214135, D2 = 0.8989161620588988;
  const int64_t popsize = good + bad;
  const int64_t csample = sample < popsize - sample ? sample : popsize - sample;
  const int64_t mingb = good < bad ? good : bad, maxgb = good < bad ? bad : good;
  const double p = (double)mingb / (double)popsize, q = (double)maxgb / (double)popsize;
  const double mu = (double)csample * p, a = mu + 0.5;
  const double var = (double)(popsize - csample) * (double)csample * p * q / (double)(popsize - 1);
  const double c = std::sqrt(var + 0.5), h = D1 * c + D2;
  const int64_t m = (int64_t)std::floor((double)(csample + 1) * (double)(mingb + 1) / (double)(popsize + 2));
  const double g = log_factorial((double)m) + log_factorial((double)(mingb - m)) + log_factorial((double)(csample - m)) +
                   log_factorial((double)(maxgb - csample + m));
  const double b = std::fmin(std::fmin((double)csample, (double)mingb) + 1.0, std::floor(a + 16.0 * c));
  int64_t k;
  for (;;) {
    const double u = s.next_double(), v = s.next_double();
    const double x = a + h * (v - 0.5) / u;
    if (x < 0.0 || x >= b) continue;
    k = (int64_t)std::floor(x);
    const double gp = log_factorial((double)k) + log_factorial((double)(mingb - k)) + log_factorial((double)(csample - k)) +
                      log_factorial((double)(maxgb - csample + k));
    const double t = g - gp;
    if (u * (4.0 - u) - 3.0 <= t) break;
    if (u * (u - t) >= 1.0) continue;
    if (2.0 * std::log(u) <= t) break;
  }
  if (good > bad) k = csample - k;
  if (csample < sample) k = good - k;
  return k;
}

// Uniform integer in [0, range] (inclusive) by masked rejection: exact for every range up to 2^64 - 1.
inline uint64_t bounded_u64(ElementStream& s, uint64_t range) {
  if (range == 0) return 0;
  if (range == ~(uint64_t)0) return s.next64();
  uint64_t mask = range;
  mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16; mask |= mask >> 32;
  if (range <= 0xffffffffu) {
    for (;;) {
      const uint64_t v = s.next32() & mask;
      if (v <= range) return v;
    }
  }
  for (;;) {
    const uint64_t v = s.next64() & mask;
    if (v <= range) return v;
  }
}

}  // namespace qk

namespace qk {

inline int64_t hypergeometric_urn(ElementStream& s, int64_t good, int64_t bad, int64_t sample) {
  const int64_t total = good + bad;
  const bool flip = sample > total / 2;
  int64_t csample = flip ? total - sample : sample;
  int64_t rem_total = total, rem_good = good;
  while (csample > 0 && rem_good > 0 && rem_total > rem_good) {
    --rem_total;
    if ((int64_t)bounded_u64(s, (uint64_t)rem_total) < rem_good) --rem_good;
    --csample;
  }
  if (rem_total == rem_good) rem_good -= csample;
  return flip ? rem_good : good - rem_good;
}

inline int64_t hypergeometric_sample(ElementStream& s, int64_t good, int64_t bad, int64_t sample) {
  if (sample >= 10 && sample <= good + bad - 10) return hypergeometric_hrua(s, good, bad, sample);
  return hypergeometric_urn(s, good, bad, sample);
}

}  // namespace qk
