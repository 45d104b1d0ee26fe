import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const expm1Op = defineOp({
  name: 'expm1',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.expm1(),
});

/** np.expm1: exp(x) - 1, accurate near zero. */
export const expm1 = unary(expm1Op);
