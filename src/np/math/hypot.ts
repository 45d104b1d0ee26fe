import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { true_divide } from './true_divide.js';

export const hypotOp = defineOp({
  name: 'hypot',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(FLOATS, 'TT->T'),
  scalar: (a, b) => a.hypot(b),
  vjp: ([g], { inputs: [a, b], outputs: [y], needs }) => {
    const q = true_divide(g!, y!);
    return [needs[0] ? multiply(q, a!) : null, needs[1] ? multiply(q, b!) : null];
  },
});

/** np.hypot: sqrt(x1**2 + x2**2) without undue overflow. */
export const hypot = binary(hypotOp);
