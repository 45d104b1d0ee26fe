import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { sinh } from './sinh.js';

export const coshOp = defineOp({
  name: 'cosh',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.cosh(),
  vjp: ([g], { inputs: [x] }) => [multiply(g!, sinh(x!))],
  vjpSaves: { outputs: false },
});

/** np.cosh: the hyperbolic cosine. */
export const cosh = unary(coshOp);
