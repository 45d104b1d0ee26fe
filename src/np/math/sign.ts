import { COMPLEX, FLOATS, INTS, defineOp, loopsOf, refuseBool } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const signOp = defineOp({
  name: 'sign',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(INTS + FLOATS + COMPLEX, 'T->T'),
  resolve: refuseBool,
  scalar: (a) => a.sign(),
  vjp: () => [null],
  vjpSaves: { inputs: false, outputs: false },
});

/** np.sign: -1, 0 or 1 (NaN for NaN; sign(-0.0) is 0.0). */
export const sign = unary(signOp);
