import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { add } from './add.js';
import { multiply } from './multiply.js';
import { negative } from './negative.js';
import { true_divide } from './true_divide.js';

export const arctan2Op = defineOp({
  name: 'arctan2',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(FLOATS, 'TT->T'),
  scalar: (y, x) => y.atan2(x),
  vjp: ([g], { inputs: [y, x], needs }) => {
    const q = true_divide(g!, add(multiply(x!, x!), multiply(y!, y!)));
    return [needs[0] ? multiply(q, x!) : null, needs[1] ? negative(multiply(q, y!)) : null];
  },
  vjpSaves: { outputs: false },
});

/** np.arctan2 (np.atan2): the angle of (x2, x1) in radians, quadrant-aware. */
export const arctan2 = binary(arctan2Op);
export const atan2 = arctan2;
