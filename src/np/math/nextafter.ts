import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const nextafterOp = defineOp({
  name: 'nextafter',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(FLOATS, 'TT->T'),
  scalar: (a, b) => a.nextafter(b),
  vjp: ([g]) => [g!, null],
  vjpSaves: { inputs: false, outputs: false },
});

/** np.nextafter: the next representable value after x1 toward x2 (float16/bfloat16 step on their own bits). */
export const nextafter = binary(nextafterOp);
