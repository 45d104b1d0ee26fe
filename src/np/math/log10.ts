import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { true_divide } from './true_divide.js';

export const log10Op = defineOp({
  name: 'log10',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.log10(),
  vjp: ([g], { inputs: [x] }) => [true_divide(g!, multiply(x!, Math.LN10))],
  vjpSaves: { outputs: false },
});

/** np.log10: the base-10 logarithm. */
export const log10 = unary(log10Op);
