import type { DType } from '../../../core/dtype.js';
import { bincountOp } from '../../../np/sorting/bincount.js';
import { dtypeCode } from '../../../np/sorting/common.js';
import { type UniformAttrs, histogramEdgesOp, histogramEdgesWeightedOp, histogramUniformOp } from '../../../np/sorting/histogram.js';
import { registerCpuKernel, runCommand } from '../backend.js';

registerCpuKernel(bincountOp, ({ inputs, outputs }) => {
  runCommand('bincount', [dtypeCode(inputs[0]!.dtype), inputs.length > 1 ? 1 : 0], [...inputs, outputs[0]!]);
});

registerCpuKernel(histogramUniformOp, ({ inputs, outputs, attrs }) => {
  const a = attrs as UniformAttrs;
  runCommand('histogram_uniform', [
    dtypeCode(inputs[0]!.dtype), dtypeCode(a.binType), dtypeCode(a.divType), a.weightType === null ? -1 : dtypeCode(a.weightType),
    a.nbins, a.loMode, a.hiMode, a.lo, a.hi, a.first, a.denom, ...a.loInt, ...a.hiInt,
  ], [...inputs, outputs[0]!]);
});

registerCpuKernel(histogramEdgesOp, ({ inputs, outputs }) => {
  runCommand('histogram_edges', [dtypeCode(inputs[0]!.dtype), -1, -1], [inputs[0]!, inputs[1]!, outputs[0]!]);
});

registerCpuKernel(histogramEdgesWeightedOp, ({ inputs, outputs, attrs }) => {
  const { weightType, cumsumType } = attrs as { weightType: DType; cumsumType: DType };
  runCommand('histogram_edges', [dtypeCode(inputs[0]!.dtype), dtypeCode(weightType), dtypeCode(cumsumType)], [inputs[0]!, inputs[1]!, inputs[2]!, outputs[0]!]);
});
