// complex arrays through the byte-moving kernels that the generic dtype suites do not reach:
// np.random's permutation / choice / shuffle (take_1d). The generator's stream is checked
// elsewhere; here the complex result must be the same selection as for the index array.
import { describe, expect, it } from 'vitest';

import { np } from '../src/index.js';

const str = (a: { tolist(): unknown }): string[] => (a.tolist() as unknown[]).map(String);

describe('complex data movement', () => {
  for (const d of ['complex64', 'complex128'] as const) {
    it(`random permutation / choice of ${d} pick whole elements (as for the indices)`, () => {
      np.scope(() => {
        const a = np.add(np.arange(6), np.multiply(np.arange(10, 16), np.complex(0, 1))).astype(d);
        const p = np.random.default_rng(7).permutation(a), ip = np.random.default_rng(7).permutation(6);
        expect(p.dtype).toBe(d);
        expect(str(p)).toEqual(str(np.take(a, ip)));
        const c = np.random.default_rng(3).choice(a, 4), ic = np.random.default_rng(3).choice(6, 4);
        expect(str(c)).toEqual(str(np.take(a, ic)));
      });
    });
  }
});
