// Seeded input data for the JS-side implementations of one workload: every JS implementation gets
// the same values (the Python peers draw their own from their seeded generators; the values only
// matter for exp/softmax, where all are uniform in [0, 1)).

function xorshift(seed) {
  let s = (0x9e3779b9 ^ (seed * 0x85ebca6b)) >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
}

export const size = (shape) => shape.reduce((a, b) => a * b, 1);

export class Data {
  constructor() { this.cache = new Map(); }

  /** Float32 values in [0, 1) for `shape` (C order), the same for every caller with the same seed. */
  rand(shape, seed = 0) {
    const key = `f${shape.join('x')}:${seed}`;
    let a = this.cache.get(key);
    if (!a) {
      const n = size(shape);
      a = new Float32Array(n);
      const next = xorshift(seed + 1);
      for (let i = 0; i < n; i++) a[i] = (next() >>> 8) / 16777216;
      this.cache.set(key, a);
    }
    return a;
  }

  /** Int32 values in [0, high). */
  randint(high, shape, seed = 7) {
    const key = `i${high}:${shape.join('x')}:${seed}`;
    let a = this.cache.get(key);
    if (!a) {
      const n = size(shape);
      a = new Int32Array(n);
      const next = xorshift(seed + 1);
      for (let i = 0; i < n; i++) a[i] = next() % high;
      this.cache.set(key, a);
    }
    return a;
  }

  clear() { this.cache.clear(); }
}
