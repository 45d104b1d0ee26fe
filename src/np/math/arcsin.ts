import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { sqrt } from './sqrt.js';
import { subtract } from './subtract.js';
import { true_divide } from './true_divide.js';

export const arcsinOp = defineOp({
  name: 'arcsin',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.asin(),
  vjp: ([g], { inputs: [x] }) => [true_divide(g!, sqrt(subtract(1, multiply(x!, x!))))],
  vjpSaves: { outputs: false },
});

/** np.arcsin: the inverse sine (np.asin). */
export const arcsin = unary(arcsinOp);
export const asin = arcsin;
