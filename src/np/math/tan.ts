import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const tanOp = defineOp({
  name: 'tan',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.tan(),
});

/** np.tan: the tangent (radians). */
export const tan = unary(tanOp);
