import { defineOp, floatLoops, intLoops } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { pickWeight } from './maximum.js';

export const minimumOp = defineOp({
  name: 'minimum',
  kind: 'elementwise',
  nin: 2,
  loops: ['??->?', ...intLoops, ...floatLoops, 'FF->F', 'DD->D'],
  scalar: (a, b) => a.minimum(b), // NaN propagates (np.fmin ignores it)
  vjp: ([g], { inputs: [a, b], needs }) => [needs[0] ? multiply(g!, pickWeight(b!, a!, false)) : null, needs[1] ? multiply(g!, pickWeight(a!, b!, false)) : null],
  vjpSaves: { outputs: false },
});

export const minimum = binary(minimumOp);
