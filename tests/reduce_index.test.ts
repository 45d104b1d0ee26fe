// Index and running reductions against NumPy: argmax argmin nanargmax nanargmin (first occurrence,
// NaN first, all-NaN and empty errors, keepdims, out=) and cumsum cumprod nancumsum nancumprod
// (accumulation dtypes, dtype=, out=, integer wrap-around, float16 rounding per step), plus the
// NDArray methods of the reductions.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { np, npx } from '../src/index.js';
import type { DType } from '../src/core/dtype.js';
import type { NDArray } from '../src/core/ndarray.js';
import type { RawArray } from '../src/np/io/npy.js';
import { isOracleError } from './oracle/oracle.js';
import { expectMatches, fromRaw } from './helpers/arrays.js';
// complex dtypes: not supported by these ops yet (they raise; tests/complex_ufunc.test.ts)
import { NUMPY_REAL_DTYPES as NUMPY_DTYPES } from './helpers/gen.js';
import {
  type Opts, axisArb, casesArb, draw, exactValue, maybe, oracle, quarterValue, runCases, wideValue,
} from './reduce_harness.js';

beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

const clean = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Opts;
type Fn = (a: NDArray, o: Record<string, unknown>) => NDArray;

describe('argmax / argmin vs NumPy (property cases)', () => {
  const rows: [string, Fn][] = [
    ['argmax', (a, o) => np.argmax(a, o)], ['argmin', (a, o) => np.argmin(a, o)],
    ['nanargmax', (a, o) => np.nanargmax(a, o)], ['nanargmin', (a, o) => np.nanargmin(a, o)],
  ];
  rows.forEach(([name, ours], salt) => {
    it(`${name}: 200 cases (ties, NaN, ±inf, empty)`, async () => {
      // Few distinct values: ties everywhere, so first-occurrence matters; NaN-heavy for all-NaN lanes.
      const value = (d: DType) => (salt % 2 === 0 && d.startsWith('int') ? wideValue(d) : exactValue(d, name.startsWith('nan') ? 5 : 2));
      const opts = (s: number[]) => fc.record({ axis: axisArb(s, false), keepdims: maybe(fc.boolean(), 1) }, { requiredKeys: [] }).map(clean);
      await runCases(name, draw(casesArb(NUMPY_DTYPES, value, opts), 200, 400 + salt), { py: name, kwargs: ['axis', 'keepdims'], ours, minShare: 0.3 });
    });
  });
});

describe('cumsum / cumprod vs NumPy (property cases)', () => {
  const rows: [string, Fn][] = [
    ['cumsum', (a, o) => np.cumsum(a, o)], ['cumprod', (a, o) => np.cumprod(a, o)],
    ['nancumsum', (a, o) => np.nancumsum(a, o)], ['nancumprod', (a, o) => np.nancumprod(a, o)],
  ];
  // (Unsigned targets only for non-float input: casting negative or infinite floats to them is platform-defined.)
  const DTYPE_OPTS: DType[] = ['float64', 'float32', 'float16', 'int64', 'int32', 'int8'];
  const UINT_OPTS: DType[] = ['uint64', 'uint16'];
  rows.forEach(([name, ours], salt) => {
    it(`${name}: 200 cases (accumulation dtypes, dtype=, wrap-around)`, async () => {
      // Sequential in both: non-exact float values must still agree to the bit.
      const value = (d: DType) => quarterValue(d, name.startsWith('nan') ? 3 : 1);
      const opts = (s: number[], d: DType) => fc.record({
        axis: axisArb(s, false),
        dtype: maybe(fc.constantFrom(...DTYPE_OPTS, ...(d.startsWith('float') ? [] : UINT_OPTS)), 3),
      }, { requiredKeys: [] }).map(clean);
      await runCases(name, draw(casesArb(NUMPY_DTYPES, value, opts), 200, 410 + salt), { py: name, kwargs: ['axis', 'dtype'], ours });
    });
  });
});

