import { FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const remainderOp = defineOp({
  name: 'remainder',
  kind: 'elementwise',
  nin: 2,
  loops: [...loopsOf(INTS, 'TT->T'), ...loopsOf(FLOATS, 'TT->T')],
  scalar: (a, b) => a.remainder(b),
});

/** np.remainder (np.mod): Python's %, with the sign of the divisor; x % 0 is 0 for integers, NaN for floats. */
export const remainder = binary(remainderOp);
export const mod = remainder;
