import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { equal } from './equal.js';
import { multiply } from './multiply.js';

export const heavisideOp = defineOp({
  name: 'heaviside',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(FLOATS, 'TT->T'),
  scalar: (x, h) => x.lt(0).select(0, x.eq(0).select(h, x.gt(0).select(1, x))),
  vjp: ([g], { inputs: [x], needs }) => [null, needs[1] ? multiply(g!, equal(x!, 0)) : null],
  vjpSaves: { outputs: false },
});

/** np.heaviside: 0 below zero, x2 at zero, 1 above; NaN stays NaN. */
export const heaviside = binary(heavisideOp);
