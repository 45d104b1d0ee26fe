// np.histogram's bin-count estimators ('auto', 'fd', 'doane', 'scott', 'stone', 'rice',
// 'sturges', 'sqrt'), as NumPy's _hist_bin_* compute them. The statistics (min/max, std, mean,
// percentiles) run on a host copy of the data in the data's float dtype (float64 for integers),
// with NumPy's pairwise summation; the 'stone' estimator counts with the native histogram.
import { type DType, isFloat } from '../../core/dtype.js';
import type { NDArray } from '../../core/ndarray.js';
import { array } from '../creation/array.js';
import { countsForStone } from './histogram.js';
import { type Sc, cast, isWeak, num, op, scType, unsignedSubtract } from './histogram_scalars.js';

export const ESTIMATORS = ['stone', 'auto', 'doane', 'fd', 'rice', 'scott', 'sqrt', 'sturges'] as const;
export type Estimator = (typeof ESTIMATORS)[number];

/** NumPy's pairwise summation (blocks of 8 accumulators up to 128 elements) in dtype `dt`. */
function pairwise(x: Float64Array, lo: number, n: number, r: (v: number) => number): number {
  if (n < 8) {
    let s = -0;
    for (let i = 0; i < n; i++) s = r(s + x[lo + i]!);
    return s;
  }
  if (n <= 128) {
    const acc = Array.from({ length: 8 }, (_, j) => x[lo + j]!);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) acc[j] = r(acc[j]! + x[lo + i + j]!);
    let s = r(r(r(acc[0]! + acc[1]!) + r(acc[2]! + acc[3]!)) + r(r(acc[4]! + acc[5]!) + r(acc[6]! + acc[7]!)));
    for (; i < n; i++) s = r(s + x[lo + i]!);
    return s;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return r(pairwise(x, lo, n2, r) + pairwise(x, lo + n2, n - n2, r));
}

/** np.add.reduce of a 1-D array: the first element, plus the pairwise sum of the rest. */
function npSum(x: Float64Array, r: (v: number) => number): number {
  if (x.length === 0) return 0;
  return r(x[0]! + pairwise(x, 1, x.length - 1, r));
}

function npMean(x: Float64Array, r: (v: number) => number): number {
  return r(npSum(x, r) / x.length);
}

function npStd(x: Float64Array, r: (v: number) => number): number {
  const m = npMean(x, r);
  const d = x.map((v) => r(r(v - m) * r(v - m)));
  return r(Math.sqrt(r(npSum(d, r) / x.length)));
}

/**
 * np.percentile(x, q) with the default 'linear' method on sorted values: b - a is taken in the
 * data's dtype (rounded for floats, wrapping for integers, as NumPy's subtract does), the rest in
 * float64 (NumPy's interpolation weights are a float64 array, so the result is float64).
 */
function percentile(sorted: readonly (number | bigint)[], dt: DType, q: number): number {
  const n = sorted.length;
  const vi = (n - 1) * (q / 100);
  const prev = Math.floor(vi), next = Math.min(prev + 1, n - 1);
  const g = vi - prev;
  const a = sorted[prev]!, b = sorted[next]!;
  let diff: number;
  if (isFloat(dt)) {
    diff = op(dt, Number(b) - Number(a));
  } else {
    const bits = Number(/\d+/.exec(dt)?.[0] ?? 8);
    const d = BigInt(b) - BigInt(a);
    diff = Number(dt.startsWith('u') || dt === 'bool' ? BigInt.asUintN(bits, d) : BigInt.asIntN(bits, d));
  }
  return g >= 0.5 ? Number(b) - diff * (1 - g) : Number(a) + diff * g;
}

interface Data {
  /** Values as float64 (integers converted), in order. */
  x: Float64Array;
  /** The values as they are (bigint for 64-bit integers), and their dtype. */
  raw: (number | bigint)[];
  dtype: DType;
  /** The statistics dtype: the data's float dtype, or float64 for integers. */
  ft: DType;
  /** np.ptp via _unsigned_subtract: exact for integers. */
  ptp: Sc;
}

/** Values of `a` that `keep = (a >= first) & (a <= last)` keeps (all of them without a range). */
function keptValues(a: NDArray, first: Sc, last: Sc, ranged: boolean): (number | bigint)[] {
  const all = a.tolist() as (number | bigint)[];
  if (!ranged) return all;
  const f = isFloat(a.dtype);
  const bound = (s: Sc): number | bigint => (f && isWeak(s) ? cast(a.dtype, num(s)) : s.t === 'int' && !f ? BigInt(s.v) : num(s));
  const lo = bound(first), hi = bound(last);
  const ge = (v: number | bigint, b: number | bigint): boolean => (typeof v === 'bigint' && typeof b === 'bigint' ? v >= b : Number(v) >= Number(b));
  return all.filter((v) => ge(v, lo) && ge(hi, v));
}

function dataOf(a: NDArray, vals: (number | bigint)[]): Data {
  const ft: DType = isFloat(a.dtype) ? a.dtype : 'float64';
  const x = Float64Array.from(vals, Number);
  let mn = vals[0]!, mx = vals[0]!;
  for (const v of vals) {
    if (v < mn) mn = v;
    if (v > mx) mx = v;
  }
  return { x, raw: vals, dtype: a.dtype, ft, ptp: unsignedSubtract({ v: mx, t: a.dtype }, { v: mn, t: a.dtype }) };
}

