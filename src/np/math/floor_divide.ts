import { FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const floorDivideOp = defineOp({
  name: 'floor_divide',
  kind: 'elementwise',
  nin: 2,
  loops: [...loopsOf(INTS, 'TT->T'), ...loopsOf(FLOATS, 'TT->T')],
  scalar: (a, b) => a.floor_divide(b),
  vjp: () => [null, null],
  vjpSaves: { inputs: false, outputs: false },
});

/** np.floor_divide: the largest integer <= x1 / x2 (Python's //); integer division by zero gives 0. */
export const floor_divide = binary(floorDivideOp);
