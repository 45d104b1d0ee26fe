import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { negative } from './negative.js';
import { sqrt } from './sqrt.js';
import { subtract } from './subtract.js';
import { true_divide } from './true_divide.js';

export const arccosOp = defineOp({
  name: 'arccos',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.acos(),
  vjp: ([g], { inputs: [x] }) => [negative(true_divide(g!, sqrt(subtract(1, multiply(x!, x!)))))],
  vjpSaves: { outputs: false },
});

/** np.arccos: the inverse cosine (np.acos). */
export const arccos = unary(arccosOp);
export const acos = arccos;
