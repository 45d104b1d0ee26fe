// What quark exports, in the report's namespaces: the functions of np, np.linalg, np.fft and np.random,
// and NDArray's public members (prototype methods and getters, and the own fields of an instance such
// as shape and dtype). Shared by scripts/conformance/run.mjs (from dist/) and
// tests/conformance_report.test.ts (from src/), so both read the API the same way.

/** @returns {{ np: string[], 'np.linalg': string[], 'np.fft': string[], 'np.random': string[], ndarray: Record<string, 'method' | 'attribute'> }} */
export function quarkExports(np, NDArray) {
  // A namespace may be a module namespace, a plain object or a class instance (methods on its prototype).
  const fns = (o) => {
    if (!o || typeof o !== 'object') return [];
    const names = new Set();
    for (let p = o; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
      for (const k of Object.getOwnPropertyNames(p)) if (k !== 'constructor' && !k.startsWith('_') && typeof o[k] === 'function') names.add(k);
    }
    return [...names].sort();
  };
  const ndarray = {};
  for (let p = NDArray.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const k of Object.getOwnPropertyNames(p)) {
      if (k === 'constructor' || k.startsWith('_') || k in ndarray) continue;
      const d = Object.getOwnPropertyDescriptor(p, k);
      ndarray[k] = !d.get && !d.set && typeof d.value === 'function' ? 'method' : 'attribute';
    }
  }
  const a = np.zeros([1]);
  try {
    for (const k of Object.keys(a)) if (!k.startsWith('_') && !(k in ndarray)) ndarray[k] = 'attribute';
  } finally {
    a.dispose();
  }
  return { np: fns(np), 'np.linalg': fns(np.linalg), 'np.fft': fns(np.fft), 'np.random': fns(np.random), ndarray };
}