describe('index and running reductions: options and edge cases', () => {
  const raw = (dtype: DType, shape: number[], data: number[]): RawArray =>
    ({ dtype, shape, data: dtype === 'float64' ? Float64Array.from(data) : Float32Array.from(data), fortranOrder: false });

  it('errors as NumPy: empty sequence, all-NaN slice, tuple axis, bad out dtype', async () => {
    const e = np.zeros([0, 3]);
    const n = np.array([[NaN, 1], [NaN, NaN]]);
    const n2 = np.array([[NaN, 1], [2, NaN]]);
    const exps = await Promise.all([
      oracle.eval('np.argmax(np.zeros((0, 3)))'), oracle.eval('np.argmin(np.zeros((0, 3)), axis=0)'),
      oracle.eval('np.argmax(np.zeros((0, 3)), axis=1)'),
      oracle.eval('np.nanargmax(np.array([[np.nan, 1], [np.nan, np.nan]]), axis=1)'),
      oracle.eval('np.nanargmin(np.array([[np.nan, 1], [2, np.nan]]), axis=0)'),
    ]);
    expect(isOracleError(exps[0]) && isOracleError(exps[1]) && isOracleError(exps[3])).toBe(true);
    expect(() => np.argmax(e)).toThrow(/argmax: attempt to get argmax of an empty sequence/);
    expect(() => np.argmin(e, 0)).toThrow(/argmin: attempt to get argmin of an empty sequence/);
    const r = np.argmax(e, 1);
    expectMatches(r, exps[2]!);
    expect(() => np.nanargmax(n, 1)).toThrow(/nanargmax: All-NaN slice encountered/);
    expect(() => np.nanargmin(n, 0)).toThrow(/nanargmin: All-NaN slice encountered/);
    const r2 = np.nanargmin(n2, 0);
    expectMatches(r2, exps[4]!);
    expect(() => np.argmax(n, { axis: [0] as unknown as number })).toThrow(/cannot be interpreted as an integer/);
    const badOut = np.zeros([2], { dtype: 'int32' });
    expect(() => np.argmax(n, { axis: 1, out: badOut })).toThrow(/Cannot cast/);
    for (const x of [e, n, n2, r, r2, badOut]) x.dispose();
  });

  it('out= and 0-d inputs', async () => {
    const a = fromRaw(raw('float64', [2, 3], [3, 1, 3, NaN, 2, 0]));
    const exps = await Promise.all([
      oracle.eval('np.argmax(a, axis=1)', { a: raw('float64', [2, 3], [3, 1, 3, NaN, 2, 0]) }),
      oracle.eval('np.cumsum(a, axis=0)', { a: raw('float64', [2, 3], [3, 1, 3, NaN, 2, 0]) }),
      oracle.eval('np.argmax(np.array(3.0), axis=0)'),
      oracle.eval('np.cumsum(np.array(3, np.int8))'),
    ]);
    const out = np.zeros([2], { dtype: 'int64' });
    expect(np.argmax(a, { axis: 1, out })).toBe(out);
    expectMatches(out, exps[0]!);
    const cout = np.zeros([2, 3], { dtype: 'float32' });
    expect(np.cumsum(a, { axis: 0, out: cout })).toBe(cout);
    expectMatches(cout, exps[1]!, { dtype: false });
    const z = np.array(3.0, { dtype: 'float64' });
    const r0 = np.argmax(z, 0);
    expectMatches(r0, exps[2]!);
    const z8 = np.array(3, { dtype: 'int8' });
    const c0 = np.cumsum(z8);
    expectMatches(c0, exps[3]!);
    for (const x of [a, out, cout, z, r0, z8, c0]) x.dispose();
  });

  it('NDArray methods match the np functions', async () => {
    const data = [4, -1, 2.5, 7, 0, -3];
    const r = raw('float64', [2, 3], data);
    const a = fromRaw(r);
    const calls: [string, () => NDArray][] = [
      ['a.sum(axis=0)', () => a.sum(0)], ['a.prod(axis=1, keepdims=True)', () => a.prod({ axis: 1, keepdims: true })],
      ['a.mean()', () => a.mean()], ['a.std(ddof=1)', () => a.std({ ddof: 1 })], ['a.var(axis=1)', () => a.var(1)],
      ['a.max(axis=1)', () => a.max(1)], ['a.min()', () => a.min()], ['a.argmax(axis=0)', () => a.argmax(0)],
      ['a.argmin()', () => a.argmin()], ['a.all(axis=0)', () => a.all(0)], ['a.any(axis=1)', () => a.any(1)],
      ['a.cumsum(axis=1)', () => a.cumsum(1)], ['a.cumprod()', () => a.cumprod()],
    ];
    const exps = await Promise.all(calls.map(([e]) => oracle.eval(e, { a: r })));
    calls.forEach(([e, f], i) => {
      const x = f();
      expectMatches(x, exps[i]!, { rtol: 1e-12 }, e);
      x.dispose();
    });
    expect('ptp' in a).toBe(false); // removed from ndarray in NumPy 2
    a.dispose();
  });

  it('long lanes: NaN, ties and -inf across blocks and thread chunks', async () => {
    const n = 140_000; // above the threading threshold: two threads split the lane in two chunks
    const patterns: [string, (i: number) => number][] = [
      ['NaN in the second chunk', (i) => (i === 100_003 ? NaN : (i * 31) % 997)],
      ['NaN in both chunks', (i) => (i === 90_001 || i === 3_777 ? NaN : (i * 31) % 997)],
      ['NaN and -inf, then numbers late', (i) => (i < 1500 ? (i % 2 ? NaN : -Infinity) : i < 120_000 ? -Infinity : (i % 7) - 3)],
      ['all -inf with NaNs', (i) => (i % 3 ? -Infinity : NaN)],
      ['ties across chunks', (i) => (i % 30_000 === 29_999 ? 5 : i % 5)],
    ];
    const fns = ['argmax', 'argmin', 'nanargmax', 'nanargmin'] as const;
    const raws = patterns.map(([, f]) => raw('float64', [n], Array.from({ length: n }, (_, i) => f(i))));
    const exps = await Promise.all(raws.map((r) => oracle.eval(`[${fns.map((fn) => `np.asarray(np.${fn}(a))`).join(', ')}]`, { a: r })));
    const prev = npx.num_threads();
    try {
      for (const threads of [1, 2]) {
        npx.set_num_threads(threads);
        patterns.forEach(([label], p) => {
          const a = fromRaw(raws[p]!);
          const f32 = a.astype('float32');
          fns.forEach((fn, i) => {
            const e = (exps[p] as unknown[])[i];
            for (const x of [a, f32]) {
              const res = np[fn](x);
              expectMatches(res, e as RawArray & { isScalar: boolean }, {}, `${label} ${fn} ${x.dtype} threads=${threads}`);
              res.dispose();
            }
          });
          a.dispose();
          f32.dispose();
        });
      }
    } finally {
      npx.set_num_threads(prev);
    }
  });

  it('two threads: argmax/argmin/cumsum of large arrays match NumPy', async () => {
    const prev = npx.num_threads();
    npx.set_num_threads(2);
    try {
      const gen = '((np.arange(700*600) * 7919) % 1009).astype(np.float32).reshape(700, 600)';
      const exps = await Promise.all([
        oracle.eval(`np.argmax(${gen})`), oracle.eval(`np.argmin(${gen}, axis=0)`), oracle.eval(`np.argmax(${gen}, axis=1)`),
        oracle.eval(`np.nanargmin(${gen}.T, axis=1)`), oracle.eval(`np.cumsum(${gen}.astype(np.int32), axis=0)`),
        oracle.eval(`np.cumsum(${gen}, axis=1)`),
      ]);
      const base = np.array(Array.from({ length: 700 * 600 }, (_, i) => (i * 7919) % 1009), { dtype: 'float32' });
      const m = base.reshape(700, 600);
      const mt = m.T;
      const i32 = m.astype('int32');
      const ours = [np.argmax(m), np.argmin(m, 0), np.argmax(m, 1), np.nanargmin(mt, 1), np.cumsum(i32, 0), np.cumsum(m, 1)];
      ours.forEach((x, i) => expectMatches(x, exps[i]!, {}, `threaded ${i}`));
      for (const x of [base, m, mt, i32, ...ours]) x.dispose();
    } finally {
      npx.set_num_threads(prev);
    }
  });
});
