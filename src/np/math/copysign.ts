import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const copysignOp = defineOp({
  name: 'copysign',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(FLOATS, 'TT->T'),
  scalar: (a, b) => a.copysign(b),
});

/** np.copysign: the magnitude of x1 with the sign of x2. */
export const copysign = binary(copysignOp);
