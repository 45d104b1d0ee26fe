import { defineOp, floatLoops, intLoops } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const multiplyOp = defineOp({
  name: 'multiply',
  kind: 'elementwise',
  nin: 2,
  loops: ['??->?', ...intLoops, ...floatLoops, 'FF->F', 'DD->D'],
  scalar: (a, b) => a.mul(b),
  vjp: ([g], { inputs: [a, b], needs }) => [needs[0] ? multiply(g!, b!) : null, needs[1] ? multiply(g!, a!) : null],
  vjpSaves: { outputs: false },
});

export const multiply = binary(multiplyOp);
