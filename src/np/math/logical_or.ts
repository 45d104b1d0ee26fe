import { COMPLEX, BOOL, FLOATS, INTS, defineOp, logicalResolve, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const logicalOrOp = defineOp({
  name: 'logical_or',
  kind: 'elementwise',
  nin: 2,
  loops: [...loopsOf(BOOL + INTS, 'TT->?'), ...loopsOf(FLOATS + COMPLEX, 'TT->?')],
  // one dtype takes its own loop; mixed dtypes read as bool, whatever the casting rule
  resolve: logicalResolve,
  truthy: true,
  scalar: (a, b) => a.cast('bool').or(b.cast('bool')),
});

/** np.logical_or: truth of x1 or x2 (NaN is true). */
export const logical_or = binary(logicalOrOp);
