import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const arccoshOp = defineOp({
  name: 'arccosh',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.acosh(),
});

/** np.arccosh: the inverse hyperbolic cosine (np.acosh). */
export const arccosh = unary(arccoshOp);
export const acosh = arccosh;
