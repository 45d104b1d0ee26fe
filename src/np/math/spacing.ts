import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const spacingOp = defineOp({
  name: 'spacing',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS, 'T->T'),
  scalar: (a) => a.spacing(),
  vjp: () => [null],
  vjpSaves: { inputs: false, outputs: false },
});

/** np.spacing: the distance to the next float away from zero (NumPy's float16 rule for negative powers of two). */
export const spacing = unary(spacingOp);
