import { registerCastOp } from '../../core/apply.js';
import { DTYPES, type DType } from '../../core/dtype.js';
import { defineOp, loopSig } from '../../core/op.js';

/** Conversion between any two dtypes; also the copy kernel (same dtype in and out). */
export const astypeOp = defineOp<{ dtype: DType }>({
  name: 'astype',
  kind: 'elementwise',
  nin: 1,
  attrs: { dtype: 'float32' },
  defaultFloat: false,
  loops: DTYPES.flatMap((a) => DTYPES.map((b) => loopSig([a], [b]))),
  resolve: (inputs, attrs, op) => op.parsedLoops.find((l) => l.inputs[0] === inputs[0] && l.outputs[0] === attrs.dtype),
  scalar: (a) => a,
  vjp: ([g]) => [g!],
  vjpSaves: { inputs: false, outputs: false },
});
registerCastOp(astypeOp);
