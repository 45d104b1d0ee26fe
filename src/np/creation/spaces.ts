// np.linspace, np.logspace, np.geomspace: values computed on the host as NumPy computes them
// (see host.ts), in quark's default float unless a dtype is given.
import { parseDevice } from '../../core/device.js';
import { type DType, defaults, isFloat, isInteger, promoteTypes } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { broadcastShapes, sizeOf } from '../../core/shape.js';
import { type CreationOptions } from './array.js';

import {
  HostIn, RangeInput, arithOf, broadcastHost, convOf, dtypeArg, fromFloatHost, hostIn, indexArg, inexactType, moveFirstAxis, normAxis,
} from './host.js';

export interface LinspaceOptions extends CreationOptions {
  num?: number;
  endpoint?: boolean;
  retstep?: boolean;
  axis?: number;
}

interface LinspaceResult {
  /** Values in shape `shape`, exactly representable in `dt`. */
  vals: Float64Array;
  shape: number[];
  /** The step: a scalar for scalar start/stop, else one per element of the broadcast shape. */
  step: Float64Array;
  stepShape: number[];
  stepIsNaN: boolean;
}

function numArg(num: unknown, who: string): number {
  const n = indexArg(num, who, 'num');
  if (n < 0) throw new RangeError(`${who}: Number of samples, ${n}, must be non-negative.`);
  return n;
}

/** NumPy's linspace arithmetic in float dtype `dt` (before moveaxis / the integer floor / astype). */
function linspaceCore(start: HostIn, stop: HostIn, num: number, endpoint: boolean, dt: DType, who: string): LinspaceResult {
  const conv = convOf(dt), r = arithOf(dt);
  const B = broadcastShapes([start.shape, stop.shape], who);
  const m = sizeOf(B);
  const s = broadcastHost(start.vals, start.shape, B).map(conv);
  const e = broadcastHost(stop.vals, stop.shape, B).map(conv);
  const delta = new Float64Array(m);
  for (let j = 0; j < m; j++) delta[j] = r(e[j]! - s[j]!);
  const div = endpoint ? num - 1 : num;
  const y = new Float64Array(num * m);
  const step = new Float64Array(m);
  let stepIsNaN = false;
  if (div > 0) {
    let anyZero = false;
    for (let j = 0; j < m; j++) {
      step[j] = r(delta[j]! / div);
      if (step[j] === 0) anyZero = true;
    }
    for (let i = 0; i < num; i++) {
      const yi = r(i); // arange(0, num, dtype=dt)
      for (let j = 0; j < m; j++) {
        const v = anyZero ? r(r(yi / div) * delta[j]!) : r(yi * step[j]!);
        y[i * m + j] = r(v + s[j]!);
      }
    }
  } else {
    stepIsNaN = true;
    step.fill(NaN);
    for (let i = 0; i < num; i++) {
      const yi = r(i);
      for (let j = 0; j < m; j++) y[i * m + j] = r(r(yi * delta[j]!) + s[j]!);
    }
  }
  if (endpoint && num > 1) for (let j = 0; j < m; j++) y[(num - 1) * m + j] = e[j]!;
  return { vals: y, shape: [num, ...B], step, stepShape: B, stepIsNaN };
}

/**
 * np.linspace(start, stop, { num: 50, endpoint: true, retstep: false, dtype, axis: 0, device }).
 * start/stop may be numbers, nested lists or NDArrays (the vector form). With `retstep` it returns
 * `[samples, step]`: step is a number for scalar start/stop, else an NDArray.
 */
export function linspace(start: RangeInput, stop: RangeInput, opts: LinspaceOptions & { retstep: true }): [NDArray, number | NDArray];
export function linspace(start: RangeInput, stop: RangeInput, opts?: LinspaceOptions & { retstep?: false }): NDArray;
export function linspace(start: RangeInput, stop: RangeInput, opts?: LinspaceOptions): NDArray | [NDArray, number | NDArray];
export function linspace(start: RangeInput, stop: RangeInput, opts: LinspaceOptions = {}): NDArray | [NDArray, number | NDArray] {
  const who = 'linspace';
  const num = numArg(opts.num ?? 50, who);
  const endpoint = opts.endpoint ?? true;
  const want = dtypeArg(opts.dtype, who);
  const dev = parseDevice(opts.device, who);
  const s = hostIn(start, who), e = hostIn(stop, who);
  const dt = inexactType([s, e], 'float64');
  const qdt = inexactType([s, e], defaults.float);
  const res = linspaceCore(s, e, num, endpoint, dt, who);
  const axis = normAxis(opts.axis ?? 0, res.shape.length, who);
  const moved = moveFirstAxis(res.vals, res.shape, axis);
  const out = want ?? qdt;
  if (want !== undefined && isInteger(want)) for (let i = 0; i < moved.vals.length; i++) moved.vals[i] = Math.floor(moved.vals[i]!);
  const y = fromFloatHost(moved.vals, moved.shape, dt, out, dev, who);
  if (!opts.retstep) return y;
  if (res.stepIsNaN || res.stepShape.length === 0) return [y, res.step[0] ?? NaN];
  try {
    return [y, fromFloatHost(res.step, res.stepShape, dt, qdt, dev, who)];
  } catch (err) {
    y.dispose();
    throw err;
  }
}

// ---- logspace ------------------------------------------------------------------------------------

export interface LogspaceOptions extends CreationOptions {
  num?: number;
  endpoint?: boolean;
  base?: RangeInput;
  axis?: number;
}

/** Prepends 1s to a host input's shape. */
const padTo = (h: HostIn, nd: number): HostIn => ({ ...h, shape: [...Array(nd - h.shape.length).fill(1), ...h.shape] });

