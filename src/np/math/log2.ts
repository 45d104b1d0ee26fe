import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { true_divide } from './true_divide.js';

export const log2Op = defineOp({
  name: 'log2',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.log2(),
  vjp: ([g], { inputs: [x] }) => [true_divide(g!, multiply(x!, Math.LN2))],
  vjpSaves: { outputs: false },
});

/** np.log2: the base-2 logarithm. */
export const log2 = unary(log2Op);
