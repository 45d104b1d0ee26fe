import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { cosh } from './cosh.js';
import { multiply } from './multiply.js';

export const sinhOp = defineOp({
  name: 'sinh',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.sinh(),
  vjp: ([g], { inputs: [x] }) => [multiply(g!, cosh(x!))],
  vjpSaves: { outputs: false },
});

/** np.sinh: the hyperbolic sine. */
export const sinh = unary(sinhOp);
