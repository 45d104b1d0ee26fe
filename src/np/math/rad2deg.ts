import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';

export const rad2degOp = defineOp({
  name: 'rad2deg',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS, 'T->T'),
  scalar: (a) => a.rad2deg(),
  vjp: ([g]) => [multiply(g!, 180 / Math.PI)],
  vjpSaves: { inputs: false, outputs: false },
});

/** np.rad2deg: radians to degrees (np.degrees). */
export const rad2deg = unary(rad2degOp);
export const degrees = rad2deg;
