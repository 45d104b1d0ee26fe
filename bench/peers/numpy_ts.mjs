// numpy-ts (NumPy's API in TypeScript, Zig/WASM SIMD kernels) in the benchmark's Node process,
// installed on demand into bench/node_modules.
import { JsImpl } from './js.mjs';

export async function loadNumpyTs() {
  const nt = await import('numpy-ts');
  const { readFileSync } = await import('node:fs');
  const { createRequire } = await import('node:module');
  let version = 'unknown';
  try {
    const req = createRequire(import.meta.url);
    const main = req.resolve('numpy-ts');
    const pkgPath = main.slice(0, main.lastIndexOf('/node_modules/numpy-ts/') + '/node_modules/numpy-ts/'.length) + 'package.json';
    version = JSON.parse(readFileSync(pkgPath, 'utf8')).version;
  } catch { /* keep unknown */ }
  const info = { version, threads: 1, note: 'WASM SIMD kernels, single-threaded' };
  const dispose = (r) => {
    if (Array.isArray(r)) { for (const x of r) dispose(x); return; }
    if (r && typeof r.dispose === 'function') r.dispose();
  };
  const helpers = (data, owned) => ({
    rand: (s, seed) => data.rand(s, seed),
    randint: (h, s, seed) => data.randint(h, s, seed),
    nt: (shape, seed = 0) => {
      const base = nt.array(data.rand(shape, seed), 'float32');
      owned.push(base);
      if (shape.length === 1) return base;
      const v = base.reshape(shape);
      owned.push(v);
      return v;
    },
  });
  return new JsImpl({ name: 'numpy-ts', specKeys: ['numpy-ts'], lib: nt, libKey: 'nt', dispose, info, helpers });
}
