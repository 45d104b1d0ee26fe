// Order statistics against NumPy: median, percentile, quantile and the nan- forms, over NumPy's 13
// methods, scalar (weak) and array q, integer q, axes (None, int, tuple), keepdims, NaN lanes,
// integer wrap-around in the interpolation, float16/float32 rounding, and NumPy's errors.
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
import { numberToF16Bits } from '../src/core/half.js';
import { type Opts, axisArb, casesArb, draw, maybe, oracle, quarterValue, runCases } from './reduce_harness.js';

beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

const clean = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Opts;
const METHODS = np.QUANTILE_METHODS;

const Q_SCALARS = [0, 1, 0.5, 0.25, 0.1, 0.3, 0.75, 0.9, 1 / 3, 0.999, 0.001];
const P_SCALARS = [0, 100, 50, 25, 10, 30, 75, 33.3, 99.9, 12.5, 1];

// (2-D q is left out of the nan- forms: NumPy's apply_along_axis path misplaces its dimensions.)
function qArb(percent: boolean, twoD = true): fc.Arbitrary<number | number[] | number[][]> {
  const one = fc.constantFrom(...(percent ? P_SCALARS : Q_SCALARS));
  const bad = fc.constantFrom(...(percent ? [-1, 100.5] : [-0.1, 1.5]));
  return fc.oneof(
    { arbitrary: one, weight: 5 },
    { arbitrary: fc.array(one, { minLength: 1, maxLength: 3 }), weight: 3 },
    { arbitrary: fc.array(fc.array(one, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 2 }), weight: twoD ? 1 : 0 },
    { arbitrary: bad, weight: 1 },
  );
}

type Fn = (a: NDArray, o: Record<string, unknown>) => NDArray;

describe('quantiles vs NumPy (property cases)', () => {
  const rows: [string, boolean, (a: NDArray, q: number | number[] | number[][], o: object) => NDArray][] = [
    ['quantile', false, (a, q, o) => np.quantile(a, q, o)], ['percentile', true, (a, q, o) => np.percentile(a, q, o)],
    ['nanquantile', false, (a, q, o) => np.nanquantile(a, q, o)], ['nanpercentile', true, (a, q, o) => np.nanpercentile(a, q, o)],
  ];
  rows.forEach(([name, percent, f], salt) => {
    it(`${name}: 250 cases (13 methods, weak and array q)`, async () => {
      const value = (d: DType) => quarterValue(d, name.startsWith('nan') ? 3 : 1);
      const opts = (s: number[]) => fc.record({
        q: qArb(percent, !name.startsWith('nan')),
        axis: axisArb(s),
        keepdims: maybe(fc.boolean(), 1),
        method: maybe(fc.constantFrom(...METHODS), 5),
      }, { requiredKeys: ['q'] }).map(clean);
      const ours: Fn = (a, o) => {
        const { q, ...rest } = o;
        return f(a, q as number | number[], rest);
      };
      await runCases(name, draw(casesArb(NUMPY_DTYPES, value, opts), 250, 500 + salt), {
        py: name, kwargs: ['axis', 'keepdims', 'method'], ours, minShare: 0.4,
        positional: (o) => ({ text: 'q', args: { q: o.q as number } }),
        // Which of 0.0 / -0.0 a partition picks is not specified.
        match: () => ({ zeroSign: false }),
      });
    });
  });

  for (const [name, f] of [['median', np.median], ['nanmedian', np.nanmedian]] as const) {
    it(`${name}: 250 cases`, async () => {
      const value = (d: DType) => quarterValue(d, name === 'nanmedian' ? 3 : 1);
      const opts = (s: number[]) => fc.record({ axis: axisArb(s), keepdims: maybe(fc.boolean(), 1) }, { requiredKeys: [] }).map(clean);
      await runCases(name, draw(casesArb(NUMPY_DTYPES, value, opts), 250, 520 + name.length), {
        py: name, kwargs: ['axis', 'keepdims'], ours: (a, o) => f(a, o), match: () => ({ zeroSign: false }),
      });
    });
  }
});

