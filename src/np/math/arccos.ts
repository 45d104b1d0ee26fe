import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const arccosOp = defineOp({
  name: 'arccos',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.acos(),
});

/** np.arccos: the inverse cosine (np.acos). */
export const arccos = unary(arccosOp);
export const acos = arccos;
