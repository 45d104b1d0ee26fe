import { dtypeCode } from '../../../core/dtype.js';
import { matmulOp } from '../../../np/linalg/matmul.js';
import type { TensorView } from '../../backend.js';
import { registerCpuKernel, runCommand } from '../backend.js';

/** `t` seen with batch dims `batch` (stride 0 where broadcast) and its last two dims. */
function batched(t: TensorView, batch: readonly number[], rows: number, cols: number, rs: number, cs: number): TensorView {
  const bt = t.shape.slice(0, -2), st = t.strides.slice(0, -2);
  const off = batch.length - bt.length;
  const strides = batch.map((n, i) => (i < off || bt[i - off] === 1 ? 0 : st[i - off]!));
  return { ...t, shape: [...batch, rows, cols], strides: [...strides, rs, cs] };
}

// The native command takes (batch..., M, K) @ (batch..., K, N) -> (batch..., M, N); 1-D operands
// become a row (first) or column (second) vector here, and the output view gets their unit dims.
registerCpuKernel(matmulOp, ({ inputs, outputs }) => {
  const [a, b] = inputs as [TensorView, TensorView];
  const o = outputs[0]!;
  const a1 = a.shape.length === 1, b1 = b.shape.length === 1;
  const av = a1 ? { ...a, shape: [1, a.shape[0]!], strides: [0, a.strides[0]!] } : a;
  const bv = b1 ? { ...b, shape: [b.shape[0]!, 1], strides: [b.strides[0]!, 0] } : b;
  const M = av.shape[av.shape.length - 2]!, K = av.shape[av.shape.length - 1]!, N = bv.shape[bv.shape.length - 1]!;
  const batch = o.shape.slice(0, o.shape.length - (a1 ? 0 : 1) - (b1 ? 0 : 1));
  const ov = { ...o, shape: [...batch, M, N], strides: [...o.strides.slice(0, batch.length), b1 ? 1 : N, 1] };
  const n = av.shape.length;
  const A = batched(av, batch, M, K, av.strides[n - 2]!, av.strides[n - 1]!);
  const m = bv.shape.length;
  const B = batched(bv, batch, K, N, bv.strides[m - 2]!, bv.strides[m - 1]!);
  runCommand('matmul', [dtypeCode(o.dtype)], [A, B, ov]);
});
