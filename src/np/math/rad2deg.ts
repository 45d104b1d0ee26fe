import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const rad2degOp = defineOp({
  name: 'rad2deg',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS, 'T->T'),
  scalar: (a) => a.rad2deg(),
});

/** np.rad2deg: radians to degrees (np.degrees). */
export const rad2deg = unary(rad2degOp);
export const degrees = rad2deg;
