// The gradients of maximum/minimum (one fused elementwise op: the weight used to be built from five
// ufuncs — greater, equal, two casts, a multiply and an add — and multiplied into g, seven passes
// over a ReLU's activations) and of fmax/fmin.
import type { Input } from '../../core/apply.js';
import type { NDArray } from '../../core/ndarray.js';
import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { ternary } from '../ufunc.js';
import { isnan } from './isnan.js';
import { greater_equal } from './greater_equal.js';
import { less_equal } from './less_equal.js';
import { logical_or } from './logical_or.js';
import { where } from './where.js';

/**
 * (g, a, b) -> g where a wins (a > b), g/2 at a tie (as PyTorch), 0 where b wins or either is NaN
 * (maximum propagates the NaN; no gradient reaches a finite operand through it). min(a, b)'s
 * share for a is pick_grad(g, b, a).
 */
const pickGradOp = defineOp({
  name: 'pick_grad',
  kind: 'elementwise',
  nin: 3,
  loops: loopsOf(FLOATS, 'TTT->T'),
  scalar: (g, a, b) => a.gt(b).select(g, a.eq(b).select(g.mul(0.5), 0)),
  // Piecewise linear in g with a weight that is constant almost everywhere in a and b.
  vjp: ([gg], { inputs: [, a, b], needs }) => [needs[0] ? pickGrad(gg!, a!, b!) : null, null, null],
  vjpSaves: { outputs: false },
});

const pickGradUfunc = ternary(pickGradOp);

/**
 * `g` times the share of maximum(a, b)'s gradient that goes to `a`: 1 where a wins, 0.5 at a tie
 * (as PyTorch), 0 where b wins or at a NaN. minimum's share for `a` is pickGrad(g, b, a). (Float
 * dtypes only: the tape records no complex results, so complex max/min never reach a vjp.)
 */
export function pickGrad(g: NDArray, a: Input, b: Input): NDArray {
  return pickGradUfunc(g, a, b);
}

/**
 * fmax/fmin's gradients (PyTorch's rule): all of it to `a` where a wins or ties (a >= b for
 * fmax, a <= b for fmin) or where b is NaN (the NaN is ignored), otherwise to `b`.
 */
export function fPickGrads(g: NDArray, a: Input, b: Input, isMax: boolean, needs: readonly boolean[]): (NDArray | null)[] {
  const toA = logical_or(isMax ? greater_equal(a, b) : less_equal(a, b), isnan(b));
  return [needs[0] ? where(toA, g, 0) : null, needs[1] ? where(toA, 0, g) : null];
}
