import { contiguousStrides } from '../../../core/shape.js';
import { repeatOp } from '../../../np/manip/repeat.js';
import type { TensorView } from '../../backend.js';
import { registerCpuKernel, runCommand } from '../backend.js';

/** A C-contiguous tensor seen as (outer, shape[axis], inner). */
function rows(t: TensorView, axis: number): TensorView {
  const outer = t.shape.slice(0, axis).reduce((m, d) => m * d, 1);
  const inner = t.shape.slice(axis + 1).reduce((m, d) => m * d, 1);
  const shape = [outer, t.shape[axis]!, inner];
  return { ...t, shape, strides: contiguousStrides(shape) };
}

registerCpuKernel(repeatOp, ({ inputs, outputs, attrs }) => {
  const { axis } = attrs as { axis: number };
  runCommand('repeat', [], [rows(inputs[0]!, axis), inputs[1]!, rows(outputs[0]!, axis)]);
});
