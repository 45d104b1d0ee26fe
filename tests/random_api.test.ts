// np.random's calling conventions against NumPy (the oracle): result shapes and dtypes for size
// given / null / broadcast array parameters, NumPy's errors (class and message, naming the function)
// for bad parameters, integer dtypes and bounds, the default float dtype, and the device option.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { NumpyOracle, isOracleError } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

type G = ReturnType<typeof np.random.default_rng>;
/** [label, quark call on g = default_rng(0) (or np.random), NumPy's expression on g / np.random, exact message]. */
type Case = [string, (g: G) => NDArray | void, string, boolean?];

const A = (x: number[] | number[][]) => np.array(x);

const CASES: Case[] = [
  // size forms and 0-d results
  ['random()', (g) => g.random(), 'g.random()'],
  ['random(3)', (g) => g.random(3), 'g.random(3)'],
  ['random([2, 3])', (g) => g.random([2, 3]), 'g.random((2, 3))'],
  ['random([0, 2])', (g) => g.random([0, 2]), 'g.random((0, 2))'],
  ['random(size=-1)', (g) => g.random(-1), 'g.random(-1)'],
  ['random float32', (g) => g.random(4, { dtype: 'float32' }), 'g.random(4, dtype=np.float32)'],
  ['random int dtype', (g) => g.random(4, { dtype: 'int32' }), 'g.random(4, dtype=np.int32)', true],
  ['rand(2, 3)', () => np.random.rand(2, 3), 'np.random.rand(2, 3)'],
  ['rand()', () => np.random.rand(), 'np.random.rand()'],
  ['randn(4)', () => np.random.randn(4), 'np.random.randn(4)'],
  ['standard_normal([3, 1])', (g) => g.standard_normal([3, 1]), 'g.standard_normal((3, 1))'],
  ['standard_exponential(2)', (g) => g.standard_exponential(2), 'g.standard_exponential(2)'],
  ['standard_gamma(2.5, [2])', (g) => g.standard_gamma(2.5, [2]), 'g.standard_gamma(2.5, (2,))'],
  ['standard_gamma(-1)', (g) => g.standard_gamma(-1), 'g.standard_gamma(-1)', true],
  // broadcasting of array parameters
  ['normal(array loc)', (g) => g.normal(A([0, 1, 2])), 'g.normal([0, 1, 2])'],
  ['normal(loc [3], scale [2,1])', (g) => g.normal(A([0, 1, 2]), A([[1], [2]])), 'g.normal([0, 1, 2], [[1], [2]])'],
  ['normal(loc [3], size [4,3])', (g) => g.normal(A([0, 1, 2]), 1, [4, 3]), 'g.normal([0, 1, 2], 1, (4, 3))'],
  ['normal(loc [3], size [3,1]) mismatch', (g) => g.normal(A([0, 1, 2]), 1, [3, 1]), 'g.normal([0, 1, 2], 1, (3, 1))'],
  ['normal(loc [2], scale [3]) mismatch', (g) => g.normal(A([0, 1]), A([1, 1, 1])), 'g.normal([0, 1], [1, 1, 1])'],
  ['normal nested-list params', (g) => g.normal([[0], [1]], [1, 2, 3]), 'g.normal([[0], [1]], [1, 2, 3])'],
  ['normal options object', (g) => g.normal({ loc: 1, scale: 2, size: [2, 2] }), 'g.normal(loc=1, scale=2, size=(2, 2))'],
  ['normal(0, 1, {size})', (g) => g.normal(0, 1, { size: 5 }), 'g.normal(0, 1, size=5)'],
  ['normal scale < 0', (g) => g.normal(0, -1), 'g.normal(0, -1)', true],
  ['normal array scale < 0', (g) => g.normal(0, A([1, -1])), 'g.normal(0, [1, -1])', true],
  ['uniform(2, 1) Generator', (g) => g.uniform(2, 1), 'g.uniform(2, 1)', true],
  ['uniform(2, 1) legacy', () => np.random.uniform(2, 1), 'np.random.uniform(2, 1)'],
  ['uniform(array, array)', (g) => g.uniform(A([0, 1]), A([[2], [3], [4]])), 'g.uniform([0, 1], [[2], [3], [4]])'],
  ['uniform(-inf, 1)', (g) => g.uniform(-Infinity, 1), 'g.uniform(-np.inf, 1)', true],
  ['exponential(-1)', (g) => g.exponential(-1), 'g.exponential(-1)', true],
  ['exponential([1, 2], size [5, 2])', (g) => g.exponential(A([1, 2]), [5, 2]), 'g.exponential([1, 2], (5, 2))'],
  ['gamma(-1)', (g) => g.gamma(-1), 'g.gamma(-1)', true],
  ['gamma(1, -1)', (g) => g.gamma(1, -1), 'g.gamma(1, -1)', true],
  ['gamma(array shape)', (g) => g.gamma(A([1, 2, 3]), 2), 'g.gamma([1, 2, 3], 2)'],
  ['beta(0, 1)', (g) => g.beta(0, 1), 'g.beta(0, 1)', true],
  ['beta(1, -1)', (g) => g.beta(1, -1), 'g.beta(1, -1)', true],
  ['beta(a [2,1], b [3], size [4,2,3])', (g) => g.beta(A([[1], [2]]), A([1, 2, 3]), [4, 2, 3]), 'g.beta([[1], [2]], [1, 2, 3], (4, 2, 3))'],
  ['chisquare(0)', (g) => g.chisquare(0), 'g.chisquare(0)', true],
  ['chisquare(2, 3)', (g) => g.chisquare(2, 3), 'g.chisquare(2, 3)'],
  ['f(0, 1)', (g) => g.f(0, 1), 'g.f(0, 1)', true],
  ['f(1, 0)', (g) => g.f(1, 0), 'g.f(1, 0)', true],
  ['gumbel(0, -1)', (g) => g.gumbel(0, -1), 'g.gumbel(0, -1)', true],
  ['laplace(0, -1)', (g) => g.laplace(0, -1), 'g.laplace(0, -1)', true],
  ['logistic(0, -1)', (g) => g.logistic(0, -1), 'g.logistic(0, -1)', true],
  ['lognormal(0, -1)', (g) => g.lognormal(0, -1), 'g.lognormal(0, -1)', true],
  ['lognormal([1, 2])', (g) => g.lognormal(A([1, 2])), 'g.lognormal([1, 2])'],
  ['pareto(0)', (g) => g.pareto(0), 'g.pareto(0)', true],
  ['power(0)', (g) => g.power(0), 'g.power(0)', true],
  ['rayleigh(-1)', (g) => g.rayleigh(-1), 'g.rayleigh(-1)', true],
  ['weibull(-1)', (g) => g.weibull(-1), 'g.weibull(-1)', true],
  ['weibull(0, 3)', (g) => g.weibull(0, 3), 'g.weibull(0, 3)'],
  ['standard_t(0)', (g) => g.standard_t(0), 'g.standard_t(0)', true],
  ['standard_cauchy(3)', (g) => g.standard_cauchy(3), 'g.standard_cauchy(3)'],
  ['binomial(-1, 0.5)', (g) => g.binomial(-1, 0.5), 'g.binomial(-1, 0.5)', true],
  ['binomial(1, 1.5)', (g) => g.binomial(1, 1.5), 'g.binomial(1, 1.5)', true],
  ['binomial(1, nan)', (g) => g.binomial(1, NaN), 'g.binomial(1, np.nan)', true],
  ['binomial(10, 0.5, 3)', (g) => g.binomial(10, 0.5, 3), 'g.binomial(10, 0.5, 3)'],
  ['binomial([5, 6], [[0.1], [0.9]])', (g) => g.binomial(A([5, 6]), A([[0.1], [0.9]])), 'g.binomial([5, 6], [[0.1], [0.9]])'],
  ['poisson()', (g) => g.poisson(), 'g.poisson()'],
  ['poisson(-1)', (g) => g.poisson(-1), 'g.poisson(-1)', true],
  ['poisson(nan)', (g) => g.poisson(NaN), 'g.poisson(np.nan)', true],
  ['poisson(1e19)', (g) => g.poisson(1e19), 'g.poisson(1e19)', true],
  ['poisson([1, 2], [4, 2])', (g) => g.poisson(A([1, 2]), [4, 2]), 'g.poisson([1, 2], (4, 2))'],
  ['geometric(0)', (g) => g.geometric(0), 'g.geometric(0)', true],
  ['geometric(0.5, 2)', (g) => g.geometric(0.5, 2), 'g.geometric(0.5, 2)'],
  ['triangular(1, 0, 2)', (g) => g.triangular(1, 0, 2), 'g.triangular(1, 0, 2)', true],
  ['triangular(0, 3, 2)', (g) => g.triangular(0, 3, 2), 'g.triangular(0, 3, 2)', true],
  ['triangular(1, 1, 1)', (g) => g.triangular(1, 1, 1), 'g.triangular(1, 1, 1)', true],
  ['triangular(arrays)', (g) => g.triangular(0, A([1, 2]), A([[3], [4]])), 'g.triangular(0, [1, 2], [[3], [4]])'],
  ['wald(0, 1)', (g) => g.wald(0, 1), 'g.wald(0, 1)', true],
  ['wald(1, 0)', (g) => g.wald(1, 0), 'g.wald(1, 0)', true],
  ['vonmises(0, -1)', (g) => g.vonmises(0, -1), 'g.vonmises(0, -1)', true],
  ['vonmises(0, 1, 4)', (g) => g.vonmises(0, 1, 4), 'g.vonmises(0, 1, 4)'],
  ['noncentral_chisquare(0, 1)', (g) => g.noncentral_chisquare(0, 1), 'g.noncentral_chisquare(0, 1)', true],
  ['noncentral_chisquare(1, -1)', (g) => g.noncentral_chisquare(1, -1), 'g.noncentral_chisquare(1, -1)', true],
  ['noncentral_f(0, 1, 1)', (g) => g.noncentral_f(0, 1, 1), 'g.noncentral_f(0, 1, 1)', true],
  ['noncentral_f(1, 1, -1)', (g) => g.noncentral_f(1, 1, -1), 'g.noncentral_f(1, 1, -1)', true],
  ['negative_binomial(0, 0.5)', (g) => g.negative_binomial(0, 0.5), 'g.negative_binomial(0, 0.5)', true],
  ['negative_binomial(1, 0)', (g) => g.negative_binomial(1, 0), 'g.negative_binomial(1, 0)', true],
  ['negative_binomial(2.5, 0.5, 3)', (g) => g.negative_binomial(2.5, 0.5, 3), 'g.negative_binomial(2.5, 0.5, 3)'],
  ['logseries(1)', (g) => g.logseries(1), 'g.logseries(1)', true],
  ['logseries(0.5, 3)', (g) => g.logseries(0.5, 3), 'g.logseries(0.5, 3)'],
  ['zipf(1)', (g) => g.zipf(1), 'g.zipf(1)', true],
  ['zipf(2, [2, 2])', (g) => g.zipf(2, [2, 2]), 'g.zipf(2, (2, 2))'],
  ['dirichlet([1, 2], 3)', (g) => g.dirichlet([1, 2], 3), 'g.dirichlet([1, 2], 3)'],
  ['dirichlet([1, 2])', (g) => g.dirichlet([1, 2]), 'g.dirichlet([1, 2])'],
  ['dirichlet([1, -1])', (g) => g.dirichlet([1, -1]), 'g.dirichlet([1, -1])', true],
  ['hypergeometric(-1, 2, 1)', (g) => g.hypergeometric(-1, 2, 1), 'g.hypergeometric(-1, 2, 1)', true],
  ['hypergeometric(1, -2, 1)', (g) => g.hypergeometric(1, -2, 1), 'g.hypergeometric(1, -2, 1)', true],
  ['hypergeometric(1, 2, -1)', (g) => g.hypergeometric(1, 2, -1), 'g.hypergeometric(1, 2, -1)', true],
  ['hypergeometric(1, 2, 4)', (g) => g.hypergeometric(1, 2, 4), 'g.hypergeometric(1, 2, 4)', true],
  ['hypergeometric(arrays)', (g) => g.hypergeometric(A([5, 6]), A([[3], [4]]), 2), 'g.hypergeometric([5, 6], [[3], [4]], 2)'],
  // integers / randint
  ['integers(5)', (g) => g.integers(5), 'g.integers(5)'],
  ['integers(0, 10, [2, 2])', (g) => g.integers(0, 10, [2, 2]), 'g.integers(0, 10, (2, 2))'],
  ['integers(5, 2)', (g) => g.integers(5, 2), 'g.integers(5, 2)', true],
  ['integers(5, 5)', (g) => g.integers(5, 5), 'g.integers(5, 5)', true],
  ['integers(5, 5, endpoint)', (g) => g.integers(5, 5, null, { endpoint: true }), 'g.integers(5, 5, endpoint=True)'],
  ['integers(0, 256, uint8)', (g) => g.integers(0, 256, 3, { dtype: 'uint8' }), 'g.integers(0, 256, 3, dtype=np.uint8)'],
  ['integers(0, 257, uint8)', (g) => g.integers(0, 257, 3, { dtype: 'uint8' }), 'g.integers(0, 257, 3, dtype=np.uint8)', true],
  ['integers(-1, 5, uint16)', (g) => g.integers(-1, 5, 3, { dtype: 'uint16' }), 'g.integers(-1, 5, 3, dtype=np.uint16)', true],
  ['integers(0, 2**64, uint64)', (g) => g.integers(0, 2n ** 64n, 2, { dtype: 'uint64' }), 'g.integers(0, 2**64, 2, dtype=np.uint64)'],
  ['integers(0, 2**63, int64)', (g) => g.integers(0, 2n ** 63n, 2), 'g.integers(0, 2**63, 2)'],
  ['integers(0, 2**63 + 1, int64)', (g) => g.integers(0, 2n ** 63n + 1n, 2), 'g.integers(0, 2**63 + 1, 2)', true],
  ['integers(0, 2, bool)', (g) => g.integers(0, 2, 4, { dtype: 'bool' }), 'g.integers(0, 2, 4, dtype=bool)'],
  ['integers(float dtype)', (g) => g.integers(0, 2, 4, { dtype: 'float64' }), 'g.integers(0, 2, 4, dtype=np.float64)', true],
  ['integers(array low, array high)', (g) => g.integers(A([0, 10]), A([[5], [20], [30]])), 'g.integers([0, 10], [[5], [20], [30]])'],
  ['integers(array low >= high)', (g) => g.integers(A([0, 10]), A([5, 10])), 'g.integers([0, 10], [5, 10])', true],
  ['randint(5, 2)', () => np.random.randint(5, 2), 'np.random.randint(5, 2)', true],
  ['randint(-5)', () => np.random.randint(-5), 'np.random.randint(-5)', true],
  ['randint(0, 300, uint8)', () => np.random.randint(0, 300, null, { dtype: 'uint8' }), 'np.random.randint(0, 300, dtype=np.uint8)', true],
  ['randint(3, size [2])', () => np.random.randint(3, null, [2]), 'np.random.randint(3, size=(2,))'],
  ['randint float dtype', () => np.random.randint(5, null, [2], { dtype: 'float64' }), 'np.random.randint(5, size=(2,), dtype=np.float64)', true],
  // choice / permutation / shuffle
  ['choice(5)', (g) => g.choice(5), 'g.choice(5)'],
  ['choice(5, [2, 3])', (g) => g.choice(5, [2, 3]), 'g.choice(5, (2, 3))'],
  ['choice(array, 4)', (g) => g.choice(A([1.5, 2.5, 3.5]), 4), 'g.choice(np.array([1.5, 2.5, 3.5]), 4)'],
  ['choice(5, 6, replace=False)', (g) => g.choice(5, 6, false), 'g.choice(5, 6, replace=False)', true],
  ['legacy choice(5, 6, replace=False)', () => np.random.choice(5, 6, false), 'np.random.choice(5, 6, replace=False)', true],
  ['choice(5, 5, replace=False)', (g) => g.choice(5, 5, false), 'g.choice(5, 5, replace=False)'],
  ['choice(5, p sums to 1.1)', (g) => g.choice(5, null, true, [0.5, 0.6, 0, 0, 0]), 'g.choice(5, p=[0.5, 0.6, 0, 0, 0])', true],
  ['legacy choice(5, p sums to 1.1)', () => np.random.choice(5, null, true, [0.5, 0.6, 0, 0, 0]), 'np.random.choice(5, p=[0.5, 0.6, 0, 0, 0])', true],
  ['choice(3, p negative)', (g) => g.choice(3, null, true, [1.5, -0.5, 0]), 'g.choice(3, p=[1.5, -0.5, 0])', true],
  ['choice(5, p of size 2)', (g) => g.choice(5, null, true, [0.5, 0.5]), 'g.choice(5, p=[0.5, 0.5])', true],
  ['legacy choice(5, p of size 2)', () => np.random.choice(5, null, true, [0.5, 0.5]), 'np.random.choice(5, p=[0.5, 0.5])', true],
  ['legacy choice(5, 2-d p)', () => np.random.choice(5, null, true, [[0.2, 0.2, 0.2, 0.2, 0.2]]), 'np.random.choice(5, p=[[0.2] * 5])', true],
  ['choice(5, 2-d p)', (g) => g.choice(5, null, true, [[0.2, 0.2, 0.2, 0.2, 0.2]]), 'g.choice(5, p=[[0.2] * 5])', true],
  ['choice(5, 3, no replace, 2 non-zero p)', (g) => g.choice(5, 3, false, [0.5, 0.5, 0, 0, 0]), 'g.choice(5, 3, replace=False, p=[0.5, 0.5, 0, 0, 0])', true],
  ['choice(-1, 2)', (g) => g.choice(-1, 2), 'g.choice(-1, 2)', true],
  ['legacy choice(-1, 2)', () => np.random.choice(-1, 2), 'np.random.choice(-1, 2)', true],
  ['choice(3, NaN in p)', (g) => g.choice(3, null, true, [NaN, 0.5, 0.5]), 'g.choice(3, p=[np.nan, 0.5, 0.5])', true],
  ['legacy choice(3, NaN in p)', () => np.random.choice(3, null, true, [NaN, 0.5, 0.5]), 'np.random.choice(3, p=[np.nan, 0.5, 0.5])', true],
  ['choice([], 1)', (g) => g.choice(np.array([]), 1), 'g.choice([], 1)', true],
  ['legacy choice([], 1)', () => np.random.choice(np.array([]), 1), 'np.random.choice([], 1)', true],
  ['choice(float32 p)', (g) => g.choice(3, 2, true, np.array([0.3, 0.3, 0.40001], { dtype: 'float32' })), 'g.choice(3, 2, p=np.array([0.3, 0.3, 0.40001], dtype=np.float32))'],
  ['choice(0, 0)', (g) => g.choice(0, 0), 'g.choice(0, 0)'],
  ['legacy choice(2-d a)', () => np.random.choice(A([[1, 2]]), 2), 'np.random.choice([[1, 2]], 2)', true],
  ['choice(options)', (g) => g.choice(5, { size: 3, replace: false }), 'g.choice(5, size=3, replace=False)'],
  ['permutation(5)', (g) => g.permutation(5), 'g.permutation(5)'],
  ['permutation(0)', (g) => g.permutation(0), 'g.permutation(0)'],
  ['permutation(array [3, 2])', (g) => g.permutation(np.zeros([3, 2])), 'g.permutation(np.zeros((3, 2)))'],
  ['legacy permutation(0-d)', () => np.random.permutation(np.zeros([])), 'np.random.permutation(np.zeros(()))', true],
  ['legacy permutation(2.5)', () => np.random.permutation(2.5), 'np.random.permutation(2.5)', true],
  // multinomial / multivariate_normal
  ['multinomial(5, [0.2, 0.8])', (g) => g.multinomial(5, [0.2, 0.8]), 'g.multinomial(5, [0.2, 0.8])'],
  ['multinomial(5, p, size [3, 2])', (g) => g.multinomial(5, [0.2, 0.3, 0.5], [3, 2]), 'g.multinomial(5, [0.2, 0.3, 0.5], (3, 2))'],
  ['multinomial(-1, p)', (g) => g.multinomial(-1, [0.5, 0.5]), 'g.multinomial(-1, [0.5, 0.5])', true],
  ['multinomial(3, [0.5, 0.6])', (g) => g.multinomial(3, [0.5, 0.6]), 'g.multinomial(3, [0.5, 0.6])'],
  ['multinomial(3, [0.7, 0.6, 0])', () => np.random.multinomial(3, [0.7, 0.6, 0]), 'np.random.multinomial(3, [0.7, 0.6, 0])', true],
  ['multivariate_normal size 3', (g) => g.multivariate_normal([0, 0], [[1, 0], [0, 1]], 3), 'g.multivariate_normal([0, 0], [[1, 0], [0, 1]], 3)'],
  ['multivariate_normal size null', (g) => g.multivariate_normal([0, 0, 1], np.eye(3)), 'g.multivariate_normal([0, 0, 1], np.eye(3))'],
  ['multivariate_normal size [2, 2]', (g) => g.multivariate_normal([0, 0], [[2, 1], [1, 2]], [2, 2]), 'g.multivariate_normal([0, 0], [[2, 1], [1, 2]], (2, 2))'],
  ['multivariate_normal non-square cov', (g) => g.multivariate_normal([0, 0], [[1, 0]]), 'g.multivariate_normal([0, 0], [[1, 0]])', true],
  ['multivariate_normal 2-d mean', (g) => g.multivariate_normal([[0, 0]], [[1, 0], [0, 1]]), 'g.multivariate_normal([[0, 0]], [[1, 0], [0, 1]])', true],
  ['multivariate_normal not PSD, raise', (g) => g.multivariate_normal([0, 0], [[1, 2], [2, 1]], null, { check_valid: 'raise' }),
    'g.multivariate_normal([0, 0], [[1, 2], [2, 1]], check_valid="raise")', true],
];

