// np.random's distributions are the distributions they claim to be: at fixed seeds, 1e5 draws of
// every continuous distribution pass a Kolmogorov-Smirnov test against its CDF, discrete ones a
// chi-square test against their pmf (p > 1e-3; the seeds make it deterministic, the sizes make a
// wrong sampler fail by far), and sample means / variances match the analytical moments. The CDFs
// and pmfs are evaluated in Python (tests/helpers/random_stats.py: numpy + math, checked against
// scipy.stats) from their textbook formulas, never from our samplers.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { toRaw } from './helpers/arrays.js';
import { NumpyOracle, isOracleError } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
const STATS = readFileSync(fileURLToPath(new URL('./helpers/random_stats.py', import.meta.url)), 'utf8');
const N = 100_000;
const P_MIN = 1e-3;

beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

async function stat(call: string, args: Record<string, unknown>): Promise<[number, number]> {
  const r = await oracle.eval(`${STATS}\nresult = ${call}`, args as never);
  if (isOracleError(r)) throw new Error(`${r.error}: ${r.message}`);
  return r as [number, number];
}

/** A Float64Array as an oracle argument (through a temporary array). */
function raw(x: Float64Array) {
  const a = np.array(x);
  try {
    return toRaw(a);
  } finally {
    a.dispose();
  }
}

function values(a: NDArray): Float64Array {
  return Float64Array.from(a.dataSync() as ArrayLike<number | bigint>, Number);
}

function moments(x: Float64Array): [number, number] {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let s = 0;
  for (const v of x) s += (v - m) ** 2;
  return [m, s / (x.length - 1)];
}

/** Sample mean within 5 standard errors; sample variance within `vtol` relative. */
function expectMoments(x: Float64Array, mean: number, variance: number, vtol: number, label: string): void {
  const [m, v] = moments(x);
  expect(Math.abs(m - mean), `${label}: mean ${m} vs ${mean}`).toBeLessThan(5 * Math.sqrt(variance / x.length));
  if (Number.isFinite(variance)) expect(Math.abs(v / variance - 1), `${label}: variance ${v} vs ${variance}`).toBeLessThan(vtol);
}

