// np.mean as NumPy computes it: a sum in the accumulation dtype, divided by the count.
import { castInto } from '../../core/apply.js';
import { applyReduce } from '../../core/reduce.js';
import { type DType, defaults, isFloat } from '../../core/dtype.js';
import type { NDArray } from '../../core/ndarray.js';
import { reduceAxes } from '../../core/reduce.js';
import { true_divide } from '../math/true_divide.js';
import { astype } from '../manip/views.js';
import { type AxisOrOptions, reductionOptions } from './common.js';
import { sumOp } from './sum.js';

export function mean(a: NDArray, axisOrOptions?: AxisOrOptions): NDArray {
  const o = reductionOptions('mean', axisOrOptions);
  a._check('mean');
  const axes = reduceAxes(o.axis, a.ndim, 'mean');
  const count = axes.reduce((n, ax) => n * a.shape[ax]!, 1);
  // ints and bool average in the default float (NumPy: float64); float16 sums in float32 (as NumPy)
  const result: DType = o.dtype ?? (isFloat(a.dtype) ? a.dtype : defaults.float);
  const accDtype: DType = o.dtype ?? (a.dtype === 'float16' || a.dtype === 'bfloat16' ? 'float32' : result);
  const s = applyReduce(sumOp, a, { axis: o.axis, keepdims: o.keepdims, dtype: accDtype });
  const q = true_divide(s, count);
  s.dispose();
  if (o.out) {
    castInto(q, o.out);
    q.dispose();
    return o.out;
  }
  if (q.dtype === result) return q;
  const r = astype(q, result);
  q.dispose();
  return r;
}
