// np.unique (return_index / return_inverse / return_counts / axis / equal_nan), the Array API
// unique_values / unique_counts / unique_inverse / unique_all, isin, intersect1d (return_indices),
// union1d, setdiff1d, setxor1d against NumPy: every dtype (bfloat16 through float32), mixed dtype
// pairs, 0-d / empty / non-contiguous inputs, NaN / -0.0 / integer extremes and many duplicates.
// Where NumPy's own order of equal values is unspecified (its hash or quicksort paths pick either
// of -0.0 and 0.0), signed zeros are not compared.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';

import type { DType } from '../src/core/dtype.js';
import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { expectSameAsNumpy, toRaw } from './helpers/arrays.js';
// complex dtypes: not supported by these ops yet (they raise; tests/complex_ufunc.test.ts)
import { REAL_DTYPES as ALL_DTYPES, type ArraySpec, NUMPY_REAL_DTYPES as NUMPY_DTYPES, arraySpecArb, build, draw, pyArr, pyView, rawOf, shapeArb, show, storageValue } from './helpers/gen.js';
import { NumpyOracle, isOracleError } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => {
  npx.set_np();
  npx.set_num_threads(1);
});

const bfBack = (s: ArraySpec, e: string): string => (s.dtype === 'bfloat16' ? `(${e}).astype(bfloat16)` : e);

/** Many duplicates: a handful of values per dtype mixed with its edge cases. */
function dupValues(d: DType): fc.Arbitrary<number | bigint> {
  return fc.oneof({ arbitrary: storageValue(d), weight: 1 },
    { arbitrary: storageValue(d).filter((v) => Math.abs(Number(v)) < 3 || d.includes('float')), weight: 2 });
}
const specArb = (dtypes: readonly DType[], maxNd = 3) => fc.constantFrom(...dtypes).chain((d) => shapeArb(maxNd).chain((s) => arraySpecArb(d, s, dupValues(d))));

