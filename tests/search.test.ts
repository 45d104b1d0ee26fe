// np.searchsorted, digitize, nonzero, flatnonzero, argwhere, extract (and np.where's 1-argument
// form, once np.where exists) against NumPy: every dtype and mixed dtype pairs (bfloat16 through
// float32, exact and order-preserving), 0-d, empty and non-contiguous inputs, NaN / ±inf / -0.0 /
// integer extremes, sorter, both sides, and the errors NumPy raises.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DType } from '../src/core/dtype.js';
import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { expectSameAsNumpy, toRaw } from './helpers/arrays.js';
// complex dtypes: not supported by these ops yet (they raise; tests/complex_ufunc.test.ts)
import { COMPLEX_DTYPES, REAL_DTYPES as ALL_DTYPES, type ArraySpec, arraySpecArb, build, draw, pyArr, pyView, rawOf, shapeArb, show, storageValue } from './helpers/gen.js';
import { NumpyOracle, isOracleError } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => {
  npx.set_np();
  npx.set_num_threads(1);
});

/** Few distinct values, so that searches land on ties. */
const tieValues = (d: DType) => fc.oneof(storageValue(d), storageValue(d).filter((v) => Math.abs(Number(v)) < 3 || d.includes('float')));

describe('np.searchsorted', () => {
  it('every dtype pair, side, layout, with and without sorter: NumPy\'s insertion points', async () => {
    const cases = draw(fc.tuple(fc.constantFrom(...ALL_DTYPES), fc.constantFrom(...ALL_DTYPES), fc.integer({ min: 0, max: 9 }), shapeArb(3))
      .chain(([da, dv, n, vs]) => fc.tuple(arraySpecArb(da, [n], tieValues(da)), arraySpecArb(dv, vs, tieValues(dv)),
        fc.constantFrom<'left' | 'right'>('left', 'right'), fc.boolean())), 300, 11);
    const exp = await Promise.all(cases.map(([a, v, side, useSorter]) => oracle.eval(useSorter
      ? `np.searchsorted(${pyArr(a, 'a')}, ${pyArr(v, 'v')}, side='${side}', sorter=np.argsort(${pyArr(a, 'a')}, kind='stable'))`
      : `np.searchsorted(np.sort(${pyArr(a, 'a')}), ${pyArr(v, 'v')}, side='${side}')`, { a: rawOf(a), v: rawOf(v) })));
    cases.forEach(([a, v, side, useSorter], i) => expectSameAsNumpy(`searchsorted ${a.dtype}[${a.shape}] ${v.dtype}${show(v.shape)} ${side} sorter=${useSorter}`,
      'searchsorted', () => {
        const x = build(a);
        return useSorter ? np.searchsorted(x, build(v), { side, sorter: np.argsort(x) }) : np.searchsorted(np.sort(x), build(v), { side });
      }, exp[i]!));
  });

  it('JS scalars and lists: int64 / float64 values as NumPy discovers them, a 0-d result for a scalar', async () => {
    const vs: (number | bigint | number[])[] = [2, 2.5, -1, 1000, 0.1, [0, 2, 5], [1.5, -0.5], 2n ** 63n - 1n];
    const arrs: [DType, number[]][] = [['int8', [1, 2, 3]], ['uint64', [1, 2, 3]], ['float32', [0.1, 1, 2.5]], ['float64', [0.1, 0.1, 3]]];
    const cases = arrs.flatMap(([d, a]) => vs.map((v) => [d, a, v] as const));
    const exp = await Promise.all(cases.map(([d, a, v]) => oracle.eval(`np.searchsorted(np.array(a, dtype='${d}'), v, side='right')`, { a, v: v as never })));
    cases.forEach(([d, a, v], i) => expectSameAsNumpy(`searchsorted ${d} ${show(v)}`, 'searchsorted',
      () => np.searchsorted(np.array(a, { dtype: d }), v as never, { side: 'right' }), exp[i]!));
  });

  it('errors as NumPy: a not 1-D, bad side, bad sorter', async () => {
    const a = () => np.array([1, 2, 3], { dtype: 'int8' });
    const cases: [string, () => NDArray][] = [
      ["np.searchsorted(np.array([[1, 2], [3, 4]]), 1)", () => np.searchsorted(np.array([[1, 2], [3, 4]]), 1)],
      ['np.searchsorted(np.array(5), 1)', () => np.searchsorted(np.array(5), 1)],
      ["np.searchsorted(np.array([1, 2, 3], np.int8), 2, side='foo')", () => np.searchsorted(a(), 2, { side: 'foo' as never })],
      ['np.searchsorted(np.array([1, 2, 3], np.int8), 2, sorter=np.array([0, 1]))', () => np.searchsorted(a(), 2, { sorter: np.array([0, 1]) })],
      ['np.searchsorted(np.array([1, 2, 3], np.int8), 2, sorter=np.array([0, 1, 2.]))', () => np.searchsorted(a(), 2, { sorter: np.array([0, 1, 2], { dtype: 'float64' }) })],
      ['np.searchsorted(np.array([1, 2, 3], np.int8), 2, sorter=np.array([[0, 1, 2]]))', () => np.searchsorted(a(), 2, { sorter: np.array([[0, 1, 2]]) })],
      ['np.searchsorted(np.array([1, 2, 3], np.int8), 2, sorter=np.array([0, 1, 2], np.uint64))', () => np.searchsorted(a(), 2, { sorter: np.array([0, 1, 2], { dtype: 'uint64' }) })],
      ['np.searchsorted(np.array([1, 2, 3], np.int8), 2, sorter=np.array([0, 5, 2]))', () => np.searchsorted(a(), 2, { sorter: np.array([0, 5, 2]) })],
      ['np.searchsorted(np.array([1, 2, 3], np.int8), 2, sorter=np.array([0, 1, 2], np.uint8))', () => np.searchsorted(a(), 2, { sorter: np.array([0, 1, 2], { dtype: 'uint8' }) })],
      // NumPy reads only the sorter entries its bisection visits: these two pass unnoticed there
      ['np.searchsorted(np.array([1, 2, 3], np.int8), 2, sorter=np.array([0, 1, 5]))', () => np.searchsorted(a(), 2, { sorter: np.array([0, 1, 5]) })],
      ['np.searchsorted(np.array([1, 2, 3], np.int8), [2, 3], sorter=np.array([0, 1, -1]))', () => np.searchsorted(a(), [2, 3], { sorter: np.array([0, 1, -1]) })],
    ];
    const exp = await Promise.all(cases.map(([py]) => oracle.eval(py)));
    cases.forEach(([py, run], i) => expectSameAsNumpy(py, 'searchsorted', run, exp[i]!, { exact: true }));
  });
});

