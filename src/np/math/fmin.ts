import { COMPLEX, BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { pickWeight } from './maximum.js';

export const fminOp = defineOp({
  name: 'fmin',
  kind: 'elementwise',
  nin: 2,
  loops: [...loopsOf(BOOL + INTS + FLOATS + COMPLEX, 'TT->T')],
  scalar: (a, b) => a.fmin(b),
  vjp: ([g], { inputs: [a, b], needs }) => [needs[0] ? multiply(g!, pickWeight(b!, a!, true)) : null, needs[1] ? multiply(g!, pickWeight(a!, b!, true)) : null],
  vjpSaves: { outputs: false },
});

/** np.fmin: elementwise minimum where a NaN loses to a number (np.minimum propagates it). */
export const fmin = binary(fminOp);
