import { COMPLEX, FLOATS, INTS, defineOp, loopsOf, refuseBool } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const positiveOp = defineOp({
  name: 'positive',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(INTS + FLOATS + COMPLEX, 'T->T'),
  resolve: refuseBool,
  scalar: (a) => a,
  vjp: ([g]) => [g!],
  vjpSaves: { inputs: false, outputs: false },
});

/** np.positive: +x (a copy); bool raises, as in NumPy. */
export const positive = unary(positiveOp);
