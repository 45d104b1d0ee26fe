// np.random.Generator (NumPy's method names, plus the legacy RandomState names where they differ)
// over the Philox4x32-10 bit generator. Every method takes NumPy's positional arguments followed by
// an options object (`{ size, dtype, device, ...any parameter by name }`); `size` null/absent with
// scalar parameters gives a 0-d array.
import type { NDArray } from '../../core/ndarray.js';
import { sampleChoice, samplePermutation, samplePermuted, sampleShuffle } from './choice.js';
import { type DistMethod, SPECS, sampleDist } from './distributions.js';
import { type IntLike, sampleIntegers } from './integers.js';
import { sampleDirichlet, sampleMultinomial, sampleMultivariateNormal } from './multivariate.js';
import { type ParamLike, type RandomOptions, type SizeLike, floatDType, isOptions, parseArgs, targetDevice } from './params.js';
import { Philox, type SeedLike } from './philox.js';
import { drawDist } from './draw.js';

/** Options of the distribution methods: the common ones plus parameters by name. */
export type DistOptions = RandomOptions & Record<string, ParamLike | SizeLike | string | undefined | RandomOptions['device']>;
/** A positional parameter, or the options object in its place. */
export type P = ParamLike | DistOptions;
/** The size position, or the options object in its place. */
export type S = SizeLike | DistOptions;

export interface IntegersOptions extends RandomOptions {
  low?: IntLike;
  high?: IntLike | null;
  /** Include high (Generator.integers); default false. */
  endpoint?: boolean;
}

export interface ChoiceOptions {
  size?: SizeLike;
  replace?: boolean;
  p?: ParamLike | null;
  axis?: number;
  shuffle?: boolean;
  device?: RandomOptions['device'];
}

export class Generator {
  /** The bit generator (NumPy: Generator.bit_generator). */
  readonly bit_generator: Philox;
  /** @internal RandomState's messages and its looser uniform(low > high). */
  readonly _legacy: boolean;

  constructor(bit_generator: Philox, legacy = false) {
    this.bit_generator = bit_generator;
    this._legacy = legacy;
  }

  private dist(name: DistMethod, args: readonly unknown[]): NDArray {
    return sampleDist(this.bit_generator, name, SPECS[name], args, this._legacy);
  }

  /** Floats in [0, 1): random(size = null, { dtype }). */
  random(size?: S, opts?: RandomOptions): NDArray { return this.uniform01('random', [size, opts]); }
  /** Legacy name of random(). */
  random_sample(size?: S, opts?: RandomOptions): NDArray { return this.uniform01('random_sample', [size, opts]); }
  /** Legacy: rand(d0, d1, ...) — random() of shape (d0, d1, ...). */
  rand(...dims: number[]): NDArray { return this.uniform01('rand', [dims.length ? dims : null]); }

  private uniform01(who: string, args: readonly unknown[]): NDArray {
    const { size, opts } = parseArgs(who, [], args);
    return drawDist(this.bit_generator, who, 'uniform', [{ scalar: 0 }, { scalar: 1 }], size,
      floatDType(opts.dtype, who), targetDevice(opts.device, who));
  }

  /** Standard normal draws: standard_normal(size = null, { dtype }). */
  standard_normal(size?: S, opts?: RandomOptions): NDArray { return this.stdNormal('standard_normal', [size, opts]); }
  /** Legacy: randn(d0, d1, ...). */
  randn(...dims: number[]): NDArray { return this.stdNormal('randn', [dims.length ? dims : null]); }

  private stdNormal(who: string, args: readonly unknown[]): NDArray {
    const { size, opts } = parseArgs(who, [], args);
    return drawDist(this.bit_generator, who, 'normal', [{ scalar: 0 }, { scalar: 1 }], size,
      floatDType(opts.dtype, who), targetDevice(opts.device, who));
  }

