import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { add } from './add.js';
import { multiply } from './multiply.js';

export const expm1Op = defineOp({
  name: 'expm1',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.expm1(),
  vjp: ([g], { outputs: [y] }) => [multiply(g!, add(y!, 1))],
  vjpSaves: { inputs: false },
});

/** np.expm1: exp(x) - 1, accurate near zero. */
export const expm1 = unary(expm1Op);
