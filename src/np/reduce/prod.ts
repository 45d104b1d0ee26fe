import type { NDArray } from '../../core/ndarray.js';
import { defineOp, floatLoops1 } from '../../core/op.js';
import { type AxisOrOptions, nanFold, reduction } from './common.js';
import { accumulateLoops, sameTypeLoops } from './sum.js';
import { reducedAxes, unreduce } from '../vjp.js';
import { equal } from '../math/equal.js';
import { isnan } from '../math/isnan.js';
import { multiply } from '../math/multiply.js';
import { true_divide } from '../math/true_divide.js';
import { where } from '../math/where.js';
import { sum as sumOf } from './sum.js';

export const prodOp = defineOp({
  name: 'prod',
  kind: 'reduce',
  nin: 1,
  loops: [...accumulateLoops, ...sameTypeLoops],
  reduce: { combine: (acc, x) => acc.mul(x), identity: 1 },
  vjp: ([g], { inputs: [x], attrs }) => [prodGrad(g!, x as NDArray, reducedAxes(attrs))],
  vjpSaves: { outputs: false },
});

/** np.nanprod's fold over floats: NaN reads as 1. */
export const nanprodOp = defineOp({
  name: 'nanprod',
  kind: 'reduce',
  nin: 1,
  loops: floatLoops1,
  reduce: { combine: (acc, x) => acc.mul(x), identity: 1, skipNaN: true },
  // NaNs were read as 1: the product of the others is taken with them as 1, and they get no gradient.
  vjp: ([g], { inputs: [x], attrs }) => {
    const nan = isnan(x!);
    return [where(nan, 0, prodGrad(g!, where(nan, 1, x!), reducedAxes(attrs)))];
  },
  vjpSaves: { outputs: false },
});

export const prod = reduction(prodOp);
const prodOf = (a: NDArray, o: { axis: readonly number[]; keepdims: boolean }): NDArray => prod(a, o);

/** np.nanprod: the product with NaNs read as one. */
export function nanprod(a: NDArray, axisOrOptions?: AxisOrOptions): NDArray {
  return nanFold(prodOp, nanprodOp, 1, a, axisOrOptions);
}

/**
 * The gradient of a product along `axes`: the product of the other elements, exact where elements
 * are zero (one zero: only it gets a gradient, the product of the rest; two or more: none).
 */
function prodGrad(g: NDArray, x: NDArray, axes: readonly number[]): NDArray {
  const zero = equal(x, 0);
  const zeros = sumOf(zero, { axis: axes, keepdims: true });
  const nonzero = where(zero, 1, x);
  const rest = prodOf(nonzero, { axis: axes, keepdims: true }); // product of the nonzero elements
  const others = where(zero, where(equal(zeros, 1), rest, 0), where(equal(zeros, 0), true_divide(rest, nonzero), 0));
  return multiply(unreduce(g, x.shape, axes), others);
}
