// np.bincount, np.histogram and np.histogram_bin_edges against NumPy: integer / bool inputs and
// weights of every dtype for bincount; for histogram every dtype of data and weights, equal-width
// bins (with and without range, the bin dtype and edges NumPy computes), explicit edges (ties,
// NaN), the string estimators, density, NaN / ±inf / integer extremes, and the errors NumPy raises.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';

import type { DType } from '../src/core/dtype.js';
import { f16BitsToNumber } from '../src/core/half.js';
import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { type MatchOptions, expectSameAsNumpy, toRaw } from './helpers/arrays.js';
// complex dtypes: not supported by these ops yet (they raise; tests/complex_ufunc.test.ts)
import { type ArraySpec, INT_DTYPES, NUMPY_REAL_DTYPES as NUMPY_DTYPES, arraySpecArb, build, draw, pyView, rawOf, shapeArb, show, storageValue } from './helpers/gen.js';
import { NumpyOracle, isOracleError } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => {
  npx.set_np();
  npx.set_num_threads(1);
});

const py = (b: boolean): string => (b ? 'True' : 'False');
const small = (d: DType): fc.Arbitrary<number | bigint> => fc.integer({ min: 0, max: d === 'bool' ? 1 : 12 }).map((v) => (d.endsWith('64') ? BigInt(v) : v));

describe('np.bincount', () => {
  it('integer and bool inputs, minlength, weights of every dtype: NumPy\'s counts and sums', async () => {
    const xd = fc.constantFrom<DType>('bool', ...INT_DTYPES);
    const cases = draw(fc.tuple(xd, fc.integer({ min: 0, max: 30 }), fc.constantFrom<DType | null>(null, null, ...NUMPY_DTYPES), fc.integer({ min: 0, max: 20 }))
      .chain(([d, n, wd, minlength]) => fc.tuple(arraySpecArb(d, [n], fc.oneof({ arbitrary: small(d), weight: 30 }, { arbitrary: storageValue(d).filter((v) => Number(v) < 3000), weight: 1 })),
        wd ? arraySpecArb(wd, [n]).map((w) => w as ArraySpec | null) : fc.constant(null), fc.constant(minlength))), 250, 31);
    const exp = await Promise.all(cases.map(([x, w, minlength]) => oracle.eval(
      `np.bincount(${pyView('x', x)}, weights=${w ? pyView('w', w) : 'None'}, minlength=${minlength})`, w ? { x: rawOf(x), w: rawOf(w) } : { x: rawOf(x) })));
    cases.forEach(([x, w, minlength], i) => expectSameAsNumpy(`bincount ${x.dtype}[${x.shape}] w=${w?.dtype} minlength=${minlength}`, 'bincount',
      () => np.bincount(build(x), { weights: w ? build(w) : null, minlength }), exp[i]!, { exact: true }));
  });

  it('errors and conversions as NumPy: floats, negatives, minlength, weights of the wrong length or depth, JS lists', async () => {
    const cases: [string, () => NDArray][] = [
      ['np.bincount(np.array([], dtype=float))', () => np.bincount(np.array([], { dtype: 'float64' }))],
      ['np.bincount(np.array([1.0]))', () => np.bincount(np.array([1], { dtype: 'float64' }))],
      ['np.bincount(np.array([-1, 2]))', () => np.bincount(np.array([-1, 2]))],
      ['np.bincount(np.array([2**63], dtype=np.uint64))', () => np.bincount(np.array([2n ** 63n] as unknown as number[], { dtype: 'uint64' }))],
      ['np.bincount(np.array([1, 2]), minlength=-1)', () => np.bincount(np.array([1, 2]), { minlength: -1 })],
      ['np.bincount(np.array([-1]), minlength=-1)', () => np.bincount(np.array([-1]), { minlength: -1 })],
      ['np.bincount(np.array([1, 2]), minlength=None)', () => np.bincount(np.array([1, 2]), { minlength: null as never })],
      ['np.bincount(np.array([1, 2]), minlength=2.0)', () => np.bincount(np.array([1, 2]), { minlength: 2.5 })],
      ['np.bincount(np.array([[1, 2]]))', () => np.bincount(np.array([[1, 2]]))],
      ['np.bincount(np.array(1))', () => np.bincount(np.array(1))],
      ['np.bincount(np.array([1, 2]), weights=np.array([1, 2, 3]))', () => np.bincount(np.array([1, 2]), { weights: np.array([1, 2, 3]) })],
      ['np.bincount(np.array([-1, 2]), weights=np.array([1, 2, 3]))', () => np.bincount(np.array([-1, 2]), { weights: np.array([1, 2, 3]) })],
      ['np.bincount(np.array([1, 2]), weights=np.array([[1, 2]]))', () => np.bincount(np.array([1, 2]), { weights: np.array([[1, 2]]) })],
      ['np.bincount([], minlength=2)', () => np.bincount([], { minlength: 2 })],
      ['np.bincount([1, 3])', () => np.bincount([1, 3])],
      ['np.bincount([True, 1])', () => np.bincount([true, 1] as never)],
    ];
    const exp = await Promise.all(cases.map(([py]) => oracle.eval(py)));
    cases.forEach(([py, run], i) => expectSameAsNumpy(py, 'bincount', run, exp[i]!, { exact: !py.includes('2.0') }));
  });
});

