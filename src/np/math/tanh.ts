import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const tanhOp = defineOp({
  name: 'tanh',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.tanh(),
});

/** np.tanh: the hyperbolic tangent. */
export const tanh = unary(tanhOp);
