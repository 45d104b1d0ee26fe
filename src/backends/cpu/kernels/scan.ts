import { cumprodOp, cumsumOp, nancumprodOp, nancumsumOp } from '../../../np/reduce/cumulative.js';
import { dtypeCode } from '../../../np/reduce/fill.js';
import { registerCpuKernel, runCommand } from '../backend.js';

// native/src/scan.cc: aux [input dtype, output dtype, axis, product, NaN as identity].
for (const [op, prod, nan] of [[cumsumOp, 0, 0], [cumprodOp, 1, 0], [nancumsumOp, 0, 1], [nancumprodOp, 1, 1]] as const) {
  registerCpuKernel(op, ({ inputs, outputs, attrs }) => {
    const { axis } = attrs as { axis: number };
    runCommand('scan', [dtypeCode(inputs[0]!.dtype), dtypeCode(outputs[0]!.dtype), axis, prod, nan], [inputs[0]!, outputs[0]!]);
  });
}
