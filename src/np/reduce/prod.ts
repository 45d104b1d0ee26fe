import type { NDArray } from '../../core/ndarray.js';
import { defineOp, floatLoops1 } from '../../core/op.js';
import { type AxisOrOptions, nanFold, reduction } from './common.js';
import { accumulateLoops, sameTypeLoops } from './sum.js';

export const prodOp = defineOp({
  name: 'prod',
  kind: 'reduce',
  nin: 1,
  loops: [...accumulateLoops, ...sameTypeLoops],
  reduce: { combine: (acc, x) => acc.mul(x), identity: 1 },
});

/** np.nanprod's fold over floats: NaN reads as 1. */
export const nanprodOp = defineOp({
  name: 'nanprod',
  kind: 'reduce',
  nin: 1,
  loops: floatLoops1,
  reduce: { combine: (acc, x) => acc.mul(x), identity: 1, skipNaN: true },
});

export const prod = reduction(prodOp);

/** np.nanprod: the product with NaNs read as one. */
export function nanprod(a: NDArray, axisOrOptions?: AxisOrOptions): NDArray {
  return nanFold(prodOp, nanprodOp, 1, a, axisOrOptions);
}
