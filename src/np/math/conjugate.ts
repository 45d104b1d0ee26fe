import { COMPLEX, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { unary } from '../ufunc.js';

export const conjugateOp = defineOp({
  name: 'conjugate',
  kind: 'elementwise',
  nin: 1,
  // NumPy has no bool loop: bool goes to int8, as in NumPy
  loops: loopsOf(INTS + FLOATS + COMPLEX, 'T->T'),
  scalar: (a) => a.conj(),
});

/** np.conjugate (np.conj): the complex conjugate; the identity (a copy) for real dtypes. */
export const conjugate = unary(conjugateOp);
export const conj = conjugate;
