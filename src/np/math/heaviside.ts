import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const heavisideOp = defineOp({
  name: 'heaviside',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(FLOATS, 'TT->T'),
  scalar: (x, h) => x.lt(0).select(0, x.eq(0).select(h, x.gt(0).select(1, x))),
});

/** np.heaviside: 0 below zero, x2 at zero, 1 above; NaN stays NaN. */
export const heaviside = binary(heavisideOp);
