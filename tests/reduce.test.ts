// Fold reductions against NumPy: sum prod max min (amax amin) all any, their nan- forms, mean,
// count_nonzero and ptp over dtypes, axes (None, int, negative, tuple), keepdims, dtype=, initial=,
// where=, out=, non-contiguous views, empty and 0-d inputs, NaN propagation and integer wrap-around.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { np, npx } from '../src/index.js';
import type { DType } from '../src/core/dtype.js';
import { isOracleError } from './oracle/oracle.js';
import { expectMatches } from './helpers/arrays.js';
import { INT_DTYPES, NUMPY_DTYPES, NUMPY_REAL_DTYPES } from './helpers/gen.js';
import {
  type Opts, type RunSpec, axisArb, casesArb, draw, exactValue, maskArb, maybe, oracle, runCases, wideValue,
} from './reduce_harness.js';

beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

const SUM_DTYPES: DType[] = ['float64', 'float32', 'float16', 'int64', 'int32', 'uint8'];

/** An initial value the dtype holds. */
const initialArb = (d: DType) => fc.integer({ min: d.startsWith('u') ? 0 : -3, max: 5 });

function opts(s: number[], d: DType, o: { where?: boolean; initial?: 'maybe' | 'with-where'; dtype?: readonly DType[] } = {}): fc.Arbitrary<Opts> {
  return fc.record({
    axis: axisArb(s),
    keepdims: fc.boolean(),
    where: o.where ? maybe(maskArb(s)) : fc.constant(undefined),
    initial: o.initial && d !== 'bool' ? maybe(initialArb(d)) : fc.constant(undefined),
    dtype: o.dtype ? maybe(fc.constantFrom(...o.dtype), 3) : fc.constant(undefined),
  }, { requiredKeys: [] }).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Opts);
}

type Fn = (a: ReturnType<typeof np.zeros>, o: Record<string, unknown>) => ReturnType<typeof np.zeros>;
const call = (f: (a: never, o: never) => unknown): Fn => f as unknown as Fn;

interface Row {
  name: string;
  spec: Omit<RunSpec, 'kwargs' | 'py'> & { py?: string };
  kwargs: string[];
  dtypes: readonly DType[];
  value: (d: DType) => fc.Arbitrary<number | bigint>;
  opts: (s: number[], d: DType) => fc.Arbitrary<Opts>;
  n?: number;
}

const exact = (d: DType) => exactValue(d);
const nanHeavy = (d: DType) => exactValue(d, 4);
const noZeroSign = () => ({ zeroSign: false });

