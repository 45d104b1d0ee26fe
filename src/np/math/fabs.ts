import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { sign } from './sign.js';

export const fabsOp = defineOp({
  name: 'fabs',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS, 'T->T'),
  scalar: (a) => a.abs(),
  vjp: ([g], { inputs: [x] }) => [multiply(g!, sign(x!))],
  vjpSaves: { outputs: false },
});

/** np.fabs: |x| of floats (integers go through a float loop). */
export const fabs = unary(fabsOp);
