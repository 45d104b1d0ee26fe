import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { add } from './add.js';
import { multiply } from './multiply.js';
import { true_divide } from './true_divide.js';

export const arctanOp = defineOp({
  name: 'arctan',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.atan(),
  vjp: ([g], { inputs: [x] }) => [true_divide(g!, add(multiply(x!, x!), 1))],
  vjpSaves: { outputs: false },
});

/** np.arctan: the inverse tangent (np.atan). */
export const arctan = unary(arctanOp);
export const atan = arctan;
