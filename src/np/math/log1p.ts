import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { add } from './add.js';
import { true_divide } from './true_divide.js';

export const log1pOp = defineOp({
  name: 'log1p',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.log1p(),
  vjp: ([g], { inputs: [x] }) => [true_divide(g!, add(x!, 1))],
  vjpSaves: { outputs: false },
});

/** np.log1p: log(1 + x), accurate near zero. */
export const log1p = unary(log1pOp);
