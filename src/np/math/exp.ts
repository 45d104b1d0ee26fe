import { defineOp, floatLoops1 } from '../../core/op.js';
import { unary } from '../ufunc.js';
import { multiply } from './multiply.js';

export const expOp = defineOp({
  name: 'exp',
  kind: 'elementwise',
  nin: 1,
  loops: [...floatLoops1, 'F->F', 'D->D'], // int8 → float16, int16 → float32, int32/int64 → float64 (default float)
  scalar: (a) => a.exp(),
  vjp: ([g], { outputs: [y] }) => [multiply(g!, y!)],
  vjpSaves: { inputs: false },
});

export const exp = unary(expOp);
