import { COMPLEX, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const squareOp = defineOp({
  name: 'square',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(INTS + FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.mul(a),
});

/** np.square: x * x (integers wrap). */
export const square = unary(squareOp);