const ROWS: Row[] = [
  { name: 'sum', spec: { ours: call(np.sum) }, kwargs: ['axis', 'keepdims', 'where', 'initial', 'dtype'], dtypes: NUMPY_DTYPES, value: exact,
    opts: (s, d) => opts(s, d, { where: true, initial: 'maybe', dtype: SUM_DTYPES }) },
  { name: 'sum (integer wrap-around)', spec: { py: 'sum', ours: call(np.sum) }, kwargs: ['axis', 'keepdims'], dtypes: INT_DTYPES, value: (d) => wideValue(d),
    opts: (s, d) => opts(s, d) },
  { name: 'prod', spec: { ours: call(np.prod) }, kwargs: ['axis', 'keepdims', 'where', 'initial', 'dtype'], dtypes: NUMPY_DTYPES, value: exact,
    opts: (s, d) => opts(s, d, { where: true, initial: 'maybe', dtype: ['float64', 'int64', 'int16'] }) },
  { name: 'prod (integer wrap-around)', spec: { py: 'prod', ours: call(np.prod) }, kwargs: ['axis', 'keepdims'], dtypes: INT_DTYPES, value: (d) => wideValue(d),
    opts: (s, d) => opts(s, d) },
  { name: 'max', spec: { ours: call(np.max), match: noZeroSign }, kwargs: ['axis', 'keepdims', 'where', 'initial'], dtypes: NUMPY_DTYPES, value: (d) => wideValue(d),
    opts: (s, d) => opts(s, d, { where: true, initial: 'maybe' }) },
  { name: 'min', spec: { ours: call(np.min), match: noZeroSign }, kwargs: ['axis', 'keepdims', 'where', 'initial'], dtypes: NUMPY_DTYPES, value: (d) => wideValue(d),
    opts: (s, d) => opts(s, d, { where: true, initial: 'maybe' }) },
  { name: 'amax', spec: { ours: call(np.amax), match: noZeroSign }, kwargs: ['axis', 'keepdims'], dtypes: NUMPY_DTYPES, value: exact, opts: (s, d) => opts(s, d), n: 60 },
  { name: 'amin', spec: { ours: call(np.amin), match: noZeroSign }, kwargs: ['axis', 'keepdims'], dtypes: NUMPY_DTYPES, value: exact, opts: (s, d) => opts(s, d), n: 60 },
  { name: 'all', spec: { ours: call(np.all) }, kwargs: ['axis', 'keepdims', 'where'], dtypes: NUMPY_DTYPES, value: nanHeavy,
    opts: (s, d) => opts(s, d, { where: true }) },
  { name: 'any', spec: { ours: call(np.any) }, kwargs: ['axis', 'keepdims', 'where'], dtypes: NUMPY_DTYPES, value: nanHeavy,
    opts: (s, d) => opts(s, d, { where: true }) },
  { name: 'nansum', spec: { ours: call(np.nansum) }, kwargs: ['axis', 'keepdims', 'where', 'initial', 'dtype'], dtypes: NUMPY_REAL_DTYPES, value: nanHeavy,
    opts: (s, d) => opts(s, d, { where: true, initial: 'maybe', dtype: SUM_DTYPES }) },
  { name: 'nanprod', spec: { ours: call(np.nanprod) }, kwargs: ['axis', 'keepdims', 'where', 'initial', 'dtype'], dtypes: NUMPY_REAL_DTYPES, value: nanHeavy,
    opts: (s, d) => opts(s, d, { where: true, initial: 'maybe', dtype: ['float64', 'float32', 'int64'] }) },
  { name: 'nanmax', spec: { ours: call(np.nanmax), match: noZeroSign }, kwargs: ['axis', 'keepdims', 'where', 'initial'], dtypes: NUMPY_REAL_DTYPES, value: nanHeavy,
    opts: (s, d) => opts(s, d, { where: true, initial: 'maybe' }) },
  { name: 'nanmin', spec: { ours: call(np.nanmin), match: noZeroSign }, kwargs: ['axis', 'keepdims', 'where', 'initial'], dtypes: NUMPY_REAL_DTYPES, value: nanHeavy,
    opts: (s, d) => opts(s, d, { where: true, initial: 'maybe' }) },
  { name: 'mean', spec: { ours: call(np.mean), match: (sp) => ({ rtol: sp.dtype === 'float16' ? 2e-3 : 1e-6 }) }, kwargs: ['axis', 'keepdims', 'where', 'dtype'],
    dtypes: NUMPY_DTYPES, value: exact, opts: (s, d) => opts(s, d, { where: true, dtype: ['float64', 'float32'] }) },
  // NumPy returns a Python int for axis=None: compared through np.asarray.
  { name: 'count_nonzero', spec: { ours: call(np.count_nonzero), wrap: (e) => `np.asarray(${e})` }, kwargs: ['axis', 'keepdims'], dtypes: NUMPY_REAL_DTYPES,
    value: nanHeavy, opts: (s, d) => opts(s, d) },
  { name: 'ptp', spec: { ours: call(np.ptp), match: noZeroSign }, kwargs: ['axis', 'keepdims'], dtypes: NUMPY_REAL_DTYPES, value: (d) => wideValue(d),
    opts: (s, d) => opts(s, d) },
];

