import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const hypotOp = defineOp({
  name: 'hypot',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(FLOATS, 'TT->T'),
  scalar: (a, b) => a.hypot(b),
});

/** np.hypot: sqrt(x1**2 + x2**2) without undue overflow. */
export const hypot = binary(hypotOp);
