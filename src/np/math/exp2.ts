import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const exp2Op = defineOp({
  name: 'exp2',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.exp2(),
});

/** np.exp2: 2**x. */
export const exp2 = unary(exp2Op);
