import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { cos } from './cos.js';
import { multiply } from './multiply.js';

export const sinOp = defineOp({
  name: 'sin',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.sin(),
  vjp: ([g], { inputs: [x] }) => [multiply(g!, cos(x!))],
  vjpSaves: { outputs: false },
});

/** np.sin: the sine (radians). */
export const sin = unary(sinOp);
