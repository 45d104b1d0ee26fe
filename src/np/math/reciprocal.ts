import { COMPLEX, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const reciprocalOp = defineOp({
  name: 'reciprocal',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(INTS + FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.reciprocal(),
});

/** np.reciprocal: 1 / x (integers: C's conversion of 1.0 / x, so 1/2 is 0). */
export const reciprocal = unary(reciprocalOp);
