import { FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { floor } from './floor.js';
import { multiply } from './multiply.js';
import { negative } from './negative.js';
import { true_divide } from './true_divide.js';

export const remainderOp = defineOp({
  name: 'remainder',
  kind: 'elementwise',
  nin: 2,
  loops: [...loopsOf(INTS, 'TT->T'), ...loopsOf(FLOATS, 'TT->T')],
  scalar: (a, b) => a.remainder(b),
  vjp: ([g], { inputs: [a, b], needs }) => [g!, needs[1] ? negative(multiply(g!, floor(true_divide(a!, b!)))) : null],
  vjpSaves: { outputs: false },
});

/** np.remainder (np.mod): Python's %, with the sign of the divisor; x % 0 is 0 for integers, NaN for floats. */
export const remainder = binary(remainderOp);
export const mod = remainder;
