import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { sign } from './sign.js';

export const copysignOp = defineOp({
  name: 'copysign',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(FLOATS, 'TT->T'),
  scalar: (a, b) => a.copysign(b),
  vjp: ([g], { inputs: [a], outputs: [y] }) => [multiply(g!, multiply(sign(a!), sign(y!))), null],
});

/** np.copysign: the magnitude of x1 with the sign of x2. */
export const copysign = binary(copysignOp);
