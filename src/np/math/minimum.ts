import { defineOp, floatLoops, intLoops } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const minimumOp = defineOp({
  name: 'minimum',
  kind: 'elementwise',
  nin: 2,
  loops: ['??->?', ...intLoops, ...floatLoops, 'FF->F', 'DD->D'],
  scalar: (a, b) => a.minimum(b), // NaN propagates (np.fmin ignores it)
});

export const minimum = binary(minimumOp);
