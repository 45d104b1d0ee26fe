import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const log10Op = defineOp({
  name: 'log10',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.log10(),
});

/** np.log10: the base-10 logarithm. */
export const log10 = unary(log10Op);
