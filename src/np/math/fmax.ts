import { COMPLEX, BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { fPickGrads } from './pick_grad.js';

export const fmaxOp = defineOp({
  name: 'fmax',
  kind: 'elementwise',
  nin: 2,
  loops: [...loopsOf(BOOL + INTS + FLOATS + COMPLEX, 'TT->T')],
  scalar: (a, b) => a.fmax(b),
  vjp: ([g], { inputs: [a, b], needs }) => fPickGrads(g!, a!, b!, true, needs),
  vjpSaves: { outputs: false },
});

/** np.fmax: elementwise maximum where a NaN loses to a number (np.maximum propagates it). */
export const fmax = binary(fmaxOp);
