import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const coshOp = defineOp({
  name: 'cosh',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.cosh(),
});

/** np.cosh: the hyperbolic cosine. */
export const cosh = unary(coshOp);