/** Data for histograms: the dtype's values, with NaN / inf left out unless `nonfinite`. */
function histValues(d: DType, nonfinite: boolean): fc.Arbitrary<number | bigint> {
  const v = fc.oneof({ arbitrary: storageValue(d), weight: 1 }, { arbitrary: storageValue(d).filter((x) => Math.abs(Number(x)) < 1e4), weight: 3 });
  if (nonfinite || !(d.startsWith('float') || d === 'bfloat16')) return v;
  return v.filter((x) => {
    const n = Number(x);
    if (d === 'float16') return (n & 0x7c00) !== 0x7c00;
    return Number.isFinite(n);
  });
}

/** Values on a quarter grid within ±1e4 (finite, no extremes). */
function plainValues(d: DType): fc.Arbitrary<number | bigint> {
  return histValues(d, false).filter((x) => {
    const v = d === 'float16' ? f16BitsToNumber(Number(x)) : Number(x);
    return Math.abs(v) < 1e4 && Number.isInteger(v * 4);
  });
}

type BinsCase = { kind: 'int'; n: number } | { kind: 'edges'; edges: number[]; dtype: DType } | { kind: 'est'; name: string };

const binsArb: fc.Arbitrary<BinsCase> = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 12 }).map((n) => ({ kind: 'int' as const, n })), weight: 4 },
  {
    arbitrary: fc.tuple(fc.array(fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ min: -100, max: 100, noNaN: true })), { minLength: 0, maxLength: 7 }),
      fc.constantFrom<DType>('float64', 'float32', 'int64', 'int16'))
      .map(([e, dtype]) => ({ kind: 'edges' as const, edges: e.map((x) => (dtype.startsWith('int') ? Math.round(x) : x)).sort((a, b) => a - b), dtype })),
    weight: 3,
  },
  { arbitrary: fc.constantFrom('auto', 'fd', 'doane', 'scott', 'stone', 'rice', 'sturges', 'sqrt').map((name) => ({ kind: 'est' as const, name })), weight: 2 },
);

