import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const log2Op = defineOp({
  name: 'log2',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.log2(),
});

/** np.log2: the base-2 logarithm. */
export const log2 = unary(log2Op);
