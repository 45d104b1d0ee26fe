import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { negative } from './negative.js';
import { sin } from './sin.js';

export const cosOp = defineOp({
  name: 'cos',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.cos(),
  vjp: ([g], { inputs: [x] }) => [negative(multiply(g!, sin(x!)))],
  vjpSaves: { outputs: false },
});

/** np.cos: the cosine (radians). */
export const cos = unary(cosOp);
