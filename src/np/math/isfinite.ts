import { COMPLEX, BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const isfiniteOp = defineOp({
  name: 'isfinite',
  kind: 'elementwise',
  nin: 1,
  loops: [...loopsOf(BOOL + INTS, 'T->?'), ...loopsOf(FLOATS + COMPLEX, 'T->?')],
  scalar: (a) => a.isfinite(),
});

/** np.isfinite: neither NaN nor ±inf (true for integers and bool). */
export const isfinite = unary(isfiniteOp);
