// The opaque ops behind np.random. Each draw is a pure function of its attributes (Philox key and
// counter, parameters) and its parameter inputs, so a replayed or re-dispatched call gives the same
// values on every backend. Stream layout: native/src/random_philox.h and docs/random.md.
import type { DType } from '../../core/dtype.js';
import { defineOp } from '../../core/op.js';

/** Distributions of the elementwise sampler; the index is the native code (random_dist.cc `Dist`). */
export const DIST_CODES = [
  'uniform', 'normal', 'exponential', 'gamma', 'beta', 'chisquare', 'f', 'gumbel', 'laplace', 'logistic',
  'lognormal', 'pareto', 'power', 'rayleigh', 'weibull', 'binomial', 'poisson', 'bits', 'standard_cauchy',
  'standard_t', 'geometric', 'triangular', 'wald', 'vonmises', 'noncentral_chisquare', 'noncentral_f',
  'negative_binomial', 'logseries', 'zipf', 'hypergeometric',
] as const;
export type DistName = (typeof DIST_CODES)[number];

/**
 * A draw's place in the Philox stream: key words and the 64-bit counter halves of element 0, each
 * as two 32-bit words (low first; numbers, not BigInts, to keep small draws cheap).
 */
export interface StreamAttrs {
  key: readonly [number, number];
  /** Element i uses counter (lo + i, hi + j), j = 0, 1, ... its successive blocks. */
  lo: readonly [number, number];
  hi: readonly [number, number];
}

export interface RandomDistAttrs extends StreamAttrs {
  dist: DistName;
  shape: readonly number[];
  /** float32 / float64 for continuous distributions, int64 for discrete ones, uint64 for 'bits'. */
  dtype: DType;
  /** One entry per distribution parameter: its value, or null for "the next tensor input". */
  scalars: readonly (number | null)[];
}

const NO_STREAM: StreamAttrs = { key: [0, 0], lo: [0, 0], hi: [0, 0] };

/**
 * Elementwise sampler: inputs are the array-valued parameters (float64, broadcast to `shape`), in
 * parameter order; scalar parameters travel in `scalars`.
 */
export const randomDistOp = defineOp<RandomDistAttrs>({
  name: 'random_dist',
  kind: 'opaque',
  nin: 3,
  attrs: { ...NO_STREAM, dist: 'uniform', shape: [], dtype: 'float64', scalars: [] },
  infer: (_inputs, a) => [{ shape: a.shape, dtype: a.dtype }],
  // A draw is a constant: no gradient w.r.t. the parameters (no reparameterisation, as MXNet's and
  // PyTorch's non-r samplers; write loc + scale * standard_normal() for a pathwise gradient).
  stopsGradient: true,
});

export interface RandomIntegersAttrs extends StreamAttrs {
  shape: readonly number[];
  /** int64 or uint64 (the same bits: low + offset in 64-bit two's complement). */
  dtype: DType;
  /** Scalar low / inclusive range (high - low) as 64-bit patterns, or null for a tensor input. */
  low: bigint | null;
  range: bigint | null;
}

/** Uniform integers in [low, low + range]: inputs are low and/or range (64-bit) where not scalars. */
export const randomIntegersOp = defineOp<RandomIntegersAttrs>({
  name: 'random_integers',
  kind: 'opaque',
  nin: 2,
  attrs: { ...NO_STREAM, shape: [], dtype: 'int64', low: 0n, range: 0n },
  infer: (_inputs, a) => [{ shape: a.shape, dtype: a.dtype }],
});

export interface RandomRawAttrs extends StreamAttrs {
  n: number;
}

/** The raw Philox4x32-10 blocks of counters (lo + i, hi), i < n, as uint32 [n, 4]. */
export const randomRawOp = defineOp<RandomRawAttrs>({
  name: 'random_raw',
  kind: 'opaque',
  nin: 0,
  attrs: { ...NO_STREAM, n: 0 },
  infer: (_inputs, a) => [{ shape: [a.n, 4], dtype: 'uint32' }],
});

export interface RandomRowsAttrs extends StreamAttrs {
  rows: number;
  /** multinomial: the number of trials. */
  n: number;
}

/** Multinomial counts: input pvals float64 [d]; output int64 [rows, d]. */
export const randomMultinomialOp = defineOp<RandomRowsAttrs>({
  name: 'random_multinomial',
  kind: 'opaque',
  nin: 1,
  attrs: { ...NO_STREAM, rows: 0, n: 0 },
  infer: ([p], a) => [{ shape: [a.rows, p!.shape[0]!], dtype: 'int64' }],
});

/** Multivariate normal rows mean + factor @ z: inputs mean float64 [d], factor float64 [d, d]. */
export const randomMvnormalOp = defineOp<RandomRowsAttrs>({
  name: 'random_mvnormal',
  kind: 'opaque',
  nin: 2,
  attrs: { ...NO_STREAM, rows: 0, n: 0 },
  infer: ([m], a) => [{ shape: [a.rows, m!.shape[0]!], dtype: 'float64' }],
  // A draw is a constant: no gradient w.r.t. the parameters (no reparameterisation, as MXNet's and
  // PyTorch's non-r samplers; write loc + scale * standard_normal() for a pathwise gradient).
  stopsGradient: true,
});

/** Dirichlet rows: input alpha float64 [k]; output float64 [rows, k]. */
export const randomDirichletOp = defineOp<RandomRowsAttrs>({
  name: 'random_dirichlet',
  kind: 'opaque',
  nin: 1,
  attrs: { ...NO_STREAM, rows: 0, n: 0 },
  infer: ([a], at) => [{ shape: [at.rows, a!.shape[0]!], dtype: 'float64' }],
  // A draw is a constant: no gradient w.r.t. the parameters (no reparameterisation, as MXNet's and
  // PyTorch's non-r samplers; write loc + scale * standard_normal() for a pathwise gradient).
  stopsGradient: true,
});
