// Printing through NDArray (repr(), toString(), util.inspect) against NumPy's repr/str, for the
// kinds of arrays the foundation promises: 0-d, empty, large (summarised), float, int, bool, int64,
// float16 and non-contiguous views.
import { inspect } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { np, npx } from '../src/index.js';
import { NumpyOracle } from './oracle/oracle.js';
import { fromRaw } from './helpers/arrays.js';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

const CASES = [
  'np.array(5)', 'np.array(-2.5)', 'np.array(True)', 'np.array(2**62, dtype=np.int64)', 'np.array(1.5, dtype=np.float32)',
  'np.zeros((0,), np.float32)', 'np.zeros((0, 3), np.int64)', 'np.zeros((2, 0), bool)',
  'np.arange(2000, dtype=np.float64) / 7', 'np.arange(3000, dtype=np.int32).reshape(30, 100)', 'np.ones((12, 12, 12), np.int8)',
  'np.array([1e-10, 1.0, 1e10])', 'np.array([0.1, 0.25, -3.0], np.float32)', 'np.array([np.nan, np.inf, -np.inf, -0.0])',
  'np.array([[1, -2], [300, 4]], np.int16)', 'np.array([True, False, True])', 'np.array([-(2**63), 2**63 - 1], np.int64)',
  'np.array([2**64 - 1, 0], np.uint64)', 'np.array([0.1, 65504, 6e-8], np.float16)', 'np.arange(24).reshape(2, 3, 4)',
];

describe('NDArray printing matches NumPy', () => {
  it.each(CASES)('%s', async (expr) => {
    const [arr, repr, str] = (await oracle.eval(`(lambda a: (a, repr(a), str(a)))(${expr})`)) as [never, string, string];
    const a = fromRaw(arr);
    expect(a.repr()).toBe(repr);
    expect(`${a}`).toBe(str);
    expect(inspect(a)).toBe(repr);
    a.dispose();
  });

  it('prints non-contiguous views in logical order', async () => {
    const [repr] = (await oracle.eval('(repr(np.arange(12, dtype=np.float32).reshape(3, 4).T),)')) as [string];
    const a = np.arange(12, { dtype: 'float32' });
    const b = a.reshape(3, 4);
    const t = b.T;
    expect(t.repr()).toBe(repr);
    for (const x of [a, b, t]) x.dispose();
  });

  it('a disposed array says so instead of printing', () => {
    const a = np.ones([2]);
    a.dispose();
    expect(inspect(a)).toBe('<disposed NDArray>');
    expect(() => a.repr()).toThrow(/print: array used after dispose/);
  });
});
