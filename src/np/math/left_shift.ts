import { INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const leftShiftOp = defineOp({
  name: 'left_shift',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(INTS, 'TT->T'),
  scalar: (a, b) => a.lshift(b),
});

/** np.left_shift (np.bitwise_left_shift): x1 << x2; shifts by the width or more (or negative) give 0. */
export const left_shift = binary(leftShiftOp);
export const bitwise_left_shift = left_shift;
