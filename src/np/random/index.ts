// np.random: NumPy's module-level functions (over one global Generator, legacy RandomState
// semantics), default_rng / Generator, and the Philox4x32-10 bit generator. Design and the
// differences from NumPy: docs/random.md.
import { Generator } from './generator.js';
import { Philox, type PhiloxState, type SeedLike, seedToKey } from './philox.js';

export { Generator, default_rng } from './generator.js';
export type { ChoiceOptions, DistOptions, IntegersOptions, MvnOptions } from './generator.js';
export { Philox } from './philox.js';
export type { PhiloxOptions, PhiloxState, SeedLike } from './philox.js';
export type { ParamLike, RandomOptions, SizeLike } from './params.js';
export type { IntLike } from './integers.js';

/** The generator behind the module-level functions (seeded from the OS until seed() is called). */
const global = new Generator(new Philox(null), true);

/** Reseeds the module-level generator: key = seed (below 2^64), counter 0; null reseeds from the OS. */
export function seed(s: SeedLike = null): void {
  global.bit_generator.state = { bit_generator: 'Philox4x32', key: seedToKey(s, 'seed'), counter: 0n };
}

/** The module-level generator's state (key and counter), for set_state. */
export function get_state(): PhiloxState { return global.bit_generator.state; }
export function set_state(state: PhiloxState): void { global.bit_generator.state = state; }

const g = global;
export const random: Generator['random'] = (size, opts) => g.random(size, opts);
export const random_sample: Generator['random_sample'] = (size, opts) => g.random_sample(size, opts);
export const rand: Generator['rand'] = (...dims) => g.rand(...dims);
export const randn: Generator['randn'] = (...dims) => g.randn(...dims);
export const randint: Generator['randint'] = (low, high, size, opts) => g.randint(low, high, size, opts);
export const standard_normal: Generator['standard_normal'] = (size, opts) => g.standard_normal(size, opts);
export const standard_exponential: Generator['standard_exponential'] = (size, opts) => g.standard_exponential(size, opts);
export const standard_cauchy: Generator['standard_cauchy'] = (size, opts) => g.standard_cauchy(size, opts);
export const standard_gamma: Generator['standard_gamma'] = (shape, size, opts) => g.standard_gamma(shape, size, opts);
export const standard_t: Generator['standard_t'] = (df, size, opts) => g.standard_t(df, size, opts);
export const uniform: Generator['uniform'] = (low, high, size, opts) => g.uniform(low, high, size, opts);
export const normal: Generator['normal'] = (loc, scale, size, opts) => g.normal(loc, scale, size, opts);
export const exponential: Generator['exponential'] = (scale, size, opts) => g.exponential(scale, size, opts);
export const gamma: Generator['gamma'] = (shape, scale, size, opts) => g.gamma(shape, scale, size, opts);
export const beta: Generator['beta'] = (a, b, size, opts) => g.beta(a, b, size, opts);
export const chisquare: Generator['chisquare'] = (df, size, opts) => g.chisquare(df, size, opts);
export const f: Generator['f'] = (dfnum, dfden, size, opts) => g.f(dfnum, dfden, size, opts);
export const gumbel: Generator['gumbel'] = (loc, scale, size, opts) => g.gumbel(loc, scale, size, opts);
export const laplace: Generator['laplace'] = (loc, scale, size, opts) => g.laplace(loc, scale, size, opts);
export const logistic: Generator['logistic'] = (loc, scale, size, opts) => g.logistic(loc, scale, size, opts);
export const lognormal: Generator['lognormal'] = (mean, sigma, size, opts) => g.lognormal(mean, sigma, size, opts);
export const pareto: Generator['pareto'] = (a, size, opts) => g.pareto(a, size, opts);
export const power: Generator['power'] = (a, size, opts) => g.power(a, size, opts);
export const rayleigh: Generator['rayleigh'] = (scale, size, opts) => g.rayleigh(scale, size, opts);
export const weibull: Generator['weibull'] = (a, size, opts) => g.weibull(a, size, opts);
export const binomial: Generator['binomial'] = (n, p, size, opts) => g.binomial(n, p, size, opts);
export const poisson: Generator['poisson'] = (lam, size, opts) => g.poisson(lam, size, opts);
export const geometric: Generator['geometric'] = (p, size, opts) => g.geometric(p, size, opts);
export const choice: Generator['choice'] = (a, size, replace, p, opts) => g.choice(a, size, replace, p, opts);
export const permutation: Generator['permutation'] = (x) => g.permutation(x);
export const shuffle: Generator['shuffle'] = (x) => g.shuffle(x);
export const multinomial: Generator['multinomial'] = (n, pvals, size, opts) => g.multinomial(n, pvals, size, opts);
export const multivariate_normal: Generator['multivariate_normal'] = (mean, cov, size, opts) => g.multivariate_normal(mean, cov, size, opts);
export const triangular: Generator['triangular'] = (left, mode, right, size, opts) => g.triangular(left, mode, right, size, opts);
export const wald: Generator['wald'] = (mean, scale, size, opts) => g.wald(mean, scale, size, opts);
export const vonmises: Generator['vonmises'] = (mu, kappa, size, opts) => g.vonmises(mu, kappa, size, opts);
export const noncentral_chisquare: Generator['noncentral_chisquare'] = (df, nonc, size, opts) => g.noncentral_chisquare(df, nonc, size, opts);
export const noncentral_f: Generator['noncentral_f'] = (dfnum, dfden, nonc, size, opts) => g.noncentral_f(dfnum, dfden, nonc, size, opts);
export const negative_binomial: Generator['negative_binomial'] = (n, p, size, opts) => g.negative_binomial(n, p, size, opts);
export const logseries: Generator['logseries'] = (p, size, opts) => g.logseries(p, size, opts);
export const zipf: Generator['zipf'] = (a, size, opts) => g.zipf(a, size, opts);
export const dirichlet: Generator['dirichlet'] = (alpha, size, opts) => g.dirichlet(alpha, size, opts);
export const hypergeometric: Generator['hypergeometric'] = (ngood, nbad, nsample, size, opts) => g.hypergeometric(ngood, nbad, nsample, size, opts);
export const bytes: Generator['bytes'] = (length) => g.bytes(length);
