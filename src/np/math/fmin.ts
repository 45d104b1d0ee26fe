import { COMPLEX, BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { fPickGrads } from './pick_grad.js';

export const fminOp = defineOp({
  name: 'fmin',
  kind: 'elementwise',
  nin: 2,
  loops: [...loopsOf(BOOL + INTS + FLOATS + COMPLEX, 'TT->T')],
  scalar: (a, b) => a.fmin(b),
  vjp: ([g], { inputs: [a, b], needs }) => fPickGrads(g!, a!, b!, false, needs),
  vjpSaves: { outputs: false },
});

/** np.fmin: elementwise minimum where a NaN loses to a number (np.minimum propagates it). */
export const fmin = binary(fminOp);
