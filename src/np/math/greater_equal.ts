import { COMPLEX, BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { comparison } from '../ufunc.js';

export const greaterEqualOp = defineOp({
  name: 'greater_equal',
  kind: 'elementwise',
  nin: 2,
  loops: [...loopsOf(BOOL + INTS, 'TT->?'), 'qQ->?', 'Qq->?', ...loopsOf(FLOATS + COMPLEX, 'TT->?')],
  comparesInts: true,
  scalar: (a, b) => a.ge(b),
});

/** np.greater_equal: x1 >= x2 (int64 with uint64 exactly; JS integers of any size compare exactly, as NumPy 2's Python ints). */
export const greater_equal = comparison(greaterEqualOp);
