import { defineOp, linearSearch, floatLoops, intLoops } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { negative } from './negative.js';

export const subtractOp = defineOp({
  name: 'subtract',
  kind: 'elementwise',
  nin: 2,
  loops: [...intLoops, ...floatLoops, 'FF->F', 'DD->D'],
  // NumPy's subtract resolver refuses bool - bool rather than searching on to an int loop.
  resolve: (inputs, _attrs, op) => (inputs.every((d) => d === 'bool') ? undefined : linearSearch(op.parsedLoops, inputs)),
  scalar: (a, b) => a.sub(b),
  vjp: ([g], { needs }) => [g!, needs[1] ? negative(g!) : null],
  vjpSaves: { inputs: false, outputs: false },
});

export const subtract = binary(subtractOp);
