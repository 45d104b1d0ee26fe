import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const sinOp = defineOp({
  name: 'sin',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.sin(),
});

/** np.sin: the sine (radians). */
export const sin = unary(sinOp);