/**
 * np.logspace(start, stop, { num: 50, endpoint: true, base: 10, dtype, axis: 0, device }):
 * `base ** linspace(start, stop)`. `base` may be an array (broadcast as NumPy does).
 */
export function logspace(start: RangeInput, stop: RangeInput, opts: LogspaceOptions = {}): NDArray {
  const who = 'logspace';
  const num = numArg(opts.num ?? 50, who);
  const endpoint = opts.endpoint ?? true;
  const want = dtypeArg(opts.dtype, who);
  const dev = parseDevice(opts.device, who);
  let s = hostIn(start, who), e = hostIn(stop, who);
  let b = hostIn(opts.base ?? 10, who);
  let axisArg = opts.axis ?? 0;
  if (b.shape.length > 0) {
    // A non-scalar base is broadcast with start/stop and gets the new axis too.
    const nd = broadcastShapes([s.shape, e.shape, b.shape], who).length;
    s = padTo(s, nd);
    e = padTo(e, nd);
    b = padTo(b, nd);
    const ax = normAxis(axisArg, nd + 1, who);
    b = { ...b, shape: [...b.shape.slice(0, ax), 1, ...b.shape.slice(ax)] };
    axisArg = ax;
  }
  const ydt = inexactType([s, e], 'float64');
  const qydt = inexactType([s, e], defaults.float);
  const res = linspaceCore(s, e, num, endpoint, ydt, who);
  const axis = normAxis(axisArg, res.shape.length, who);
  const y = moveFirstAxis(res.vals, res.shape, axis);
  // power(base, y): a JS scalar base is weak; an array base is promoted with y.
  const baseDt = b.dtype === undefined ? undefined : b.js ? 'float64' : b.dtype;
  const qBaseDt = b.dtype === undefined ? undefined : b.js ? defaults.float : b.dtype;
  const pdt = baseDt === undefined ? ydt : promoteTypes(baseDt, ydt);
  const qpdt = qBaseDt === undefined ? qydt : promoteTypes(qBaseDt, qydt);
  const shape = broadcastShapes([b.shape, y.shape], who);
  const conv = convOf(pdt), r = arithOf(pdt);
  const bv = broadcastHost(b.vals, b.shape, shape);
  const yv = broadcastHost(y.vals, y.shape, shape);
  const vals = new Float64Array(bv.length);
  for (let i = 0; i < vals.length; i++) vals[i] = r(Math.pow(conv(bv[i]!), conv(yv[i]!)));
  return fromFloatHost(vals, shape, pdt, want ?? qpdt, dev, who);
}

// ---- geomspace -----------------------------------------------------------------------------------

export interface GeomspaceOptions extends CreationOptions {
  num?: number;
  endpoint?: boolean;
  axis?: number;
}

/**
 * np.geomspace(start, stop, { num: 50, endpoint: true, dtype, axis: 0, device }): a geometric
 * progression; negative start/stop as NumPy (the sign of start is factored out; mixed signs give NaN
 * between the endpoints). Complex values are not supported.
 */
export function geomspace(start: RangeInput, stop: RangeInput, opts: GeomspaceOptions = {}): NDArray {
  const who = 'geomspace';
  const num = numArg(opts.num ?? 50, who);
  const endpoint = opts.endpoint ?? true;
  const want = dtypeArg(opts.dtype, who);
  const dev = parseDevice(opts.device, who);
  const s0 = hostIn(start, who), e0 = hostIn(stop, who);
  if (s0.vals.some((v) => v === 0) || e0.vals.some((v) => v === 0)) {
    throw new RangeError(`${who}: Geometric sequence cannot include zero`);
  }
  // result_type(start, stop, float(num), zeros((), dtype)): JS values are 0-d int64/float64 arrays here.
  const typeWith = (jsFloat: DType): DType => {
    let r: DType = want ?? jsFloat;
    for (const h of [s0, e0]) r = promoteTypes(r, h.js ? jsFloat : h.dtype!);
    return isFloat(r) ? r : jsFloat;
  };
  const dt = typeWith('float64');
  const qdt = typeWith(defaults.float);
  const conv = convOf(dt), r = arithOf(dt);
  const sv = s0.vals.map(conv);
  const ev = e0.vals.map(conv);
  const sign = sv.map((x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN));
  const sAbs = sv.map((x, i) => r(x / sign[i]!));
  // stop / out_sign broadcasts stop against start's shape.
  const B = broadcastShapes([s0.shape, e0.shape], who);
  const eB = broadcastHost(ev, e0.shape, B);
  const signB = broadcastHost(sign, s0.shape, B);
  const eAbs = eB.map((x, i) => r(x / signB[i]!));
  const logS: HostIn = { shape: s0.shape, vals: sAbs.map((x) => r(Math.log10(x))), dtype: dt, js: false };
  const logE: HostIn = { shape: B, vals: eAbs.map((x) => r(Math.log10(x))), dtype: dt, js: false };
  const res = linspaceCore(logS, logE, num, endpoint, dt, who);
  const m = sizeOf(B);
  const vals = res.vals.map((y) => r(Math.pow(10, y)));
  if (num > 0) {
    const sB = broadcastHost(sAbs, s0.shape, B);
    for (let j = 0; j < m; j++) vals[j] = sB[j]!;
    if (num > 1 && endpoint) for (let j = 0; j < m; j++) vals[(num - 1) * m + j] = eAbs[j]!;
  }
  for (let i = 0; i < num; i++) for (let j = 0; j < m; j++) vals[i * m + j] = r(vals[i * m + j]! * signB[j]!);
  const axis = normAxis(opts.axis ?? 0, res.shape.length, who);
  const moved = moveFirstAxis(vals, res.shape, axis);
  return fromFloatHost(moved.vals, moved.shape, dt, want ?? qdt, dev, who);
}
