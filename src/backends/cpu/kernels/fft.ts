import { dtypeCode } from '../../../core/dtype.js';
import { type FftAttrs, fftOp } from '../../../np/fft/op.js';
import { registerCpuKernel, runCommand } from '../backend.js';

registerCpuKernel(fftOp, ({ inputs, outputs, attrs }) => {
  const a = attrs as FftAttrs;
  const x = inputs[0]!, y = outputs[0]!;
  runCommand('fft', [a.kind, a.n, a.inverse ? 1 : 0, a.scale, dtypeCode(x.dtype), dtypeCode(y.dtype), a.axis], [x, y]);
});
