// np.sort, argsort, partition, argpartition, lexsort and the in-place ndarray methods against NumPy:
// every dtype (bfloat16 through float32, which holds it exactly and orders it the same), shapes up
// to 3-d with 0-d and empty ones, non-contiguous views, every axis, edge values (NaN, ±inf, -0.0,
// integer extremes, many ties), and the errors NumPy raises. quark's sorts are always stable, so
// results are compared with NumPy's kind='stable' exactly (signed zeros and tie order included).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DType } from '../src/core/dtype.js';
import { numberToF16Bits } from '../src/core/half.js';
import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { expectMatches, expectSameAsNumpy, toRaw } from './helpers/arrays.js';
// complex dtypes: not supported by these ops yet (they raise; tests/complex_ufunc.test.ts)
import { REAL_DTYPES as ALL_DTYPES, type ArraySpec, arraySpecArb, build, draw, pyArr, pyView, rawOf, shapeArb, show, storageValue } from './helpers/gen.js';
import { NumpyOracle, type OracleValue, isOracleError } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => {
  npx.set_np();
  npx.set_num_threads(1);
});

const back = (s: ArraySpec, e: string): string => (s.dtype === 'bfloat16' ? `(${e}).astype(bfloat16)` : e);
const pyAxis = (axis: number | null): string => (axis === null ? 'None' : String(axis));

/** Values with many ties: small integers / quarters mixed with the dtype's edge cases. */
function tieValues(d: DType): fc.Arbitrary<number | bigint> {
  return fc.oneof({ arbitrary: storageValue(d), weight: 1 }, { arbitrary: storageValue(d).filter((v) => Math.abs(Number(v)) < 3 || d.startsWith('float') || d === 'bfloat16'), weight: 1 });
}

const axisArb = (nd: number): fc.Arbitrary<number | null> =>
  fc.oneof({ arbitrary: fc.integer({ min: -nd - 1, max: Math.max(nd, 0) }), weight: 5 }, { arbitrary: fc.constant(null), weight: 1 });

const caseArb = (maxNd = 3) => fc.constantFrom(...ALL_DTYPES).chain((d) => shapeArb(maxNd).chain((s) =>
  fc.tuple(arraySpecArb(d, s, tieValues(d)), axisArb(s.length))));

describe('np.sort', () => {
  it('every dtype, shape, layout and axis: NumPy\'s stable order exactly (NaN last, -0.0 == 0.0 keeps order)', async () => {
    const cases = draw(fc.tuple(caseArb(), fc.constantFrom<'stable' | 'quicksort' | undefined>('stable', 'quicksort', undefined)), 260, 1);
    const exp = await Promise.all(cases.map(([[s, axis]]) =>
      oracle.eval(back(s, `np.sort(${pyArr(s)}, axis=${pyAxis(axis)}, kind='stable')`), { a: rawOf(s) })));
    cases.forEach(([[s, axis], kind], i) =>
      expectSameAsNumpy(`sort ${s.dtype} ${show(s.shape)} axis=${axis} ${show(s.steps)}`, 'sort', () => np.sort(build(s), { axis, kind }), exp[i]!, { exact: true }));
  });

  it('kind and stable: NumPy\'s rules and messages', async () => {
    const cases: [unknown, unknown][] = [['q', undefined], ['qux', undefined], ['H', undefined], ['m', undefined], ['stable', undefined], ['', undefined],
      ['foo', undefined], ['quicksort', true], ['stable', false], [undefined, true], [null, false], [undefined, null]];
    const exp = await Promise.all(cases.map(([kind, stable]) =>
      oracle.eval('np.sort(np.array([3., 1, 2]), kind=k, stable=s)', { k: (kind ?? null) as string | null, s: (stable ?? null) as boolean | null })));
    cases.forEach(([kind, stable], i) => {
      const o = { kind, stable } as never;
      expectSameAsNumpy(`kind=${show(kind)} stable=${show(stable)}`, 'sort', () => np.sort(np.array([3, 1, 2], { dtype: 'float64' }), o), exp[i]!, { exact: true });
      expectSameAsNumpy(`argsort kind=${show(kind)} stable=${show(stable)}`, 'argsort', () => np.argsort(np.array([3, 1, 2], { dtype: 'float64' }), o),
        isOracleError(exp[i]) ? exp[i]! : { dtype: 'int64', shape: [3], data: BigInt64Array.from([1n, 2n, 0n]), fortranOrder: false, isScalar: false }, { exact: true });
    });
  });

  it('integer extremes and 64-bit values beyond 2^53 sort by value', async () => {
    const vals: Record<string, (number | bigint)[]> = {
      int64: [2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n, 2n ** 53n, -1n, 0n, 2n ** 62n],
      uint64: [2n ** 64n - 1n, 0n, 2n ** 63n, 2n ** 63n - 1n, 2n ** 53n + 1n, 1n],
      int8: [127, -128, 0, -1, 1], uint32: [2 ** 32 - 1, 0, 2 ** 31, 1],
    };
    for (const [d, v] of Object.entries(vals)) {
      const a = np.array(v as number[], { dtype: d as DType });
      const [e1, e2] = await Promise.all([oracle.eval('np.sort(a)', { a: toRaw(a) }), oracle.eval("np.argsort(a, kind='stable')", { a: toRaw(a) })]);
      np.scope(() => {
        expectMatches(np.sort(a), e1!, {}, `sort ${d}`);
        expectMatches(np.argsort(a), e2!, {}, `argsort ${d}`);
      });
      a.dispose();
    }
  });
});

