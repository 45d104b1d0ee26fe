import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary2 } from '../ufunc.js';

export const modfOp = defineOp({
  name: 'modf',
  kind: 'elementwise',
  nin: 1,
  nout: 2,
  loops: loopsOf(FLOATS, 'T->TT'),
  // C's modf: the integral part is trunc(x); the fractional part keeps x's sign (0 for ±inf).
  scalar: (x) => {
    const i = x.trunc();
    return [x.isinf().select(0, x.sub(i)).copysign(x), i];
  },
  vjp: ([gf]) => [gf!],
  vjpSaves: { inputs: false, outputs: false },
});

/** np.modf: [fractional part, integral part], both with the sign of x. */
export const modf = unary2(modfOp);
