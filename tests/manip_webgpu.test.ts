// Shape manipulation on WebGPU (SwiftShader where there is no GPU): views are backend-neutral
// movement ops; concatenate and what is built on it run the same kernel on WebGPU's strided copy.
// Results are compared with the same calls on the CPU backend (itself checked against NumPy).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Device } from '../src/backends/backend.js';
import { shutdown_webgpu } from '../src/backends/webgpu/init.js';
import type { DType } from '../src/core/dtype.js';
import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';

let gpu: Device;
beforeAll(async () => {
  await npx.init_webgpu();
  gpu = npx.webgpu();
});
afterAll(() => shutdown_webgpu());

const CASES: [string, (x: NDArray, y: NDArray) => NDArray | NDArray[]][] = [
  ['concatenate axis 0', (x, y) => np.concatenate([x, y])],
  ['concatenate axis 1 (strided slices)', (x, y) => np.concatenate([x, y, x], { axis: 1 })],
  ['concatenate axis null', (x, y) => np.concatenate([x, y.T], null)],
  ['stack', (x, y) => np.stack([x, y], -1)],
  ['flip / rot90 (negative strides), joined', (x, y) => np.concatenate([np.flip(x), np.rot90(y, 2)])],
  ['split', (x) => np.split(x, [1], { axis: 1 }).map((v) => np.concatenate([v, v]))],
  ['tile', (x) => np.tile(x, [2, 1])],
  ['repeat', (x) => np.repeat(x, [1, 0, 2], { axis: 1 })],
  ['roll', (x) => np.roll(x, 1, { axis: 1 })],
  ['pad constant / edge / wrap', (x) => [np.pad(x, 1, { constant_values: 7 }), np.pad(x, [1, 2], 'edge'), np.pad(x, 2, 'wrap')]],
];

describe('shape manipulation on WebGPU', () => {
  for (const dtype of ['float32', 'int32', 'uint8'] as DType[]) {
    it.each(CASES)(`%s (${dtype}) matches the CPU`, async (_name, f) => {
      const vals = [[1, 2, 3], [4, 5, 6]];
      const cpu = np.scope(() => {
        const r = f(np.array(vals, { dtype }), np.array([[7, 8, 9], [10, 11, 12]], { dtype }));
        return (Array.isArray(r) ? r : [r]).map((a) => a.tolist());
      });
      const x = np.array(vals, { dtype, device: gpu });
      const y = np.array([[7, 8, 9], [10, 11, 12]], { dtype, device: gpu });
      // Temporaries (the split views) are freed by the scope; the returned results are kept.
      const rs = np.scope(() => {
        const r = f(x, y);
        return Array.isArray(r) ? r : [r];
      });
      try {
        for (const a of rs) expect(a.device).toBe(gpu);
        expect(await Promise.all(rs.map((a) => a.tolist_async()))).toEqual(cpu);
      } finally {
        for (const a of rs) a.dispose();
        x.dispose();
        y.dispose();
      }
    });
  }
});
