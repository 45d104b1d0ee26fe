import { defineOp, floatLoops, intLoops } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { pickGrad } from './pick_grad.js';

export const minimumOp = defineOp({
  name: 'minimum',
  kind: 'elementwise',
  nin: 2,
  loops: ['??->?', ...intLoops, ...floatLoops, 'FF->F', 'DD->D'],
  scalar: (a, b) => a.minimum(b), // NaN propagates (np.fmin ignores it)
  vjp: ([g], { inputs: [a, b], needs }) => [needs[0] ? pickGrad(g!, b!, a!) : null, needs[1] ? pickGrad(g!, a!, b!) : null],
  vjpSaves: { outputs: false },
});

export const minimum = binary(minimumOp);
