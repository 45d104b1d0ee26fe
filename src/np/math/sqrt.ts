import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const sqrtOp = defineOp({
  name: 'sqrt',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.sqrt(),
});

/** np.sqrt: the non-negative square root (NaN below zero). */
export const sqrt = unary(sqrtOp);
