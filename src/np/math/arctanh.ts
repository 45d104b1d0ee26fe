import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { subtract } from './subtract.js';
import { true_divide } from './true_divide.js';

export const arctanhOp = defineOp({
  name: 'arctanh',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.atanh(),
  vjp: ([g], { inputs: [x] }) => [true_divide(g!, subtract(1, multiply(x!, x!)))],
  vjpSaves: { outputs: false },
});

/** np.arctanh: the inverse hyperbolic tangent (np.atanh). */
export const arctanh = unary(arctanhOp);
export const atanh = arctanh;
