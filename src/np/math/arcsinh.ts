import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { add } from './add.js';
import { multiply } from './multiply.js';
import { sqrt } from './sqrt.js';
import { true_divide } from './true_divide.js';

export const arcsinhOp = defineOp({
  name: 'arcsinh',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.asinh(),
  vjp: ([g], { inputs: [x] }) => [true_divide(g!, sqrt(add(multiply(x!, x!), 1)))],
  vjpSaves: { outputs: false },
});

/** np.arcsinh: the inverse hyperbolic sine (np.asinh). */
export const arcsinh = unary(arcsinhOp);
export const asinh = arcsinh;