describe('np.unique', () => {
  it('every dtype, layout, flags, axis and equal_nan: NumPy\'s values, index, inverse (NumPy 2 shapes) and counts', async () => {
    const cases = draw(specArb(ALL_DTYPES).chain((s) => fc.tuple(fc.constant(s),
      fc.record({ return_index: fc.boolean(), return_inverse: fc.boolean(), return_counts: fc.boolean(), equal_nan: fc.boolean() }),
      fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: fc.integer({ min: -s.shape.length - 1, max: s.shape.length }), weight: 2 }))), 300, 21);
    // quark's unique is stable, so its inverse among equal-valued groups (NaNs with equal_nan=False)
    // is NumPy's stable one: ask NumPy for return_index too whenever the inverse is compared.
    const exp = await Promise.all(cases.map(([s, f, axis]) => {
      const idx = f.return_index || f.return_inverse;
      const call = `np.unique(${pyArr(s, 'a')}, return_index=${py(idx)}, return_inverse=${py(f.return_inverse)}, return_counts=${py(f.return_counts)}, axis=${axis ?? 'None'}, equal_nan=${py(f.equal_nan)})`;
      const any = idx || f.return_counts;
      const fix = `${s.dtype === 'bfloat16' ? 'r[0] = r[0].astype(bfloat16)\n' : ''}${idx && !f.return_index ? 'del r[1]\n' : ''}`;
      return oracle.eval(any ? `r = list(${call})\n${fix}result = r if len(r) > 1 else r[0]` : bfBack(s, call), { a: rawOf(s) });
    }));
    cases.forEach(([s, f, axis], i) => expectSameAsNumpy(`unique ${s.dtype} ${show(s.shape)} ${show(f)} axis=${axis}`, 'unique',
      () => np.unique(build(s), { ...f, axis }), exp[i]!, { match: [{ zeroSign: f.return_index || f.return_inverse }] }));
  });

  it('the Array API functions: unique_values (sorted), unique_counts, unique_inverse, unique_all (NaNs kept apart)', async () => {
    const cases = draw(specArb(NUMPY_DTYPES), 120, 22);
    const exp = await Promise.all(cases.flatMap((s) => [
      oracle.eval(`np.sort(np.unique_values(${pyView('a', s)}))`, { a: rawOf(s) }),
      oracle.eval(`list(np.unique_counts(${pyView('a', s)}))`, { a: rawOf(s) }),
      oracle.eval(`r = np.unique(${pyView('a', s)}, return_index=True, return_inverse=True, equal_nan=False)\nresult = [r[0], r[2]]`, { a: rawOf(s) }),
      oracle.eval(`list(np.unique_all(${pyView('a', s)}))`, { a: rawOf(s) }),
    ]));
    cases.forEach((s, i) => {
      const l = `${s.dtype} ${show(s.shape)}`;
      expectSameAsNumpy(`unique_values ${l}`, 'unique_values', () => np.unique_values(build(s)), exp[4 * i]!, { match: { zeroSign: false } });
      expectSameAsNumpy(`unique_counts ${l}`, 'unique_counts', () => { const r = np.unique_counts(build(s)); return [r.values, r.counts]; }, exp[4 * i + 1]!, { match: [{ zeroSign: false }] });
      expectSameAsNumpy(`unique_inverse ${l}`, 'unique_inverse', () => { const r = np.unique_inverse(build(s)); return [r.values, r.inverse_indices]; }, exp[4 * i + 2]!);
      expectSameAsNumpy(`unique_all ${l}`, 'unique_all', () => { const r = np.unique_all(build(s)); return [r.values, r.indices, r.inverse_indices, r.counts]; }, exp[4 * i + 3]!);
    });
  });

  it('integer extremes and 64-bit values beyond 2^53; JS lists', async () => {
    const vals = [2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 63n), 0n];
    const a = np.array(vals as unknown as number[], { dtype: 'int64' });
    const u = np.array([2n ** 64n - 1n, 2n ** 63n, 2n ** 64n - 1n, 1n] as unknown as number[], { dtype: 'uint64' });
    const exp = await Promise.all([
      oracle.eval('list(np.unique(a, return_index=True, return_inverse=True, return_counts=True))', { a: toRaw(a) }),
      oracle.eval('list(np.unique(a, return_counts=True))', { a: toRaw(u) }),
      oracle.eval('np.unique([3, 1, 2, 1])'),
    ]);
    expectSameAsNumpy('int64 extremes', 'unique', () => np.unique(a, { return_index: true, return_inverse: true, return_counts: true }), exp[0]!);
    expectSameAsNumpy('uint64 extremes', 'unique', () => np.unique(u, { return_counts: true }), exp[1]!);
    expectSameAsNumpy('list', 'unique', () => np.unique([3, 1, 2, 1]), exp[2]!);
    a.dispose();
    u.dispose();
  });
});

const py = (b: boolean): string => (b ? 'True' : 'False');

/** Pairs of dtypes for the two-array routines: bfloat16 only with itself (NumPy sees float32). */
const pairArb = (maxNd: number) => fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom(...NUMPY_DTYPES), fc.constantFrom(...NUMPY_DTYPES)), weight: 9 },
  { arbitrary: fc.constant<[DType, DType]>(['bfloat16', 'bfloat16']), weight: 1 },
).chain(([d1, d2]) => fc.tuple(shapeArb(maxNd), shapeArb(maxNd)).chain(([s1, s2]) =>
  fc.tuple(arraySpecArb(d1, s1, dupValues(d1)), arraySpecArb(d2, s2, dupValues(d2)))));

