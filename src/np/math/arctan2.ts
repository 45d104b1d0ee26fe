import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const arctan2Op = defineOp({
  name: 'arctan2',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(FLOATS, 'TT->T'),
  scalar: (y, x) => y.atan2(x),
});

/** np.arctan2 (np.atan2): the angle of (x2, x1) in radians, quadrant-aware. */
export const arctan2 = binary(arctan2Op);
export const atan2 = arctan2;
