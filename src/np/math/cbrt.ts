import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { true_divide } from './true_divide.js';

export const cbrtOp = defineOp({
  name: 'cbrt',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS, 'T->T'),
  scalar: (a) => a.cbrt(),
  vjp: ([g], { outputs: [y] }) => [true_divide(g!, multiply(multiply(y!, y!), 3))],
  vjpSaves: { inputs: false },
});

/** np.cbrt: the real cube root. */
export const cbrt = unary(cbrtOp);
