import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const arctanOp = defineOp({
  name: 'arctan',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.atan(),
});

/** np.arctan: the inverse tangent (np.atan). */
export const arctan = unary(arctanOp);
export const atan = arctan;