describe('fold reductions vs NumPy (property cases)', () => {
  ROWS.forEach((row, salt) => {
    const n = row.n ?? 160;
    it(`${row.name}: ${n} cases`, async () => {
      const cases = draw(casesArb(row.dtypes, row.value, row.opts), n, 100 + salt);
      await runCases(row.name, cases, { ...row.spec, py: row.spec.py ?? row.name, kwargs: row.kwargs });
    });
  });
});

describe('reduction options', () => {
  it('dtype=, initial=, out= as NumPy', async () => {
    const a = np.array([[1, 2, 3], [4, 5, 6]], { dtype: 'int8' });
    const raw = { dtype: 'int8' as const, shape: [2, 3], data: new Int8Array([1, 2, 3, 4, 5, 6]), fortranOrder: false };
    const [e1, e2, e3, e4] = await Promise.all([
      oracle.eval('np.sum(a, dtype=np.float32)', { a: raw }),
      oracle.eval('np.sum(a, axis=1, initial=10)', { a: raw }),
      oracle.eval('np.max(a, axis=0, initial=4)', { a: raw }),
      oracle.eval('np.sum(a, axis=0, dtype=np.int8)', { a: raw }),
    ]);
    const r1 = np.sum(a, { dtype: 'float32' });
    const r2 = np.sum(a, { axis: 1, initial: 10 });
    const r3 = np.max(a, { axis: 0, initial: 4 });
    const r4 = np.sum(a, { axis: 0, dtype: 'int8' });
    expectMatches(r1, e1!); expectMatches(r2, e2!); expectMatches(r3, e3!); expectMatches(r4, e4!);
    const out = np.zeros([3], { dtype: 'float64' });
    expect(np.sum(a, { axis: 0, out })).toBe(out);
    expect(out.tolist()).toEqual([5, 7, 9]);
    const outB = np.zeros([2], { dtype: 'bool' });
    expect(np.any(a, { axis: 1, out: outB })).toBe(outB);
    expect(outB.tolist()).toEqual([true, true]);
    const bad = np.zeros([2]);
    expect(() => np.sum(a, { axis: 0, out: bad })).toThrow(/output parameter has shape \(2,\), expected \(3,\)/);
    for (const x of [a, r1, r2, r3, r4, out, outB, bad]) x.dispose();
  });

  it('where= without initial raises for folds without an identity; where=false gives the identity', async () => {
    const a = np.array([[1, 2], [3, 4]], { dtype: 'float64' });
    const m = np.array([true, false]);
    const raw = { dtype: 'float64' as const, shape: [2, 2], data: new Float64Array([1, 2, 3, 4]), fortranOrder: false };
    const [eMax, eNanmax, eSum] = await Promise.all([
      oracle.eval('np.max(a, where=np.array([True, False]))', { a: raw }),
      oracle.eval('np.nanmax(a, where=np.array([True, False]))', { a: raw }),
      oracle.eval('np.sum(a, axis=0, where=False)', { a: raw }),
    ]);
    expect(isOracleError(eMax) && isOracleError(eNanmax)).toBe(true);
    expect(() => np.max(a, { where: m })).toThrow(/max: reduction operation 'max' does not have an identity, so to use a where mask one has to specify 'initial'/);
    expect(() => np.nanmax(a, { where: m })).toThrow(/does not have an identity/);
    const s = np.sum(a, { axis: 0, where: false });
    expectMatches(s, eSum!);
    const im = np.array([1, 0]);
    expect(() => np.sum(a, { where: im })).toThrow(/Cannot cast array data from dtype\('int64'\) to dtype\('bool'\)/);
    for (const x of [a, m, s, im]) x.dispose();
  });

  it('empty reductions: identity, or the NumPy error for max/min/nanmax', async () => {
    const e = np.zeros([0, 3]);
    const raw = { dtype: 'float64' as const, shape: [0, 3], data: new Float64Array(0), fortranOrder: false };
    const [s0, m0, m1, nm0] = await Promise.all([
      oracle.eval('np.sum(a, axis=0)', { a: raw }),
      oracle.eval('np.max(a, axis=0)', { a: raw }),
      oracle.eval('np.max(a, axis=1)', { a: raw }),
      oracle.eval('np.nanmax(a, axis=0)', { a: raw }),
    ]);
    const r = np.sum(e, 0);
    expectMatches(r, s0!);
    expect(isOracleError(m0) && isOracleError(nm0)).toBe(true);
    expect(() => np.max(e, 0)).toThrow(/max: zero-size array to reduction operation max which has no identity/);
    expect(() => np.nanmax(e, 0)).toThrow(/zero-size array to reduction operation nanmax which has no identity/);
    const r1 = np.max(e, 1);
    expectMatches(r1, m1!);
    for (const x of [e, r, r1]) x.dispose();
  });

  it('bad axes raise like NumPy', () => {
    const a = np.ones([2, 3]);
    expect(() => np.sum(a, 2)).toThrow(/sum: axis 2 is out of bounds for array of dimension 2/);
    expect(() => np.sum(a, [0, -2])).toThrow(/sum: duplicate value in 'axis'/);
    expect(() => np.nanmean(a, 3)).toThrow(/nanmean: axis 3 is out of bounds/);
    expect(() => np.count_nonzero(a, -3)).toThrow(/axis -3 is out of bounds/);
    a.dispose();
  });

  it('ptp of bool raises as NumPy (boolean subtract)', async () => {
    const b = np.array([true, false]);
    const e = await oracle.eval('np.ptp(np.array([True, False]))');
    expect(isOracleError(e)).toBe(true);
    expect(() => np.ptp(b)).toThrow(/numpy boolean subtract/);
    b.dispose();
  });

  it('the default float rule: mean of ints is float32 unless set_np numpy', () => {
    const a = np.array([1, 2, 4], { dtype: 'int32' });
    npx.set_np();
    try {
      const m = np.mean(a);
      expect(m.dtype).toBe('float32');
      expect(m.item()).toBeCloseTo(7 / 3, 6);
      m.dispose();
    } finally {
      npx.set_np({ dtype: 'numpy' });
    }
    const m64 = np.mean(a);
    expect(m64.dtype).toBe('float64');
    for (const x of [a, m64]) x.dispose();
  });
});

