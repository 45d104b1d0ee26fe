// np.pad, every mode, composed as NumPy's arraypad does it: axes are padded one after another (so
// corners come from the already padded axes), each step one concatenate of [before, array, after]
// into the input's dtype (values converted as NumPy's assignment converts them: unsafe casts).
// reflect / symmetric / wrap pads wider than the data grow in several steps, as NumPy iterates.
import { type DType, intFits, isComplex, isInteger, kindOf, promoteTypes } from '../../core/dtype.js';
import { applyMovement } from '../../core/movement.js';
import { NDArray } from '../../core/ndarray.js';
import { normalizeAxis } from '../../core/shape.js';
import { empty, full } from '../creation/basic.js';
import { linspace } from '../creation/spaces.js';
import { arange } from '../creation/arange.js';
import { add } from '../math/add.js';
import { equal } from '../math/equal.js';
import { true_divide } from '../math/true_divide.js';
import { castArray } from '../../core/apply.js';
import { any } from '../reduce/logical.js';
import { sort } from '../sorting/sort.js';
import { isnan } from '../math/isnan.js';
import { where } from '../math/where.js';
import { multiply } from '../math/multiply.js';
import { round } from '../math/round.js';
import { subtract } from '../math/subtract.js';
import { max } from '../reduce/max.js';
import { mean } from '../reduce/mean.js';
import { min } from '../reduce/min.js';
import { median } from '../reduce/quantile.js';
import { type ArrayLike, arraysOf, leaves, sliceAxis, withTemps } from './common.js';
import { concatArrays } from './concatenate.js';
import { broadcastToOp, flipOp, squeezeOp } from './ops.js';
import { copy } from './views.js';

export type PadMode = 'constant' | 'edge' | 'linear_ramp' | 'maximum' | 'mean' | 'median' | 'minimum' | 'reflect' | 'symmetric' | 'wrap' | 'empty';

type Nested = number | bigint | boolean | readonly Nested[];
/** A width (or value) for every axis, (before, after), per axis, or as NumPy's dict {axis: width}. */
export type PadWidth = Nested | NDArray | Readonly<Record<number, number | readonly [number, number]>>;

export interface PadOptions {
  mode?: PadMode;
  /** 'constant': the values put before/after each axis (default 0). */
  constant_values?: Nested | NDArray;
  /** 'linear_ramp': the values the ramps end at (default 0). */
  end_values?: Nested | NDArray;
  /** 'maximum' / 'mean' / 'median' / 'minimum': how many values at each edge the statistic uses (default all). */
  stat_length?: Nested | NDArray | null;
  /** 'reflect' / 'symmetric': 'odd' extends by 2·edge − reflection. */
  reflect_type?: 'even' | 'odd';
}

const ALLOWED: Record<PadMode, readonly string[]> = {
  empty: [], edge: [], wrap: [], constant: ['constant_values'], linear_ramp: ['end_values'],
  maximum: ['stat_length'], mean: ['stat_length'], median: ['stat_length'], minimum: ['stat_length'],
  reflect: ['reflect_type'], symmetric: ['reflect_type'],
};

interface Host { shape: number[]; values: (number | bigint | boolean)[]; dtype: 'bool' | 'int64' | 'float64' }

/** np.array(x) on the host for the small width/value arguments. */
function hostArray(x: Nested | NDArray, who: string): Host {
  if (x instanceof NDArray) {
    const values = x.size === 0 ? [] : leaves(x.tolist());
    const dtype = x.dtype === 'bool' ? 'bool' : isInteger(x.dtype) ? 'int64' : 'float64';
    return { shape: [...x.shape], values, dtype };
  }
  const shape: number[] = [];
  for (let p: Nested = x; Array.isArray(p); p = (p as readonly Nested[])[0]!) {
    shape.push((p as readonly Nested[]).length);
    if ((p as readonly Nested[]).length === 0) break;
  }
  const values = leaves(x);
  if (values.length !== shape.reduce((m, d) => m * d, 1)) throw new RangeError(`${who}: setting an array element with a sequence. The requested array has an inhomogeneous shape`);
  const dtype = values.every((v) => typeof v === 'boolean') ? 'bool'
    : values.every((v) => typeof v === 'bigint' || typeof v === 'boolean' || Number.isInteger(v)) ? 'int64' : 'float64';
  return { shape, values, dtype };
}

