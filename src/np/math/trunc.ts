import { BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const truncOp = defineOp({
  name: 'trunc',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(BOOL + INTS + FLOATS, 'T->T'),
  scalar: (a) => a.trunc(),
  vjp: () => [null],
  vjpSaves: { inputs: false, outputs: false },
});

/** np.trunc: x rounded toward zero (integers and bool: themselves). */
export const trunc = unary(truncOp);