describe('np.argsort', () => {
  it('every dtype, shape, layout and axis: the stable permutation NumPy gives', async () => {
    const cases = draw(caseArb(), 260, 2);
    const exp = await Promise.all(cases.map(([s, axis]) =>
      oracle.eval(`np.argsort(${pyArr(s)}, axis=${pyAxis(axis)}, kind='stable')`, { a: rawOf(s) })));
    cases.forEach(([s, axis], i) =>
      expectSameAsNumpy(`argsort ${s.dtype} ${show(s.shape)} axis=${axis}`, 'argsort', () => np.argsort(build(s), { axis }), exp[i]!, { exact: true }));
  });

  it('default kind: the indices gather NumPy\'s sorted values (the permutation is checked by NumPy)', async () => {
    const cases = draw(caseArb(2).filter(([s, axis]) => s.shape.length > 0 && (axis === null || (axis >= -s.shape.length && axis < s.shape.length))), 60, 3);
    const ours = cases.map(([s, axis]) => np.scope(() => toRaw(np.argsort(build(s), { axis }))));
    const code = `
x = ${'X'}
ax = axis
if ax is None:
    x = x.ravel(); ax = 0
ax = ax % x.ndim
ok = bool(np.array_equal(np.sort(idx, axis=ax), np.broadcast_to(np.arange(x.shape[ax]).reshape([-1 if d == ax else 1 for d in range(x.ndim)]), x.shape)))
g = np.take_along_axis(x, idx, axis=ax)
result = ok and bool(np.array_equal(g, np.sort(x, axis=ax), equal_nan=(x.dtype.kind == 'f')))`;
    const exp = await Promise.all(cases.map(([s, axis], i) =>
      oracle.eval(code.replace('X', pyArr(s)), { a: rawOf(s), idx: ours[i]!, axis })));
    exp.forEach((e, i) => expect(e, `argsort ${show(cases[i]![0].shape)} ${cases[i]![0].dtype}`).toBe(true));
  });
});