describe('large reductions on two threads agree with NumPy', () => {
  it('sum/nansum/nanmax/all/count_nonzero over axes and whole arrays', async () => {
    const prev = npx.num_threads();
    npx.set_num_threads(2);
    try {
      const gen = '(np.arange(600*700) % 13).astype(np.float32).reshape(600, 700)';
      const withNan = `np.where(np.arange(600*700).reshape(600, 700) % 7 == 3, np.nan, ${gen})`;
      const exps = await Promise.all([
        oracle.eval(`np.sum(${gen}, axis=0)`),
        oracle.eval(`np.sum(${gen}, axis=1)`),
        oracle.eval('np.sum((np.arange(600*700) % 13).astype(np.int32))'),
        oracle.eval('np.sum(np.ones(300000, np.int8))'),
        oracle.eval(`np.nansum(${withNan})`),
        oracle.eval(`np.nanmax(${withNan}, axis=0)`),
        oracle.eval(`np.nanmin(${withNan})`),
        oracle.eval(`np.all(${gen}, axis=1)`),
        oracle.eval(`np.asarray(np.count_nonzero(${gen}))`),
      ]);
      const base = np.array(Array.from({ length: 600 * 700 }, (_, i) => i % 13), { dtype: 'float32' });
      const m = base.reshape(600, 700);
      const nanBase = np.array(Array.from({ length: 600 * 700 }, (_, i) => (i % 7 === 3 ? NaN : i % 13)), { dtype: 'float32' });
      const nm = nanBase.reshape(600, 700);
      const i32 = base.astype('int32');
      const i8 = np.ones([300000], { dtype: 'int8' });
      const ours = [np.sum(m, 0), np.sum(m, 1), np.sum(i32), np.sum(i8), np.nansum(nm), np.nanmax(nm, 0), np.nanmin(nm), np.all(m, 1), np.count_nonzero(m)];
      ours.forEach((r, i) => expectMatches(r, exps[i]!, { rtol: 1e-6 }, `threaded case ${i}`));
      for (const x of [base, m, nanBase, nm, i32, i8, ...ours]) x.dispose();
    } finally {
      npx.set_num_threads(prev);
    }
  });
});

