import { argmaxOp, argminOp, nanargmaxOp, nanargminOp } from '../../../np/reduce/arg.js';
import { dtypeCode } from '../../../np/reduce/fill.js';
import { registerCpuKernel, runCommand } from '../backend.js';

// native/src/argreduce.cc: aux [dtype, axis, argmin, skip NaN].
for (const [op, isMin, skipNaN] of [[argmaxOp, 0, 0], [argminOp, 1, 0], [nanargmaxOp, 0, 1], [nanargminOp, 1, 1]] as const) {
  registerCpuKernel(op, ({ inputs, outputs, attrs }) => {
    const { axis } = attrs as { axis: number };
    runCommand('argreduce', [dtypeCode(inputs[0]!.dtype), axis, isMin, skipNaN], [inputs[0]!, outputs[0]!]);
  });
}