describe('np.searchsorted on unsorted input', () => {
  it('follows NumPy\'s bisection path (its bounds carry over between keys)', async () => {
    const cases = draw(fc.tuple(fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 8 }), fc.array(fc.integer({ min: -4, max: 4 }), { maxLength: 8 }),
      fc.constantFrom<'left' | 'right'>('left', 'right')), 80, 15);
    const exp = await Promise.all(cases.map(([a, v, side]) => oracle.eval(`np.searchsorted(np.array(a, dtype=np.int64), np.array(v, dtype=np.int64), side='${side}')`, { a, v })));
    cases.forEach(([a, v, side], i) => expectSameAsNumpy(`searchsorted ${show(a)} ${show(v)} ${side}`, 'searchsorted',
      () => np.searchsorted(np.array(a, { dtype: 'int64' }), np.array(v, { dtype: 'int64' }), { side }), exp[i]!));
  });
});

describe('np.digitize', () => {
  it('increasing and decreasing bins (ties, NaN, ±inf), right, every dtype pair: NumPy\'s bin indices', async () => {
    const cases = draw(fc.tuple(fc.constantFrom(...ALL_DTYPES), fc.constantFrom<DType>('int8', 'int64', 'uint64', 'float16', 'float32', 'float64'),
      fc.integer({ min: 0, max: 7 }), shapeArb(2))
      .chain(([dx, db, n, xs]) => fc.tuple(arraySpecArb(dx, xs, tieValues(dx)), arraySpecArb(db, [n], tieValues(db)),
        fc.constantFrom('inc', 'dec', 'raw'), fc.boolean())), 220, 12);
    const binsPy = (b: ArraySpec, order: string) => (order === 'inc' ? `np.sort(${pyArr(b, 'b')})` : order === 'dec' ? `np.sort(${pyArr(b, 'b')})[::-1]` : pyArr(b, 'b'));
    const exp = await Promise.all(cases.map(([x, b, order, right]) => oracle.eval(`np.digitize(${pyArr(x, 'x')}, ${binsPy(b, order)}, right=${right ? 'True' : 'False'})`,
      { x: rawOf(x), b: rawOf(b) })));
    cases.forEach(([x, b, order, right], i) => expectSameAsNumpy(`digitize ${x.dtype}${show(x.shape)} ${b.dtype}[${b.shape}] ${order} right=${right}`, 'digitize', () => {
      const bb = build(b);
      const bins = order === 'raw' ? bb : order === 'inc' ? np.sort(bb) : reversed(np.sort(bb));
      return np.digitize(build(x), bins, { right });
    }, exp[i]!, { exact: true }));
  });

  it('NumPy 2\'s monotonicity rule with NaN, non-monotonic bins and bad shapes', async () => {
    const bins: (number[] | number[][] | number)[] = [[NaN, NaN], [1, NaN], [NaN, 1], [1, NaN, 2], [NaN, 1, 2], [1, 2, 1], [3, 2, 2, 1], [], [5], 5, [[1, 2]]];
    const exp = await Promise.all(bins.map((b) => oracle.eval('np.digitize(np.array([0.5, 1, 2, 7]), np.array(b, dtype=float))', { b: b as never })));
    bins.forEach((b, i) => expectSameAsNumpy(`digitize bins=${show(b)}`, 'digitize',
      () => np.digitize(np.array([0.5, 1, 2, 7], { dtype: 'float64' }), np.array(b as number[], { dtype: 'float64' })), exp[i]!, { exact: true }));
  });
});

