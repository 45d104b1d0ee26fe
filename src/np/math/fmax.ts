import { COMPLEX, BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { pickWeight } from './maximum.js';

export const fmaxOp = defineOp({
  name: 'fmax',
  kind: 'elementwise',
  nin: 2,
  loops: [...loopsOf(BOOL + INTS + FLOATS + COMPLEX, 'TT->T')],
  scalar: (a, b) => a.fmax(b),
  vjp: ([g], { inputs: [a, b], needs }) => [needs[0] ? multiply(g!, pickWeight(a!, b!, true)) : null, needs[1] ? multiply(g!, pickWeight(b!, a!, true)) : null],
  vjpSaves: { outputs: false },
});

/** np.fmax: elementwise maximum where a NaN loses to a number (np.maximum propagates it). */
export const fmax = binary(fmaxOp);
