import { adjacentMaskOp, dtypeCode } from '../../../np/sorting/common.js';
import { uniqueFillOp, uniqueGroupsOp } from '../../../np/sorting/unique.js';
import { registerCpuKernel, runCommand } from '../backend.js';

registerCpuKernel(uniqueGroupsOp, ({ inputs, outputs, attrs }) => {
  const { equal_nan } = attrs as { equal_nan: boolean };
  runCommand('unique_groups', [dtypeCode(inputs[0]!.dtype), equal_nan ? 1 : 0, inputs.length > 1 ? 1 : 0], [...inputs, ...outputs]);
});

registerCpuKernel(uniqueFillOp, ({ inputs, outputs, attrs }) => {
  const a = attrs as { values: boolean; index: boolean; inverse: boolean; counts: boolean };
  const flags = [inputs.length > 2, a.values, a.index, a.inverse, a.counts].map((b) => (b ? 1 : 0));
  runCommand('unique_fill', flags, [...inputs, ...outputs]);
});

registerCpuKernel(adjacentMaskOp, ({ inputs, outputs, attrs }) => {
  const { mode } = attrs as { mode: number };
  runCommand('adjacent_mask', [dtypeCode(inputs[0]!.dtype), mode], [inputs[0]!, outputs[0]!]);
});
