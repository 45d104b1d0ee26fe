// np.histogram and np.histogram_bin_edges. The per-call numbers (edges, range checks, the width
// arithmetic) follow NumPy's scalar rules on the host (histogram_scalars.ts); the per-element work
// (range test, bin index, counting or weighted sums) is one native pass.
import { castArray } from '../../core/apply.js';
import { astype } from '../manip/views.js';
import { type DType, isFloat, isInteger, itemsize, promoteTypes } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { defineOp } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { scope } from '../../core/memory.js';
import { array } from '../creation/array.js';
import { true_divide } from '../math/true_divide.js';
import { max } from '../reduce/max.js';
import { min } from '../reduce/min.js';
import { sum } from '../reduce/sum.js';
import { type ArrayLike, checkOptions, flat, toArray } from './common.js';
import { histogramWeightsGrad } from './histogram_grad.js';
import { ESTIMATORS, type Estimator, estimateBins } from './histogram_bins.js';
import { type Sc, addWeakFloat, cast, isWeak, linspaceEdges, num, op, pyStr, scType, unsignedSubtract, weak } from './histogram_scalars.js';

export interface UniformAttrs {
  nbins: number;
  /** Edges' dtype (B), the division's dtype (T2), the weights' dtype (null: counts). */
  binType: DType;
  divType: DType;
  weightType: DType | null;
  /** 0: no test; 1: compare as float64; 2: exact integer comparison. */
  loMode: number;
  hiMode: number;
  lo: number;
  hi: number;
  /** Mode-2 bounds exactly, as [high 32 bits (signed), low 32 bits]. */
  loInt: [number, number];
  hiInt: [number, number];
  /** first edge in B, and the range width in T2. */
  first: number;
  denom: number;
}

/** Equal-width bins: NumPy's index arithmetic and ±1 correction; int64 counts or float64 sums. */
export const histogramUniformOp = defineOp<UniformAttrs>({
  name: 'histogram_uniform',
  kind: 'opaque',
  nin: 3,
  attrs: { nbins: 1, binType: 'float64', divType: 'float64', weightType: null, loMode: 0, hiMode: 0, lo: 0, hi: 0, loInt: [0, 0], hiInt: [0, 0], first: 0, denom: 1 },
  infer: (_, a) => [{ shape: [a.nbins], dtype: a.weightType === null ? 'int64' : 'float64' }],
  vjp: ([g], { inputs: [a, e] }) => histogramWeightsGrad(g!, a as NDArray, e as NDArray),
  vjpSaves: { outputs: false },
});

/** Explicit edges (same dtype as x): counts per bin, or float64 sums of weights. */
export const histogramEdgesOp = defineOp({
  name: 'histogram_edges',
  kind: 'opaque',
  nin: 3,
  infer: ([, e]) => [{ shape: [e!.shape[0]! - 1], dtype: 'int64' }],
});

export interface EdgesWeightedAttrs {
  /** The weights' dtype (the result's), and the dtype their running sums take (np.cumsum's). */
  weightType: DType;
  cumsumType: DType;
}

/** Explicit edges with weights, NumPy's way: differences of running sums (float64 holding weightType values). */
export const histogramEdgesWeightedOp = defineOp<EdgesWeightedAttrs>({
  name: 'histogram_edges_weighted',
  kind: 'opaque',
  nin: 3,
  attrs: { weightType: 'float64', cumsumType: 'float64' },
  infer: ([, e]) => [{ shape: [e!.shape[0]! - 1], dtype: 'float64' }],
  vjp: ([g], { inputs: [a, e] }) => histogramWeightsGrad(g!, a as NDArray, e as NDArray),
  vjpSaves: { outputs: false },
});

export type Bins = number | bigint | Estimator | ArrayLike;

export interface HistogramOptions {
  /** Number of equal-width bins (default 10), their edges, or an estimator's name ('auto', 'fd', …). */
  bins?: Bins;
  /** [lower, upper]; values outside are ignored (default: a's min and max). */
  range?: readonly [number | bigint, number | bigint] | null;
  density?: boolean | null;
  /** One weight per element of a (same shape). */
  weights?: ArrayLike | null;
}

interface Prepared {
  a: NDArray;
  w?: NDArray;
}