/** a[::-1] of a 1-D array (a view). */
function reversed(a: NDArray): NDArray {
  const n = a.shape[0]!;
  return a._view([n], [-a._strides[0]!], a._offset + (n - 1) * a._strides[0]!);
}

/** Mostly zeros (0, -0.0, false) with NaN and other values mixed in. */
function sparse(d: DType): fc.Arbitrary<number | bigint> {
  const zero = d === 'float16' || d === 'bfloat16' ? fc.constantFrom(0, 0x8000) : d === 'float32' || d === 'float64' ? fc.constantFrom(0, -0) : fc.constant(d.endsWith('64') ? 0n : 0);
  return fc.oneof({ arbitrary: zero, weight: 3 }, { arbitrary: storageValue(d), weight: 2 });
}

describe('np.nonzero, flatnonzero, argwhere, extract', () => {
  it('every dtype, shape (0-d, empty), layout: NumPy\'s indices (NaN nonzero, -0.0 zero)', async () => {
    const cases = draw(fc.constantFrom(...ALL_DTYPES).chain((d) => shapeArb(4).chain((s) => arraySpecArb(d, s, sparse(d)))), 200, 13);
    const exp = await Promise.all(cases.flatMap((s) => [
      oracle.eval(`np.nonzero(${pyArr(s, 'a')})`, { a: rawOf(s) }),
      oracle.eval(`np.flatnonzero(${pyArr(s, 'a')})`, { a: rawOf(s) }),
      oracle.eval(`np.argwhere(${pyArr(s, 'a')})`, { a: rawOf(s) }),
    ]));
    cases.forEach((s, i) => {
      const label = `${s.dtype} ${show(s.shape)} ${show(s.steps)}`;
      expectSameAsNumpy(`nonzero ${label}`, 'nonzero', () => np.nonzero(build(s)), exp[3 * i]!, { exact: true });
      expectSameAsNumpy(`flatnonzero ${label}`, 'flatnonzero', () => np.flatnonzero(build(s)), exp[3 * i + 1]!);
      expectSameAsNumpy(`argwhere ${label}`, 'argwhere', () => np.argwhere(build(s)), exp[3 * i + 2]!);
    });
  });

  it('extract: condition and arr of any dtypes and sizes (IndexError past arr\'s end)', async () => {
    const cases = draw(fc.tuple(fc.constantFrom(...ALL_DTYPES), fc.constantFrom(...ALL_DTYPES), shapeArb(3), shapeArb(3))
      .chain(([dc, da, sc, sa]) => fc.tuple(arraySpecArb(dc, sc, sparse(dc)), arraySpecArb(da, sa))), 200, 14);
    const exp = await Promise.all(cases.map(([c, a]) => oracle.eval(`np.extract(${pyArr(c, 'c')}, ${pyView('a', a)})`, { c: rawOf(c), a: rawOf(a) })));
    cases.forEach(([c, a], i) => expectSameAsNumpy(`extract ${c.dtype}${show(c.shape)} ${a.dtype}${show(a.shape)}`, 'extract',
      () => np.extract(build(c), build(a)), exp[i]!, { exact: true }));
  });

  it('extract: complex arr (the elements move whole: 8 and 16 bytes)', async () => {
    const cases = draw(fc.tuple(fc.constantFrom(...ALL_DTYPES), fc.constantFrom(...COMPLEX_DTYPES), shapeArb(3), shapeArb(3))
      .chain(([dc, da, sc, sa]) => fc.tuple(arraySpecArb(dc, sc, sparse(dc)), arraySpecArb(da, sa))), 60, 15);
    const exp = await Promise.all(cases.map(([c, a]) => oracle.eval(`np.extract(${pyArr(c, 'c')}, ${pyView('a', a)})`, { c: rawOf(c), a: rawOf(a) })));
    cases.forEach(([c, a], i) => expectSameAsNumpy(`extract ${c.dtype}${show(c.shape)} ${a.dtype}${show(a.shape)}`, 'extract',
      () => np.extract(build(c), build(a)), exp[i]!, { exact: true }));
  });

  it('np.where(condition) is nonzero(condition); one of x/y alone raises', async () => {
    const a = np.array([[0, 1, 0], [2, 0, NaN]], { dtype: 'float64' });
    try {
      const [e, e2] = await Promise.all([oracle.eval('np.where(a)', { a: toRaw(a) }), oracle.eval('np.where(a, 1)', { a: toRaw(a) })]);
      expectSameAsNumpy('where(a)', 'where', () => np.where(a), e);
      expect(isOracleError(e2)).toBe(true);
      expect(() => (np.where as unknown as (c: NDArray, x: number) => NDArray)(a, 1)).toThrow(/where: either both or neither of x and y should be given/);
    } finally {
      a.dispose();
    }
  });

  it('JS lists are accepted as array_like', async () => {
    const e = await oracle.eval('np.nonzero([[1, 0], [0, 2]])');
    expectSameAsNumpy('nonzero(list)', 'nonzero', () => np.nonzero([[1, 0], [0, 2]]), e);
  });
});