const g = (k: number): number => Math.exp(lgamma(k));
function lgamma(x: number): number {
  // Lanczos (g = 7), enough for moment formulas.
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
const EULER = 0.5772156649015329;

interface ContCase {
  label: string;
  draw: (r: ReturnType<typeof np.random.default_rng>) => NDArray;
  cdf: string;
  params: number[];
  mean: number;
  variance: number;
  /** Relative tolerance of the variance (heavier tails need more). */
  vtol?: number;
}

const CONTINUOUS: ContCase[] = [
  { label: 'random', draw: (r) => r.random(N), cdf: 'uniform', params: [0, 1], mean: 0.5, variance: 1 / 12 },
  { label: 'uniform(-2, 3)', draw: (r) => r.uniform(-2, 3, N), cdf: 'uniform', params: [-2, 3], mean: 0.5, variance: 25 / 12 },
  { label: 'standard_normal', draw: (r) => r.standard_normal(N), cdf: 'normal', params: [0, 1], mean: 0, variance: 1 },
  { label: 'normal(1.5, 2)', draw: (r) => r.normal(1.5, 2, N), cdf: 'normal', params: [1.5, 2], mean: 1.5, variance: 4 },
  { label: 'standard_exponential', draw: (r) => r.standard_exponential(N), cdf: 'exponential', params: [1], mean: 1, variance: 1, vtol: 0.05 },
  { label: 'exponential(2)', draw: (r) => r.exponential(2, N), cdf: 'exponential', params: [2], mean: 2, variance: 4, vtol: 0.05 },
  { label: 'gamma(0.5, 2)', draw: (r) => r.gamma(0.5, 2, N), cdf: 'gamma', params: [0.5, 2], mean: 1, variance: 2, vtol: 0.08 },
  { label: 'gamma(3.5, 1.5)', draw: (r) => r.gamma(3.5, 1.5, N), cdf: 'gamma', params: [3.5, 1.5], mean: 5.25, variance: 7.875, vtol: 0.04 },
  { label: 'standard_gamma(0.2)', draw: (r) => r.standard_gamma(0.2, N), cdf: 'gamma', params: [0.2, 1], mean: 0.2, variance: 0.2, vtol: 0.15 },
  { label: 'standard_gamma(1)', draw: (r) => r.standard_gamma(1, N), cdf: 'gamma', params: [1, 1], mean: 1, variance: 1, vtol: 0.05 },
  { label: 'beta(0.5, 0.7) (Johnk)', draw: (r) => r.beta(0.5, 0.7, N), cdf: 'beta', params: [0.5, 0.7], mean: 0.5 / 1.2, variance: (0.35) / (1.44 * 2.2), vtol: 0.03 },
  { label: 'beta(2, 5) (gammas)', draw: (r) => r.beta(2, 5, N), cdf: 'beta', params: [2, 5], mean: 2 / 7, variance: 10 / (49 * 8), vtol: 0.03 },
  { label: 'chisquare(3)', draw: (r) => r.chisquare(3, N), cdf: 'chisquare', params: [3], mean: 3, variance: 6, vtol: 0.05 },
  { label: 'f(5, 12)', draw: (r) => r.f(5, 12, N), cdf: 'f', params: [5, 12], mean: 12 / 10, variance: (2 * 144 * 15) / (5 * 100 * 8), vtol: 0.2 },
  { label: 'gumbel(1, 2)', draw: (r) => r.gumbel(1, 2, N), cdf: 'gumbel', params: [1, 2], mean: 1 + 2 * EULER, variance: (Math.PI ** 2 / 6) * 4, vtol: 0.04 },
  { label: 'laplace(0.5, 2)', draw: (r) => r.laplace(0.5, 2, N), cdf: 'laplace', params: [0.5, 2], mean: 0.5, variance: 8, vtol: 0.05 },
  { label: 'logistic(1, 0.5)', draw: (r) => r.logistic(1, 0.5, N), cdf: 'logistic', params: [1, 0.5], mean: 1, variance: (0.25 * Math.PI ** 2) / 3, vtol: 0.04 },
  {
    label: 'lognormal(0.3, 0.5)', draw: (r) => r.lognormal(0.3, 0.5, N), cdf: 'lognormal', params: [0.3, 0.5],
    mean: Math.exp(0.3 + 0.125), variance: (Math.exp(0.25) - 1) * Math.exp(0.6 + 0.25), vtol: 0.06,
  },
  { label: 'pareto(5)', draw: (r) => r.pareto(5, N), cdf: 'pareto', params: [5], mean: 1 / 4, variance: 5 / (16 * 3), vtol: 0.2 },
  { label: 'power(2.5)', draw: (r) => r.power(2.5, N), cdf: 'power', params: [2.5], mean: 2.5 / 3.5, variance: 2.5 / (3.5 ** 2 * 4.5), vtol: 0.03 },
  { label: 'rayleigh(2)', draw: (r) => r.rayleigh(2, N), cdf: 'rayleigh', params: [2], mean: 2 * Math.sqrt(Math.PI / 2), variance: ((4 - Math.PI) / 2) * 4, vtol: 0.03 },
  {
    label: 'weibull(1.7)', draw: (r) => r.weibull(1.7, N), cdf: 'weibull', params: [1.7],
    mean: g(1 + 1 / 1.7), variance: g(1 + 2 / 1.7) - g(1 + 1 / 1.7) ** 2, vtol: 0.04,
  },
  { label: 'standard_cauchy', draw: (r) => r.standard_cauchy(N), cdf: 'standard_cauchy', params: [], mean: NaN, variance: NaN },
  { label: 'standard_t(7)', draw: (r) => r.standard_t(7, N), cdf: 'standard_t', params: [7], mean: 0, variance: 7 / 5, vtol: 0.1 },
  { label: 'triangular(-1, 0.5, 3)', draw: (r) => r.triangular(-1, 0.5, 3, N), cdf: 'triangular', params: [-1, 0.5, 3], mean: 2.5 / 3, variance: (1 + 0.25 + 9 + 0.5 + 3 - 1.5) / 18 },
  { label: 'wald(2, 3)', draw: (r) => r.wald(2, 3, N), cdf: 'wald', params: [2, 3], mean: 2, variance: 8 / 3, vtol: 0.1 },
  { label: 'vonmises(0.5, 2)', draw: (r) => r.vonmises(0.5, 2, N), cdf: 'vonmises', params: [0.5, 2], mean: NaN, variance: NaN },
  { label: 'vonmises(3, 0.5) (wraps)', draw: (r) => r.vonmises(3, 0.5, N), cdf: 'vonmises', params: [3, 0.5], mean: NaN, variance: NaN },
  { label: 'noncentral_chisquare(3, 2)', draw: (r) => r.noncentral_chisquare(3, 2, N), cdf: 'noncentral_chisquare', params: [3, 2], mean: 5, variance: 2 * (3 + 4), vtol: 0.06 },
  { label: 'noncentral_chisquare(0.5, 1) (Poisson mixture)', draw: (r) => r.noncentral_chisquare(0.5, 1, N), cdf: 'noncentral_chisquare', params: [0.5, 1], mean: 1.5, variance: 2 * (0.5 + 2), vtol: 0.1 },
  { label: 'noncentral_f(5, 12, 3)', draw: (r) => r.noncentral_f(5, 12, 3, N), cdf: 'noncentral_f', params: [5, 12, 3], mean: NaN, variance: NaN },
  { label: 'normal float32', draw: (r) => r.normal(-1, 3, N, { dtype: 'float32' }), cdf: 'normal', params: [-1, 3], mean: -1, variance: 9 },
  { label: 'random float32', draw: (r) => r.random(N, { dtype: 'float32' }), cdf: 'uniform', params: [0, 1], mean: 0.5, variance: 1 / 12 },
];

describe('continuous distributions: KS test against the CDF and the analytical moments', () => {
  it.each(CONTINUOUS.map((c, i) => [c.label, c, i] as const))('%s', async (_l, c, i) => {
    const x = np.scope(() => {
      const a = c.draw(np.random.default_rng(1000 + i));
      expect(a.shape).toEqual([N]);
      return values(a);
    });
    const [d, p] = await stat('ks(x, name, p)', { x: raw(x), name: c.cdf, p: c.params });
    expect(p, `${c.label}: KS D = ${d}`).toBeGreaterThan(P_MIN);
    if (Number.isFinite(c.mean)) expectMoments(x, c.mean, c.variance, c.vtol ?? 0.03, c.label);
  });

  it('a wrong distribution fails the same test (the test has power)', async () => {
    const x = np.scope(() => values(np.random.default_rng(5).normal(0, 1.02, N)));
    const [, p] = await stat('ks(x, name, p)', { x: raw(x), name: 'normal', p: [0, 1] });
    expect(p).toBeLessThan(P_MIN);
  });

  it('array-valued parameters: each element follows its own parameters', async () => {
    // normal(loc=[-5, 0, 5], scale=[1, 2, 3]) broadcast over size (N/3, 3): columns are N(loc_j, scale_j).
    const cols = np.scope(() => {
      const a = np.random.default_rng(77).normal(np.array([-5, 0, 5]), np.array([1, 2, 3]), [N / 4, 3]);
      const v = values(a);
      return [0, 1, 2].map((j) => v.filter((_, k) => k % 3 === j));
    });
    for (const [j, col] of cols.entries()) {
      const [, p] = await stat('ks(x, name, p)', { x: raw(col), name: 'normal', p: [-5 + 5 * j, 1 + j] });
      expect(p, `column ${j}`).toBeGreaterThan(P_MIN);
    }
  });
});

interface DiscCase {
  label: string;
  draw: (r: ReturnType<typeof np.random.default_rng>) => NDArray;
  pmf: string;
  params: number[];
  mean: number;
  variance: number;
}

const DISCRETE: DiscCase[] = [
  { label: 'binomial(10, 0.3) (inversion)', draw: (r) => r.binomial(10, 0.3, N), pmf: 'binomial', params: [10, 0.3], mean: 3, variance: 2.1 },
  { label: 'binomial(1000, 0.4) (BTRS)', draw: (r) => r.binomial(1000, 0.4, N), pmf: 'binomial', params: [1000, 0.4], mean: 400, variance: 240 },
  { label: 'binomial(200, 0.93) (p > 1/2)', draw: (r) => r.binomial(200, 0.93, N), pmf: 'binomial', params: [200, 0.93], mean: 186, variance: 200 * 0.93 * 0.07 },
  { label: 'binomial(25, 0.45) (BTRS near its threshold)', draw: (r) => r.binomial(25, 0.45, N), pmf: 'binomial', params: [25, 0.45], mean: 11.25, variance: 25 * 0.45 * 0.55 },
  { label: 'binomial(1000000, 0.5)', draw: (r) => r.binomial(1e6, 0.5, N), pmf: 'binomial', params: [1e6, 0.5], mean: 5e5, variance: 2.5e5 },
  { label: 'binomial(123456, 0.01)', draw: (r) => r.binomial(123456, 0.01, N), pmf: 'binomial', params: [123456, 0.01], mean: 1234.56, variance: 1234.56 * 0.99 },
  { label: 'poisson(3.5) (multiplication)', draw: (r) => r.poisson(3.5, N), pmf: 'poisson', params: [3.5], mean: 3.5, variance: 3.5 },
  { label: 'poisson(40) (PTRS)', draw: (r) => r.poisson(40, N), pmf: 'poisson', params: [40], mean: 40, variance: 40 },
  { label: 'poisson(2500)', draw: (r) => r.poisson(2500, N), pmf: 'poisson', params: [2500], mean: 2500, variance: 2500 },
  { label: 'negative_binomial(2.5, 0.3)', draw: (r) => r.negative_binomial(2.5, 0.3, N), pmf: 'negative_binomial', params: [2.5, 0.3], mean: (2.5 * 0.7) / 0.3, variance: (2.5 * 0.7) / 0.09 },
  { label: 'logseries(0.7)', draw: (r) => r.logseries(0.7, N), pmf: 'logseries', params: [0.7], mean: -0.7 / (0.3 * Math.log(0.3)), variance: (-0.7 * (0.7 + Math.log(0.3))) / (0.09 * Math.log(0.3) ** 2) },
  { label: 'zipf(3.5)', draw: (r) => r.zipf(3.5, N), pmf: 'zipf', params: [3.5], mean: NaN, variance: NaN },
  { label: 'hypergeometric(15, 20, 8) (urn)', draw: (r) => r.hypergeometric(15, 20, 8, N), pmf: 'hypergeometric', params: [15, 20, 8], mean: (8 * 15) / 35, variance: (8 * 15 * 20 * 27) / (35 * 35 * 34) },
  { label: 'hypergeometric(300, 200, 120) (HRUA)', draw: (r) => r.hypergeometric(300, 200, 120, N), pmf: 'hypergeometric', params: [300, 200, 120], mean: 72, variance: (120 * 300 * 200 * 380) / (500 * 500 * 499) },
  { label: 'hypergeometric(50, 400, 430) (HRUA, sample > half)', draw: (r) => r.hypergeometric(50, 400, 430, N), pmf: 'hypergeometric', params: [50, 400, 430], mean: (430 * 50) / 450, variance: (430 * 50 * 400 * 20) / (450 * 450 * 449) },
  { label: 'geometric(0.2)', draw: (r) => r.geometric(0.2, N), pmf: 'geometric', params: [0.2], mean: 5, variance: 0.8 / 0.04 },
];

describe('discrete distributions: chi-square test against the pmf and the moments', () => {
  it.each(DISCRETE.map((c, i) => [c.label, c, i] as const))('%s', async (_l, c, i) => {
    const x = np.scope(() => {
      const a = c.draw(np.random.default_rng(2000 + i));
      expect(a.dtype).toBe('int64');
      return values(a);
    });
    const [s, p] = await stat('discrete_test(x, name, p)', { x: raw(x), name: c.pmf, p: c.params });
    expect(p, `${c.label}: chi2 = ${s}`).toBeGreaterThan(P_MIN);
    if (Number.isFinite(c.mean)) expectMoments(x, c.mean, c.variance, 0.04, c.label);
  });

  it('integers: every value of a small range equally likely, bounds exact', async () => {
    const x = np.scope(() => values(np.random.default_rng(3).integers(-3, 4, N)));
    expect(Math.min(...x)).toBe(-3);
    expect(Math.max(...x)).toBe(3);
    const counts = [-3, -2, -1, 0, 1, 2, 3].map((k) => x.filter((v) => v === k).length);
    const [, p] = await stat('chi2_test(c, [1 / 7] * 7)', { c: counts });
    expect(p).toBeGreaterThan(P_MIN);
  });

  it('integers over all of uint64 and int64: top and bottom halves equally likely', () => {
    np.scope(() => {
      const r = np.random.default_rng(4);
      const u = r.integers(0n, 2n ** 64n, 20_000, { dtype: 'uint64' }).dataSync() as BigUint64Array;
      const hiU = u.filter((v) => v >= 2n ** 63n).length;
      expect(Math.abs(hiU - 10_000)).toBeLessThan(5 * Math.sqrt(5000));
      const s = r.integers(-(2n ** 63n), 2n ** 63n, 20_000, { dtype: 'int64' }).dataSync() as BigInt64Array;
      const neg = s.filter((v) => v < 0n).length;
      expect(Math.abs(neg - 10_000)).toBeLessThan(5 * Math.sqrt(5000));
    });
  });

  it('choice with p (with replacement) follows p', async () => {
    const p = [0.1, 0.2, 0.3, 0.4, 0];
    const x = np.scope(() => values(np.random.default_rng(6).choice(5, N, true, p)));
    const counts = [0, 1, 2, 3, 4].map((k) => x.filter((v) => v === k).length);
    expect(counts[4]).toBe(0);
    const [, pv] = await stat('chi2_test(c, p)', { c: counts.slice(0, 4), p: p.slice(0, 4) });
    expect(pv).toBeGreaterThan(P_MIN);
  });

  it('choice without replacement with p: ordered pairs have the sequential-draw probabilities', async () => {
    const p = [0.1, 0.2, 0.3, 0.4];
    const r = np.random.default_rng(8);
    const counts = new Array<number>(16).fill(0);
    const n = 12_000;
    for (let t = 0; t < n; t++) {
      np.scope(() => {
        const [a, b] = (r.choice(4, 2, false, p).tolist() as bigint[]).map(Number);
        counts[a! * 4 + b!]!++;
      });
    }
    const probs = counts.map((_, k) => {
      const a = Math.floor(k / 4), b = k % 4;
      return a === b ? 0 : (p[a]! * p[b]!) / (1 - p[a]!);
    });
    const keep = probs.map((q, k) => [q, counts[k]!] as const).filter(([q]) => q > 0);
    expect(counts.filter((_, k) => probs[k] === 0).every((c) => c === 0)).toBe(true);
    const [, pv] = await stat('chi2_test(c, p)', { c: keep.map((x) => x[1]), p: keep.map((x) => x[0]) });
    expect(pv).toBeGreaterThan(P_MIN);
  });

  it('permutation: all 24 orders of 4 items equally likely', async () => {
    const r = np.random.default_rng(9);
    const counts = new Map<string, number>();
    for (let t = 0; t < 12_000; t++) {
      np.scope(() => {
        const k = (r.permutation(4).tolist() as bigint[]).join(',');
        counts.set(k, (counts.get(k) ?? 0) + 1);
      });
    }
    expect(counts.size).toBe(24);
    const [, pv] = await stat('chi2_test(c, [1 / 24] * 24)', { c: [...counts.values()] });
    expect(pv).toBeGreaterThan(P_MIN);
  });

  it('multinomial: rows sum to n, each count is Binomial(n, p_j)', async () => {
    const pv = [0.2, 0.3, 0.5];
    const rows = np.scope(() => {
      const a = np.random.default_rng(10).multinomial(30, pv, N / 2);
      expect(a.shape).toEqual([N / 2, 3]);
      return values(a);
    });
    for (let i = 0; i < rows.length; i += 3) expect(rows[i]! + rows[i + 1]! + rows[i + 2]!).toBe(30);
    for (const j of [0, 1, 2]) {
      const col = rows.filter((_, k) => k % 3 === j);
      const [, p] = await stat('discrete_test(x, "binomial", p)', { x: raw(col), p: [30, pv[j]!] });
      expect(p, `column ${j}`).toBeGreaterThan(P_MIN);
    }
  });
});

describe('dirichlet', () => {
  it('rows sum to 1; each coordinate is Beta(alpha_i, alpha_0 - alpha_i)', async () => {
    // Small alphas (max < 0.1) take the stick-breaking path; there the last coordinate is often an
    // exact 0 (underflow, in NumPy too), which a continuous KS test cannot take: its first two only.
    for (const [seed, alpha, cols] of [[12, [0.5, 2, 3.5], [0, 1, 2]], [13, [0.09, 0.05, 0.08], [0, 1]]] as const) {
      const x = np.scope(() => {
        const a = np.random.default_rng(seed).dirichlet([...alpha], N / 2, { dtype: 'float64' });
        expect(a.shape).toEqual([N / 2, 3]);
        return values(a);
      });
      for (let i = 0; i < x.length; i += 3) expect(Math.abs(x[i]! + x[i + 1]! + x[i + 2]! - 1)).toBeLessThan(1e-12);
      const a0 = alpha.reduce((s, v) => s + v, 0);
      for (const j of cols) {
        const col = x.filter((_, k) => k % 3 === j);
        const [, p] = await stat('ks(x, "beta", p)', { x: raw(col), p: [alpha[j]!, a0 - alpha[j]!] });
        expect(p, `alpha ${alpha.join(',')} column ${j}`).toBeGreaterThan(P_MIN);
      }
    }
  });
});

describe('multivariate_normal', () => {
  it('sample mean and covariance match; projections are normal', async () => {
    const mean = [1, -2, 0.5];
    const cov = [[2, 0.6, -0.3], [0.6, 1, 0.2], [-0.3, 0.2, 0.5]];
    const x = np.scope(() => values(np.random.default_rng(11).multivariate_normal(mean, cov, N)));
    const col = (j: number) => x.filter((_, k) => k % 3 === j);
    for (let i = 0; i < 3; i++) {
      const ci = col(i);
      const mi = ci.reduce((s, v) => s + v, 0) / N;
      expect(Math.abs(mi - mean[i]!)).toBeLessThan(5 * Math.sqrt(cov[i]![i]! / N));
      for (let j = 0; j < 3; j++) {
        const cj = col(j);
        const mj = cj.reduce((s, v) => s + v, 0) / N;
        let c = 0;
        for (let k = 0; k < N; k++) c += (ci[k]! - mi) * (cj[k]! - mj);
        expect(Math.abs(c / (N - 1) - cov[i]![j]!), `cov[${i}][${j}]`).toBeLessThan(0.03);
      }
    }
    // w.x ~ N(w.mean, w^T cov w)
    const w = [0.5, -1, 2];
    const proj = Float64Array.from({ length: N }, (_, k) => w[0]! * x[3 * k]! + w[1]! * x[3 * k + 1]! + w[2]! * x[3 * k + 2]!);
    const m = w.reduce((s, wi, i) => s + wi * mean[i]!, 0);
    let v = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) v += w[i]! * w[j]! * cov[i]![j]!;
    const [, p] = await stat('ks(x, "normal", p)', { x: raw(proj), p: [m, Math.sqrt(v)] });
    expect(p).toBeGreaterThan(P_MIN);
  });
});
