// npx.stop_gradient (and NDArray.detach): the same values as a view, with no gradient flowing back.
import { NO_GRAD } from '../core/context.js';
import { applyMovement } from '../core/movement.js';
import type { NDArray } from '../core/ndarray.js';
import { type Op, defineOp } from '../core/op.js';

/** An identity view whose gradient is zero (MXNet's BlockGrad). */
export const stopGradientOp = defineOp({
  name: 'stop_gradient',
  kind: 'movement',
  nin: 1,
  view: (x) => x,
  stopsGradient: true,
});

/** NDArray.detach: the same, named after the method (hybridize sees which was called). */
export const detachOp = defineOp({
  name: 'detach',
  kind: 'movement',
  nin: 1,
  view: (x) => x,
  stopsGradient: true,
});

export function stopGradient(a: NDArray, op: Op<object> = stopGradientOp): NDArray {
  const r = applyMovement(op, a, {});
  // (a constant even when made outside autograd.record, though it views a variable's memory)
  if (r._ag === undefined) r._ag = NO_GRAD;
  return r;
}

/** npx.stop_gradient(a): `a`'s values, treated as a constant by autograd. */
export function stop_gradient(a: NDArray): NDArray {
  return stopGradient(a);
}