/** NumPy's _ravel_and_check_weights: bool data counts as uint8; weights must match a's shape. */
function prepare(a: ArrayLike, weights: ArrayLike | null | undefined, who: string): Prepared {
  let x = toArray(a, who);
  if (x.dtype === 'bool') x = castArray(x, 'uint8');
  let w: NDArray | undefined;
  if (weights !== undefined && weights !== null) {
    w = toArray(weights, who);
    if (w.ndim !== x.ndim || w.shape.some((d, i) => d !== x.shape[i])) throw new RangeError(`${who}: weights should have the same shape as a.`);
    w = flat(w);
  }
  return { a: flat(x), w };
}

/** NumPy's _get_outer_edges: the range, or a's min and max, widened by 0.5 each way when equal. */
export function outerEdges(a: NDArray, range: readonly [Sc, Sc] | null, who: string): [Sc, Sc] {
  let first: Sc, last: Sc;
  if (range) {
    [first, last] = range;
    if (num(first) > num(last) || (typeof first.v === 'bigint' && typeof last.v === 'bigint' && first.v > last.v)) {
      throw new RangeError(`${who}: max must be larger than min in range parameter.`);
    }
    if (!Number.isFinite(num(first)) || !Number.isFinite(num(last))) {
      throw new RangeError(`${who}: supplied range of [${pyStr(first)}, ${pyStr(last)}] is not finite`);
    }
  } else if (a.size === 0) {
    first = { v: 0, t: 'int' };
    last = { v: 1, t: 'int' };
  } else {
    first = { v: min(a).item() as number | bigint, t: a.dtype };
    last = { v: max(a).item() as number | bigint, t: a.dtype };
    if (!Number.isFinite(num(first)) || !Number.isFinite(num(last))) {
      throw new RangeError(`${who}: autodetected range of [${pyStr(first)}, ${pyStr(last)}] is not finite`);
    }
  }
  const equal = typeof first.v === 'bigint' || typeof last.v === 'bigint' ? BigInt(first.v) === BigInt(last.v) : first.v === last.v;
  if (equal) {
    first = addWeakFloat(first, -0.5);
    last = addWeakFloat(last, 0.5);
  }
  return [first, last];
}

function rangeArg(range: HistogramOptions['range'], who: string): [Sc, Sc] | null {
  if (range === undefined || range === null) return null;
  if (!Array.isArray(range) || range.length !== 2) throw new RangeError(`${who}: range must be a pair [min, max]`);
  return [weak(range[0]!), weak(range[1]!)];
}

/** The bin dtype: result_type(first, last, a), integers made float. */
function binTypeOf(first: Sc, last: Sc, a: NDArray): DType {
  const t = scType([first, last], [a.dtype]);
  return isFloat(t) ? t : scType([{ v: 0, t: 'float' }], [t]);
}

interface EqualBins {
  kind: 'equal';
  edges: number[];
  binType: DType;
  first: Sc;
  last: Sc;
  n: number;
}
interface ExplicitBins {
  kind: 'explicit';
  edges: NDArray;
}