describe('quantiles: options and edge cases', () => {
  const raw = (dtype: DType, shape: number[], data: ArrayLike<number>): RawArray => {
    const C = { float64: Float64Array, float32: Float32Array, int8: Int8Array, float16: Uint16Array } as Record<string, { from(x: ArrayLike<number>): RawArray['data'] }>;
    return { dtype, shape, data: C[dtype]!.from(data), fortranOrder: false };
  };

  it('nanmedian: long lanes (np.median) and short ones along an axis (np.ma.median) round as NumPy', async () => {
    // Large float16 values: np.ma.median's lo + hi overflows to inf in float16, np.median's float32 sum does not.
    const val = (i: number) => (i % 11 === 0 ? NaN : 30000 + ((i * 37) % 97) * 300);
    const r16 = raw('float16', [3, 701], Array.from({ length: 3 * 701 }, (_, i) => numberToF16Bits(val(i))));
    const rs = raw('float16', [3, 9], Array.from({ length: 3 * 9 }, (_, i) => numberToF16Bits(val(i))));
    const exps = await Promise.all([
      oracle.eval('np.nanmedian(a, axis=1)', { a: r16 }), oracle.eval('np.nanmedian(a.T, axis=0)', { a: r16 }),
      oracle.eval('np.nanmedian(a, axis=1)', { a: rs }), oracle.eval('np.nanmedian(a)', { a: rs }),
      oracle.eval('np.median(a, axis=1)', { a: rs }),
    ]);
    const a = fromRaw(r16);
    const s = fromRaw(rs);
    const at = a.T;
    const ours = [np.nanmedian(a, 1), np.nanmedian(at, 0), np.nanmedian(s, 1), np.nanmedian(s), np.median(s, 1)];
    ours.forEach((r, i) => expectMatches(r, exps[i]!, {}, `case ${i}`));
    for (const x of [a, at, s, ...ours]) x.dispose();
  });

  it('empty input: quantile raises, median gives NaN, the nan- forms answer with nanmean', async () => {
    const e = np.zeros([0, 3]);
    const exprs = ['np.quantile(e, 0.5, axis=0)', 'np.median(e, axis=0)', 'np.median(e, axis=1)', 'np.nanmedian(e, axis=0)',
      'np.nanquantile(e, [0.5, 0.7], axis=0)', 'np.quantile(e, 0.5, axis=1)', 'np.nanpercentile(e.astype(np.int8), 50)'];
    const exps = await Promise.all(exprs.map((x) => oracle.eval(x, { e: raw('float64', [0, 3], []) })));
    const e8 = e.astype('int8');
    const ours = [
      () => np.quantile(e, 0.5, { axis: 0 }), () => np.median(e, 0), () => np.median(e, 1), () => np.nanmedian(e, 0),
      () => np.nanquantile(e, [0.5, 0.7], { axis: 0 }), () => np.quantile(e, 0.5, { axis: 1 }), () => np.nanpercentile(e8, 50),
    ];
    ours.forEach((f, i) => {
      const x = exps[i]!;
      if (isOracleError(x)) {
        expect(f, exprs[i]).toThrow(/index -1 is out of bounds for axis 0 with size 0/);
        return;
      }
      const r = f();
      expectMatches(r, x, {}, exprs[i]);
      r.dispose();
    });
    for (const x of [e, e8]) x.dispose();
  });

  it('bad q, bad method and bool interpolation raise as NumPy', async () => {
    const a = np.array([1, 2, 3], { dtype: 'float64' });
    const b = np.array([true, false, true]);
    const exps = await Promise.all([
      oracle.eval('np.quantile(np.array([1., 2, 3]), [[[0.5]]])'), oracle.eval("np.quantile(np.array([1., 2, 3]), 0.5, method='foo')"),
      oracle.eval('np.percentile(np.array([1., 2, 3]), 101)'), oracle.eval('np.quantile(np.array([1., 2, 3]), np.nan)'),
      oracle.eval('np.quantile(np.array([True, False, True]), 0.5)'),
      oracle.eval("np.quantile(np.array([True, False, True]), 0.5, method='lower')"),
    ]);
    expect(exps.slice(0, 5).every(isOracleError)).toBe(true);
    expect(() => np.quantile(a, [[[0.5]]] as unknown as number[][])).toThrow(/q must be a scalar or 1d/);
    expect(() => np.quantile(a, 0.5, { method: 'foo' as 'linear' })).toThrow(/'foo' is not a valid method/);
    expect(() => np.percentile(a, 101)).toThrow(/Percentiles must be in the range \[0, 100\]/);
    expect(() => np.quantile(a, NaN)).toThrow(/Quantiles must be in the range \[0, 1\]/);
    expect(() => np.quantile(b, 0.5)).toThrow(/numpy boolean subtract/);
    const r = np.quantile(b, 0.5, { method: 'lower' });
    expectMatches(r, exps[5]!);
    for (const x of [a, b, r]) x.dispose();
  });

  it('q as an NDArray, out= and the default float rule', async () => {
    const a = fromRaw(raw('float32', [2, 4], [1, 5, 2, 8, 3, 3, 9, 0]));
    const q = np.array([0.2, 0.9], { dtype: 'float64' });
    const ra = raw('float32', [2, 4], [1, 5, 2, 8, 3, 3, 9, 0]);
    const [e1, e2] = await Promise.all([
      oracle.eval('np.quantile(a, np.array([0.2, 0.9]), axis=1)', { a: ra }),
      oracle.eval("np.percentile(a, 40, axis=0, method='midpoint')", { a: ra }),
    ]);
    const r1 = np.quantile(a, q, { axis: 1 });
    expectMatches(r1, e1!);
    const out = np.zeros([4], { dtype: 'float64' });
    expect(np.percentile(a, 40, { axis: 0, method: 'midpoint', out })).toBe(out);
    expectMatches(out, e2!, { dtype: false });
    npx.set_np();
    try {
      const i = np.array([1, 2, 3, 4], { dtype: 'int32' });
      const m = np.median(i);
      const p = np.percentile(i, [10, 90]);
      expect([m.dtype, p.dtype]).toEqual(['float32', 'float32']);
      expect(m.item()).toBe(2.5);
      for (const x of [i, m, p]) x.dispose();
    } finally {
      npx.set_np({ dtype: 'numpy' });
    }
    for (const x of [a, q, r1, out]) x.dispose();
  });

  it('two threads: median and quantiles of many lanes match NumPy', async () => {
    const prev = npx.num_threads();
    npx.set_num_threads(2);
    try {
      const gen = '((np.arange(400*500) * 7919) % 1009).astype(np.float64).reshape(400, 500)';
      const exps = await Promise.all([
        oracle.eval(`np.median(${gen}, axis=1)`), oracle.eval(`np.quantile(${gen}, [0.1, 0.5, 0.99], axis=0)`),
        oracle.eval(`np.nanpercentile(${gen}, 37, axis=(0, 1))`),
      ]);
      const base = np.array(Array.from({ length: 400 * 500 }, (_, i) => (i * 7919) % 1009), { dtype: 'float64' });
      const m = base.reshape(400, 500);
      const ours = [np.median(m, 1), np.quantile(m, [0.1, 0.5, 0.99], { axis: 0 }), np.nanpercentile(m, 37, { axis: [0, 1] })];
      ours.forEach((x, i) => expectMatches(x, exps[i]!, {}, `threaded ${i}`));
      for (const x of [base, m, ...ours]) x.dispose();
    } finally {
      npx.set_num_threads(prev);
    }
  });
});
