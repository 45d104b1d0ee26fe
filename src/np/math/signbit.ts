import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const signbitOp = defineOp({
  name: 'signbit',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS, 'T->?'),
  scalar: (a) => a.signbit(),
});

/** np.signbit: whether the sign bit is set (-0.0 and -nan too). */
export const signbit = unary(signbitOp);