type Pair<T> = [T, T];

/** np.round: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Whether _as_pairs hands out NumPy scalars (one or two values) rather than Python values (tolist). */
function scalarPath(h: Host): boolean {
  return h.shape.length < 3 && (h.values.length === 1 || (h.values.length === 2 && !(h.shape.length === 2 && h.shape[0] === 2 && h.shape[1] === 1)));
}

/** NumPy's _as_pairs: broadcasts to (ndim, 2); with asIndex, integers that must not be negative. */
function asPairs(h: Host, ndim: number, asIndex: boolean, who: string): Pair<number | bigint | boolean>[] {
  let vals = h.values;
  if (asIndex) vals = vals.map((v) => roundHalfEven(Number(v)));
  const neg = (vs: readonly (number | bigint | boolean)[]) => asIndex && vs.some((v) => Number(v) < 0);
  if (h.shape.length < 3) {
    if (vals.length === 1) {
      if (neg(vals)) throw new RangeError(`${who}: index can't contain negative values`);
      return Array.from({ length: ndim }, () => [vals[0]!, vals[0]!]);
    }
    if (vals.length === 2 && !(h.shape.length === 2 && h.shape[0] === 2 && h.shape[1] === 1)) {
      if (neg(vals)) throw new RangeError(`${who}: index can't contain negative values`);
      return Array.from({ length: ndim }, () => [vals[0]!, vals[1]!]);
    }
  }
  if (neg(vals)) throw new RangeError(`${who}: index can't contain negative values`);
  // np.broadcast_to(x, (ndim, 2))
  const s = h.shape;
  const ok = s.length <= 2 && (s.length < 2 || s[s.length - 2] === 1 || s[s.length - 2] === ndim) && (s.length < 1 || s[s.length - 1] === 1 || s[s.length - 1] === 2);
  if (!ok) {
    throw new RangeError(`${who}: operands could not be broadcast together with remapped shapes [original->remapped]: (${s.join(',')}${s.length === 1 ? ',' : ''})  and requested shape (${ndim},2)`);
  }
  const rows = s.length === 2 ? s[0]! : 1, cols = s.length >= 1 ? s[s.length - 1]! : 1;
  return Array.from({ length: ndim }, (_, i) => {
    const r = rows === 1 ? 0 : i;
    return [vals[r * cols]!, vals[r * cols + (cols === 1 ? 0 : 1)]!];
  });
}

function padWidths(pw: PadWidth, ndim: number, who: string): Pair<number>[] {
  if (typeof pw === 'object' && pw !== null && !Array.isArray(pw) && !(pw instanceof NDArray)) {
    const seq: Pair<number>[] = Array.from({ length: ndim }, () => [0, 0]);
    for (const [k, w] of Object.entries(pw as Record<string, number | readonly [number, number]>)) {
      const ax = normalizeAxis(Number(k), ndim, who);
      seq[ax] = typeof w === 'number' ? [w, w] : [w[0], w[1]];
    }
    pw = seq;
  }
  const h = hostArray(pw as Nested | NDArray, who);
  const intLike = pw instanceof NDArray ? isInteger(pw.dtype) : h.dtype === 'int64' && !h.values.some((v) => typeof v === 'boolean');
  if (!intLike || h.values.length === 0) throw new TypeError(`${who}: \`pad_width\` must be of integral type.`);
  return asPairs(h, ndim, true, who) as Pair<number>[];
}

/** A part of `cur`'s shape with `width` along `axis`. */
const partShape = (cur: NDArray, axis: number, width: number): number[] => cur.shape.map((d, i) => (i === axis ? width : d));

