import { FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const fmodOp = defineOp({
  name: 'fmod',
  kind: 'elementwise',
  nin: 2,
  loops: [...loopsOf(INTS, 'TT->T'), ...loopsOf(FLOATS, 'TT->T')],
  scalar: (a, b) => a.fmod(b),
});

/** np.fmod: C's remainder, with the sign of the dividend; x % 0 is 0 for integers, NaN for floats. */
export const fmod = binary(fmodOp);
