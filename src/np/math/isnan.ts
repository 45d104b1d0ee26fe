import { COMPLEX, BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const isnanOp = defineOp({
  name: 'isnan',
  kind: 'elementwise',
  nin: 1,
  loops: [...loopsOf(BOOL + INTS, 'T->?'), ...loopsOf(FLOATS + COMPLEX, 'T->?')],
  scalar: (a) => a.isnan(),
});

/** np.isnan: NaN test (false for integers and bool). */
export const isnan = unary(isnanOp);
