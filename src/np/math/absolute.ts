import { BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { sign } from './sign.js';

export const absoluteOp = defineOp({
  name: 'absolute',
  kind: 'elementwise',
  nin: 1,
  loops: [...loopsOf(BOOL + INTS + FLOATS, 'T->T'), 'F->f', 'D->d'], // |z| of a complex is real
  scalar: (a) => a.abs(),
  vjp: ([g], { inputs: [x] }) => [multiply(g!, sign(x!))],
  vjpSaves: { outputs: false },
});

/** np.absolute (np.abs): |x|; the most negative integer stays itself (wraps), as in NumPy. */
export const absolute = unary(absoluteOp);
export const abs = absolute;
