import { argsortOp } from '../../../np/sorting/argsort.js';
import { dtypeCode } from '../../../np/sorting/common.js';
import { partitionOp } from '../../../np/sorting/partition.js';
import { sortOp } from '../../../np/sorting/sort.js';
import { registerCpuKernel, runCommand } from '../backend.js';

registerCpuKernel(sortOp, ({ inputs, outputs, attrs }) => {
  const { axis, stable } = attrs as { axis: number; stable: boolean };
  runCommand('sort', [dtypeCode(inputs[0]!.dtype), axis, stable ? 1 : 0], [inputs[0]!, outputs[0]!]);
});

registerCpuKernel(argsortOp, ({ inputs, outputs, attrs }) => {
  const { axis, nanFirst } = attrs as { axis: number; nanFirst: boolean };
  runCommand('argsort', [dtypeCode(inputs[0]!.dtype), axis, inputs.length > 1 ? 1 : 0, nanFirst ? 1 : 0], [...inputs, outputs[0]!]);
});

registerCpuKernel(partitionOp, ({ inputs, outputs, attrs }) => {
  const { axis, arg } = attrs as { axis: number; arg: boolean };
  runCommand('partition', [dtypeCode(inputs[0]!.dtype), axis, arg ? 1 : 0], [inputs[0]!, inputs[1]!, outputs[0]!]);
});
