// np.quantile / np.percentile / np.median and the nan- forms. The reduced axes are moved last and
// merged (NumPy's _ureduce), then a native command selects each lane's order statistics and applies
// NumPy's formula for the method in NumPy's dtypes (native/src/quantile.cc).
import { type DType, defaults, isFloat, resultType } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { type Op, defineOp } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { type Axis, reduceAxes } from '../../core/reduce.js';
import { sizeOf } from '../../core/shape.js';
import { reshape, transpose } from '../manip/views.js';
import { arange } from '../creation/arange.js';
import { isnan } from '../math/isnan.js';
import { where } from '../math/where.js';
import { argsortAlong } from '../sorting/argsort.js';
import { scatterBack, sort } from '../sorting/sort.js';
import { toOut } from './common.js';
import { nanmean } from './mean.js';

/** NumPy's methods, in the order native/src/quantile.cc numbers them. */
export const QUANTILE_METHODS = [
  'inverted_cdf', 'averaged_inverted_cdf', 'closest_observation', 'interpolated_inverted_cdf', 'hazen', 'weibull',
  'linear', 'median_unbiased', 'normal_unbiased', 'lower', 'higher', 'midpoint', 'nearest',
] as const;
export type QuantileMethod = (typeof QUANTILE_METHODS)[number];
/** Methods that pick an element (the result keeps the input's dtype). */
const TAKES: ReadonlySet<string> = new Set(['inverted_cdf', 'closest_observation', 'lower', 'higher', 'nearest']);