describe('np.partition and np.argpartition', () => {
  // NumPy leaves everything but the kth positions unspecified: NumPy checks the partition property.
  const check = `
x = X
ax = axis
if ax is None:
    x = x.ravel(); ax = 0
ax = ax % x.ndim
p = np.take_along_axis(x, res, axis=ax) if arg else res
s = np.sort(x, axis=ax)
isf = x.dtype.kind == 'f'
ok = bool(np.array_equal(np.sort(p, axis=ax), s, equal_nan=isf))
if arg:
    ok = ok and bool(np.array_equal(np.sort(res, axis=ax), np.broadcast_to(np.arange(x.shape[ax]).reshape([-1 if d == ax else 1 for d in range(x.ndim)]), x.shape)))
n = x.shape[ax]
for k in kth:
    k = k % n
    pk = np.take(p, [k], axis=ax)
    ok = ok and bool(np.array_equal(pk, np.take(s, [k], axis=ax), equal_nan=isf))
    left = np.take(p, range(0, k), axis=ax); right = np.take(p, range(k + 1, n), axis=ax)
    with np.errstate(invalid='ignore'):
        if isf:
            pn = np.isnan(pk)
            ok = ok and bool(np.all(pn | ((left <= pk) & ~np.isnan(left))))
            ok = ok and bool(np.all(pn | (right >= pk) | np.isnan(right)) and np.all(~pn | np.isnan(right)))
        else:
            ok = ok and bool(np.all(left <= pk)) and bool(np.all(right >= pk))
result = ok`;

  it('every dtype, layout, axis and kth (int or list, negative): NumPy\'s partition property', async () => {
    const cases = draw(caseArb(3).filter(([s, axis]) => (axis === null ? s.shape.reduce((a, b) => a * b, 1) : s.shape[axis < 0 ? axis + s.shape.length : axis] ?? 0) > 0 && (axis === null || (axis >= -s.shape.length && axis < s.shape.length)))
      .chain(([s, axis]) => {
        const n = axis === null ? s.shape.reduce((a, b) => a * b, 1) : s.shape[axis < 0 ? axis + s.shape.length : axis]!;
        const k = fc.integer({ min: -n, max: n - 1 });
        return fc.tuple(fc.constant(s), fc.constant(axis), fc.oneof(k, fc.array(k, { minLength: 1, maxLength: 4 })), fc.boolean());
      }), 220, 4);
    const ours = cases.map(([s, axis, kth, arg]) => np.scope(() => toRaw(arg ? np.argpartition(build(s), kth, { axis }) : np.partition(build(s), kth, { axis }))));
    const exp = await Promise.all(cases.map(([s, axis, kth, arg], i) => oracle.eval(check.replace('X', pyArr(s)),
      { a: rawOf(s), res: s.dtype === 'bfloat16' && !arg ? { ...ours[i]!, dtype: 'float32', data: Float32Array.from(fromRawF32(ours[i]!)) } : ours[i]!, axis, kth: Array.isArray(kth) ? kth : [kth], arg })));
    exp.forEach((e, i) => expect(e, `${cases[i]![3] ? 'argpartition' : 'partition'} ${cases[i]![0].dtype} ${show(cases[i]![0].shape)} axis=${cases[i]![1]} kth=${show(cases[i]![2])}`).toBe(true));
  });

  it('errors as NumPy: kth out of bounds, bool or float kth, 0-d arrays, bad kind', async () => {
    const cases: [string, string, () => NDArray][] = [
      ['partition', 'np.partition(np.arange(3.), 3)', () => np.partition(np.arange(3, { dtype: 'float64' }), 3)],
      ['partition', 'np.partition(np.arange(3.), -4)', () => np.partition(np.arange(3, { dtype: 'float64' }), -4)],
      ['argpartition', 'np.argpartition(np.arange(3.), [0, 5])', () => np.argpartition(np.arange(3, { dtype: 'float64' }), [0, 5])],
      ['partition', 'np.partition(np.arange(3.), 1.5)', () => np.partition(np.arange(3, { dtype: 'float64' }), 1.5)],
      ['partition', 'np.partition(np.arange(3.), True)', () => np.partition(np.arange(3, { dtype: 'float64' }), true as never)],
      ['partition', 'np.partition(np.arange(3.), [])', () => np.partition(np.arange(3, { dtype: 'float64' }), [])],
      ['partition', 'np.partition(np.arange(3.), np.array([1.]))', () => np.partition(np.arange(3, { dtype: 'float64' }), np.array([1], { dtype: 'float64' }))],
      ['partition', 'np.partition(np.arange(3.), np.array([[1]]))', () => np.partition(np.arange(3, { dtype: 'float64' }), np.array([[1]]))],
      ['partition', 'np.partition(np.array(5.), 0)', () => np.partition(np.array(5, { dtype: 'float64' }), 0)],
      ['partition', 'np.partition(np.arange(3.), 1, kind="foo")', () => np.partition(np.arange(3, { dtype: 'float64' }), 1, { kind: 'foo' as never })],
      ['partition', 'np.partition(np.arange(6.).reshape(2, 3), 5, axis=0)', () => np.partition(np.arange(6, { dtype: 'float64' }).reshape(2, 3), 5, { axis: 0 })],
      ['partition', 'np.partition(np.zeros((0, 3)), 5, axis=0)', () => np.partition(np.zeros([0, 3], { dtype: 'float64' }), 5, { axis: 0 })],
      ['partition', 'np.partition(np.zeros(0), 1.5)', () => np.partition(np.zeros([0], { dtype: 'float64' }), 1.5)],
      ['argpartition', 'np.argpartition(np.array(5.), 0)', () => np.argpartition(np.array(5, { dtype: 'float64' }), 0)],
      ['partition', 'np.partition(np.arange(3.), np.array([1], dtype=np.uint8))', () => np.partition(np.arange(3, { dtype: 'float64' }), np.array([1], { dtype: 'uint8' }))],
    ];
    const exp = await Promise.all(cases.map(([, py]) => oracle.eval(py)));
    cases.forEach(([who, py, run], i) => expectSameAsNumpy(py, who, run, exp[i]!, { exact: true }));
  });
});

