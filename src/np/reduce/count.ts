// np.count_nonzero, and the count of non-NaN elements that the nan- means and variances divide by.
import { defineOp, floatLoops1 } from '../../core/op.js';
import { applyReduce } from '../../core/reduce.js';
import type { NDArray } from '../../core/ndarray.js';
import { astype } from '../manip/views.js';
import { type Axis, optionsOf, reduceAxes } from './common.js';
import { sumOp } from './sum.js';

/** Counts the non-NaN elements of a float array (in int64, NumPy's intp). */
export const countNonNaNOp = defineOp({
  name: 'count_nonnan',
  kind: 'reduce',
  nin: 1,
  loops: floatLoops1.map((l) => `${l[0]}->q`),
  reduce: { combine: (acc) => acc.add(1), identity: 0, skipNaN: true },
});

export interface CountNonzeroOptions {
  axis?: Axis;
  keepdims?: boolean;
}

/** np.count_nonzero: int64 counts (a 0-d array where NumPy returns a Python int). */
export function count_nonzero(a: NDArray, axisOrOptions?: Axis | CountNonzeroOptions): NDArray {
  const o = optionsOf<CountNonzeroOptions>(axisOrOptions);
  a._check('count_nonzero');
  reduceAxes(o.axis, a.ndim, 'count_nonzero');
  const b = a.dtype === 'bool' ? a : astype(a, 'bool');
  try {
    return applyReduce(sumOp, b, { axis: o.axis, keepdims: o.keepdims }); // bool sums in int64
  } finally {
    if (b !== a) b.dispose();
  }
}
