import { defineOp, linearSearch, floatLoops1, intLoops1 } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const negativeOp = defineOp({
  name: 'negative',
  kind: 'elementwise',
  nin: 1,
  loops: [...intLoops1, ...floatLoops1, 'F->F', 'D->D'], // unsigned ints wrap, as in NumPy
  // NumPy refuses -bool rather than searching on to an int loop.
  resolve: (inputs, _attrs, op) => (inputs[0] === 'bool' ? undefined : linearSearch(op.parsedLoops, inputs)),
  scalar: (a) => a.neg(),
  vjp: ([g]) => [negative(g!)],
  vjpSaves: { inputs: false, outputs: false },
});

export const negative = unary(negativeOp);
