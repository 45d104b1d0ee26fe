import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const arctanhOp = defineOp({
  name: 'arctanh',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.atanh(),
});

/** np.arctanh: the inverse hyperbolic tangent (np.atanh). */
export const arctanh = unary(arctanhOp);
export const atanh = arctanh;
