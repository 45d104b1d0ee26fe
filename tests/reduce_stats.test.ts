// Statistics against NumPy: nanmean, var, std, nanvar, nanstd (ddof, correction, where, dtype,
// keepdims, degrees of freedom <= 0) and average (weights of a's shape or along the axes, returned).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { np, npx } from '../src/index.js';
import type { DType } from '../src/core/dtype.js';
import type { NDArray } from '../src/core/ndarray.js';
import type { RawArray } from '../src/np/io/npy.js';
import { isOracleError, isRawArray } from './oracle/oracle.js';
import { expectMatches, fromRaw } from './helpers/arrays.js';
// complex dtypes: not supported by these ops yet (they raise; tests/complex_ufunc.test.ts)
import { NUMPY_REAL_DTYPES as NUMPY_DTYPES, fillTyped } from './helpers/gen.js';
import {
  type Opts, axisArb, casesArb, draw, exactValue, maskArb, maybe, oracle, runCases,
} from './reduce_harness.js';

beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

const TOL: Partial<Record<DType, number>> = { float16: 5e-3, float32: 2e-5, float64: 1e-12 };
const tol = (d: DType, o: Opts) => {
  const out = o.dtype as DType | undefined ?? (d.startsWith('float') ? d : 'float64');
  return { rtol: Math.max(TOL[out] ?? 1e-12, TOL[d] ?? 0), zeroSign: false };
};

const clean = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Opts;

function statOpts(s: number[], dtypes: readonly DType[], ddof: boolean): fc.Arbitrary<Opts> {
  return fc.record({
    axis: axisArb(s),
    keepdims: fc.boolean(),
    where: maybe(maskArb(s)),
    dtype: maybe(fc.constantFrom(...dtypes), 3),
    ddof: ddof ? maybe(fc.constantFrom(0, 1, 2, 0.5, 5, -1)) : fc.constant(undefined),
  }, { requiredKeys: [] }).map(clean);
}

type Fn = (a: NDArray, o: Record<string, unknown>) => NDArray;

const ROWS: { name: string; ours: Fn; value: (d: DType) => fc.Arbitrary<number | bigint>; dtypes: readonly DType[]; ddof: boolean }[] = [
  { name: 'nanmean', ours: (a, o) => np.nanmean(a, o), value: (d) => exactValue(d, 4), dtypes: ['float64', 'float32', 'int32'], ddof: false },
  { name: 'var', ours: (a, o) => np.var(a, o), value: (d) => exactValue(d), dtypes: ['float64', 'float32'], ddof: true },
  { name: 'std', ours: (a, o) => np.std(a, o), value: (d) => exactValue(d), dtypes: ['float64', 'float32'], ddof: true },
  { name: 'nanvar', ours: (a, o) => np.nanvar(a, o), value: (d) => exactValue(d, 4), dtypes: ['float64', 'float32', 'int64'], ddof: true },
  { name: 'nanstd', ours: (a, o) => np.nanstd(a, o), value: (d) => exactValue(d, 4), dtypes: ['float64', 'float32'], ddof: true },
];

describe('statistics vs NumPy (property cases)', () => {
  ROWS.forEach((row, salt) => {
    it(`${row.name}: 200 cases`, async () => {
      const cases = draw(casesArb(NUMPY_DTYPES, row.value, (s) => statOpts(s, row.dtypes, row.ddof)), 200, 300 + salt);
      await runCases(row.name, cases, {
        py: row.name, kwargs: ['axis', 'keepdims', 'where', 'dtype', 'ddof'], ours: row.ours, match: (sp, o) => tol(sp.dtype, o),
      });
    });
  });

  it('average: 200 cases (weights of a\'s shape or along the axes)', async () => {
    const wArb = (shape: number[]) => fc.tuple(fc.constantFrom<DType>('float64', 'int32', 'float32', 'int8'),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) }))
      .map(([dtype, vals]): RawArray => ({ dtype, shape, data: fillTyped(dtype, vals), fortranOrder: false }));
    const optsArb = (s: number[]) => axisArb(s).chain((axis) => {
      const along = axis === null ? [] : (typeof axis === 'number' ? [axis] : axis).map((ax) => s[ax < 0 ? ax + s.length : ax]!);
      return fc.record({
        axis: fc.constant(axis),
        keepdims: fc.boolean(),
        weights: fc.oneof(fc.constant(undefined), wArb(s), wArb(along)),
      }).map(clean);
    });
    const cases = draw(casesArb(NUMPY_DTYPES, (d) => exactValue(d), optsArb), 200, 310);
    await runCases('average', cases, {
      py: 'average',
      kwargs: ['axis', 'keepdims', 'weights'],
      ours: (a, o) => {
        const w = o.weights ? fromRaw(o.weights as RawArray) : undefined;
        try {
          return np.average(a, { ...o, weights: w });
        } finally {
          w?.dispose();
        }
      },
      match: (sp) => ({ rtol: sp.dtype === 'float16' ? 5e-3 : sp.dtype === 'float32' ? 2e-6 : 1e-12, zeroSign: false }),
      minShare: 0.4,
    });
  });
});

