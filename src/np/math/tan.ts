import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { add } from './add.js';
import { multiply } from './multiply.js';

export const tanOp = defineOp({
  name: 'tan',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.tan(),
  vjp: ([g], { outputs: [y] }) => [multiply(g!, add(multiply(y!, y!), 1))],
  vjpSaves: { inputs: false },
});

/** np.tan: the tangent (radians). */
export const tan = unary(tanOp);