/** bfloat16 storage bits → float32 values (the oracle gets partition results of bf16 as float32). */
function fromRawF32(r: { data: unknown }): number[] {
  const u = r.data as Uint16Array;
  const f = new Float32Array(new Uint32Array(Array.from(u, (b) => b << 16)).buffer);
  return Array.from(f);
}

describe('np.lexsort', () => {
  it('1 to 4 keys of mixed dtypes with ties, every axis: NumPy\'s indices', async () => {
    const keyDT = fc.constantFrom<DType>('bool', 'int8', 'uint8', 'int32', 'int64', 'uint64', 'float16', 'float32', 'float64');
    const small = (d: DType): fc.Arbitrary<number | bigint> => fc.integer({ min: d.startsWith('u') || d === 'bool' ? 0 : -1, max: d === 'bool' ? 1 : 2 })
      .map((v) => (d === 'float16' ? numberToF16Bits(v) : d.endsWith('64') && !d.startsWith('float') ? BigInt(v) : v));
    const cases = draw(shapeArb(3, 1).chain((s) => fc.tuple(
      fc.array(keyDT.chain((d) => arraySpecArb(d, s, fc.oneof(small(d), storageValue(d)))), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: -s.length, max: s.length - 1 }))), 120, 5);
    const exp = await Promise.all(cases.map(([ks, axis]) => {
      const args: Record<string, never> = {};
      ks.forEach((k, j) => { args[`k${j}`] = rawOf(k) as never; });
      return oracle.eval(`np.lexsort([${ks.map((k, j) => pyView(`k${j}`, k)).join(', ')}], axis=${axis})`, args);
    }));
    cases.forEach(([ks, axis], i) =>
      expectSameAsNumpy(`lexsort ${ks.map((k) => k.dtype).join(',')} ${show(ks[0]!.shape)} axis=${axis}`, 'lexsort', () => np.lexsort(ks.map(build), { axis }), exp[i]!, { exact: true }));
  });

  it('a 2-D array of keys, 0-d keys, and the errors NumPy raises', async () => {
    const cases: [string, () => NDArray][] = [
      ['np.lexsort(np.array([[1, 0, 1], [2, 2, 1]]))', () => np.lexsort(np.array([[1, 0, 1], [2, 2, 1]]))],
      ['np.lexsort(np.array([5, 1]))', () => np.lexsort(np.array([5, 1]))],
      ['np.lexsort([np.array(1), np.array(2)])', () => np.lexsort([np.array(1), np.array(2)])],
      ['np.lexsort([])', () => np.lexsort([])],
      ['np.lexsort(np.array(5))', () => np.lexsort(np.array(5))],
      ['np.lexsort(np.zeros((0, 3)))', () => np.lexsort(np.zeros([0, 3]))],
      ['np.lexsort(np.zeros((2, 0)))', () => np.lexsort(np.zeros([2, 0]))],
      ['np.lexsort([np.array([1, 2]), np.array([1, 2, 3])])', () => np.lexsort([np.array([1, 2]), np.array([1, 2, 3])])],
      ['np.lexsort([np.array([[1, 2], [3, 4]])], axis=2)', () => np.lexsort([np.array([[1, 2], [3, 4]])], { axis: 2 })],
    ];
    const exp = await Promise.all(cases.map(([py]) => oracle.eval(py)));
    cases.forEach(([py, run], i) => expectSameAsNumpy(py, 'lexsort', run, exp[i]!, { exact: true }));
  });
});

