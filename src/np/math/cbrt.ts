import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const cbrtOp = defineOp({
  name: 'cbrt',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS, 'T->T'),
  scalar: (a) => a.cbrt(),
});

/** np.cbrt: the real cube root. */
export const cbrt = unary(cbrtOp);
