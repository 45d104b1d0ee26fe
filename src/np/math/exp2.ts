import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';

export const exp2Op = defineOp({
  name: 'exp2',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.exp2(),
  vjp: ([g], { outputs: [y] }) => [multiply(multiply(g!, y!), Math.LN2)],
  vjpSaves: { inputs: false },
});

/** np.exp2: 2**x. */
export const exp2 = unary(exp2Op);
