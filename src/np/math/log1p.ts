import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const log1pOp = defineOp({
  name: 'log1p',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.log1p(),
});

/** np.log1p: log(1 + x), accurate near zero. */
export const log1p = unary(log1pOp);
