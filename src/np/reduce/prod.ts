import { defineOp } from '../../core/op.js';
import { reduction } from './common.js';
import { accumulateLoops, sameTypeLoops } from './sum.js';

export const prodOp = defineOp({
  name: 'prod',
  kind: 'reduce',
  nin: 1,
  loops: [...accumulateLoops, ...sameTypeLoops],
  reduce: { combine: (acc, x) => acc.mul(x), identity: 1 },
});

export const prod = reduction(prodOp);
