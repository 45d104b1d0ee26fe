import { DTYPES } from '../../core/dtype.js';
import type { NDArray } from '../../core/ndarray.js';
import { defineOp, floatLoops1, loopSig } from '../../core/op.js';
import { type AxisOrOptions, nanFold, reduction } from './common.js';
import { extremeGrad } from '../vjp.js';

export const maxOp = defineOp({
  name: 'max',
  kind: 'reduce',
  nin: 1,
  loops: DTYPES.map((d) => loopSig([d], [d])),
  reduce: { combine: (acc, x) => acc.maximum(x) }, // no identity: starts from the first element
  vjp: extremeGrad,
});

/** np.nanmax's fold over floats: NumPy's fmax.reduce (NaNs ignored; all-NaN gives NaN). */
export const nanmaxOp = defineOp({
  name: 'nanmax',
  kind: 'reduce',
  nin: 1,
  loops: floatLoops1,
  reduce: { combine: (acc, x) => acc.maximum(x), skipNaN: true },
  vjp: extremeGrad,
});

/** np.max / np.amax: NaN propagates. */
export const max = reduction(maxOp);
export const amax = max;

/** np.nanmax: the maximum ignoring NaNs; an all-NaN slice gives NaN (NumPy also warns). */
export function nanmax(a: NDArray, axisOrOptions?: AxisOrOptions): NDArray {
  return nanFold(maxOp, nanmaxOp, NaN, a, axisOrOptions);
}
