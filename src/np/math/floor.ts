import { BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const floorOp = defineOp({
  name: 'floor',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(BOOL + INTS + FLOATS, 'T->T'),
  scalar: (a) => a.floor(),
  vjp: () => [null],
  vjpSaves: { inputs: false, outputs: false },
});

/** np.floor: the largest integer <= x (integers and bool: themselves). */
export const floor = unary(floorOp);
