// np.random with device: a WebGPU device gets the same values as the CPU for the same seed (the
// draw is computed by the CPU kernels and copied; the stream layout is backend-independent).
import { afterAll, beforeAll, expect, it } from 'vitest';

import { np, npx } from '../src/index.js';
import { shutdown_webgpu } from '../src/backends/webgpu/init.js';

beforeAll(async () => {
  await npx.init_webgpu();
});
afterAll(() => shutdown_webgpu());

it('normal / integers / choice on webgpu(0) equal the CPU draws of the same seed', async () => {
  const gpu = npx.webgpu();
  const draws = [
    (g: ReturnType<typeof np.random.default_rng>, device?: typeof gpu) => g.normal(1, 2, [3, 5], { dtype: 'float32', device }),
    (g: ReturnType<typeof np.random.default_rng>, device?: typeof gpu) => g.integers(0, 1000, 17, { dtype: 'int32', device }),
    (g: ReturnType<typeof np.random.default_rng>, device?: typeof gpu) => g.choice(10, 6, false, null, { device }),
  ];
  for (const draw of draws) {
    const onGpu = draw(np.random.default_rng(12), gpu);
    const onCpu = draw(np.random.default_rng(12));
    try {
      expect(onGpu.device).toBe(gpu);
      expect(onGpu.shape).toEqual(onCpu.shape);
      expect(await onGpu.tolist_async()).toEqual(onCpu.tolist());
    } finally {
      onGpu.dispose();
      onCpu.dispose();
    }
  }
});

it('random_raw on webgpu(0): the same Philox blocks', async () => {
  const gpu = npx.webgpu();
  const a = new np.random.Philox(5).random_raw(3, { device: gpu });
  const b = new np.random.Philox(5).random_raw(3);
  try {
    expect(a.device).toBe(gpu);
    expect(await a.tolist_async()).toEqual(b.tolist());
  } finally {
    a.dispose();
    b.dispose();
  }
});
