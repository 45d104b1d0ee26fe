import { COMPLEX, BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const isinfOp = defineOp({
  name: 'isinf',
  kind: 'elementwise',
  nin: 1,
  loops: [...loopsOf(BOOL + INTS, 'T->?'), ...loopsOf(FLOATS + COMPLEX, 'T->?')],
  scalar: (a) => a.isinf(),
});

/** np.isinf: ±inf test (false for integers and bool). */
export const isinf = unary(isinfOp);
