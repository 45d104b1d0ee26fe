// CPU kernels of the indexing gather and scatter (native/src/gather.cc): the result / values
// operand in its own order [pre..., bshape..., post...], walked in that order (so np.take along a
// later axis reads rows, as NumPy's loop does).
import type { TensorView } from '../../backend.js';
import { type IndexArraysAttrs, gatherOp, scatterOp } from '../../../np/indexing/ops.js';
import { registerCpuKernel, runCommand } from '../backend.js';

const MODES = { raise: 0, wrap: 1, clip: 2 } as const;

function aux(a: IndexArraysAttrs, idx: readonly TensorView[]): number[] {
  const out = [MODES[a.mode], idx.length, a.bshape.length, a.pos];
  idx.forEach((t, k) => out.push(t.dtype === 'int32' ? 1 : 0, a.axes[k] ?? k));
  return out;
}

function run(name: string, arr: TensorView, other: TensorView, idx: readonly TensorView[], a: IndexArraysAttrs): void {
  try {
    runCommand(name, aux(a, idx), [arr, other, ...idx]);
  } catch (e) {
    // The native message names the problem as NumPy's IndexError does; callers add the op's name.
    const m = e instanceof Error ? /^IndexError: (.*)$/.exec(e.message) : null;
    throw m ? new RangeError(m[1]) : e;
  }
}

registerCpuKernel(gatherOp, ({ inputs, outputs, attrs }) => {
  run('index_gather', inputs[0]!, outputs[0]!, inputs.slice(1), attrs as IndexArraysAttrs);
});

registerCpuKernel(scatterOp, ({ inputs, attrs }) => {
  run('index_scatter', inputs[0]!, inputs[1]!, inputs.slice(2), attrs as IndexArraysAttrs);
});
