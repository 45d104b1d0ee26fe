import { BOOL, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const bitwiseOrOp = defineOp({
  name: 'bitwise_or',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(BOOL + INTS, 'TT->T'),
  scalar: (a, b) => a.or(b),
});

/** np.bitwise_or: x1 | x2 (logical or for bool). */
export const bitwise_or = binary(bitwiseOrOp);
