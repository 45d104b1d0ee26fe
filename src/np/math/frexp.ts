import { defineOp } from '../../core/op.js';
import { unary2 } from '../ufunc.js';
import { ldexp } from './ldexp.js';
import { negative } from './negative.js';

export const frexpOp = defineOp({
  name: 'frexp',
  kind: 'elementwise',
  nin: 1,
  nout: 2,
  loops: ['e->ei', 'E->Ei', 'f->fi', 'd->di'],
  scalar: (a) => [a.frexp_mant(), a.frexp_exp()],
  vjp: ([gm], { outputs: [, e] }) => [ldexp(gm!, negative(e!))],
  vjpSaves: { inputs: false },
});

/** np.frexp: [mantissa in [0.5, 1), int32 exponent] with x = m * 2**e. */
export const frexp = unary2(frexpOp);