describe('np.histogram', () => {
  it('every data dtype, bins (count, edges, estimator), range, weights, density: NumPy\'s counts and edges', async () => {
    const cases = draw(fc.tuple(fc.constantFrom(...NUMPY_DTYPES), shapeArb(2), binsArb,
      fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: fc.tuple(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -50, max: 50, noNaN: true })), fc.double({ min: 0, max: 60, noNaN: true })).map(([lo, w]) => [lo, lo + Math.round(w * 4) / 4] as [number, number]), weight: 1 }),
      fc.constantFrom<DType | null>(null, null, null, 'float64', 'float32', 'int32', 'bool', 'float16', 'uint8'), fc.boolean())
      // estimators get plain data and no range (absurd ranges make NumPy itself build 10^8 bins)
      .map(([d, s, bins, range, wd, density]) => [d, s, bins, bins.kind === 'est' ? null : range, wd, density] as const)
      .chain(([d, s, bins, range, wd, density]) => fc.tuple(arraySpecArb(d, s, bins.kind === 'est' ? plainValues(d) : histValues(d, range !== null)),
        // moderate weights: NumPy's explicit-edge sums are differences of running sums (see docs)
        wd && !(bins.kind === 'est') ? arraySpecArb(wd, s, histValues(wd, false).filter((x) => Math.abs(Number(x)) < 1e4 || wd === 'float16')).map((w) => w as ArraySpec | null) : fc.constant(null),
        fc.constant(bins), fc.constant(range), fc.constant(density))), 300, 32);
    const binsPy = (b: BinsCase): string => (b.kind === 'int' ? String(b.n) : b.kind === 'est' ? `'${b.name}'` : `np.array(e, dtype='${b.dtype}')`);
    const exp = await Promise.all(cases.map(([a, w, bins, range, density]) => oracle.eval(
      `r = np.histogram(${pyView('a', a)}, bins=${binsPy(bins)}, range=${range ? `(${range.map((x) => (Number.isInteger(x) ? String(x) : `float(${x})`)).join(', ')})` : 'None'}, weights=${w ? pyView('w', w) : 'None'}, density=${py(density)})\nresult = list(r)`,
      { a: rawOf(a), ...(w ? { w: rawOf(w) } : {}), ...(bins.kind === 'edges' ? { e: bins.edges } : {}) })));
    cases.forEach(([a, w, bins, range, density], i) => {
      // Weighted sums with explicit edges are differences of cumulative sums in NumPy: equal up to rounding.
      const tol: MatchOptions = w && (bins.kind === 'edges' || density) ? { rtol: 1e-5, atol: 1e-3 } : density ? { rtol: 1e-12 } : {};
      expectSameAsNumpy(`histogram ${a.dtype}${show(a.shape)} bins=${show(bins)} range=${show(range)} w=${w?.dtype} density=${density}`, 'histogram', () => {
        const b = bins.kind === 'int' ? bins.n : bins.kind === 'est' ? bins.name as never : np.array(bins.edges, { dtype: bins.dtype });
        return np.histogram(build(a), { bins: b, range, weights: w ? build(w) : null, density });
      }, exp[i]!, { match: [tol], exact: !(isOracleError(exp[i]) && exp[i].error === 'MemoryError') });
    });
  });

  it('histogram_bin_edges: estimators on float64, float32 and integer data (with and without range)', async () => {
    const cases = draw(fc.tuple(fc.constantFrom<DType>('float64', 'float32', 'int64', 'int16', 'uint8'), fc.integer({ min: 0, max: 300 }),
      fc.constantFrom('auto', 'fd', 'doane', 'scott', 'stone', 'rice', 'sturges', 'sqrt'), fc.boolean())
      .chain(([d, n, name, ranged]) => fc.tuple(arraySpecArb(d, [n], histValues(d, false).filter((x) => Math.abs(Number(x)) < 1000)), fc.constant(name), fc.constant(ranged))), 160, 33);
    const exp = await Promise.all(cases.map(([a, name, ranged]) => oracle.eval(
      `np.histogram_bin_edges(${pyView('a', a)}, bins='${name}', range=${ranged ? '(-100, 400.5)' : 'None'})`, { a: rawOf(a) })));
    cases.forEach(([a, name, ranged], i) => expectSameAsNumpy(`histogram_bin_edges ${a.dtype}[${a.shape}] ${name} range=${ranged}`, 'histogram_bin_edges',
      () => np.histogram_bin_edges(build(a), { bins: name as never, range: ranged ? [-100, 400.5] : null }), exp[i]!, { exact: true }));
  });

  it('errors as NumPy: bins, range, non-finite data, weights', async () => {
    const a = () => np.array([1, 2, 3]);
    const cases: [string, () => NDArray | NDArray[]][] = [
      ['np.histogram(np.array([1, 2, 3]), bins=2.5)', () => np.histogram(a(), { bins: 2.5 })],
      ['np.histogram(np.array([1, 2, 3]), bins=0)', () => np.histogram(a(), { bins: 0 })],
      ["np.histogram(np.array([1, 2, 3]), bins='foo')", () => np.histogram(a(), { bins: 'foo' as never })],
      ['np.histogram(np.array([1, 2, 3]), bins=[[1, 2]])', () => np.histogram(a(), { bins: [[1, 2]] })],
      ['np.histogram(np.array([1, 2, 3]), bins=[3, 1])', () => np.histogram(a(), { bins: [3, 1] })],
      ['np.histogram(np.array([1, 2, 3]), range=(3, 1))', () => np.histogram(a(), { range: [3, 1] })],
      ['np.histogram(np.array([1, 2, 3]), range=(1, np.inf))', () => np.histogram(a(), { range: [1, Infinity] })],
      ['np.histogram(np.array([1, np.nan, 3]))', () => np.histogram(np.array([1, NaN, 3]))],
      ['np.histogram(np.array([1, np.inf, 3]))', () => np.histogram(np.array([1, Infinity, 3]))],
      ['np.histogram(np.array([1, 2, 3]), weights=np.array([1, 2]))', () => np.histogram(a(), { weights: np.array([1, 2]) })],
      ["np.histogram(np.array([1, 2, 3]), bins='auto', weights=np.array([1, 2, 3]))", () => np.histogram(a(), { bins: 'auto', weights: np.array([1, 2, 3]) })],
      ['np.histogram(np.array([1., 2, 3]), bins=[0, 1, 2, 5], weights=np.array([True, False, True]))', () => np.histogram(np.array([1, 2, 3], { dtype: 'float64' }), { bins: [0, 1, 2, 5], weights: np.array([true, false, true]) })],
      ['np.histogram(np.array([1., 2, 3]), bins=3, range=(0, 1e-300))', () => np.histogram(np.array([1, 2, 3], { dtype: 'float64' }), { bins: 3, range: [0, 1e-300] })],
      ['np.histogram(np.array([1., 2, 3]), bins=[])', () => np.histogram(np.array([1, 2, 3], { dtype: 'float64' }), { bins: [] })],
      ['np.histogram(np.array([1., 2, 3]), bins=[1])', () => np.histogram(np.array([1, 2, 3], { dtype: 'float64' }), { bins: [1] })],
      ['np.histogram(np.array([1., 2, 3]), bins=np.array(3))', () => np.histogram(np.array([1, 2, 3], { dtype: 'float64' }), { bins: np.array(3) })],
      ['np.histogram(np.array([1., 2, 3]), bins=[0, np.nan, 5])', () => np.histogram(np.array([1, 2, 3], { dtype: 'float64' }), { bins: [0, NaN, 5] })],
      ['np.histogram(np.array([True, False]), bins=2)', () => np.histogram(np.array([true, false]), { bins: 2 })],
      ['np.histogram(np.array([], dtype=np.int8))', () => np.histogram(np.array([], { dtype: 'int8' }))],
      ['np.histogram(np.array([5, 5], dtype=np.int64))', () => np.histogram(np.array([5, 5]))],
      ['np.histogram(np.array([2**62, -2**62], dtype=np.int64), bins=3)', () => np.histogram(np.array([2n ** 62n, -(2n ** 62n)] as unknown as number[], { dtype: 'int64' }), { bins: 3 })],
      ['np.histogram(np.array([1, 2, 3], dtype=np.uint64), bins=2, range=(0, 2))', () => np.histogram(np.array([1, 2, 3], { dtype: 'uint64' }), { bins: 2, range: [0, 2] })],
      ['np.histogram(np.float16([1, 2, 3]), bins=4, range=(0, 0.1))', () => np.histogram(np.array([1, 2, 3], { dtype: 'float16' }), { bins: 4, range: [0, 0.1] })],
    ];
    const exp = await Promise.all(cases.map(([p]) => oracle.eval(`list(${p})`)));
    cases.forEach(([p, run], i) => expectSameAsNumpy(p, 'histogram', run, exp[i]!, { exact: true }));
  });
});

