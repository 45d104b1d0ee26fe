import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';

export const deg2radOp = defineOp({
  name: 'deg2rad',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS, 'T->T'),
  scalar: (a) => a.deg2rad(),
  vjp: ([g]) => [multiply(g!, Math.PI / 180)],
  vjpSaves: { inputs: false, outputs: false },
});

/** np.deg2rad: degrees to radians (np.radians). */
export const deg2rad = unary(deg2radOp);
export const radians = deg2rad;