describe('ndarray methods', () => {
  it('a.sort() and a.partition() work in place on views (the base changes as NumPy\'s does); argsort, argpartition, nonzero, searchsorted', async () => {
    const cases = draw(fc.constantFrom<DType>('int16', 'float32', 'float64', 'uint64').chain((d) => shapeArb(3, 1).chain((s) =>
      fc.tuple(arraySpecArb(d, s, tieValues(d)), fc.integer({ min: -s.length, max: s.length - 1 }), fc.boolean()))), 60, 6);
    const exp = await Promise.all(cases.map(([s, axis, part]) => oracle.eval(
      `b = a.copy()\nv = ${pyView('b', s)}\nif part:\n    v.partition(0, axis=${axis})\nelse:\n    v.sort(axis=${axis})\nresult = [b, np.sort(v, axis=${axis})]`, { a: rawOf(s), part })));
    cases.forEach(([s, axis, part], i) => np.scope(() => {
      const base = np.NDArray._fromStorageData(s.data, s.base, s.dtype);
      let v = base;
      for (const st of s.steps) v = st.t === 'T' ? v.transpose(st.axes) : v.reshape(st.shape);
      const copied = v !== base && v.base !== base; // a reshape that had to copy: NumPy's v is a copy too
      if (part) expect(v.partition(0, { axis })).toBeUndefined();
      else expect(v.sort({ axis })).toBeUndefined();
      const [eb, ev] = exp[i] as OracleValue[];
      if (!part) expectMatches(v, ev!, {}, `sorted view ${show(s.shape)}`);
      if (!part && !copied) expectMatches(base, eb!, {}, `base after in-place sort ${show(s.steps)}`);
      if (part) expectMatches(np.sort(v, { axis }), ev!, {}, 'partitioned view holds the same values');
    }));
    np.scope(() => {
      const a = np.array([3, 1, 2, 1]);
      expect(a.argsort().tolist()).toEqual([1n, 3n, 2n, 0n]);
      expect((a.argpartition(0).tolist() as bigint[])[0]).toBeOneOf([1n, 3n]);
      expect(np.array([[0, 1], [2, 0]]).nonzero().map((x) => x.tolist())).toEqual([[0n, 1n], [1n, 0n]]);
      expect(np.array([1, 2, 3]).searchsorted(2, { side: 'right' }).tolist()).toEqual(2n);
    });
    expect(() => np.scope(() => np.array([1]).sort({ axis: null }))).toThrow(TypeError);
  });
});

describe('large inputs on 2 threads', () => {
  it('sort, argsort, partition and lexsort of ~200k elements agree with NumPy', async () => {
    npx.set_num_threads(2);
    try {
      const rnd = fc.sample(fc.integer({ min: -1000, max: 1000 }), { seed: 7, numRuns: 200_000 });
      const a0 = np.array(rnd, { dtype: 'int32' });
      const a = a0.reshape(400, 500);
      const f = np.array(rnd.map((v) => (v % 97 === 0 ? NaN : v / 8)), { dtype: 'float64' });
      const [e1, e2, e3, e4, e5] = await Promise.all([
        oracle.eval("np.sort(a, axis=0, kind='stable')", { a: toRaw(a) }),
        oracle.eval("np.argsort(a, axis=1, kind='stable')", { a: toRaw(a) }),
        oracle.eval('np.sort(f)', { f: toRaw(f) }),
        oracle.eval("np.argsort(f, kind='stable')", { f: toRaw(f) }),
        oracle.eval('np.lexsort([a, a % 7], axis=0)', { a: toRaw(a) }),
      ]);
      np.scope(() => {
        expectMatches(np.sort(a, { axis: 0 }), e1!, {}, 'sort axis 0');
        expectMatches(np.argsort(a, { axis: 1 }), e2!, {}, 'argsort axis 1');
        expectMatches(np.sort(f), e3!, {}, 'sort float64 1-D');
        expectMatches(np.argsort(f), e4!, {}, 'argsort float64 1-D');
        const p = np.partition(f, [1000, 150_000]);
        const pv = p.dataSync(), sv = (e3 as { data: Float64Array }).data;
        expect([pv[1000], pv[150_000]]).toEqual([sv[1000], sv[150_000]]);
        const key2 = np.array(rnd.map((v) => ((v % 7) + 7) % 7), { dtype: 'int32' }).reshape(400, 500);
        expectMatches(np.lexsort([a, key2], { axis: 0 }), e5!, {}, 'lexsort');
      });
      a.dispose();
      a0.dispose();
      f.dispose();
    } finally {
      npx.set_num_threads(1);
    }
  });
});