/** What a lane computes (native/src/quantile.cc's Kind). */
const Kind = { Quantile: 0, Median: 1, MaMedian: 2 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

export interface QuantileAttrs { dtype: DType; kind: number; method: number; skipNaN: boolean; intQ: boolean }

/** Inputs: the data with lanes along its last axis, q (float64, 1-D); output: (q count, lanes). */
export const quantileOp: Op<QuantileAttrs> = defineOp<QuantileAttrs>({
  name: 'quantile',
  kind: 'opaque',
  nin: 2,
  attrs: { dtype: 'float64', kind: 0, method: 6, skipNaN: false, intQ: false },
  infer: ([x, q], { dtype }) => [{ shape: [q!.shape[0]!, sizeOf(x!.shape.slice(0, -1))], dtype }],
  vjp: ([g], { inputs: [x], outputs: [r] }) => [quantileGrad(g!, x as NDArray, r!), null],
});

/**
 * The gradient of any quantile method, from the values alone: every method's result is an element of
 * its lane (the gradient goes to it, split evenly between equal elements, as max/min do) or
 * (1 - t)·s[lo] + t·s[lo + 1] for neighbouring order statistics s[lo] < r < s[lo + 1], t from r. The
 * weights on the sorted lane are scattered back through argsort. NaN results and NaN elements get none.
 */
function quantileGrad(g: NDArray, x: NDArray, r: NDArray): NDArray {
  const n = x.shape[x.ndim - 1]!;
  const [nq, lanes] = r.shape as [number, number];
  const xs = reshape(x, [lanes, n]);
  const s = reshape(sort(xs, { axis: -1 }), [1, lanes, n]);
  const r3 = reshape(r, [nq, lanes, 1]);
  const eq = s.eq(r3);
  const neq = eq.sum({ axis: -1, keepdims: true });
  const lo = s.lt(r3).sum({ axis: -1, keepdims: true }).sub(1);
  const pos = arange(n);
  const onLo = pos.eq(lo), onHi = pos.eq(lo.add(1));
  // (where, not a product: NaNs sort last in nan- lanes and NaN · 0 is NaN)
  const sLo = where(onLo, s, 0).sum({ axis: -1, keepdims: true });
  const sHi = where(onHi, s, 0).sum({ axis: -1, keepdims: true });
  const t = r3.sub(sLo).div(sHi.sub(sLo));
  const between = onLo.mul(np1(t)).add(onHi.mul(t));
  const w = where(isnan(r3), 0, where(neq.gt(0), eq.astype(r.dtype).div(neq), between));
  const gs = w.mul(reshape(g, [nq, lanes, 1])).sum({ axis: 0 }); // (lanes, n), in sorted order
  return reshape(scatterBack(gs, argsortAlong(xs, 1), 1), x.shape);
}
const np1 = (t: NDArray): NDArray => t.mul(-1).add(1);

export interface MedianOptions {
  axis?: Axis;
  out?: NDArray;
  keepdims?: boolean;
  /** Accepted for NumPy compatibility; the input is never modified. */
  overwrite_input?: boolean;
}

export interface QuantileOptions extends MedianOptions {
  /** One of NumPy's 13 methods; 'linear' by default. */
  method?: QuantileMethod;
}

/** q: a number (NumPy's weak Python scalar), a list (1-D or 2-D) or an NDArray. */
export type QuantileQ = number | readonly number[] | readonly (readonly number[])[] | NDArray;

interface QInfo {
  values: number[];
  shape: number[];
  /** A JS number: the result keeps the data's float dtype (NumPy's weak_q). */
  weak: boolean;
  /** Integer q (linear then takes an element, as NumPy does for integer virtual indexes). */
  int: boolean;
  /** The dtype an array q has (what the interpolation weights promote with). */
  dtype: DType;
}

function parseQ(q: QuantileQ, who: string, percent: boolean): QInfo {
  let values: number[];
  let shape: number[];
  let int: boolean;
  let dtype: DType;
  const weak = typeof q === 'number';
  if (typeof q === 'number') {
    values = [q];
    shape = [];
    int = Number.isSafeInteger(q);
    dtype = int ? 'int64' : 'float64';
  } else if (q instanceof NDArray) {
    q._check(who);
    values = Array.from(q.dataSync() as ArrayLike<number | bigint>, Number);
    shape = [...q.shape];
    int = !isFloat(q.dtype);
    dtype = q.dtype;
  } else if (Array.isArray(q)) {
    const rows = q as readonly (number | readonly number[])[];
    if (rows.some((r) => Array.isArray(r))) {
      if (!rows.every((r) => Array.isArray(r) && r.length === (rows[0] as readonly number[]).length && r.every((v) => typeof v === 'number'))) {
        throw new RangeError(`${who}: q must be a scalar or 1d`);
      }
      values = (rows as readonly (readonly number[])[]).flat();
      shape = [rows.length, (rows[0] as readonly number[]).length];
    } else {
      values = [...(rows as readonly number[])];
      shape = [values.length];
    }
    int = values.every((v) => Number.isSafeInteger(v));
    dtype = int ? 'int64' : defaults.float;
  } else {
    throw new TypeError(`${who}: q must be a number, an array of numbers or an NDArray`);
  }
  if (shape.length > 2) throw new RangeError(`${who}: q must be a scalar or 1d`);
  if (percent) {
    values = values.map((v) => v / 100);
    if (int) dtype = defaults.float;
    int = false;
  }
  if (!values.every((v) => v >= 0 && v <= 1)) {
    throw new RangeError(percent ? `${who}: Percentiles must be in the range [0, 100]` : `${who}: Quantiles must be in the range [0, 1]`);
  }
  return { values, shape, weak, int, dtype };
}

/** float64 made only from non-float64 operands becomes the default float (quark's rule). */
function defaultFloat(r: DType, ...from: DType[]): DType {
  return r === 'float64' && !from.includes('float64') ? defaults.float : r;
}

interface Spec {
  who: string;
  kind: Kind;
  skipNaN: boolean;
  q?: QInfo;
  method: QuantileMethod;
}

function run(a: NDArray, o: QuantileOptions, s: Spec): NDArray {
  const { who } = s;
  if (!(a instanceof NDArray)) throw new TypeError(`${who}: expected an NDArray`);
  a._check(who);
  const axes = reduceAxes(o.axis, a.ndim, who);
  // NumPy answers the nan- forms of empty input with nanmean (no q dimensions).
  if (s.skipNaN && a.size === 0) return nanmean(a, { axis: o.axis, keepdims: o.keepdims, out: o.out });
  const kept = [...a.shape.keys()].filter((i) => !axes.includes(i));
  const keptShape = kept.map((i) => a.shape[i]!);
  const n = axes.reduce((m, i) => m * a.shape[i]!, 1);
  const lanes = sizeOf(keptShape);
  // NumPy's _ureduce merges several reduced axes with reshape(kept + (-1,)): no -1 fits when kept has a 0.
  if (lanes === 0 && kept.length > 0 && axes.length > 1 && o.axis !== null && o.axis !== undefined) {
    throw new RangeError(`${who}: cannot reshape array of size 0 into shape (${[...keptShape, 'newaxis'].join(',')})`);
  }
  const q = s.q;
  const takes = s.kind === Kind.Quantile && (TAKES.has(s.method) || (s.method === 'linear' && q!.int));
  let dtype: DType;
  if (s.kind !== Kind.Quantile) dtype = isFloat(a.dtype) ? a.dtype : defaults.float;
  else if (takes) dtype = a.dtype;
  else if (a.dtype === 'bool') {
    throw new TypeError(`${who}: numpy boolean subtract, the \`-\` operator, is not supported, use the bitwise_xor, the \`^\` operator, or the logical_xor function instead.`);
  } else if (q!.weak) dtype = isFloat(a.dtype) ? a.dtype : defaults.float;
  else {
    const qd = q!.int ? defaults.float : q!.dtype; // integer q still interpolates with float64 weights
    dtype = defaultFloat(resultType([a.dtype, qd]), a.dtype, qd);
  }
  if (s.kind === Kind.Quantile && n === 0 && lanes > 0) {
    throw new RangeError(`${who}: index -1 is out of bounds for axis 0 with size 0`);
  }
  // nanmedian along an axis of a multi-dim array takes np.ma.median's formula below 600 elements.
  const kind = s.kind === Kind.Median && s.skipNaN && o.axis !== null && o.axis !== undefined && kept.length > 0 && n < 600
    ? Kind.MaMedian : s.kind;
  const qShape = q?.shape ?? [];
  const qValues = q?.values ?? [0.5];
  const t = transpose(a, [...kept, ...axes]);
  const x = reshape(t, [...keptShape, n]);
  t.dispose();
  const qa = NDArray._fromStorageData(Float64Array.from(qValues), [qValues.length], 'float64', a.device);
  let r: NDArray;
  try {
    r = applyOpaque(quantileOp, [x, qa], {
      dtype, kind, method: QUANTILE_METHODS.indexOf(s.method), skipNaN: s.skipNaN, intQ: q?.int ?? false,
    })[0]!;
  } finally {
    x.dispose();
    qa.dispose();
  }
  const shape = [...qShape, ...(o.keepdims ? a.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : keptShape)];
  const v = reshape(r, shape); // (a recorded movement op: autograd sees the result)
  r.dispose();
  return toOut(v, o.out, who);
}

function contiguous(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = acc;
    acc *= Math.max(shape[i]!, 1);
  }
  return st;
}

