// The elementwise distributions as data: NumPy's parameter names and defaults, and the checks
// NumPy makes (with its messages). One generic path (sampleDist) parses, checks and draws.
import { NDArray } from '../../core/ndarray.js';
import { scope } from '../../core/memory.js';
import { drawDist } from './draw.js';
import type { DistName } from './ops.js';
import { type Param, check, floatDType, freeParams, outShape, parseArgs, targetDevice, toParam } from './params.js';
import type { Philox } from './philox.js';

interface ParamSpec {
  readonly name: string;
  /** Absent: a required argument. */
  readonly def?: number;
  /** [is bad, NumPy's message] pairs. */
  readonly checks?: readonly (readonly [(x: number) => boolean, string])[];
}

export interface DistSpec {
  readonly dist: DistName;
  readonly params: readonly ParamSpec[];
  /** Parameters the sampler takes after the user's (standard_gamma is gamma with scale 1). */
  readonly fixed?: readonly number[];
  /** Integer-valued (int64 results, no dtype option), as NumPy's discrete distributions. */
  readonly discrete?: boolean;
}

const neg = (name: string) => [(x: number) => x < 0, `${name} < 0`] as const;
const nonPos = (name: string) => [(x: number) => x <= 0, `${name} <= 0`] as const;
const loc = { name: 'loc', def: 0 };
const scale = { name: 'scale', def: 1, checks: [neg('scale')] };

// NumPy's POISSON_LAM_MAX: int64 max minus ten standard deviations.
const POISSON_LAM_MAX = 9.223372006484771e18;

export const SPECS = {
  uniform: { dist: 'uniform', params: [{ name: 'low', def: 0 }, { name: 'high', def: 1 }] },
  normal: { dist: 'normal', params: [loc, scale] },
  exponential: { dist: 'exponential', params: [scale] },
  gamma: { dist: 'gamma', params: [{ name: 'shape', checks: [neg('shape')] }, scale] },
  standard_gamma: { dist: 'gamma', params: [{ name: 'shape', checks: [neg('shape')] }], fixed: [1] },
  beta: { dist: 'beta', params: [{ name: 'a', checks: [nonPos('a')] }, { name: 'b', checks: [nonPos('b')] }] },
  chisquare: { dist: 'chisquare', params: [{ name: 'df', checks: [nonPos('df')] }] },
  f: { dist: 'f', params: [{ name: 'dfnum', checks: [nonPos('dfnum')] }, { name: 'dfden', checks: [nonPos('dfden')] }] },
  gumbel: { dist: 'gumbel', params: [loc, scale] },
  laplace: { dist: 'laplace', params: [loc, scale] },
  logistic: { dist: 'logistic', params: [loc, scale] },
  lognormal: { dist: 'lognormal', params: [{ name: 'mean', def: 0 }, { name: 'sigma', def: 1, checks: [neg('sigma')] }] },
  pareto: { dist: 'pareto', params: [{ name: 'a', checks: [nonPos('a')] }] },
  power: { dist: 'power', params: [{ name: 'a', checks: [nonPos('a')] }] },
  rayleigh: { dist: 'rayleigh', params: [scale] },
  weibull: { dist: 'weibull', params: [{ name: 'a', checks: [neg('a')] }] },
  standard_cauchy: { dist: 'standard_cauchy', params: [] },
  standard_t: { dist: 'standard_t', params: [{ name: 'df', checks: [nonPos('df')] }] },
  triangular: { dist: 'triangular', params: [{ name: 'left' }, { name: 'mode' }, { name: 'right' }] },
  wald: { dist: 'wald', params: [{ name: 'mean', checks: [nonPos('mean')] }, { name: 'scale', checks: [nonPos('scale')] }] },
  vonmises: { dist: 'vonmises', params: [{ name: 'mu' }, { name: 'kappa', checks: [neg('kappa')] }] },
  noncentral_chisquare: {
    dist: 'noncentral_chisquare', params: [{ name: 'df', checks: [nonPos('df')] }, { name: 'nonc', checks: [neg('nonc')] }],
  },
  noncentral_f: {
    dist: 'noncentral_f',
    params: [{ name: 'dfnum', checks: [nonPos('dfnum')] }, { name: 'dfden', checks: [nonPos('dfden')] }, { name: 'nonc', checks: [neg('nonc')] }],
  },
  negative_binomial: {
    dist: 'negative_binomial', discrete: true,
    params: [{ name: 'n', checks: [nonPos('n')] }, { name: 'p', checks: [[(x: number) => !(x > 0 && x <= 1), 'p <= 0, p > 1 or p contains NaNs']] }],
  },
  logseries: {
    dist: 'logseries', discrete: true, params: [{ name: 'p', checks: [[(x: number) => !(x >= 0 && x < 1), 'p < 0, p >= 1 or p is NaN']] }],
  },
  zipf: { dist: 'zipf', discrete: true, params: [{ name: 'a', checks: [[(x: number) => !(x > 1), 'a <= 1 or a is NaN']] }] },
  hypergeometric: {
    dist: 'hypergeometric', discrete: true,
    params: [{ name: 'ngood', checks: [neg('ngood')] }, { name: 'nbad', checks: [neg('nbad')] }, { name: 'nsample', checks: [neg('nsample')] }],
  },
  binomial: {
    dist: 'binomial', discrete: true,
    params: [{ name: 'n', checks: [neg('n')] }, { name: 'p', checks: [[(x: number) => !(x >= 0 && x <= 1), 'p < 0, p > 1 or p is NaN']] }],
  },
  poisson: {
    dist: 'poisson', discrete: true,
    params: [{ name: 'lam', def: 1, checks: [[(x: number) => !(x >= 0), 'lam < 0 or lam is NaN'], [(x: number) => x > POISSON_LAM_MAX, 'lam value too large']] }],
  },
  geometric: {
    dist: 'geometric', discrete: true,
    params: [{ name: 'p', checks: [[(x: number) => !(x > 0 && x <= 1), 'p <= 0, p > 1 or p contains NaNs']] }],
  },
} as const satisfies Record<string, DistSpec>;