/** np.pad: `array` grown by pad_width on each side of each axis, filled as `mode` says. */
export function pad(array: ArrayLike, pad_width: PadWidth, options: PadMode | PadOptions = {}): NDArray {
  const o: PadOptions = typeof options === 'string' ? { mode: options } : options;
  const who = 'pad';
  const mode = o.mode ?? 'constant';
  if (!(mode in ALLOWED)) throw new RangeError(`${who}: mode '${String(mode)}' is not supported`);
  const extra = Object.keys(o).filter((k) => k !== 'mode' && (o as Record<string, unknown>)[k] !== undefined && !ALLOWED[mode].includes(k));
  if (extra.length) throw new RangeError(`${who}: unsupported keyword arguments for mode '${mode}': {${extra.map((k) => `'${k}'`).join(', ')}}`);
  return withTemps((owned) => {
    const [x] = arraysOf([array], who, owned);
    const a = x!;
    const widths = padWidths(pad_width, a.ndim, who);
    const dtype = a.dtype;
    const outShape = a.shape.map((d, i) => d + widths[i]![0] + widths[i]![1]);
    const keep = (t: NDArray): NDArray => { owned.push(t); return t; };
    const join = (cur: NDArray, axis: number, left: NDArray | null, right: NDArray | null): NDArray =>
      keep(concatArrays(who, [...(left ? [left] : []), cur, ...(right ? [right] : [])], axis, { dtype, casting: 'unsafe' }));
    const bcast = (v: NDArray, cur: NDArray, axis: number, width: number): NDArray =>
      keep(applyMovement(broadcastToOp, v, { shape: partShape(cur, axis, width) }));

    if (mode === 'empty') return empty(outShape, { dtype, device: a.device });
    if (mode !== 'constant' && a.size === 0) {
      a.shape.forEach((d, i) => {
        if (d === 0 && (widths[i]![0] > 0 || widths[i]![1] > 0)) {
          throw new RangeError(`${who}: can't extend empty axis ${i} using modes other than 'constant' or 'empty'`);
        }
      });
      return empty(outShape, { dtype, device: a.device });
    }

    let cur = a;
    const constPairs = (v: Nested | NDArray | undefined): [Pair<number | bigint | boolean>[], DType, boolean] => {
      const h = hostArray(v ?? 0, who);
      return [asPairs(h, a.ndim, false, who), h.dtype, scalarPath(h)];
    };
    const scalarArr = (v: number | bigint | boolean, d: DType): NDArray => keep(full([], v as number, { dtype: d, device: a.device }));
    /**
     * A constant as NumPy's `padded[...] = value` stores it: into integer arrays the value is
     * truncated and must fit, except that a NumPy scalar (the one- and two-value forms) wraps
     * into unsigned dtypes; other dtypes convert.
     */
    const constant = (v: number | bigint | boolean, vd: DType, npScalar: boolean): NDArray => {
      if (!isInteger(dtype)) return scalarArr(v, vd);
      if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError(`${who}: cannot convert float ${v} to integer`);
      const t = typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
      if ((!npScalar || kindOf(dtype) === 'i') && !intFits(t, dtype)) throw new RangeError(`${who}: Python integer ${t} out of bounds for ${dtype}`);
      return scalarArr(t, intFits(t, 'int64') ? 'int64' : 'uint64');
    };

    if (mode === 'constant') {
      const [pairs, vd, npScalar] = constPairs(o.constant_values);
      widths.forEach(([b, e], axis) => {
        if (b === 0 && e === 0) return;
        const l = b > 0 ? bcast(constant(pairs[axis]![0], vd, npScalar), cur, axis, b) : null;
        const r = e > 0 ? bcast(constant(pairs[axis]![1], vd, npScalar), cur, axis, e) : null;
        cur = join(cur, axis, l, r);
      });
    } else if (mode === 'edge') {
      widths.forEach(([b, e], axis) => {
        if (b === 0 && e === 0) return;
        const n = cur.shape[axis]!;
        const l = b > 0 ? bcast(keep(sliceAxis(cur, axis, 0, 1)), cur, axis, b) : null;
        const r = e > 0 ? bcast(keep(sliceAxis(cur, axis, n - 1, n)), cur, axis, e) : null;
        cur = join(cur, axis, l, r);
      });
    } else if (mode === 'linear_ramp') {
      // One or two end values are NumPy scalars (strong: linspace computes in float64), more are
      // Python values (weak: it computes in the array's float dtype), as in NumPy.
      const [pairs, vd, npScalar] = constPairs(o.end_values);
      widths.forEach(([b, e], axis) => {
        if (b === 0 && e === 0) return;
        const n = cur.shape[axis]!;
        const edge = (i: number): NDArray => keep(applyMovement(squeezeOp, keep(sliceAxis(cur, axis, i, i + 1)), { axes: [axis] }));
        const ramp = (end: number | bigint | boolean, i: number, w: number): NDArray =>
          isComplex(dtype) ? complexRamp(end, edge(i), w)
            : keep(linspace(npScalar ? scalarArr(end, vd) : Number(end), edge(i), { num: w, endpoint: false, dtype, axis }));
        /**
         * NumPy's linspace(end, stop, num=w, endpoint=False) for complex stop, written with the
         * complex ufuncs (their loops are NumPy's): y = arange(w) * (stop - start) / w + start, or
         * arange(w) / w * delta when a step is 0; in the promoted complex dtype, then cast.
         */
        const complexRamp = (end: number | bigint | boolean, stop: NDArray, w: number): NDArray => {
          const dt = npScalar ? promoteTypes(vd, dtype) : dtype;
          const st = scalarArr(end, npScalar ? vd : 'float64');
          const sc = keep(castArray(st, dt)), ec = keep(castArray(stop, dt));
          const delta = keep(subtract(ec, sc));
          const step = keep(true_divide(delta, w));
          const zero = keep(any(keep(equal(step, 0)))).item() as boolean;
          const shape = stop.shape.map((_, k) => 1);
          shape.splice(axis, 0, w);
          const y0 = keep(arange(0, w, 1, { dtype: dt }).reshape(shape));
          const ex = (t: NDArray) => keep(t.reshape(t.shape.toSpliced(axis, 0, 1)));
          const y = zero ? keep(multiply(keep(true_divide(y0, w)), ex(delta))) : keep(multiply(y0, ex(step)));
          return keep(castArray(keep(add(y, sc)), dtype));
        };
        const l = b > 0 ? ramp(pairs[axis]![0], 0, b) : null;
        const r = e > 0 ? keep(applyMovement(flipOp, ramp(pairs[axis]![1], n - 1, e), { axes: [axis] })) : null;
        cur = join(cur, axis, l, r);
      });
    } else if (mode === 'maximum' || mode === 'minimum' || mode === 'mean' || mode === 'median') {
      const lengths = o.stat_length === undefined || o.stat_length === null ? null : asPairs(hostArray(o.stat_length, who), a.ndim, true, who) as Pair<number>[];
      const stat = { maximum: max, minimum: min, mean, median }[mode] as (t: NDArray, opt: { axis: number; keepdims: boolean }) => NDArray;
      widths.forEach(([b, e], axis) => {
        const n = cur.shape[axis]!;
        const ll = lengths === null || n < lengths[axis]![0] ? n : lengths[axis]![0];
        const rl = lengths === null || n < lengths[axis]![1] ? n : lengths[axis]![1];
        if ((ll === 0 || rl === 0) && (mode === 'maximum' || mode === 'minimum')) {
          throw new RangeError(`${who}: stat_length of 0 yields no value for padding`);
        }
        if (b === 0 && e === 0) return; // (NumPy checks stat_length on every axis first)
        const statOf = (start: number, len: number): NDArray => {
          const sl = keep(sliceAxis(cur, axis, start, start + len));
          if (mode === 'median' && isComplex(dtype) && len > 0) return complexMedian(sl, len);
          let s = keep(stat(sl, { axis, keepdims: true }));
          if (isInteger(dtype)) s = keep(round(s));
          return s;
        };
        /**
         * NumPy's median of complex values (np.median sorts them lexicographically, NaNs last):
         * the mean of the middle one or two, or the last value when it is NaN.
         */
        const complexMedian = (sl: NDArray, len: number): NDArray => {
          const srt = keep(sort(sl, { axis }));
          const h = len >> 1;
          const mid = keep(mean(keep(sliceAxis(srt, axis, len % 2 ? h : h - 1, h + 1)), { axis, keepdims: true }));
          const last = keep(sliceAxis(srt, axis, len - 1, len));
          return keep(where(keep(isnan(last)), last, mid));
        };
        const ls = statOf(0, ll);
        const rs = ll === rl && rl === n ? ls : statOf(n - rl, rl);
        cur = join(cur, axis, b > 0 ? bcast(ls, cur, axis, b) : null, e > 0 ? bcast(rs, cur, axis, e) : null);
      });
    } else if (mode === 'reflect' || mode === 'symmetric') {
      const odd = (o.reflect_type ?? 'even') === 'odd';
      if (o.reflect_type !== undefined && o.reflect_type !== 'even' && o.reflect_type !== 'odd') {
        throw new RangeError(`${who}: reflect_type must be 'even' or 'odd'`);
      }
      const include = mode === 'symmetric';
      widths.forEach(([b, e], axis) => {
        if (b === 0 && e === 0) return;
        const period = a.shape[axis]!;
        if (period === 1) {
          const l = b > 0 ? bcast(keep(sliceAxis(cur, axis, 0, 1)), cur, axis, b) : null;
          const r = e > 0 ? bcast(keep(sliceAxis(cur, axis, 0, 1)), cur, axis, e) : null;
          cur = join(cur, axis, l, r);
          return;
        }
        let lp = b, rp = e;
        while (lp > 0 || rp > 0) {
          const len = cur.shape[axis]!;
          let old: number;
          const eo = include ? 1 : 0;
          if (include) old = Math.floor(len / period) * period;
          else old = Math.floor((len - 1) / (period - 1)) * (period - 1) + 1 - 1;
          const reflected = (start: number, cl: number, edgeAt: number): NDArray => {
            let c = keep(applyMovement(flipOp, keep(sliceAxis(cur, axis, start, start + cl)), { axes: [axis] }));
            if (odd) {
              const edge = keep(sliceAxis(cur, axis, edgeAt, edgeAt + 1));
              c = keep(subtract(keep(multiply(edge, 2)), c));
            }
            return c;
          };
          let l: NDArray | null = null, r: NDArray | null = null;
          if (lp > 0) {
            const cl = Math.min(old, lp);
            l = reflected(1 - eo, cl, 0);
            lp -= cl;
          }
          if (rp > 0) {
            const cl = Math.min(old, rp);
            r = reflected(len - 1 + eo - cl, cl, len - 1);
            rp -= cl;
          }
          cur = join(cur, axis, l, r);
        }
      });
    } else if (mode === 'wrap') {
      widths.forEach(([b, e], axis) => {
        const orig = a.shape[axis]!;
        let lp = b, rp = e;
        while (lp > 0 || rp > 0) {
          const len = cur.shape[axis]!;
          const period = Math.floor(len / orig) * orig;
          let l: NDArray | null = null, r: NDArray | null = null;
          if (lp > 0) {
            const m = Math.min(period, lp);
            l = keep(sliceAxis(cur, axis, period - m, period));
            lp -= m;
          }
          if (rp > 0) {
            const m = Math.min(period, rp);
            r = keep(sliceAxis(cur, axis, len - period, len - period + m));
            rp -= m;
          }
          cur = join(cur, axis, l, r);
        }
      });
    }
    if (cur === a) return copy(a);
    // The last step's result is returned, not freed with the temporaries.
    owned.splice(owned.indexOf(cur), 1);
    return cur;
  });
}
