import { COMPLEX, BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const logicalNotOp = defineOp({
  name: 'logical_not',
  kind: 'elementwise',
  nin: 1,
  loops: [...loopsOf(BOOL + INTS, 'T->?'), ...loopsOf(FLOATS + COMPLEX, 'T->?')],
  scalar: (a) => a.cast('bool').not(),
});

/** np.logical_not: not x (NaN is true, so its negation is false). */
export const logical_not = unary(logicalNotOp);
