import { COMPLEX, BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const fmaxOp = defineOp({
  name: 'fmax',
  kind: 'elementwise',
  nin: 2,
  loops: [...loopsOf(BOOL + INTS + FLOATS + COMPLEX, 'TT->T')],
  scalar: (a, b) => a.fmax(b),
});

/** np.fmax: elementwise maximum where a NaN loses to a number (np.maximum propagates it). */
export const fmax = binary(fmaxOp);
