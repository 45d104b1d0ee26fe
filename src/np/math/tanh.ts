import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { subtract } from './subtract.js';

export const tanhOp = defineOp({
  name: 'tanh',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.tanh(),
  vjp: ([g], { outputs: [y] }) => [multiply(g!, subtract(1, multiply(y!, y!)))],
  vjpSaves: { inputs: false },
});

/** np.tanh: the hyperbolic tangent. */
export const tanh = unary(tanhOp);
