import { defineOp, floatLoops, intLoops } from '../../core/op.js';
import { pickGrad } from './pick_grad.js';
import { binary } from '../ufunc.js';

export const maximumOp = defineOp({
  name: 'maximum',
  kind: 'elementwise',
  nin: 2,
  loops: ['??->?', ...intLoops, ...floatLoops, 'FF->F', 'DD->D'],
  scalar: (a, b) => a.maximum(b), // NaN propagates (np.fmax ignores it)
  vjp: ([g], { inputs: [a, b], needs }) => [needs[0] ? pickGrad(g!, a!, b!) : null, needs[1] ? pickGrad(g!, b!, a!) : null],
  vjpSaves: { outputs: false },
});

export const maximum = binary(maximumOp);
