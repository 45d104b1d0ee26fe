import { BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const ceilOp = defineOp({
  name: 'ceil',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(BOOL + INTS + FLOATS, 'T->T'),
  scalar: (a) => a.ceil(),
  vjp: () => [null],
  vjpSaves: { inputs: false, outputs: false },
});

/** np.ceil: the smallest integer >= x (integers and bool: themselves). */
export const ceil = unary(ceilOp);
