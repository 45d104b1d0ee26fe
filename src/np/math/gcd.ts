import { INTS, defineOp, loopsOf, refuseBool } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const gcdOp = defineOp({
  name: 'gcd',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(INTS, 'TT->T'),
  resolve: refuseBool,
  scalar: (a, b) => a.gcd(b),
});

/** np.gcd: the greatest common divisor of |x1| and |x2|. */
export const gcd = binary(gcdOp);