  standard_exponential(size?: S, opts?: RandomOptions & { method?: 'zig' | 'inv' }): NDArray {
    const who = 'standard_exponential';
    const { size: sz, opts: o } = parseArgs(who, [], [size, opts], ['method']);
    return drawDist(this.bit_generator, who, 'exponential', [{ scalar: 1 }], sz, floatDType(o.dtype, who), targetDevice(o.device, who));
  }

  standard_cauchy(size?: S, opts?: RandomOptions): NDArray { return this.dist('standard_cauchy', [size, opts]); }
  standard_gamma(shape: P, size?: S, opts?: DistOptions): NDArray { return this.dist('standard_gamma', [shape, size, opts]); }
  standard_t(df: P, size?: S, opts?: DistOptions): NDArray { return this.dist('standard_t', [df, size, opts]); }

  uniform(low?: P, high?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('uniform', [low, high, size, opts]); }
  normal(loc?: P, scale?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('normal', [loc, scale, size, opts]); }
  exponential(scale?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('exponential', [scale, size, opts]); }
  gamma(shape: P, scale?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('gamma', [shape, scale, size, opts]); }
  beta(a: P, b?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('beta', [a, b, size, opts]); }
  chisquare(df: P, size?: S, opts?: DistOptions): NDArray { return this.dist('chisquare', [df, size, opts]); }
  f(dfnum: P, dfden?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('f', [dfnum, dfden, size, opts]); }
  gumbel(loc?: P, scale?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('gumbel', [loc, scale, size, opts]); }
  laplace(loc?: P, scale?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('laplace', [loc, scale, size, opts]); }
  logistic(loc?: P, scale?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('logistic', [loc, scale, size, opts]); }
  lognormal(mean?: P, sigma?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('lognormal', [mean, sigma, size, opts]); }
  pareto(a: P, size?: S, opts?: DistOptions): NDArray { return this.dist('pareto', [a, size, opts]); }
  power(a: P, size?: S, opts?: DistOptions): NDArray { return this.dist('power', [a, size, opts]); }
  rayleigh(scale?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('rayleigh', [scale, size, opts]); }
  weibull(a: P, size?: S, opts?: DistOptions): NDArray { return this.dist('weibull', [a, size, opts]); }
  /** int64 successes of n trials with probability p. */
  binomial(n: P, p?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('binomial', [n, p, size, opts]); }
  /** int64 counts. */
  poisson(lam?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('poisson', [lam, size, opts]); }
  /** int64 number of trials up to the first success. */
  geometric(p: P, size?: S, opts?: DistOptions): NDArray { return this.dist('geometric', [p, size, opts]); }

  triangular(left: P, mode?: P, right?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('triangular', [left, mode, right, size, opts]); }
  wald(mean: P, scale?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('wald', [mean, scale, size, opts]); }
  /** Angles in [-pi, pi]. */
  vonmises(mu: P, kappa?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('vonmises', [mu, kappa, size, opts]); }
  noncentral_chisquare(df: P, nonc?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('noncentral_chisquare', [df, nonc, size, opts]); }
  noncentral_f(dfnum: P, dfden?: P, nonc?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('noncentral_f', [dfnum, dfden, nonc, size, opts]); }
  /** int64 failures before the n-th success. */
  negative_binomial(n: P, p?: P, size?: S, opts?: DistOptions): NDArray { return this.dist('negative_binomial', [n, p, size, opts]); }
  /** int64 good items in nsample draws without replacement from ngood good and nbad bad ones. */
  hypergeometric(ngood: P, nbad?: P, nsample?: P, size?: S, opts?: DistOptions): NDArray {
    return this.dist('hypergeometric', [ngood, nbad, nsample, size, opts]);
  }
  logseries(p: P, size?: S, opts?: DistOptions): NDArray { return this.dist('logseries', [p, size, opts]); }
  zipf(a: P, size?: S, opts?: DistOptions): NDArray { return this.dist('zipf', [a, size, opts]); }

