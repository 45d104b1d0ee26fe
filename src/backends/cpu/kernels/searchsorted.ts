import { dtypeCode } from '../../../np/sorting/common.js';
import { monotonicOp } from '../../../np/sorting/digitize.js';
import { intRangeOp, searchsortedOp } from '../../../np/sorting/searchsorted.js';
import { registerCpuKernel, runCommand } from '../backend.js';

registerCpuKernel(searchsortedOp, ({ inputs, outputs, attrs }) => {
  const { right, reverse } = attrs as { right: boolean; reverse: boolean };
  const sorter = inputs.length > 2;
  try {
    runCommand('searchsorted', [dtypeCode(inputs[0]!.dtype), right ? 1 : 0, sorter ? 1 : 0, reverse ? 1 : 0], [...inputs, outputs[0]!]);
  } catch (e) {
    // NumPy's ValueError for a sorter entry its search reads out of range
    if (e instanceof Error && /Sorter index out of range/.test(e.message)) throw new RangeError(e.message);
    throw e;
  }
});

registerCpuKernel(intRangeOp, ({ inputs, outputs }) => {
  runCommand('int_range', [dtypeCode(inputs[0]!.dtype)], [inputs[0]!, outputs[0]!]);
});

registerCpuKernel(monotonicOp, ({ inputs, outputs }) => {
  runCommand('monotonic', [], [inputs[0]!, outputs[0]!]);
});
