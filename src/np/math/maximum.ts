import { defineOp, floatLoops, intLoops } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const maximumOp = defineOp({
  name: 'maximum',
  kind: 'elementwise',
  nin: 2,
  loops: ['??->?', ...intLoops, ...floatLoops, 'FF->F', 'DD->D'],
  scalar: (a, b) => a.maximum(b), // NaN propagates (np.fmax ignores it)
});

export const maximum = binary(maximumOp);
