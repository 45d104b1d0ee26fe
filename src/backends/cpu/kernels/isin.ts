import { dtypeCode } from '../../../np/sorting/common.js';
import { isinOp } from '../../../np/sorting/isin.js';
import { registerCpuKernel, runCommand } from '../backend.js';

registerCpuKernel(isinOp, ({ inputs, outputs, attrs }) => {
  const a = attrs as { invert: boolean; elementU64: boolean; testU64: boolean };
  const code = a.elementU64 || a.testU64 ? dtypeCode('int64') : dtypeCode(inputs[0]!.dtype);
  runCommand('isin', [code, a.invert ? 1 : 0, a.elementU64 ? 1 : 0, a.testU64 ? 1 : 0], [inputs[0]!, inputs[1]!, outputs[0]!]);
});