function methodOf(who: string, m: string | undefined): QuantileMethod {
  const method = m ?? 'linear';
  if (!(QUANTILE_METHODS as readonly string[]).includes(method)) {
    throw new RangeError(`${who}: '${method}' is not a valid method. Use one of: ${QUANTILE_METHODS.join(', ')}`);
  }
  return method as QuantileMethod;
}

function medianOptions(o: Axis | MedianOptions | undefined): MedianOptions {
  return o === undefined || o === null || typeof o === 'number' || Array.isArray(o) ? { axis: o as Axis | undefined } : o as MedianOptions;
}

function quantileLike(who: string, percent: boolean, skipNaN: boolean) {
  return (a: NDArray, q: QuantileQ, options: QuantileOptions = {}): NDArray =>
    run(a, options, { who, kind: Kind.Quantile, skipNaN, q: parseQ(q, who, percent), method: methodOf(who, options.method) });
}

/** np.quantile(a, q, { axis, out, keepdims, method }): q in [0, 1]; the result has q's dims first. */
export const quantile = quantileLike('quantile', false, false);
/** np.percentile(a, q, { axis, out, keepdims, method }): q in [0, 100]. */
export const percentile = quantileLike('percentile', true, false);
/** np.nanquantile: NaNs ignored (an all-NaN lane gives NaN). */
export const nanquantile = quantileLike('nanquantile', false, true);
export const nanpercentile = quantileLike('nanpercentile', true, true);

/** np.median(a, axis?) / np.median(a, { axis, out, keepdims }): a NaN in a lane makes it NaN. */
export function median(a: NDArray, options?: Axis | MedianOptions): NDArray {
  return run(a, medianOptions(options), { who: 'median', kind: Kind.Median, skipNaN: false, method: 'linear' });
}

/** np.nanmedian: the median of the non-NaN elements (NaN for an all-NaN lane). */
export function nanmedian(a: NDArray, options?: Axis | MedianOptions): NDArray {
  return run(a, medianOptions(options), { who: 'nanmedian', kind: Kind.Median, skipNaN: true, method: 'linear' });
}
