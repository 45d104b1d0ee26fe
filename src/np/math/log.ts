import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { true_divide } from './true_divide.js';

export const logOp = defineOp({
  name: 'log',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.log(),
  vjp: ([g], { inputs: [x] }) => [true_divide(g!, x!)],
  vjpSaves: { outputs: false },
});

/** np.log: the natural logarithm. */
export const log = unary(logOp);