  /** Dirichlet(alpha) rows of shape [...size, len(alpha)]. */
  dirichlet(alpha: ParamLike, size?: SizeLike | RandomOptions, opts?: RandomOptions): NDArray {
    return sampleDirichlet(this.bit_generator, [alpha, size, opts], 'dirichlet');
  }

  /** Integers in [low, high) ([low, high] with endpoint); high null means [0, low). dtype default int64. */
  integers(low: IntLike | IntegersOptions, high?: IntLike | null | IntegersOptions, size?: SizeLike | IntegersOptions, opts?: IntegersOptions): NDArray {
    return sampleIntegers(this.bit_generator, 'integers', [low, high, size, opts]);
  }

  /** Legacy: randint(low, high = null, size = null, { dtype }) — integers without endpoint. */
  randint(low: IntLike | IntegersOptions, high?: IntLike | null | IntegersOptions, size?: SizeLike | IntegersOptions, opts?: IntegersOptions): NDArray {
    const last = [low, high, size, opts].filter((x) => x !== undefined).pop();
    if (isOptions(last) && 'endpoint' in last) throw new TypeError(`randint: got an unexpected keyword argument 'endpoint'`);
    return sampleIntegers(this.bit_generator, 'randint', [low, high, size, opts]);
  }

  /** choice(a, size = null, replace = true, p = null): from arange(a) or the 1-D array a. */
  choice(a: ParamLike | ChoiceOptions, size?: SizeLike | ChoiceOptions, replace?: boolean | ChoiceOptions, p?: ParamLike | null | ChoiceOptions, opts?: ChoiceOptions): NDArray {
    return sampleChoice(this.bit_generator, [a, size, replace, p, opts], this._legacy, 'choice');
  }

  /** A permuted arange(x) (x an integer), or a shuffled copy of x along axis 0. */
  permutation(x: ParamLike): NDArray { return samplePermutation(this.bit_generator, x, 'permutation'); }

  /** A copy of x with each slice along `axis` shuffled independently (axis null: all elements). */
  permuted(x: ParamLike, opts: { axis?: number | null } = {}): NDArray {
    return samplePermuted(this.bit_generator, x, opts.axis ?? null, 'permuted');
  }

  /** `length` random bytes (NumPy returns a bytes object; here a Uint8Array). */
  bytes(length: number): Uint8Array {
    if (!Number.isInteger(length) || length < 0) throw new RangeError(`bytes: length must be a non-negative integer`);
    const words = this.bit_generator.random_raw([Math.ceil(length / 16)]);
    try {
      const w = words.dataSync() as Uint32Array;
      return new Uint8Array(w.buffer, w.byteOffset, length).slice();
    } finally {
      words.dispose();
    }
  }

  /** `n` independent child Generators (see Philox.spawn). */
  spawn(n: number): Generator[] {
    return this.bit_generator.spawn(n).map((b) => new Generator(b));
  }

  /** Shuffles an NDArray in place along axis 0. */
  shuffle(x: NDArray): void { sampleShuffle(this.bit_generator, x, 'shuffle'); }

  multinomial(n: number | bigint, pvals: ParamLike, size?: SizeLike | RandomOptions, opts?: RandomOptions): NDArray {
    return sampleMultinomial(this.bit_generator, [n, pvals, size, opts], 'multinomial');
  }

  multivariate_normal(mean: ParamLike, cov: ParamLike, size?: SizeLike | MvnOptions, opts?: MvnOptions): NDArray {
    return sampleMultivariateNormal(this.bit_generator, [mean, cov, size, opts], 'multivariate_normal');
  }
}

export interface MvnOptions extends RandomOptions {
  check_valid?: 'warn' | 'raise' | 'ignore';
  tol?: number;
}

/** np.random.default_rng(seed): a Generator over Philox4x32-10 keyed by the seed (null: OS entropy). */
export function default_rng(seed: SeedLike | Generator | Philox = null): Generator {
  if (seed instanceof Generator) return seed;
  if (seed instanceof Philox) return new Generator(seed);
  return new Generator(new Philox(seed));
}
