import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const cosOp = defineOp({
  name: 'cos',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.cos(),
});

/** np.cos: the cosine (radians). */
export const cos = unary(cosOp);
