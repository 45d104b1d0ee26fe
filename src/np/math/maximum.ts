import { defineOp, floatLoops, intLoops } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { multiply } from './multiply.js';
import type { Input } from '../../core/apply.js';
import type { NDArray } from '../../core/ndarray.js';
import { add } from './add.js';
import { equal } from './equal.js';
import { greater } from './greater.js';
import { isnan } from './isnan.js';
import { logical_and } from './logical_and.js';
import { logical_not } from './logical_not.js';

export const maximumOp = defineOp({
  name: 'maximum',
  kind: 'elementwise',
  nin: 2,
  loops: ['??->?', ...intLoops, ...floatLoops, 'FF->F', 'DD->D'],
  scalar: (a, b) => a.maximum(b), // NaN propagates (np.fmax ignores it)
  vjp: ([g], { inputs: [a, b], needs }) => [needs[0] ? multiply(g!, pickWeight(a!, b!, false)) : null, needs[1] ? multiply(g!, pickWeight(b!, a!, false)) : null],
  vjpSaves: { outputs: false },
});

export const maximum = binary(maximumOp);

/**
 * The share of max(a, b)'s gradient that goes to `a`: 1 where a wins, 0.5 at a tie (as PyTorch),
 * 0 where b wins. `nanAware` (fmax/fmin): `a` also wins where only b is NaN. min(a, b) is
 * pickWeight(b, a): a's share is 1 where b > a.
 */
export function pickWeight(a: Input, b: Input, nanAware: boolean): NDArray {
  const w = add(greater(a, b), multiply(equal(a, b), 0.5));
  return nanAware ? add(w, logical_and(isnan(b), logical_not(isnan(a)))) : w;
}