describe('max / min over long contiguous float runs (the vector fold)', () => {
  it('NaN at the start, middle or tail, ±inf, signed zeros, odd lengths, rows and whole arrays match NumPy', async () => {
    await np.scope(async () => {
      for (const dtype of ['float32', 'float64'] as const) {
        for (const n of [31, 32, 33, 64, 257, 1000]) {
          for (const special of ['none', 'nan0', 'nanmid', 'nanlast', 'inf', 'zeros']) {
            const vals = Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 7 - 60);
            if (special === 'nan0') vals[0] = NaN;
            if (special === 'nanmid') vals[n >> 1] = NaN;
            if (special === 'nanlast') vals[n - 1] = NaN;
            if (special === 'inf') { vals[3] = Infinity; vals[n - 2] = -Infinity; }
            if (special === 'zeros') vals.fill(-0).forEach((_, i) => { if (i % 3 === 0) vals[i] = 0; });
            const py = `np.array([${vals.map((v) => (Number.isNaN(v) ? 'np.nan' : v === Infinity ? 'np.inf' : v === -Infinity ? '-np.inf' : Object.is(v, -0) ? '-0.0' : String(v))).join(', ')}], dtype=np.${dtype})`;
            const a = np.array(vals, { dtype });
            const m = a.reshape(1, n);
            const [emax, emin, erow] = await Promise.all([oracle.eval(`np.max(${py})`), oracle.eval(`np.min(${py})`), oracle.eval(`np.max(${py}.reshape(1, ${n}), axis=1)`)]);
            const label = `${dtype} n=${n} ${special}`;
            expectMatches(np.max(a), emax!, { zeroSign: false }, `max ${label}`);
            expectMatches(np.min(a), emin!, { zeroSign: false }, `min ${label}`);
            expectMatches(np.max(m, { axis: 1 }), erow!, { zeroSign: false }, `max rows ${label}`);
          }
        }
      }
    });
  });
});

describe('float sums are pairwise (error ~ log n, as NumPy\'s)', () => {
  it('sum of a million float32 0.1s and of odd lengths stays within a few ulps of the exact sum', async () => {
    await np.scope(async () => {
      // A left-to-right float32 sum of 1e6 copies of 0.1 is off by ~1%; pairwise by ~1e-7.
      for (const n of [1_000_000, 1_000_003, 4097, 257, 129, 7]) {
        for (const dtype of ['float32', 'float64'] as const) {
          const a = np.full([n], 0.1, { dtype });
          const exact = await oracle.eval(`np.asarray(np.sum(np.full(${n}, 0.1, np.${dtype}).astype(np.float64)))`);
          const tol = dtype === 'float32' ? 2e-6 : 1e-14;
          expectMatches(np.sum(a).astype('float64'), exact!, { rtol: tol }, `${dtype} n=${n}`);
          // and the rows of a matrix (axis=-1) the same way
          const rows = np.full([3, n >> 2 || 1], 0.1, { dtype });
          const er = await oracle.eval(`np.sum(np.full((3, ${n >> 2 || 1}), 0.1, np.${dtype}).astype(np.float64), axis=1)`);
          expectMatches(np.sum(rows, { axis: 1 }).astype('float64'), er!, { rtol: tol }, `${dtype} rows n=${n}`);
        }
      }
    });
  });
});