describe('statistics: options and edge cases', () => {
  it('average(returned=true) gives the weight sums, broadcast to the result', async () => {
    const raw: RawArray = { dtype: 'float64', shape: [2, 3], data: new Float64Array([1, 2, 3, 4, 5, 6]), fortranOrder: false };
    const [e1, e2] = await Promise.all([
      oracle.eval('list(np.average(a, axis=1, weights=np.array([1, 2, 3]), returned=True))', { a: raw }),
      oracle.eval('list(np.average(a, axis=0, returned=True))', { a: raw }),
    ]);
    const a = fromRaw(raw);
    const w = np.array([1, 2, 3]);
    const [avg1, scl1] = np.average(a, { axis: 1, weights: w, returned: true });
    const [avg2, scl2] = np.average(a, { axis: 0, returned: true });
    for (const [ours, exp] of [[avg1, e1], [scl1, e1], [avg2, e2], [scl2, e2]] as const) {
      const i = ours === avg1 || ours === avg2 ? 0 : 1;
      const ev = (exp as unknown[])[i];
      expect(isRawArray(ev)).toBe(true);
      expectMatches(ours, ev as RawArray & { isScalar: boolean });
    }
    for (const x of [a, w, avg1, scl1, avg2, scl2]) x.dispose();
  });

  it('average raises as NumPy for bad weights', async () => {
    const a = np.ones([2, 3]);
    const w3 = np.ones([3]);
    const w2 = np.ones([2]);
    const z = np.zeros([3]);
    const raw: RawArray = { dtype: 'float64', shape: [2, 3], data: new Float64Array(6).fill(1), fortranOrder: false };
    const errs = await Promise.all([
      oracle.eval('np.average(a, weights=np.ones(3))', { a: raw }),
      oracle.eval('np.average(a, axis=1, weights=np.ones(2))', { a: raw }),
      oracle.eval('np.average(a, axis=1, weights=np.zeros(3))', { a: raw }),
    ]);
    expect(errs.every(isOracleError)).toBe(true);
    expect(() => np.average(a, { weights: w3 })).toThrow(/Axis must be specified when shapes of a and weights differ/);
    expect(() => np.average(a, { axis: 1, weights: w2 })).toThrow(/Shape of weights must be consistent/);
    expect(() => np.average(a, { axis: 1, weights: z })).toThrow(/Weights sum to zero, can't be normalized/);
    for (const x of [a, w3, w2, z]) x.dispose();
  });

  it('ddof >= n gives inf/nan (var) and nan (nanvar) as NumPy; correction= is ddof', async () => {
    const raw: RawArray = { dtype: 'float64', shape: [2, 2], data: new Float64Array([1, 2, 3, NaN]), fortranOrder: false };
    const exprs = ['np.var(a, axis=1, ddof=2)', 'np.std(a, axis=0, ddof=3)', 'np.nanvar(a, axis=1, ddof=1)', 'np.nanstd(a, ddof=3)',
      'np.var(a, axis=1, correction=1)', 'np.var(a, ddof=1, correction=1)'];
    const exps = await Promise.all(exprs.map((e) => oracle.eval(e, { a: raw })));
    const a = fromRaw(raw);
    const ours = [
      () => np.var(a, { axis: 1, ddof: 2 }), () => np.std(a, { axis: 0, ddof: 3 }), () => np.nanvar(a, { axis: 1, ddof: 1 }),
      () => np.nanstd(a, { ddof: 3 }), () => np.var(a, { axis: 1, correction: 1 }), () => np.var(a, { ddof: 1, correction: 1 }),
    ];
    ours.forEach((f, i) => {
      const e = exps[i]!;
      if (isOracleError(e)) {
        expect(f, exprs[i]).toThrow(/ddof and correction can't be provided simultaneously/);
        return;
      }
      const r = f();
      expectMatches(r, e, {}, exprs[i]);
      r.dispose();
    });
    a.dispose();
  });

  it('nan- statistics refuse integer dtype= and out= on float input', async () => {
    const a = np.array([1.5, NaN]);
    const o = np.zeros([], { dtype: 'int64' });
    const raw: RawArray = { dtype: 'float64', shape: [2], data: new Float64Array([1.5, NaN]), fortranOrder: false };
    const [e1, e2] = await Promise.all([
      oracle.eval('np.nanmean(a, dtype=np.int32)', { a: raw }),
      oracle.eval('np.nanvar(a, out=np.zeros((), np.int64))', { a: raw }),
    ]);
    expect(isOracleError(e1) && isOracleError(e2)).toBe(true);
    expect(() => np.nanmean(a, { dtype: 'int32' })).toThrow(/If a is inexact, then dtype must be inexact/);
    expect(() => np.nanvar(a, { out: o })).toThrow(/If a is inexact, then out must be inexact/);
    for (const x of [a, o]) x.dispose();
  });

  it('out= receives the result (cast) and is returned', () => {
    const a = np.array([[1, 2], [3, 5]], { dtype: 'float64' });
    const out = np.zeros([2], { dtype: 'float32' });
    expect(np.std(a, { axis: 1, out })).toBe(out);
    expect(out.tolist()).toEqual([0.5, 1]);
    expect(np.nanmean(a, { axis: 0, out })).toBe(out);
    expect(out.tolist()).toEqual([2, 3.5]);
    for (const x of [a, out]) x.dispose();
  });

  it('two threads: var/std/nanmean of a large array match NumPy', async () => {
    const prev = npx.num_threads();
    npx.set_num_threads(2);
    try {
      const gen = '(np.arange(500*400) % 17).astype(np.float64).reshape(500, 400)';
      const exps = await Promise.all([
        oracle.eval(`np.var(${gen}, axis=0)`), oracle.eval(`np.std(${gen})`), oracle.eval(`np.nanmean(${gen}, axis=1)`),
      ]);
      const base = np.array(Array.from({ length: 500 * 400 }, (_, i) => i % 17), { dtype: 'float64' });
      const m = base.reshape(500, 400);
      const ours = [np.var(m, 0), np.std(m), np.nanmean(m, 1)];
      ours.forEach((r, i) => expectMatches(r, exps[i]!, { rtol: 1e-12 }));
      for (const x of [base, m, ...ours]) x.dispose();
    } finally {
      npx.set_num_threads(prev);
    }
  });
});
