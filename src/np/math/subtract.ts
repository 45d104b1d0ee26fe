import { defineOp, linearSearch, floatLoops, intLoops } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const subtractOp = defineOp({
  name: 'subtract',
  kind: 'elementwise',
  nin: 2,
  loops: [...intLoops, ...floatLoops, 'FF->F', 'DD->D'],
  // NumPy's subtract resolver refuses bool - bool rather than searching on to an int loop.
  resolve: (inputs, _attrs, op) => (inputs.every((d) => d === 'bool') ? undefined : linearSearch(op.parsedLoops, inputs)),
  scalar: (a, b) => a.sub(b),
});

export const subtract = binary(subtractOp);
