import { dtypeCode, nanFillOp, stdSqrtOp, whereFillOp } from '../../../np/reduce/fill.js';
import { registerCpuKernel, runCommand } from '../backend.js';

// native/src/reduce_fill.cc: aux [dtype, mode]; mode 0 where-mask fill, 1 fill where a reference is NaN, 2 square root.
for (const [op, mode] of [[whereFillOp, 0], [nanFillOp, 1], [stdSqrtOp, 2]] as const) {
  registerCpuKernel(op, ({ inputs, outputs }) => {
    runCommand('reduce_fill', [dtypeCode(inputs[0]!.dtype), mode], [...inputs, outputs[0]!]);
  });
}
