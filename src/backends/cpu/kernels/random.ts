// CPU kernels of np.random's ops (native/src/random_dist.cc, random_multi.cc).
import type { TensorView } from '../../backend.js';
import {
  DIST_CODES, type RandomDistAttrs, type RandomIntegersAttrs, type RandomRawAttrs, type RandomRowsAttrs, type StreamAttrs,
  randomDirichletOp, randomDistOp, randomIntegersOp, randomMultinomialOp, randomMvnormalOp, randomRawOp,
} from '../../../np/random/ops.js';
import { registerCpuKernel, runCommand } from '../backend.js';

const M32 = 0xffffffffn;

/** A 64-bit pattern as two 32-bit words (low first): aux values are doubles. */
function words(v: bigint): [number, number] {
  const u = BigInt.asUintN(64, v);
  return [Number(u & M32), Number(u >> 32n)];
}

function streamAux(a: StreamAttrs): number[] {
  return [a.key[0], a.key[1], a.lo[0], a.lo[1], a.hi[0], a.hi[1]];
}

const OUT_KIND: Record<string, number> = { float32: 0, float64: 1, int64: 2, uint64: 3 };

registerCpuKernel(randomDistOp, ({ inputs, outputs, attrs }) => {
  const a = attrs as RandomDistAttrs;
  const kind = OUT_KIND[a.dtype];
  if (kind === undefined) throw new Error(`random_dist: no CPU kernel for dtype ${a.dtype}`);
  const aux = [DIST_CODES.indexOf(a.dist), kind, ...streamAux(a), a.scalars.length];
  for (const s of a.scalars) aux.push(s === null ? 1 : 0, s ?? 0);
  runCommand('random_dist', aux, [outputs[0]!, ...inputs]);
});

registerCpuKernel(randomIntegersOp, ({ inputs, outputs, attrs }) => {
  const a = attrs as RandomIntegersAttrs;
  const tensors: TensorView[] = [outputs[0]!, ...inputs];
  runCommand('random_integers', [
    a.dtype === 'uint64' ? 1 : 0, ...streamAux(a),
    a.low === null ? 1 : 0, ...words(a.low ?? 0n), a.range === null ? 1 : 0, ...words(a.range ?? 0n),
  ], tensors);
});

registerCpuKernel(randomRawOp, ({ outputs, attrs }) => {
  runCommand('random_raw', streamAux(attrs as RandomRawAttrs), [outputs[0]!]);
});

registerCpuKernel(randomMultinomialOp, ({ inputs, outputs, attrs }) => {
  const a = attrs as RandomRowsAttrs;
  runCommand('random_multinomial', [...streamAux(a), a.n], [outputs[0]!, inputs[0]!]);
});

registerCpuKernel(randomMvnormalOp, ({ inputs, outputs, attrs }) => {
  runCommand('random_mvnormal', streamAux(attrs as RandomRowsAttrs), [outputs[0]!, inputs[0]!, inputs[1]!]);
});

registerCpuKernel(randomDirichletOp, ({ inputs, outputs, attrs }) => {
  runCommand('random_dirichlet', streamAux(attrs as RandomRowsAttrs), [outputs[0]!, inputs[0]!]);
});
