import { COMPLEX, BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const fminOp = defineOp({
  name: 'fmin',
  kind: 'elementwise',
  nin: 2,
  loops: [...loopsOf(BOOL + INTS + FLOATS + COMPLEX, 'TT->T')],
  scalar: (a, b) => a.fmin(b),
});

/** np.fmin: elementwise minimum where a NaN loses to a number (np.minimum propagates it). */
export const fmin = binary(fminOp);
