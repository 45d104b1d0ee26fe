import { BOOL, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const bitwiseAndOp = defineOp({
  name: 'bitwise_and',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(BOOL + INTS, 'TT->T'),
  scalar: (a, b) => a.and(b),
});

/** np.bitwise_and: x1 & x2 (logical and for bool). */
export const bitwise_and = binary(bitwiseAndOp);
