// quark in the benchmark's own Node process. OMP_NUM_THREADS must be set before the native addon
// loads (bench/run.mjs does that); npx.set_num_threads pins it again.
import { JsImpl } from './js.mjs';

export async function loadQuark({ threads }) {
  const mod = await import('../../dist/index.js');
  let cpuInfo = null;
  try { ({ cpuInfo } = await import('../../dist/backends/cpu/backend.js')); } catch { /* older layout */ }
  const { np, npx, autograd, gluon, NDArray } = mod;
  if (typeof npx.set_num_threads === 'function') npx.set_num_threads(threads);
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const info = {
    version: pkg.version,
    threads: typeof npx.num_threads === 'function' ? npx.num_threads() : null,
    cpu: cpuInfo ? { isa: cpuInfo.isa, onednn: cpuInfo.onednn, kernels: cpuInfo.kernels } : 'cpuInfo not exported',
    omp_num_threads_env: process.env.OMP_NUM_THREADS,
  };
  const lib = { np, npx, autograd, gluon, NDArray };

  const dispose = (r) => {
    if (r instanceof NDArray) { r.dispose(); return; }
    if (Array.isArray(r)) for (const x of r) dispose(x);
  };
  const helpers = (data, owned) => {
    const fromTyped = (typed, shape) => {
      const base = np.array(typed);
      owned.push(base);
      if (shape.length === 1) return base;
      const v = base.reshape(shape);
      if (v !== base) owned.push(v);
      return v;
    };
    lib.rand = (shape, seed = 0) => fromTyped(data.rand(shape, seed), shape);
    lib.randint = (high, shape, seed = 7) => fromTyped(data.randint(high, shape, seed), shape);
    return data;
  };
  return new JsImpl({ name: 'quark', specKeys: ['quark'], lib, libKey: 'q', dispose, info, helpers });
}