const f64: Sc['t'] = 'float64';

/** The width for `name`, with the dtype NumPy's expression leaves it in. */
function width(name: Estimator, d: Data, a: NDArray, first: Sc, last: Sc, who: string): Sc {
  const n = d.x.length;
  const r = (v: number): number => op(d.ft, v);
  const ptp = num(d.ptp);
  // ptp (float or unsigned scalar) divided by a Python float keeps a float ptp's dtype
  const byWeak = (v: number): Sc => {
    const t = scType([d.ptp, { v: 0, t: 'float' }]);
    return { v: op(t, cast(t, ptp) / v), t };
  };
  switch (name) {
    case 'sqrt': return { v: ptp / Math.sqrt(n), t: f64 };
    case 'sturges': return { v: ptp / (Math.log2(n) + 1.0), t: f64 };
    case 'rice': return byWeak(2.0 * n ** (1.0 / 3));
    case 'scott': {
      const c = (24.0 * Math.PI ** 0.5 / n) ** (1.0 / 3.0);
      return { v: r(cast(d.ft, c) * npStd(d.x, r)), t: d.ft };
    }
    case 'fd': {
      const s = [...d.raw].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0));
      const iqr = percentile(s, d.dtype, 75) - percentile(s, d.dtype, 25);
      return { v: 2.0 * iqr * n ** (-1.0 / 3.0), t: f64 };
    }
    case 'auto': {
      const fd = width('fd', d, a, first, last, who);
      const sturges = width('sturges', d, a, first, last, who);
      const sqrt = width('sqrt', d, a, first, last, who);
      const fdc = num(fd) >= num(sqrt) / 2 || Number.isNaN(num(fd)) ? fd : { v: num(sqrt) / 2, t: f64 };
      return num(fdc) <= num(sturges) || Number.isNaN(num(fdc)) ? fdc : sturges;
    }
    case 'doane': {
      if (n > 2) {
        const sg1 = Math.sqrt(6.0 * (n - 2) / ((n + 1.0) * (n + 3)));
        const sigma = npStd(d.x, r);
        if (sigma > 0.0) {
          const m = npMean(d.x, r);
          const t = d.x.map((v) => {
            const z = r(r(v - m) / sigma);
            return r(r(z * z) * z);
          });
          const g1 = npMean(t, r);
          return { v: ptp / (1.0 + Math.log2(n) + Math.log2(1.0 + Math.abs(g1) / sg1)), t: f64 };
        }
      }
      return { v: 0.0, t: 'float' };
    }
    case 'stone': {
      if (n <= 1 || ptp === 0) return { v: 0, t: 'int' };
      const upper = Math.max(100, Math.floor(Math.sqrt(n)));
      // Python's min(range(1, upper + 1), key=jhat): the first smallest (a NaN first value stays)
      let best = 1, bestJ = NaN;
      for (let nb = 1; nb <= upper; nb++) {
        const hh = num(byWeakInt(d.ptp, nb));
        const counts = countsForStone(a, nb, first, last, who);
        let dot = 0;
        for (const c of counts) dot += (c / n) * (c / n);
        const j = (2 - (n + 1) * dot) / hh;
        if (nb === 1 || j < bestJ) {
          bestJ = j;
          best = nb;
        }
      }
      return byWeakInt(d.ptp, best);
    }
  }
}

/** ptp / nbins (a Python int): float64 for an unsigned ptp, the ptp's float dtype otherwise. */
function byWeakInt(ptp: Sc, k: number): Sc {
  const t = scType([ptp, { v: 0, t: 'float' }]);
  return { v: op(t, cast(t, num(ptp)) / k), t };
}

/**
 * The number of equal-width bins estimator `name` gives for `a` between first and last (NumPy's
 * _get_bin_edges: data outside an explicit range is left out; integer data gets widths >= 1).
 */
export function estimateBins(a: NDArray, name: Estimator, first: Sc, last: Sc, ranged: boolean, who: string): number {
  const vals = keptValues(a, first, last, ranged);
  if (vals.length === 0) return 1;
  const data = dataOf(a, vals);
  // 'stone' histograms the kept values themselves
  const sub = ranged && name === 'stone' ? array(vals as number[], { dtype: a.dtype }) : a;
  try {
    let w = width(name, data, sub, first, last, who);
    if (num(w) === 0) return 1;
    if (!isFloat(a.dtype) && num(w) < 1) w = { v: 1, t: 'int' };
    const delta = unsignedSubtract(last, first);
    let dt = scType([delta, w]);
    if (!isFloat(dt)) dt = 'float64';
    const q = op(dt, cast(dt, num(delta)) / cast(dt, num(w)));
    if (Number.isNaN(q)) throw new RangeError(`${who}: cannot convert float NaN to integer`);
    if (!Number.isFinite(q)) throw new RangeError(`${who}: cannot convert float infinity to integer`);
    return Math.ceil(q);
  } finally {
    if (sub !== a) sub.dispose();
  }
}
