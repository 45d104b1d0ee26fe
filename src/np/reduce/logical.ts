// np.all / np.any: folds into bool (NumPy's logical_and/or.reduce); any nonzero value, NaN
// included, is true. Every dtype reads straight into the bool accumulator, without a cast pass.
import { DTYPES } from '../../core/dtype.js';
import { defineOp, loopSig } from '../../core/op.js';
import { reduction } from './common.js';

export const allOp = defineOp({
  name: 'all',
  kind: 'reduce',
  nin: 1,
  loops: DTYPES.map((d) => loopSig([d], ['bool'])),
  reduce: { combine: (acc, x) => acc.minimum(x), identity: 1 },
});

export const anyOp = defineOp({
  name: 'any',
  kind: 'reduce',
  nin: 1,
  loops: DTYPES.map((d) => loopSig([d], ['bool'])),
  reduce: { combine: (acc, x) => acc.maximum(x), identity: 0 },
});

/** np.all(a, axis?) / np.all(a, { axis, keepdims, out, where }). */
export const all = reduction(allOp);
/** np.any(a, axis?) / np.any(a, { axis, keepdims, out, where }). */
export const any = reduction(anyOp);
