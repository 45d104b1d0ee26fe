import { INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const rightShiftOp = defineOp({
  name: 'right_shift',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(INTS, 'TT->T'),
  scalar: (a, b) => a.rshift(b),
});

/** np.right_shift (np.bitwise_right_shift): x1 >> x2, arithmetic for signed types; shifts by the width or more give 0 (-1 for negative x1). */
export const right_shift = binary(rightShiftOp);
export const bitwise_right_shift = right_shift;