describe('large inputs on 2 threads', () => {
  it('bincount and histogram (equal bins, edges, weights over several 65536-element blocks) of 300k elements', async () => {
    npx.set_num_threads(2);
    try {
      const vals = fc.sample(fc.integer({ min: 0, max: 999 }), { seed: 13, numRuns: 300_000 });
      const x = np.array(vals, { dtype: 'int32' });
      const f = np.array(vals.map((v) => v / 7 - 20), { dtype: 'float32' });
      const w = np.array(vals.map((v) => (v % 13) / 8), { dtype: 'float64' });
      const exp = await Promise.all([
        oracle.eval('np.bincount(x)', { x: toRaw(x) }),
        oracle.eval('np.bincount(x, weights=w)', { x: toRaw(x), w: toRaw(w) }),
        oracle.eval('list(np.histogram(f, bins=37))', { f: toRaw(f) }),
        oracle.eval('list(np.histogram(f, bins=50, range=(-10, 100.5), weights=w))', { f: toRaw(f), w: toRaw(w) }),
        oracle.eval('list(np.histogram(f, bins=np.array([-30, -1, 0, 2.5, 70, 200])))', { f: toRaw(f) }),
      ]);
      expectSameAsNumpy('bincount', 'bincount', () => np.bincount(x), exp[0]!);
      expectSameAsNumpy('bincount weighted', 'bincount', () => np.bincount(x, { weights: w }), exp[1]!);
      expectSameAsNumpy('histogram', 'histogram', () => np.histogram(f, { bins: 37 }), exp[2]!);
      expectSameAsNumpy('histogram weighted', 'histogram', () => np.histogram(f, { bins: 50, range: [-10, 100.5], weights: w }), exp[3]!);
      expectSameAsNumpy('histogram edges', 'histogram', () => np.histogram(f, { bins: np.array([-30, -1, 0, 2.5, 70, 200]) }), exp[4]!);
      for (const t of [x, f, w]) t.dispose();
    } finally {
      npx.set_num_threads(1);
    }
  });
});
