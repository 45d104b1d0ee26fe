import { BOOL, INTS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const invertOp = defineOp({
  name: 'invert',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(BOOL + INTS, 'T->T'),
  scalar: (a) => a.not(),
});

/** np.invert (np.bitwise_not, np.bitwise_invert): ~x (logical not for bool). */
export const invert = unary(invertOp);
export const bitwise_not = invert;
export const bitwise_invert = invert;
