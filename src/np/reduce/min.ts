import { DTYPES } from '../../core/dtype.js';
import { defineOp, loopSig } from '../../core/op.js';
import { reduction } from './common.js';

export const minOp = defineOp({
  name: 'min',
  kind: 'reduce',
  nin: 1,
  loops: DTYPES.map((d) => loopSig([d], [d])),
  reduce: { combine: (acc, x) => acc.minimum(x) },
});

export const min = reduction(minOp);
export const amin = min;
