import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { sqrt } from './sqrt.js';
import { subtract } from './subtract.js';
import { true_divide } from './true_divide.js';

export const arccoshOp = defineOp({
  name: 'arccosh',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.acosh(),
  vjp: ([g], { inputs: [x] }) => [true_divide(g!, sqrt(subtract(multiply(x!, x!), 1)))],
  vjpSaves: { outputs: false },
});

/** np.arccosh: the inverse hyperbolic cosine (np.acosh). */
export const arccosh = unary(arccoshOp);
export const acosh = arccosh;
