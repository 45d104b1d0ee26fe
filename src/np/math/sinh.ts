import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const sinhOp = defineOp({
  name: 'sinh',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.sinh(),
});

/** np.sinh: the hyperbolic sine. */
export const sinh = unary(sinhOp);
