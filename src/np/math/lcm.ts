import { INTS, defineOp, loopsOf, refuseBool } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const lcmOp = defineOp({
  name: 'lcm',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(INTS, 'TT->T'),
  resolve: refuseBool,
  scalar: (a, b) => a.lcm(b),
});

/** np.lcm: the least common multiple of |x1| and |x2|. */
export const lcm = binary(lcmOp);
