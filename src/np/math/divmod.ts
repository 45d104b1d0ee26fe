import { FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary2 } from '../ufunc.js';

export const divmodOp = defineOp({
  name: 'divmod',
  kind: 'elementwise',
  nin: 2,
  nout: 2,
  loops: [...loopsOf(INTS, 'TT->TT'), ...loopsOf(FLOATS, 'TT->TT')],
  scalar: (a, b) => [a.floor_divide(b), a.remainder(b)],
});

/** np.divmod: [x1 // x2, x1 % x2] in one pass. */
export const divmod = binary2(divmodOp);