describe('large inputs on 2 threads', () => {
  it('searchsorted of 200k values, nonzero/flatnonzero/argwhere/extract of 300k elements agree with NumPy', async () => {
    npx.set_num_threads(2);
    try {
      const vals = fc.sample(fc.integer({ min: -500, max: 500 }), { seed: 9, numRuns: 300_000 });
      const x0 = np.array(vals.map((v) => (Math.abs(v) < 300 ? 0 : v / 4)), { dtype: 'float32' });
      const x = x0.reshape(300, 1000);
      const xt = x.T;
      const a0 = np.array(vals.slice(0, 1000), { dtype: 'int64' });
      const a = np.sort(a0);
      const v = np.array(vals.slice(0, 200_000), { dtype: 'int64' });
      const exp = await Promise.all([
        oracle.eval("np.searchsorted(a, v, side='right')", { a: toRaw(a), v: toRaw(v) }),
        oracle.eval('np.nonzero(x.T)', { x: toRaw(x) }),
        oracle.eval('np.flatnonzero(x.T)', { x: toRaw(x) }),
        oracle.eval('np.argwhere(x)', { x: toRaw(x) }),
        oracle.eval('np.extract(x.T, x)', { x: toRaw(x) }),
      ]);
      expectSameAsNumpy('searchsorted', 'searchsorted', () => np.searchsorted(a, v, { side: 'right' }), exp[0]!);
      expectSameAsNumpy('nonzero', 'nonzero', () => np.nonzero(xt), exp[1]!);
      expectSameAsNumpy('flatnonzero', 'flatnonzero', () => np.flatnonzero(xt), exp[2]!);
      expectSameAsNumpy('argwhere', 'argwhere', () => np.argwhere(x), exp[3]!);
      expectSameAsNumpy('extract', 'extract', () => np.extract(xt, x), exp[4]!);
      for (const t of [x0, x, xt, a0, a, v]) t.dispose();
    } finally {
      npx.set_num_threads(1);
    }
  });
});
