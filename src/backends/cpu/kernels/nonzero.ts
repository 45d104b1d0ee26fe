import { compressOp, countNonzeroOp, dtypeCode, takeOp } from '../../../np/sorting/common.js';
import { nonzeroOp } from '../../../np/sorting/nonzero.js';
import { registerCpuKernel, runCommand } from '../backend.js';

registerCpuKernel(countNonzeroOp, ({ inputs, outputs }) => {
  runCommand('nonzero_count', [dtypeCode(inputs[0]!.dtype)], [inputs[0]!, outputs[0]!]);
});

registerCpuKernel(nonzeroOp, ({ inputs, outputs, attrs }) => {
  const { flat } = attrs as { flat: boolean };
  runCommand('nonzero', [dtypeCode(inputs[0]!.dtype), flat ? 1 : 0], [inputs[0]!, outputs[0]!]);
});

registerCpuKernel(compressOp, ({ inputs, outputs }) => {
  runCommand('compress_1d', [dtypeCode(inputs[0]!.dtype)], [inputs[0]!, inputs[1]!, outputs[0]!]);
});

registerCpuKernel(takeOp, ({ inputs, outputs }) => {
  runCommand('take_1d', [], [inputs[0]!, inputs[1]!, outputs[0]!]);
});