/** NumPy's _get_bin_edges. */
function binEdges(p: Prepared, bins: Bins | undefined, range: [Sc, Sc] | null, who: string): EqualBins | ExplicitBins {
  const a = p.a;
  let n: number;
  let first: Sc, last: Sc;
  if (typeof bins === 'string') {
    if (!(ESTIMATORS as readonly string[]).includes(bins)) throw new RangeError(`${who}: '${bins}' is not a valid estimator for \`bins\``);
    if (p.w) throw new TypeError(`${who}: Automated estimation of the number of bins is not supported for weighted data`);
    [first, last] = outerEdges(a, range, who);
    n = estimateBins(a, bins as Estimator, first, last, range !== null, who);
  } else if (bins === undefined || typeof bins === 'number' || typeof bins === 'bigint' || (bins instanceof NDArray && bins.ndim === 0)) {
    const b = bins === undefined ? 10 : bins instanceof NDArray ? bins.item() : bins;
    if (typeof b === 'boolean' || (typeof b === 'number' && !Number.isInteger(b)) || (bins instanceof NDArray && !isInteger(bins.dtype))) {
      throw new TypeError(`${who}: \`bins\` must be an integer, a string, or an array`);
    }
    n = Number(b);
    if (n < 1) throw new RangeError(`${who}: \`bins\` must be positive, when an integer`);
    [first, last] = outerEdges(a, range, who);
  } else {
    const e = toArray(bins as ArrayLike, who);
    if (e.ndim !== 1) throw new RangeError(`${who}: \`bins\` must be 1d, when an array`);
    const v = e.tolist() as (number | bigint | boolean)[];
    for (let i = 0; i + 1 < v.length; i++) {
      if (v[i]! > v[i + 1]!) throw new RangeError(`${who}: \`bins\` must increase monotonically, when an array`);
    }
    return { kind: 'explicit', edges: e };
  }
  const binType = binTypeOf(first, last, a);
  if (n + 1 > 2 ** 27) {
    // NumPy fails to allocate the edges (an estimator on a huge range); so do we, before trying.
    const bytes = (n + 1) * itemsize(binType);
    if (bytes >= 2 ** 63) throw new RangeError(`${who}: array is too big; \`arr.size * arr.dtype.itemsize\` is larger than the maximum possible size.`);
    throw new RangeError(`${who}: Unable to allocate ${bytes} bytes for an array with shape (${n + 1},) and data type ${binType}`);
  }
  const edges = linspaceEdges(first, last, n + 1, binType);
  for (let i = 0; i < n; i++) {
    if (!(edges[i]! < edges[i + 1]!)) throw new RangeError(`${who}: Too many bins for data range. Cannot create ${n} finite-sized bins.`);
  }
  return { kind: 'equal', edges, binType, first, last, n };
}

interface BoundTest { mode: number; value: number; exact: [number, number] }

/** How the native pass tests `x >= bound` (or <=) for a bound compared as NumPy would. */
function boundTest(a: DType, s: Sc): BoundTest {
  if (isFloat(a)) return { mode: 1, value: isWeak(s) ? cast(a, num(s)) : num(s), exact: [0, 0] };
  // Integer data: a Python int compares exactly, a float (or a float scalar) as float64.
  const intBound = s.t === 'int' || (!isWeak(s) && !isFloat(s.t as DType));
  if (!intBound) return { mode: 1, value: num(s), exact: [0, 0] };
  // Out-of-range bounds only need to stay out of range: clamp into what 65 bits hold.
  let b = BigInt(s.v);
  if (b < -(2n ** 63n) - 1n) b = -(2n ** 63n) - 1n;
  if (b > 2n ** 64n) b = 2n ** 64n;
  return { mode: 2, value: num(s), exact: [Number(b >> 32n), Number(b & 0xffffffffn)] };
}

function countEqual(p: Prepared, b: EqualBins, ranged: boolean, who: string): NDArray {
  const { a, w } = p;
  const { first, last, n, binType } = b;
  if (n === 0) {
    // An estimator's infinite width leaves no bin: NumPy's index arithmetic then goes negative.
    if (a.size > 0) throw new RangeError(`${who}: 'list' argument must have no negative elements`);
    return NDArray._empty([0], w ? w.dtype : 'int64', a.device);
  }
  const denom = unsignedSubtract(last, first);
  const divType = promoteTypes(binType, denom.t as DType);
  const none: BoundTest = { mode: 0, value: 0, exact: [0, 0] };
  const lo = ranged ? boundTest(a.dtype, first) : none;
  const hi = ranged ? boundTest(a.dtype, last) : none;
  const attrs: UniformAttrs = {
    nbins: n, binType, divType, weightType: w ? w.dtype : null,
    loMode: lo.mode, hiMode: hi.mode, lo: lo.value, hi: hi.value, loInt: lo.exact, hiInt: hi.exact,
    first: cast(binType, num(first)), denom: cast(divType, num(denom)),
  };
  const edges = array(b.edges, { dtype: binType });
  // (weights through the recorded astype: autograd sees them, and says the op has no gradient)
  const w64 = w && astype(w, 'float64');
  const out = applyOpaque(histogramUniformOp, w64 ? [a, edges, w64] : [a, edges], attrs)[0]!;
  return w ? astype(out, w.dtype) : out;
}

