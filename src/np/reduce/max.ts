import { DTYPES } from '../../core/dtype.js';
import { defineOp, loopSig } from '../../core/op.js';
import { reduction } from './common.js';

export const maxOp = defineOp({
  name: 'max',
  kind: 'reduce',
  nin: 1,
  loops: DTYPES.map((d) => loopSig([d], [d])),
  reduce: { combine: (acc, x) => acc.maximum(x) }, // no identity: starts from the first element
});

/** np.max / np.amax: NaN propagates. */
export const max = reduction(maxOp);
export const amax = max;
