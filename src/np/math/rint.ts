import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const rintOp = defineOp({
  name: 'rint',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'), // complex: each part
  scalar: (a) => a.rint(),
  vjp: () => [null],
  vjpSaves: { inputs: false, outputs: false },
});

/** np.rint: round to the nearest integer, half to even. */
export const rint = unary(rintOp);