function countExplicit(p: Prepared, edges: NDArray, who: string): NDArray {
  const { a, w } = p;
  const ntype: DType = w ? w.dtype : 'int64';
  if (w && w.dtype === 'bool' && a.size === 0) {
    // NumPy's running sums never run on empty data; the bool zeros' diff stays bool.
    return NDArray._fromStorageData(new Uint8Array(Math.max(edges.size - 1, 0)), [Math.max(edges.size - 1, 0)], 'bool', a.device);
  }
  if (w && w.dtype === 'bool') {
    throw new TypeError(`${who}: Cannot cast ufunc 'add' output from dtype('int64') to dtype('bool') with casting rule 'same_kind'`);
  }
  if (edges.size < 2) return NDArray._empty([0], ntype, a.device);
  const t = promoteTypes(a.dtype, edges.dtype);
  const ac = a.dtype === t ? a : castArray(a, t);
  const ec = edges.dtype === t ? edges : castArray(edges, t);
  if (!w) return applyOpaque(histogramEdgesOp, [ac, ec], {})[0]!;
  // np.cumsum's dtype: small ints widen to int64 (unsigned to uint64), floats keep theirs.
  const cumsumType: DType = isFloat(ntype) ? ntype : ntype.startsWith('u') ? 'uint64' : 'int64';
  const out = applyOpaque(histogramEdgesWeightedOp, [ac, ec, astype(w, 'float64')], { weightType: ntype, cumsumType })[0]!;
  return astype(out, ntype);
}

/** histogram's density: n / diff(edges) / n.sum(), in float64 (diff taken in the edges' dtype). */
function density(n: NDArray, b: EqualBins | ExplicitBins): NDArray {
  let db: number[];
  if (b.kind === 'equal') {
    db = b.edges.slice(1).map((x, i) => op(b.binType, x - b.edges[i]!));
  } else {
    const dt = b.edges.dtype;
    const e = b.edges.tolist() as (number | bigint | boolean)[];
    db = e.slice(1).map((x, i) => (isFloat(dt) ? op(dt, Number(x) - Number(e[i])) : Number(BigInt(x) - BigInt(e[i]!))));
  }
  return true_divide(true_divide(n, array(db, { dtype: 'float64' })), sum(n));
}

function edgesArray(b: EqualBins | ExplicitBins): NDArray {
  return b.kind === 'equal' ? array(b.edges, { dtype: b.binType }) : b.edges;
}

/**
 * np.histogram: [hist, bin_edges]. `bins` is a count of equal-width bins over `range` (default
 * a's min..max), explicit edges (monotonic; the last bin includes its right edge), or an
 * estimator name. hist is int64, the weights' dtype with `weights`, float64 with `density`.
 */
export function histogram(a: ArrayLike, opts: HistogramOptions = {}): [NDArray, NDArray] {
  const who = 'histogram';
  checkOptions(opts, ['bins', 'range', 'density', 'weights'], who);
  return scope(() => {
    const p = prepare(a, opts.weights, who);
    const range = rangeArg(opts.range, who);
    const b = binEdges(p, opts.bins, range, who);
    let n = b.kind === 'equal' ? countEqual(p, b, range !== null, who) : countExplicit(p, b.edges, who);
    const edges = edgesArray(b);
    if (opts.density) n = density(n, b);
    // NumPy hands back the bins array itself; quark returns a copy, so that each result is owned once.
    return [n, edges === opts.bins ? edges.copy() : edges] as [NDArray, NDArray];
  });
}

/** np.histogram_bin_edges: the edges np.histogram would use (same arguments, no counting). */
export function histogram_bin_edges(a: ArrayLike, opts: Omit<HistogramOptions, 'density'> = {}): NDArray {
  const who = 'histogram_bin_edges';
  checkOptions(opts, ['bins', 'range', 'weights'], who);
  return scope(() => {
    const p = prepare(a, opts.weights, who);
    const b = binEdges(p, opts.bins, rangeArg(opts.range, who), who);
    const e = edgesArray(b);
    return e === opts.bins ? e.copy() : e;
  });
}

/** @internal histogram counts for the 'stone' estimator: equal bins over the given edges. */
export function countsForStone(a: NDArray, nbins: number, first: Sc, last: Sc, who: string): number[] {
  return scope(() => {
    const p: Prepared = { a };
    const [f, l] = outerEdges(a, [first, last], who);
    const binType = binTypeOf(f, l, a);
    const b: EqualBins = { kind: 'equal', edges: linspaceEdges(f, l, nbins + 1, binType), binType, first: f, last: l, n: nbins };
    const c = countEqual(p, b, true, who);
    return [...(c._readRawSync('histogram') as BigInt64Array)].map(Number);
  });
}

