import { defineOp, floatLoops, intLoops } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const addOp = defineOp({
  name: 'add',
  kind: 'elementwise',
  nin: 2,
  loops: ['??->?', ...intLoops, ...floatLoops, 'FF->F', 'DD->D'],
  scalar: (a, b) => a.add(b),
  vjp: ([g]) => [g!, g!],
  vjpSaves: { inputs: false, outputs: false },
});

/** np.add: elementwise sum (logical or for bool). */
export const add = binary(addOp);
