import { DTYPES } from '../../core/dtype.js';
import type { NDArray } from '../../core/ndarray.js';
import { defineOp, floatLoops1, loopSig } from '../../core/op.js';
import { type AxisOrOptions, nanFold, reduction } from './common.js';
import { extremeGrad } from '../vjp.js';

export const minOp = defineOp({
  name: 'min',
  kind: 'reduce',
  nin: 1,
  loops: DTYPES.map((d) => loopSig([d], [d])),
  reduce: { combine: (acc, x) => acc.minimum(x) },
  vjp: extremeGrad,
});

/** np.nanmin's fold over floats: NumPy's fmin.reduce. */
export const nanminOp = defineOp({
  name: 'nanmin',
  kind: 'reduce',
  nin: 1,
  loops: floatLoops1,
  reduce: { combine: (acc, x) => acc.minimum(x), skipNaN: true },
  vjp: extremeGrad,
});

export const min = reduction(minOp);
export const amin = min;

/** np.nanmin: the minimum ignoring NaNs; an all-NaN slice gives NaN (NumPy also warns). */
export function nanmin(a: NDArray, axisOrOptions?: AxisOrOptions): NDArray {
  return nanFold(minOp, nanminOp, NaN, a, axisOrOptions);
}
