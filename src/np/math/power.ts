import { COMPLEX, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const powerOp = defineOp({
  name: 'power',
  kind: 'elementwise',
  nin: 2,
  loops: [...loopsOf(INTS, 'TT->T'), ...loopsOf(FLOATS + COMPLEX, 'TT->T')],
  scalar: (a, b) => a.power(b),
});

/** np.power (np.pow): x1 ** x2; integers to negative integer powers raise (RangeError, NumPy's ValueError). */
export const power = binary(powerOp);
export const pow = power;