export type DistMethod = keyof typeof SPECS;

/** Host walk of parameters broadcast together (for checks relating them, like uniform's). */
function eachN(ps: readonly Param[], fn: (...xs: number[]) => void, who: string): void {
  if (ps.every((p) => 'scalar' in p)) return fn(...ps.map((p) => (p as { scalar: number }).scalar));
  const shape = outShape(ps, null, who);
  const n = shape.reduce((s, d) => s * d, 1);
  const read = (p: Param): ((i: number) => number) => {
    if ('scalar' in p) return () => p.scalar;
    const st = p.array.shape, off = shape.length - st.length;
    return (i: number) => {
      let src = 0, mul = 1;
      for (let d = shape.length - 1; d >= 0; d--) {
        const idx = i % shape[d]!;
        i = Math.floor(i / shape[d]!);
        const sd = d - off;
        if (sd >= 0) {
          if (st[sd] !== 1) src += idx * mul;
          mul *= st[sd]!;
        }
      }
      return p.values[src]!;
    };
  };
  const readers = ps.map(read);
  for (let i = 0; i < n; i++) fn(...readers.map((r) => r(i)));
}

const eachPair = (a: Param, b: Param, fn: (x: number, y: number) => void, who: string): void => eachN([a, b], fn, who);

/** triangular's checks relate its three parameters (NumPy's order and messages). */
function checkTriangular(ps: readonly Param[], who: string): void {
  const [l, m, r] = ps as [Param, Param, Param];
  eachPair(l, m, (a, b) => { if (a > b) throw new RangeError(`${who}: left > mode`); }, who);
  eachPair(m, r, (a, b) => { if (a > b) throw new RangeError(`${who}: mode > right`); }, who);
  eachPair(l, r, (a, b) => { if (a === b) throw new RangeError(`${who}: left == right`); }, who);
}

/** uniform's extra checks: NumPy's Generator refuses high < low; both refuse an infinite range. */
function checkUniform(low: Param, high: Param, legacy: boolean, who: string): void {
  eachPair(low, high, (lo, hi) => {
    if (!legacy && hi - lo < 0) throw new RangeError(`${who}: high - low < 0`);
    if (!Number.isFinite(hi - lo) && !Number.isNaN(hi - lo)) {
      throw new RangeError(legacy ? `${who}: Range exceeds valid bounds` : `${who}: high - low range exceeds valid bounds`);
    }
  }, who);
}

/** The generic path: parse NumPy's signature, check the parameters, draw. */
export function sampleDist(bg: Philox, who: string, spec: DistSpec, args: readonly unknown[], legacy: boolean): NDArray {
  const { params, size, opts } = parseArgs(who, spec.params.map((p) => p.name), args);
  if (spec.discrete && opts.dtype !== undefined && opts.dtype !== 'int64') {
    throw new TypeError(`${who}: Unsupported dtype dtype('${String(opts.dtype)}'): ${who} returns int64`);
  }
  const dtype = spec.discrete ? 'int64' : floatDType(opts.dtype, who);
  const device = targetDevice(opts.device, who);
  return scope(() => {
    const ps: Param[] = [];
    try {
      for (const s of spec.params) {
        const v = params[s.name] ?? ('def' in s ? s.def : undefined);
        if (v === undefined) throw new TypeError(`${who}: missing required argument '${s.name}'`);
        ps.push(toParam(v, s.name, who));
      }
      // NumPy checks hypergeometric's total before the signs.
      if (spec.dist === 'hypergeometric') {
        eachN(ps, (g, b, n) => { if (g + b < n) throw new RangeError(`${who}: ngood + nbad < nsample`); }, who);
      }
      spec.params.forEach((s, i) => {
        for (const [bad, msg] of s.checks ?? []) check(ps[i]!, bad, msg, who);
      });
      for (const v of spec.fixed ?? []) ps.push({ scalar: v });
      if (spec.dist === 'uniform') checkUniform(ps[0]!, ps[1]!, legacy, who);
      if (spec.dist === 'triangular') checkTriangular(ps, who);
      return drawDist(bg, who, spec.dist, ps, size, dtype, device);
    } finally {
      freeParams(ps);
    }
  });
}
