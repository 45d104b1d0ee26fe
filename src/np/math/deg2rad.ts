import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const deg2radOp = defineOp({
  name: 'deg2rad',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS, 'T->T'),
  scalar: (a) => a.deg2rad(),
});

/** np.deg2rad: degrees to radians (np.radians). */
export const deg2rad = unary(deg2radOp);
export const radians = deg2rad;
