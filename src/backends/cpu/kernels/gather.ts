// CPU kernels of the indexing gather and scatter (native/src/gather.cc). The result / values
// operand is handed over permuted to [bshape..., rest...], the order the native walk wants.
import type { TensorView } from '../../backend.js';
import { type IndexArraysAttrs, gatherOp, scatterOp } from '../../../np/indexing/ops.js';
import { registerCpuKernel, runCommand } from '../backend.js';

const MODES = { raise: 0, wrap: 1, clip: 2 } as const;

/** `t` with the index dimensions [pos, pos + nB) moved to the front. */
function bFirst(t: TensorView, pos: number, nB: number): TensorView {
  const order = [...Array(nB).keys()].map((i) => pos + i);
  for (let d = 0; d < t.shape.length; d++) if (d < pos || d >= pos + nB) order.push(d);
  return { ...t, shape: order.map((d) => t.shape[d]!), strides: order.map((d) => t.strides[d]!) };
}

function aux(a: IndexArraysAttrs, idx: readonly TensorView[]): number[] {
  const out = [MODES[a.mode], idx.length, a.bshape.length];
  idx.forEach((t, k) => out.push(t.dtype === 'int32' ? 1 : 0, a.axes[k] ?? k));
  return out;
}

function run(name: string, arr: TensorView, other: TensorView, idx: readonly TensorView[], a: IndexArraysAttrs): void {
  try {
    runCommand(name, aux(a, idx), [arr, bFirst(other, a.pos, a.bshape.length), ...idx]);
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
