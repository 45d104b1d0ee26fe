import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { true_divide } from './true_divide.js';

export const sqrtOp = defineOp({
  name: 'sqrt',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.sqrt(),
  vjp: ([g], { outputs: [y] }) => [true_divide(g!, multiply(y!, 2))],
  vjpSaves: { inputs: false },
});

/** np.sqrt: the non-negative square root (NaN below zero). */
export const sqrt = unary(sqrtOp);