describe('np.isin', () => {
  it('every dtype pair and shape, invert, assume_unique on unique inputs: NumPy\'s mask', async () => {
    const cases = draw(fc.tuple(pairArb(3), fc.boolean(), fc.boolean(), fc.constantFrom<'sort' | 'table' | null>(null, null, 'sort', 'table')), 260, 23);
    const exp = await Promise.all(cases.map(([[e, t], invert, au, kind]) => oracle.eval(au
      ? `np.isin(np.unique(${pyArr(e, 'e')}), np.unique(${pyArr(t, 't')}), assume_unique=True, invert=${py(invert)}, kind=${kind ? `'${kind}'` : 'None'})`
      : `np.isin(${pyArr(e, 'e')}, ${pyArr(t, 't')}, invert=${py(invert)}, kind=${kind ? `'${kind}'` : 'None'})`, { e: rawOf(e), t: rawOf(t) })));
    cases.forEach(([[e, t], invert, au, kind], i) => isOracleError(exp[i]) && exp[i].error === 'MemoryError' ? undefined : expectSameAsNumpy(`isin ${e.dtype}${show(e.shape)} ${t.dtype}${show(t.shape)} invert=${invert} au=${au} kind=${kind}`, 'isin',
      () => (au ? np.isin(np.unique(build(e)), np.unique(build(t)), { assume_unique: true, invert, kind })
        : np.isin(build(e), build(t), { invert, kind })), exp[i]!, { exact: true }));
  });

  it('mixed int64 / uint64 values compare exactly (as NumPy\'s == does); bad kind', async () => {
    const e = np.array([2n ** 63n - 1n, -1n, 5n, 2n ** 53n + 1n] as unknown as number[], { dtype: 'int64' });
    const t = np.array([2n ** 63n - 1n, 2n ** 64n - 1n, 5n, 2n ** 53n] as unknown as number[], { dtype: 'uint64' });
    const exp = await Promise.all([
      oracle.eval('np.isin(e, t)', { e: toRaw(e), t: toRaw(t) }),
      oracle.eval('np.isin(t, e)', { e: toRaw(e), t: toRaw(t) }),
      oracle.eval("np.isin(e, t, kind='foo')", { e: toRaw(e), t: toRaw(t) }),
      oracle.eval("np.isin(np.array([1.5]), t, kind='table')", { t: toRaw(t) }),
    ]);
    expectSameAsNumpy('int64 in uint64', 'isin', () => np.isin(e, t), exp[0]!);
    expectSameAsNumpy('uint64 in int64', 'isin', () => np.isin(t, e), exp[1]!);
    expectSameAsNumpy('kind=foo', 'isin', () => np.isin(e, t, { kind: 'foo' as never }), exp[2]!, { exact: true });
    expectSameAsNumpy('table with floats', 'isin', () => np.isin(np.array([1.5]), t, { kind: 'table' }), exp[3]!, { exact: true });
    e.dispose();
    t.dispose();
  });
});

