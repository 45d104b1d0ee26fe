import { COMPLEX, FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const arcsinOp = defineOp({
  name: 'arcsin',
  kind: 'elementwise',
  nin: 1,
  loops: loopsOf(FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.asin(),
});

/** np.arcsin: the inverse sine (np.asin). */
export const arcsin = unary(arcsinOp);
export const asin = arcsin;
