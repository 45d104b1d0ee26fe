// np.average: the (weighted) mean, with NumPy's weight-shape rules and `returned`.
import { type DType, defaults, isFloat, resultType } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { fmtShape, normalizeAxis } from '../../core/shape.js';
import { full } from '../creation/basic.js';
import { multiply } from '../math/multiply.js';
import { true_divide } from '../math/true_divide.js';
import { copy, reshape, transpose } from '../manip/views.js';
import { expandTo } from '../vjp.js';
import { type Axis, disposeAll } from './common.js';
import { count_nonzero } from './count.js';
import { mean } from './mean.js';
import { sum } from './sum.js';

export interface AverageOptions {
  axis?: Axis;
  weights?: NDArray;
  /** Also return the sum of the weights (broadcast to the result's shape). */
  returned?: boolean;
  keepdims?: boolean;
}

function axisTuple(axis: Axis | undefined, ndim: number): number[] | null {
  if (axis === null || axis === undefined) return null;
  const list = (typeof axis === 'number' ? [axis] : [...axis]).map((a) => normalizeAxis(a, ndim, 'average'));
  if (new Set(list).size !== list.length) throw new RangeError("average: repeated axis");
  return list;
}

/** NumPy's _weights_are_valid: weights of a's shape, or 1-D along the axes (reshaped to broadcast). */
function weightsFor(a: NDArray, w: NDArray, axes: number[] | null): NDArray {
  if (!(w instanceof NDArray)) throw new TypeError('average: weights must be an NDArray');
  w._check('average');
  if (w.ndim === a.ndim && w.shape.every((d, i) => d === a.shape[i])) return reshape(w, w.shape); // (a recorded view)
  if (axes === null) throw new TypeError('average: Axis must be specified when shapes of a and weights differ.');
  const want = axes.map((ax) => a.shape[ax]!);
  if (w.ndim !== want.length || w.shape.some((d, i) => d !== want[i])) {
    throw new RangeError('average: Shape of weights must be consistent with shape of a along specified axis.');
  }
  const order = [...axes.keys()].sort((i, j) => axes[i]! - axes[j]!);
  const t = transpose(w, order);
  try {
    return reshape(t, a.shape.map((d, i) => (axes.includes(i) ? d : 1)));
  } finally {
    t.dispose();
  }
}

/** The float dtype NumPy computes in (float64 for integer data: quark's default float). */
function averageDtype(a: DType, w: DType): DType {
  if (isFloat(a)) return resultType([a, w]);
  const r = resultType([a, w, 'float64']);
  return r === 'float64' && a !== 'float64' && w !== 'float64' ? defaults.float : r;
}

export function average(a: NDArray, options: AverageOptions & { returned: true }): [NDArray, NDArray];
export function average(a: NDArray, options?: Axis | AverageOptions): NDArray;
export function average(a: NDArray, options?: Axis | AverageOptions): NDArray | [NDArray, NDArray] {
  const o: AverageOptions = options === undefined || options === null || typeof options === 'number' || Array.isArray(options)
    ? { axis: options as Axis | undefined } : options as AverageOptions;
  a._check('average');
  const axes = axisTuple(o.axis, a.ndim);
  const axis = axes ?? undefined;
  let avg: NDArray;
  let scl: NDArray;
  if (o.weights === undefined) {
    avg = mean(a, { axis, keepdims: o.keepdims });
    if (avg.size === 0) { // NumPy computes a.size / avg.size even when not returned
      avg.dispose();
      throw new RangeError('average: division by zero');
    }
    if (!o.returned) return avg;
    scl = full(avg.shape, a.size / avg.size, { dtype: avg.dtype, device: avg.device });
    return [avg, scl];
  }
  const wgt = weightsFor(a, o.weights, axes);
  const rd = averageDtype(a.dtype, wgt.dtype);
  const temps: NDArray[] = [wgt];
  try {
    scl = sum(wgt, { axis, dtype: rd, keepdims: o.keepdims });
    temps.push(scl);
    const nz = count_nonzero(scl);
    const zero = Number(nz.item()) < scl.size;
    nz.dispose();
    if (zero) throw new RangeError("average: Weights sum to zero, can't be normalized");
    const p = multiply(a, wgt, { dtype: rd });
    temps.push(p);
    const s = sum(p, { axis, keepdims: o.keepdims });
    temps.push(s);
    avg = true_divide(s, scl);
  } finally {
    disposeAll(temps, o.returned ? scl! : undefined);
  }
  if (!o.returned) return avg;
  if (scl.ndim === avg.ndim && scl.shape.every((d, i) => d === avg.shape[i])) return [avg, scl];
  const b = broadcastCopy(scl, avg.shape);
  scl.dispose();
  return [avg, b];
}

/** np.broadcast_to(x, shape).copy(). */
function broadcastCopy(x: NDArray, shape: readonly number[]): NDArray {
  if (shape.length < x.ndim) throw new RangeError(`average: cannot broadcast ${fmtShape(x.shape)} to ${fmtShape(shape)}`);
  const v = expandTo(x, shape); // (recorded, so autograd follows the weights' sum)
  try {
    return copy(v);
  } finally {
    if (v !== x) v.dispose();
  }
}
