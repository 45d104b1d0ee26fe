import { dtypeCode, sortOp } from '../../../np/sorting/sort.js';
import { registerCpuKernel, runCommand } from '../backend.js';

registerCpuKernel(sortOp, ({ inputs, outputs, attrs }) => {
  const { axis, stable } = attrs as { axis: number; stable: boolean };
  runCommand('sort', [dtypeCode(inputs[0]!.dtype), axis, stable ? 1 : 0], [inputs[0]!, outputs[0]!]);
});
