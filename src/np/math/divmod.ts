import { FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary2 } from '../ufunc.js';
import { multiply } from './multiply.js';
import { negative } from './negative.js';

export const divmodOp = defineOp({
  name: 'divmod',
  kind: 'elementwise',
  nin: 2,
  nout: 2,
  loops: [...loopsOf(INTS, 'TT->TT'), ...loopsOf(FLOATS, 'TT->TT')],
  scalar: (a, b) => [a.floor_divide(b), a.remainder(b)],
  vjp: ([, gr], { outputs: [q], needs }) => [gr!, needs[1] ? negative(multiply(gr!, q!)) : null],
  vjpSaves: { inputs: false },
});

/** np.divmod: [x1 // x2, x1 % x2] in one pass. */
export const divmod = binary2(divmodOp);
