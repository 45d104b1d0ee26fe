import { dtypeCode } from '../../../np/reduce/fill.js';
import { type QuantileAttrs, quantileOp } from '../../../np/reduce/quantile.js';
import { registerCpuKernel, runCommand } from '../backend.js';

// native/src/quantile.cc: aux [input dtype, output dtype, kind, method, skip NaN, integer q].
registerCpuKernel(quantileOp, ({ inputs, outputs, attrs }) => {
  const a = attrs as QuantileAttrs;
  runCommand('quantile', [dtypeCode(inputs[0]!.dtype), dtypeCode(outputs[0]!.dtype), a.kind, a.method, a.skipNaN ? 1 : 0, a.intQ ? 1 : 0],
    [inputs[0]!, inputs[1]!, outputs[0]!]);
});
