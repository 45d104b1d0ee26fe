import { COMPLEX, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { negative } from './negative.js';

export const reciprocalOp = defineOp({
  name: 'reciprocal',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(INTS + FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.reciprocal(),
  vjp: ([g], { outputs: [y] }) => [negative(multiply(g!, multiply(y!, y!)))],
  vjpSaves: { inputs: false },
});

/** np.reciprocal: 1 / x (integers: C's conversion of 1.0 / x, so 1/2 is 0). */
export const reciprocal = unary(reciprocalOp);
