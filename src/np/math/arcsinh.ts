import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const arcsinhOp = defineOp({
  name: 'arcsinh',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.asinh(),
});

/** np.arcsinh: the inverse hyperbolic sine (np.asinh). */
export const arcsinh = unary(arcsinhOp);
export const asinh = arcsinh;
