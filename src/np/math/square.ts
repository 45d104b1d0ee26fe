import { COMPLEX, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';

export const squareOp = defineOp({
  name: 'square',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(INTS + FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.mul(a),
  vjp: ([g], { inputs: [x] }) => [multiply(g!, multiply(x!, 2))],
  vjpSaves: { outputs: false },
});

/** np.square: x * x (integers wrap). */
export const square = unary(squareOp);
