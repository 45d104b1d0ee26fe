import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const fabsOp = defineOp({
  name: 'fabs',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS, 'T->T'),
  scalar: (a) => a.abs(),
});

/** np.fabs: |x| of floats (integers go through a float loop). */
export const fabs = unary(fabsOp);
