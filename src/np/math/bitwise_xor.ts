import { BOOL, INTS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const bitwiseXorOp = defineOp({
  name: 'bitwise_xor',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(BOOL + INTS, 'TT->T'),
  scalar: (a, b) => a.xor(b),
});

/** np.bitwise_xor: x1 ^ x2 (logical xor for bool). */
export const bitwise_xor = binary(bitwiseXorOp);
