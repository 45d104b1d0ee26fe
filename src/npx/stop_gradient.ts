// npx.stop_gradient (and NDArray.detach): the same values as a view, with no gradient flowing back.
import { applyMovement } from '../core/movement.js';
import type { NDArray } from '../core/ndarray.js';
import { type Op, defineOp } from '../core/op.js';

/** An identity view whose gradient is zero (MXNet's BlockGrad). */
export const stopGradientOp = defineOp({
  name: 'stop_gradient',
  kind: 'movement',
  nin: 1,
  view: (x) => x,
  vjp: () => [null],
  vjpSaves: { inputs: false, outputs: false },
});

/** NDArray.detach: the same, named after the method (hybridize sees which was called). */
export const detachOp = defineOp({
  name: 'detach',
  kind: 'movement',
  nin: 1,
  view: (x) => x,
  vjp: () => [null],
  vjpSaves: { inputs: false, outputs: false },
});

export function stopGradient(a: NDArray, op: Op<object> = stopGradientOp): NDArray {
  return applyMovement(op, a, {});
}

/** npx.stop_gradient(a): `a`'s values, treated as a constant by autograd. */
export function stop_gradient(a: NDArray): NDArray {
  return stopGradient(a);
}