describe('shapes, dtypes and errors as NumPy', () => {
  it('every case: same shape and dtype, or the same error', async () => {
    const exp = await oracle.evalMany(CASES.map(([, , py]) => ({
      expr: `g = np.random.default_rng(0)\nr = ${py}\nresult = None if r is None else [list(np.shape(r)), str(np.asarray(r).dtype)]`,
    })));
    const failures: string[] = [];
    for (const [i, [label, run, , exact]] of CASES.entries()) {
      const e = exp[i]!;
      try {
      const g = np.random.default_rng(0);
      if (isOracleError(e)) {
        let err: unknown;
        try {
          np.scope(() => run(g));
        } catch (x) {
          err = x;
        }
        expect(err, `${label}: NumPy raised ${e.error}: ${e.message}, quark did not`).toBeInstanceOf(Error);
        const cls = /TypeError/.test(e.error) ? TypeError : e.error === 'IndexError' ? TypeError : RangeError;
        expect(err, `${label}: ${String(err)} vs ${e.error}`).toBeInstanceOf(cls);
        const who = /^([\w.]+): /.exec((err as Error).message)?.[1];
        expect(who, `${label}: the message names the function: ${(err as Error).message}`).toBeTruthy();
        if (exact) expect((err as Error).message, label).toBe(`${who}: ${e.message}`);
      } else {
        np.scope(() => {
          const r = run(g)!;
          const [shape, dtype] = e as [number[], string];
          expect([label, r.shape], label).toEqual([label, shape]);
          expect([label, r.dtype], label).toEqual([label, dtype]);
        });
      }
      } catch (x) {
        failures.push(x instanceof Error ? x.message.split('\n')[0]! : String(x));
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('values and options', () => {
  it('the default float dtype: float32, float64 under npx.set_np({ dtype: numpy })', () => {
    np.scope(() => {
      npx.set_np();
      const g = np.random.default_rng(1);
      expect(g.random(2).dtype).toBe('float32');
      expect(g.normal(0, 1, 2).dtype).toBe('float32');
      expect(g.gamma(2, 1, 2).dtype).toBe('float32');
      expect(g.multivariate_normal([0], [[1]], 2).dtype).toBe('float32');
      expect(g.poisson(2, 2).dtype).toBe('int64');
      expect(g.normal(0, 1, 2, { dtype: 'float64' }).dtype).toBe('float64');
      expect(g.normal(0, 1, 2, { dtype: 'float16' }).dtype).toBe('float16');
      npx.set_np({ dtype: 'numpy' });
      expect(g.random(2).dtype).toBe('float64');
    });
  });

  it('float32 and float64 uniforms lie in [0, 1); float32 keeps 24 random bits', () => {
    np.scope(() => {
      const g = np.random.default_rng(2);
      const f = g.random(10_000, { dtype: 'float32' }).dataSync() as Float32Array;
      expect(f.every((x) => x >= 0 && x < 1 && Number.isInteger(x * 2 ** 24))).toBe(true);
      const d = g.random(10_000).dataSync() as Float64Array;
      expect(d.every((x) => x >= 0 && x < 1 && Number.isInteger(x * 2 ** 53))).toBe(true);
      // not all on a coarser grid
      expect(d.some((x) => !Number.isInteger(x * 2 ** 40))).toBe(true);
    });
  });

  it('integers hit their exact bounds in every dtype', () => {
    np.scope(() => {
      const g = np.random.default_rng(3);
      const cases: [string, bigint, bigint][] = [
        ['int8', -128n, 127n], ['uint8', 0n, 255n], ['int16', -32768n, -32765n], ['int16', 32764n, 32767n], ['uint32', 4294967292n, 4294967295n],
        ['int64', -(2n ** 63n), -(2n ** 63n) + 2n], ['int64', 2n ** 63n - 3n, 2n ** 63n - 1n], ['uint64', 2n ** 64n - 4n, 2n ** 64n - 1n],
      ];
      for (const [dt, lo, hi] of cases) {
        const a = g.integers(lo, hi, 3000, { dtype: dt as 'int8', endpoint: true });
        expect(a.dtype).toBe(dt);
        const v = (a.tolist() as (number | bigint)[]).map((x) => BigInt(x));
        expect(v.every((x) => x >= lo && x <= hi), dt).toBe(true);
        if (hi - lo < 10n) expect(new Set(v.map(String)).size, dt).toBe(Number(hi - lo + 1n));
        else expect(v.some((x) => x === lo) && v.some((x) => x === hi), dt).toBe(true);
      }
    });
  });

  it('choice draws entries of a and, without replacement, distinct ones', () => {
    np.scope(() => {
      const g = np.random.default_rng(4);
      const v = g.choice(np.array([10, 20, 30]), 50).tolist() as bigint[];
      expect(v.every((x) => [10n, 20n, 30n].includes(x))).toBe(true);
      const u = g.choice(1000, 600, false).tolist() as bigint[];
      expect(new Set(u.map(String)).size).toBe(600);
      expect(u.every((x) => x >= 0n && x < 1000n)).toBe(true);
      const w = g.choice(6, 6, false, [0.1, 0.1, 0.2, 0.2, 0.3, 0.1]).tolist() as bigint[];
      expect([...w].sort().map(Number)).toEqual([0, 1, 2, 3, 4, 5]);
    });
  });

  it('permutation(x) of an array is a permutation of its rows; x itself unchanged', () => {
    np.scope(() => {
      const x = np.arange(10);
      const p = np.random.default_rng(5).permutation(x);
      expect((p.tolist() as bigint[]).map(Number).sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
      expect(x.tolist()).toEqual([...Array(10).keys()].map(BigInt));
    });
  });

  it('shuffle of a 0-d array or a non-array raises', () => {
    const g = np.random.default_rng(6);
    np.scope(() => {
      expect(() => g.shuffle(np.zeros([]))).toThrow(/^shuffle: len\(\) of unsized object/);
      expect(() => g.shuffle([1, 2] as never)).toThrow(TypeError);
    });
  });

  it('seeds: negative, fractional and too large seeds raise', () => {
    expect(() => np.random.default_rng(-1)).toThrow(/expected non-negative integer/);
    expect(() => np.random.seed(-1)).toThrow(/^seed: expected non-negative integer/);
    expect(() => np.random.default_rng(1.5)).toThrow(TypeError);
    expect(() => np.random.default_rng(2n ** 64n)).toThrow(RangeError);
  });

  it('unknown options and too many arguments raise, naming the function', () => {
    const g = np.random.default_rng(7);
    expect(() => g.normal(0, 1, 3, { bogus: 1 } as never)).toThrow(/^normal: got an unexpected keyword argument 'bogus'/);
    expect(() => g.normal(0, 1, { loc: 2 })).toThrow(/^normal: got multiple values for argument 'loc'/);
    // @ts-expect-error: the required argument is missing on purpose
    expect(() => g.beta()).toThrow(/^beta: missing required argument 'a'/);
  });

  it('device option: a CPU device by name gives the same values', () => {
    np.scope(() => {
      const a = np.random.default_rng(8).normal(0, 1, 4, { device: 'cpu' });
      const b = np.random.default_rng(8).normal(0, 1, 4, { device: npx.cpu() });
      expect(a.device).toBe(npx.cpu());
      expect(a.tolist()).toEqual(b.tolist());
      expect(() => np.random.default_rng(8).normal(0, 1, 4, { device: 'tpu' })).toThrow(/^normal: unknown device/);
    });
  });

  it('array parameters are not modified and may be any dtype or layout', () => {
    np.scope(() => {
      const loc = np.array([[0, 100], [200, 300]], { dtype: 'int32' }).T;
      const r = np.random.default_rng(9).normal(loc, 0.001);
      const v = r.tolist() as number[][];
      expect(v.map((row) => row.map(Math.round))).toEqual([[0, 200], [100, 300]]);
      expect(loc.dtype).toBe('int32');
    });
  });
});
