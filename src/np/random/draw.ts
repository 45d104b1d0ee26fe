// The two sampling primitives every np.random function ends in: an elementwise distribution draw
// and a bounded-integer draw, both on the CPU kernels (then cast / moved to the requested device).
import type { Device } from '../../backends/backend.js';
import type { DType } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { applyOpaque } from '../../core/opaque.js';
import { sizeOf } from '../../core/shape.js';
import { type DistName, randomDistOp, randomIntegersOp } from './ops.js';
import { HOST, type Param, broadcastView, finish, outShape } from './params.js';
import type { Philox } from './philox.js';

/** The dtype the native sampler writes for a requested result dtype. */
function kernelDType(dtype: DType): DType {
  if (dtype === 'float64' || dtype === 'int64' || dtype === 'uint64') return dtype;
  return 'float32';
}

/**
 * Draws `dist` with parameters `ps` (numbers or float64 arrays, broadcast to the result) into an
 * array of `size` (or the parameters' broadcast shape), converted to `dtype` on `device`.
 */
export function drawDist(bg: Philox, who: string, dist: DistName, ps: readonly Param[], size: number[] | null, dtype: DType, device: Device): NDArray {
  const shape = outShape(ps, size, who);
  const views = ps.flatMap((p) => ('array' in p ? [broadcastView(p.array, shape)] : []));
  try {
    const r = applyOpaque(randomDistOp, views, {
      ...bg._take(sizeOf(shape)), dist, shape, dtype: kernelDType(dtype),
      scalars: ps.map((p) => ('scalar' in p ? p.scalar : null)),
    }, HOST)[0]!;
    return finish(r, dtype, device, who);
  } finally {
    for (const v of views) v.dispose();
  }
}

/** Bounds of an integers draw: scalars, or 64-bit patterns per element of `shape` (broadcast). */
export type IntBounds = { low: bigint; range: bigint } | { lows: BigUint64Array; ranges: BigUint64Array; shape: number[] };

/**
 * Uniform integers low + [0, range] (range inclusive, 64-bit patterns) of `shape`, as `dtype`
 * (any integer dtype or bool; the caller checked the bounds fit it).
 */
export function drawIntegers(bg: Philox, who: string, b: IntBounds, shape: number[], dtype: DType, device: Device): NDArray {
  const kdt: DType = dtype === 'uint64' ? 'uint64' : 'int64';
  const temps: NDArray[] = [];
  try {
    const inputs: NDArray[] = [];
    let low: bigint | null = null, range: bigint | null = null;
    if ('low' in b) {
      low = b.low;
      range = b.range;
    } else {
      for (const data of [b.lows, b.ranges]) {
        const a = NDArray._fromStorageData(data, b.shape, 'uint64', HOST);
        temps.push(a);
        const v = broadcastView(a, shape);
        temps.push(v);
        inputs.push(v);
      }
    }
    const r = applyOpaque(randomIntegersOp, inputs, { ...bg._take(sizeOf(shape)), shape, dtype: kdt, low, range }, HOST)[0]!;
    return finish(r, dtype, device, who);
  } finally {
    for (const t of temps) t.dispose();
  }
}