describe('np.intersect1d, union1d, setdiff1d, setxor1d', () => {
  it('every dtype pair and shape, assume_unique on unique inputs, return_indices: NumPy\'s results', async () => {
    type Fn = 'intersect1d' | 'intersect1d_idx' | 'union1d' | 'setdiff1d' | 'setxor1d';
    const cases = draw(fc.tuple(pairArb(2), fc.constantFrom<Fn>('intersect1d', 'intersect1d_idx', 'union1d', 'setdiff1d', 'setxor1d'), fc.boolean()), 400, 24);
    const exp = await Promise.all(cases.map(([[a, b], fn, au]) => {
      const [x, y] = au ? [`np.unique(${pyArr(a, 'a')})`, `np.unique(${pyArr(b, 'b')})`] : [pyArr(a, 'a'), pyArr(b, 'b')];
      const bf = a.dtype === 'bfloat16';
      let call: string;
      if (fn === 'intersect1d_idx') call = `r = list(np.intersect1d(${x}, ${y}, assume_unique=${py(au)}, return_indices=True))\n${bf ? 'r[0] = r[0].astype(bfloat16)\n' : ''}result = r`;
      else if (fn === 'union1d') call = `${bf ? '(' : ''}np.union1d(${x}, ${y})${bf ? ').astype(bfloat16)' : ''}`;
      else call = `${bf ? '(' : ''}np.${fn}(${x}, ${y}, assume_unique=${py(au)})${bf ? ').astype(bfloat16)' : ''}`;
      return oracle.eval(call, { a: rawOf(a), b: rawOf(b) });
    }));
    cases.forEach(([[a, b], fn, au], i) => expectSameAsNumpy(`${fn} ${a.dtype}${show(a.shape)} ${b.dtype}${show(b.shape)} au=${au}`, fn.replace('_idx', ''), () => {
      const [x, y] = au ? [np.unique(build(a)), np.unique(build(b))] : [build(a), build(b)];
      switch (fn) {
        case 'intersect1d': return np.intersect1d(x, y, { assume_unique: au });
        case 'intersect1d_idx': return np.intersect1d(x, y, { assume_unique: au, return_indices: true });
        case 'union1d': return np.union1d(x, y);
        case 'setdiff1d': return np.setdiff1d(x, y, { assume_unique: au });
        case 'setxor1d': return np.setxor1d(x, y, { assume_unique: au });
      }
    }, exp[i]!, { match: [{ zeroSign: fn === 'intersect1d_idx' }] }));
  });

  it('NaN never intersects; setxor1d keeps a NaN from each side; JS lists', async () => {
    const cases: [string, string, () => NDArray | NDArray[]][] = [
      ['np.intersect1d([np.nan, 1.5], [np.nan, 1.5])', 'intersect1d', () => np.intersect1d([NaN, 1.5], [NaN, 1.5])],
      ['np.setxor1d([np.nan, 2.5], [np.nan, 1.5])', 'setxor1d', () => np.setxor1d([NaN, 2.5], [NaN, 1.5])],
      ['np.union1d([np.nan, 0.5, np.nan], [np.nan, -0.5])', 'union1d', () => np.union1d([NaN, 0.5, NaN], [NaN, -0.5])],
      ['np.setdiff1d([np.nan, 1.5, 2.5], [np.nan, 2.5])', 'setdiff1d', () => np.setdiff1d([NaN, 1.5, 2.5], [NaN, 2.5])],
      ['list(np.intersect1d([1, 3, 4, 3], [3, 1, 2, 1], return_indices=True))', 'intersect1d', () => np.intersect1d([1, 3, 4, 3], [3, 1, 2, 1], { return_indices: true })],
      ['np.setxor1d([], [])', 'setxor1d', () => np.setxor1d([], [])],
    ];
    const exp = await Promise.all(cases.map(([c]) => oracle.eval(c)));
    cases.forEach(([c, who, run], i) => expectSameAsNumpy(c, who, run, exp[i]!));
  });
});

describe('large inputs on 2 threads', () => {
  it('unique (all outputs), isin and intersect1d of ~200k elements agree with NumPy', async () => {
    npx.set_num_threads(2);
    try {
      const vals = fc.sample(fc.integer({ min: -3000, max: 3000 }), { seed: 11, numRuns: 200_000 });
      const a = np.array(vals, { dtype: 'int32' });
      const f = np.array(vals.map((v) => (v % 101 === 0 ? NaN : v / 16)), { dtype: 'float64' });
      const t = np.array(vals.slice(0, 5000).map((v) => v * 3), { dtype: 'int64' });
      const exp = await Promise.all([
        oracle.eval('list(np.unique(a, return_index=True, return_inverse=True, return_counts=True))', { a: toRaw(a) }),
        oracle.eval('list(np.unique(f, return_counts=True))', { f: toRaw(f) }),
        oracle.eval('np.isin(a, t)', { a: toRaw(a), t: toRaw(t) }),
        oracle.eval('list(np.intersect1d(a, t, return_indices=True))', { a: toRaw(a), t: toRaw(t) }),
      ]);
      expectSameAsNumpy('unique int32', 'unique', () => np.unique(a, { return_index: true, return_inverse: true, return_counts: true }), exp[0]!);
      expectSameAsNumpy('unique float64', 'unique', () => np.unique(f, { return_counts: true }), exp[1]!);
      expectSameAsNumpy('isin', 'isin', () => np.isin(a, t), exp[2]!);
      expectSameAsNumpy('intersect1d', 'intersect1d', () => np.intersect1d(a, t, { return_indices: true }), exp[3]!);
      for (const x of [a, f, t]) x.dispose();
    } finally {
      npx.set_num_threads(1);
    }
  });
});
