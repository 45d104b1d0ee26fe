import { FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { negative } from './negative.js';
import { true_divide } from './true_divide.js';
import { trunc } from './trunc.js';

export const fmodOp = defineOp({
  name: 'fmod',
  kind: 'elementwise',
  nin: 2,
  loops: [...loopsOf(INTS, 'TT->T'), ...loopsOf(FLOATS, 'TT->T')],
  scalar: (a, b) => a.fmod(b),
  vjp: ([g], { inputs: [a, b], needs }) => [g!, needs[1] ? negative(multiply(g!, trunc(true_divide(a!, b!)))) : null],
  vjpSaves: { outputs: false },
});

/** np.fmod: C's remainder, with the sign of the dividend; x % 0 is 0 for integers, NaN for floats. */
export const fmod = binary(fmodOp);
