// The index-family functions against NumPy: take (axis, modes, out), take_along_axis,
// put_along_axis, put, putmask, place, choose, compress, select, copyto, insert, delete, diagonal
// (a view: written through), trace, fill_diagonal, ravel_multi_index, unravel_index, indices, ix_,
// tril/triu/diag indices; property-based over dtypes and layouts, and NumPy's errors.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DType } from '../src/core/dtype.js';
import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { expectSameAsNumpy } from './helpers/arrays.js';
import { type ArraySpec, NUMPY_DTYPES, arraySpecArb, draw, pyView, rawOf, shapeArb, show, storageValue } from './helpers/gen.js';
import { NumpyOracle, isOracleError } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

function buildBoth(spec: ArraySpec): { base: NDArray; view: NDArray } {
  const base = np.NDArray._fromStorageData(spec.data.slice(), spec.base, spec.dtype);
  let a = base;
  for (const st of spec.steps) a = st.t === 'T' ? a.transpose(st.axes) : a.reshape(st.shape);
  return { base, view: a };
}

const specArb = (dtypes: readonly DType[], maxNd = 3, minNd = 0) =>
  fc.constantFrom(...dtypes).chain((d) => shapeArb(maxNd, minNd).chain((s) => arraySpecArb(d, s, storageValue(d))));

const MODES = ['raise', 'wrap', 'clip'] as const;

describe('take', () => {
  it('every dtype and layout, axis (or flattened), modes, index shapes: NumPy\'s result', async () => {
    const cases = draw(specArb(NUMPY_DTYPES, 3).chain((s) => fc.tuple(fc.constant(s),
      fc.oneof(fc.constant(null), fc.integer({ min: -s.shape.length, max: Math.max(0, s.shape.length - 1) })),
      fc.constantFrom(...MODES),
      fc.array(fc.integer({ min: -7, max: 7 }), { minLength: 0, maxLength: 6 }),
      fc.constantFrom<'1d' | '2d' | '0d'>('1d', '1d', '2d', '0d'),
    )).map(([s, axis, mode, v, k]) => {
      // NumPy's wrap/clip take from an empty axis can hang (an endless loop); keep those on 'raise'.
      const n = axis === null ? s.shape.reduce((p, q) => p * q, 1) : s.shape[(axis + s.shape.length) % Math.max(1, s.shape.length)] ?? 1;
      return [s, axis, n === 0 ? 'raise' : mode, v, k] as const;
    }), 300, 501);
    const idxOf = (v: number[], k: string): number | number[] | number[][] =>
      k === '0d' ? (v[0] ?? 0) : k === '2d' && v.length % 2 === 0 && v.length > 0 ? [v.slice(0, v.length / 2), v.slice(v.length / 2)] : v;
    const py = (x: number | number[] | number[][]): string => JSON.stringify(x);
    const exp = await Promise.all(cases.map(([s, axis, mode, v, k]) =>
      oracle.eval(`np.take(${pyView('a', s)}, np.array(${py(idxOf(v, k))}, dtype=np.intp), axis=${axis ?? 'None'}, mode='${mode}')`, { a: rawOf(s) })));
    cases.forEach(([s, axis, mode, v, k], i) => {
      const l = `${s.dtype} ${show(s.shape)} ${show(s.steps)} axis=${axis} ${mode} ${show(idxOf(v, k))}`;
      if (s.shape.length === 0 && axis !== null) return; // no axis to take along
      expectSameAsNumpy(l, 'take', () => np.take(buildBoth(s).view, np.array(idxOf(v, k), { dtype: i % 2 ? 'int32' : 'int64' }), { axis, mode }), exp[i]!);
    });
  });

  it('out=, JS index lists, method form, errors', async () => {
    const [e1, e2, e3, e4] = await oracle.evalMany([
      { expr: 'o = np.zeros((2, 2), np.int32); np.take(np.arange(12.).reshape(3, 4), [[0, 2], [1, 1]], out=o); result = o' },
      { expr: 'np.take(np.arange(5), [5])' },
      { expr: 'np.take(np.zeros(0), [0], mode="wrap")' },
      { expr: 'np.arange(12).reshape(3, 4).take([0, -1], axis=1)' },
    ]);
    expectSameAsNumpy('out', 'take', () => {
      const o = np.zeros([2, 2], { dtype: 'int32' });
      const r = np.take(np.arange(12, { dtype: 'float64' }).reshape([3, 4]), [[0, 2], [1, 1]], { out: o });
      expect(r).toBe(o);
      return o;
    }, e1!);
    expectSameAsNumpy('oob', 'take', () => np.take(np.arange(5), [5]), e2!, { exact: true });
    expectSameAsNumpy('empty wrap', 'take', () => np.take(np.zeros(0), [0], { mode: 'wrap' }), e3!, { exact: true });
    expectSameAsNumpy('method', 'take', () => np.arange(12, { dtype: 'int64' }).reshape([3, 4]).take([0, -1], { axis: 1 }), e4!);
    expect(() => np.scope(() => np.take(np.arange(3), np.array([1.5])))).toThrow(/^take: Cannot cast array data from dtype\('float64'\) to dtype\('int64'\)/);
    expect(() => np.scope(() => np.take(np.arange(3), [0], { axis: 1 }))).toThrow(/^take: axis 1 is out of bounds/);
  });
});

describe('take_along_axis / put_along_axis', () => {
  it('argsort-style indices along every axis, broadcasting index dims, axis=None', async () => {
    const cases = draw(specArb(NUMPY_DTYPES, 3, 1).chain((s) => fc.tuple(fc.constant(s),
      fc.integer({ min: -s.shape.length, max: s.shape.length - 1 }),
      fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 40, maxLength: 40 }), fc.boolean())), 150, 502);
    const indexShape = (s: ArraySpec, axis: number, r: number[]): number[] =>
      s.shape.map((n, d) => (d === (axis + s.shape.length) % s.shape.length ? r[d]! % 4 : r[d + 5]! % 3 === 0 ? 1 : n));
    const indexVals = (shape: number[], n: number, r: number[]): number[] =>
      Array.from({ length: shape.reduce((p, q) => p * q, 1) }, (_, j) => (n === 0 ? 0 : (r[j % 40]! % (2 * n)) - n));
    const exp = await Promise.all(cases.flatMap(([s, axis, r, put]) => {
      const shp = indexShape(s, axis, r);
      const n = s.shape[(axis + s.shape.length) % s.shape.length]!;
      const iv = `np.array(${JSON.stringify(indexVals(shp, n, r))}, dtype=np.intp).reshape(${JSON.stringify(shp)})`;
      return put
        ? [oracle.eval(`b = a.copy()\nnp.put_along_axis(${pyView('b', s)}, ${iv}, np.arange(${shp.reduce((p, q) => p * q, 1)}).reshape(${JSON.stringify(shp)}), axis=${axis})\nresult = b`, { a: rawOf(s) })]
        : [oracle.eval(`np.take_along_axis(${pyView('a', s)}, ${iv}, axis=${axis})`, { a: rawOf(s) })];
    }));
    cases.forEach(([s, axis, r, put], i) => {
      const shp = indexShape(s, axis, r);
      const n = s.shape[(axis + s.shape.length) % s.shape.length]!;
      const l = `${s.dtype} ${show(s.shape)} ${show(s.steps)} axis=${axis} idx ${show(shp)} ${put ? 'put' : 'take'}`;
      const idx = () => np.array(indexVals(shp, n, r), { dtype: 'int64' }).reshape(shp);
      if (put) {
        expectSameAsNumpy(l, 'put_along_axis', () => {
          const { base, view } = buildBoth(s);
          np.put_along_axis(view, idx(), np.arange(shp.reduce((p, q) => p * q, 1), { dtype: 'int64' }).reshape(shp), { axis });
          return base;
        }, exp[i]!);
      } else expectSameAsNumpy(l, 'take_along_axis', () => np.take_along_axis(buildBoth(s).view, idx(), { axis }), exp[i]!);
    });
  });

  it('axis=None and errors', async () => {
    const e = await oracle.evalMany([
      { expr: 'np.take_along_axis(np.arange(6).reshape(2, 3).T, np.array([5, 0, 2]), axis=None)' },
      { expr: 'b = np.arange(6).reshape(2, 3).T.copy(); np.put_along_axis(b, np.array([5, 0]), 9, axis=None); result = b' },
      { expr: 'np.take_along_axis(np.zeros((2, 3)), np.zeros((2, 3)), 1)' },
      { expr: 'np.take_along_axis(np.zeros((2, 3)), np.zeros(3, int), 1)' },
      { expr: 'np.take_along_axis(np.zeros((2, 3)), np.array([[3]]), 1)' },
    ]);
    expectSameAsNumpy('none', 'take_along_axis', () => np.take_along_axis(np.arange(6, { dtype: 'int64' }).reshape([2, 3]).T, [5, 0, 2], { axis: null }), e[0]!);
    expectSameAsNumpy('put none', 'put_along_axis', () => {
      const b = np.arange(6, { dtype: 'int64' }).reshape([2, 3]).T.copy();
      np.put_along_axis(b, [5, 0], 9, { axis: null });
      return b;
    }, e[1]!);
    expectSameAsNumpy('float idx', 'take_along_axis', () => np.take_along_axis(np.zeros([2, 3]), np.zeros([2, 3]), { axis: 1 }), e[2]!, { exact: true });
    expectSameAsNumpy('ndim', 'take_along_axis', () => np.take_along_axis(np.zeros([2, 3]), np.zeros(3, { dtype: 'int64' }), { axis: 1 }), e[3]!, { exact: true });
    expectSameAsNumpy('oob', 'take_along_axis', () => np.take_along_axis(np.zeros([2, 3]), [[3]], { axis: 1 }), e[4]!, { exact: true });
  });
});

/** Table rows: a NumPy program (its `result`) and ours (returns the array to compare). */
type Row = [label: string, who: string, py: string, ours: () => NDArray | NDArray[], exact?: boolean];

async function runRows(rows: readonly Row[]): Promise<void> {
  const exp = await Promise.all(rows.map(([, , py]) => oracle.eval(py)));
  rows.forEach(([l, who, , f, exact], i) => expectSameAsNumpy(l, who, f, exp[i]!, { exact: exact ?? isOracleError(exp[i]) }));
}

const ar = (n: number, shape?: number[]): NDArray => {
  const a = np.arange(n, { dtype: 'int64' });
  return shape ? a.reshape(shape) : a;
};

describe('put, putmask, place', () => {
  it('flat writes with cyclic values, modes, repeated indices, non-contiguous targets', () => runRows([
    ['put', 'put', 'a = np.arange(6); np.put(a, [0, 2, 2], [10, 20, 30]); result = a', () => { const a = ar(6); np.put(a, [0, 2, 2], [10, 20, 30]); return a; }],
    ['put cyclic', 'put', 'a = np.arange(6.); np.put(a, [[0, 1], [4, 5]], [7, 8, 9]); result = a', () => { const a = np.arange(6, { dtype: 'float64' }); np.put(a, [[0, 1], [4, 5]], [7, 8, 9]); return a; }],
    ['put wrap', 'put', 'a = np.arange(6); np.put(a, [7, -8], [1, 2], mode="wrap"); result = a', () => { const a = ar(6); np.put(a, [7, -8], [1, 2], { mode: 'wrap' }); return a; }],
    ['put clip', 'put', 'a = np.arange(6); np.put(a, [7, -8], [1, 2], mode="clip"); result = a', () => { const a = ar(6); np.put(a, [7, -8], [1, 2], { mode: 'clip' }); return a; }],
    ['put transposed', 'put', 'b = np.arange(6).reshape(2, 3); a = b.T; np.put(a, [1, 4], [-1, -2]); result = b', () => { const b = ar(6, [2, 3]); np.put(b.T, [1, 4], [-1, -2]); return b; }],
    ['put method', 'put', 'a = np.arange(4); a.put([1], 5.9); result = a', () => { const a = ar(4); a.put([1], 5.9); return a; }],
    ['put oob', 'put', 'a = np.arange(3); np.put(a, [5], 1); result = a', () => { const a = ar(3); np.put(a, [5], 1); return a; }],
    ['put float idx', 'put', 'np.put(np.arange(3), np.array([1.5]), 1)', () => { np.put(ar(3), np.array([1.5]), 1); return ar(1); }],
    ['put empty v', 'put', 'a = np.arange(3); np.put(a, [0], []); result = a', () => { const a = ar(3); np.put(a, [0], []); return a; }],
    ['putmask', 'putmask', 'a = np.arange(6); np.putmask(a, a % 2 == 1, [10, 20]); result = a', () => { const a = ar(6); np.putmask(a, a.mod(2).eq(1), [10, 20]); return a; }],
    ['putmask 2d T', 'putmask', 'b = np.arange(6).reshape(2, 3); np.putmask(b.T, b.T > 1, -b.T); result = b', () => { const b = ar(6, [2, 3]); np.putmask(b.T, b.T.gt(1), b.T.neg()); return b; }],
    ['putmask size', 'putmask', 'np.putmask(np.arange(3), [True, False], [1])', () => { np.putmask(ar(3), [true, false], [1]); return ar(1); }, false],
    ['place', 'place', 'a = np.arange(6); np.place(a, a > 2, [44, 55]); result = a', () => { const a = ar(6); np.place(a, a.gt(2), [44, 55]); return a; }],
    ['place empty', 'place', 'np.place(np.arange(3), [True, False, True], [])', () => { np.place(ar(3), [true, false, true], []); return ar(1); }],
    ['place size', 'place', 'np.place(np.arange(3), [True, False], [1])', () => { np.place(ar(3), [true, false], [1]); return ar(1); }, false],
  ]));
});

describe('choose, compress, select, copyto', () => {
  it('choose: broadcasting, list or array choices, modes, out', () => runRows([
    ['choose', 'choose', 'np.choose([2, 3, 1, 0], [[0, 1, 2, 3], [10, 11, 12, 13], [20, 21, 22, 23], [30, 31, 32, 33]])',
      () => np.choose([2, 3, 1, 0], [[0, 1, 2, 3], [10, 11, 12, 13], [20, 21, 22, 23], [30, 31, 32, 33]])],
    ['choose bcast', 'choose', 'np.choose(np.array([[1], [0]]), [np.arange(3.), -np.arange(3)])', () => np.choose(np.array([[1], [0]]), [np.arange(3, { dtype: 'float64' }), ar(3).neg()])],
    ['choose array', 'choose', 'np.choose([0, 1, 1], np.arange(6).reshape(2, 3))', () => np.choose([0, 1, 1], ar(6, [2, 3]))],
    ['choose wrap', 'choose', 'np.choose([4, -1], [[1, 2], [3, 4]], mode="wrap")', () => np.choose([4, -1], [[1, 2], [3, 4]], { mode: 'wrap' })],
    ['choose clip', 'choose', 'np.choose([4, -1], [[1, 2], [3, 4]], mode="clip")', () => np.choose([4, -1], [[1, 2], [3, 4]], { mode: 'clip' })],
    ['choose raise', 'choose', 'np.choose([0, 3], [[1, 2], [3, 4]])', () => np.choose([0, 3], [[1, 2], [3, 4]]), true],
    ['choose shape', 'choose', 'np.choose([0, 1], [[1, 2], [3, 4, 5]])', () => np.choose([0, 1], [[1, 2], [3, 4, 5]]), true],
    ['choose method', 'choose', 'np.array([1, 0]).choose([[1, 2], [3, 4]])', () => np.array([1, 0]).choose([[1, 2], [3, 4]])],
    ['choose out', 'choose', 'o = np.zeros(2); np.choose([1, 0], [[1, 2], [3, 4]], out=o); result = o', () => { const o = np.zeros(2); np.choose([1, 0], [[1, 2], [3, 4]], { out: o }); return o; }],
  ]));

  it('compress and select', () => runRows([
    ['compress', 'compress', 'np.compress([0, 1, 1], np.arange(12).reshape(3, 4), axis=0)', () => np.compress([0, 1, 1], ar(12, [3, 4]), { axis: 0 })],
    ['compress ax1 short', 'compress', 'np.compress([True, False], np.arange(12).reshape(3, 4), axis=1)', () => np.compress([true, false], ar(12, [3, 4]), { axis: 1 })],
    ['compress flat', 'compress', 'np.compress([False, True, True], np.arange(12).reshape(3, 4))', () => np.compress([false, true, true], ar(12, [3, 4]))],
    ['compress long', 'compress', 'np.compress([True, False, True, True], [1, 2, 3])', () => np.compress([true, false, true, true], ar(3)), true],
    ['compress 2d cond', 'compress', 'np.compress([[True]], [1, 2, 3])', () => np.compress([[true]], ar(3)), true],
    ['compress method', 'compress', 'np.arange(4).compress([1, 0, 1, 1])', () => ar(4).compress([1, 0, 1, 1])],
    ['select', 'select', 'x = np.arange(6); result = np.select([x < 3, x > 3], [x, x**2])', () => { const x = ar(6); return np.select([x.lt(3), x.gt(3)], [x, x.mul(x)]); }],
    ['select default', 'select', 'x = np.arange(6.); result = np.select([x < 2, x > 4], [x, -x], default=np.nan)', () => { const x = np.arange(6, { dtype: 'float64' }); return np.select([x.lt(2), x.gt(4)], [x, x.neg()], { default: NaN }); }],
    ['select int8 bcast', 'select', 'x = np.arange(4, dtype=np.int8); result = np.select([np.array([[True], [False]])], [x], default=7)', () => np.select([np.array([[true], [false]])], [np.arange(4, { dtype: 'int8' })], { default: 7 })],
    ['select empty', 'select', 'np.select([], [])', () => np.select([], []), true],
    ['select nonbool', 'select', 'np.select([np.array([1, 0])], [np.array([1, 2])])', () => np.select([np.array([1, 0])], [np.array([1, 2])]), true],
    ['select lengths', 'select', 'np.select([np.array([True])], [1, 2])', () => np.select([np.array([true])], [1, 2]), true],
  ]));

  it('copyto: casting rules, broadcasting, where, overlap', () => runRows([
    ['copyto', 'copyto', 'a = np.zeros((2, 3)); np.copyto(a, np.arange(3)); result = a', () => { const a = np.zeros([2, 3]); np.copyto(a, ar(3)); return a; }],
    ['copyto where', 'copyto', 'a = np.zeros((2, 3)); np.copyto(a, 5.5, where=np.array([True, False, True])); result = a', () => { const a = np.zeros([2, 3]); np.copyto(a, 5.5, { where: np.array([true, false, true]) }); return a; }],
    ['copyto unsafe', 'copyto', 'a = np.zeros(3, np.int32); np.copyto(a, np.array([1.7, -2.5, 3.]), casting="unsafe"); result = a', () => { const a = np.zeros(3, { dtype: 'int32' }); np.copyto(a, np.array([1.7, -2.5, 3]), { casting: 'unsafe' }); return a; }],
    ['copyto same_kind', 'copyto', 'np.copyto(np.zeros(3, np.int32), np.ones(3))', () => { np.copyto(np.zeros(3, { dtype: 'int32' }), np.ones(3)); return ar(1); }, true],
    ['copyto scalar float', 'copyto', 'np.copyto(np.zeros(3, np.int32), 1.5)', () => { np.copyto(np.zeros(3, { dtype: 'int32' }), 1.5); return ar(1); }, true],
    ['copyto shape', 'copyto', 'np.copyto(np.zeros(3), np.ones(2))', () => { np.copyto(np.zeros(3), np.ones(2)); return ar(1); }, true],
    ['copyto overlap', 'copyto', 'a = np.arange(6); np.copyto(a[1:], a[:-1]); result = a', () => { const a = ar(6); np.copyto(a.get('1:'), a.get(':-1')); return a; }],
    ['copyto int scalar', 'copyto', 'a = np.zeros(3, np.uint8); np.copyto(a, 200); result = a', () => { const a = np.zeros(3, { dtype: 'uint8' }); np.copyto(a, 200); return a; }],
  ]));
});

describe('insert, delete', () => {
  it('NumPy\'s cases: scalar / list / slice obj, axis, flattened, negative and repeated indices, errors', () => runRows([
    ['insert scalar', 'insert', 'np.insert(np.arange(6).reshape(2, 3), 1, [7, 8], axis=1)', () => np.insert(ar(6, [2, 3]), 1, [7, 8], { axis: 1 })],
    ['insert list1', 'insert', 'np.insert(np.arange(6).reshape(2, 3), [1], [7, 8], axis=1)', () => np.insert(ar(6, [2, 3]), [1], [7, 8], { axis: 1 })],
    ['insert many', 'insert', 'np.insert(np.arange(5), [1, 1, -1, 0], [10, 20, 30, 40])', () => np.insert(ar(5), [1, 1, -1, 0], [10, 20, 30, 40])],
    ['insert flat', 'insert', 'np.insert(np.arange(6).reshape(2, 3), 2, 9.7)', () => np.insert(ar(6, [2, 3]), 2, 9.7)],
    ['insert slice', 'insert', 'np.insert(np.arange(3), slice(None, None, 2), [8, 9])', () => np.insert(ar(3), np.s(null, null, 2), [8, 9])],
    ['insert axis0 rows', 'insert', 'np.insert(np.arange(6).reshape(2, 3), [0, 2], [[1, 1, 1]], axis=0)', () => np.insert(ar(6, [2, 3]), [0, 2], [[1, 1, 1]], { axis: 0 })],
    ['insert end', 'insert', 'np.insert(np.arange(3), 3, 5)', () => np.insert(ar(3), 3, 5)],
    ['insert empty', 'insert', 'np.insert(np.arange(3), [], 9)', () => np.insert(ar(3), [], 9)],
    ['insert oob', 'insert', 'np.insert(np.arange(3), 5, 9)', () => np.insert(ar(3), 5, 9), true],
    ['insert oob list', 'insert', 'np.insert(np.arange(3), [5], 9)', () => np.insert(ar(3), [5], 9), true],
    ['insert 2d obj', 'insert', 'np.insert(np.arange(3), [[1]], 9)', () => np.insert(ar(3), [[1]], 9), true],
    ['delete', 'delete', 'np.delete(np.arange(12).reshape(3, 4), [0, 0, 2], axis=1)', () => np.delete(ar(12, [3, 4]), [0, 0, 2], { axis: 1 })],
    ['delete scalar neg', 'delete', 'np.delete(np.arange(12).reshape(3, 4), -1, axis=0)', () => np.delete(ar(12, [3, 4]), -1, { axis: 0 })],
    ['delete flat slice', 'delete', 'np.delete(np.arange(12).reshape(3, 4), slice(1, None, 3))', () => np.delete(ar(12, [3, 4]), np.s(1, null, 3))],
    ['delete mask', 'delete', 'np.delete(np.arange(4), [True, False, True, False])', () => np.delete(ar(4), [true, false, true, false])],
    ['delete oob', 'delete', 'np.delete(np.arange(3), 5)', () => np.delete(ar(3), 5), true],
    ['delete oob list', 'delete', 'np.delete(np.arange(3), [5])', () => np.delete(ar(3), [5]), true],
    ['delete mask len', 'delete', 'np.delete(np.arange(3), [True, False])', () => np.delete(ar(3), [true, false]), true],
    ['delete float', 'delete', 'np.delete(np.arange(3), np.array([1.0]))', () => np.delete(ar(3), np.array([1.0], { dtype: 'float64' })), true],
  ]));
});

describe('diagonal, trace, fill_diagonal', () => {
  it('diagonal is a view over every layout, offset and axis pair: reading, then writing through it', async () => {
    const cases = draw(specArb(NUMPY_DTYPES, 4, 2).chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: -4, max: 4 }),
      fc.integer({ min: -s.shape.length, max: s.shape.length - 1 }), fc.integer({ min: -s.shape.length, max: s.shape.length - 1 }))), 200, 503);
    const exp = await Promise.all(cases.flatMap(([s, off, a1, a2]) => [
      oracle.eval(`np.diagonal(${pyView('a', s)}, ${off}, ${a1}, ${a2})`, { a: rawOf(s) }),
      oracle.eval(`b = a.copy()\nd = np.diagonal(${pyView('b', s)}, ${off}, ${a1}, ${a2})\nd.flags.writeable = True\nd[...] = np.arange(d.size).reshape(d.shape)\nresult = b`, { a: rawOf(s) }),
      oracle.eval(`np.trace(${pyView('a', s)}, ${off}, ${a1}, ${a2})`, { a: rawOf(s) }),
    ]));
    cases.forEach(([s, offset, axis1, axis2], i) => {
      const l = `${s.dtype} ${show(s.shape)} ${show(s.steps)} offset=${offset} axes ${axis1},${axis2}`;
      expectSameAsNumpy(l, 'diagonal', () => np.diagonal(buildBoth(s).view, { offset, axis1, axis2 }), exp[3 * i]!, { exact: isOracleError(exp[3 * i]) });
      expectSameAsNumpy(`${l} write`, 'diagonal', () => {
        const { base, view } = buildBoth(s);
        const d = view.diagonal({ offset, axis1, axis2 });
        d.set('...', np.arange(d.size, { dtype: 'int64' }).reshape(d.shape));
        return base;
      }, exp[3 * i + 1]!);
      if (s.dtype === 'float16') return; // NumPy's float16 sum order differs in the last bit
      expectSameAsNumpy(`${l} trace`, 'trace', () => np.trace(buildBoth(s).view, { offset, axis1, axis2 }), exp[3 * i + 2]!, { match: { rtol: 1e-12 } });
    });
  });

  it('fill_diagonal: 2-D with and without wrap, N-d, cyclic values, layouts, errors', () => runRows([
    ['fill 2d', 'fill_diagonal', 'a = np.zeros((3, 3), int); np.fill_diagonal(a, 5); result = a', () => { const a = np.zeros([3, 3], { dtype: 'int64' }); np.fill_diagonal(a, 5); return a; }],
    ['fill tall', 'fill_diagonal', 'a = np.zeros((7, 3)); np.fill_diagonal(a, [1, 2]); result = a', () => { const a = np.zeros([7, 3]); np.fill_diagonal(a, [1, 2]); return a; }],
    ['fill tall wrap', 'fill_diagonal', 'a = np.zeros((7, 3)); np.fill_diagonal(a, [1, 2], wrap=True); result = a', () => { const a = np.zeros([7, 3]); np.fill_diagonal(a, [1, 2], { wrap: true }); return a; }],
    ['fill wide', 'fill_diagonal', 'a = np.zeros((2, 5)); np.fill_diagonal(a, 4); result = a', () => { const a = np.zeros([2, 5]); np.fill_diagonal(a, 4); return a; }],
    ['fill 3d', 'fill_diagonal', 'a = np.zeros((3, 3, 3)); np.fill_diagonal(a, [7, 8, 9]); result = a', () => { const a = np.zeros([3, 3, 3]); np.fill_diagonal(a, [7, 8, 9]); return a; }],
    ['fill T', 'fill_diagonal', 'b = np.zeros((4, 3)); np.fill_diagonal(b.T, [1, 2, 3]); result = b', () => { const b = np.zeros([4, 3]); np.fill_diagonal(b.T, [1, 2, 3]); return b; }],
    ['fill 1d', 'fill_diagonal', 'np.fill_diagonal(np.zeros(3), 1)', () => { np.fill_diagonal(np.zeros(3), 1); return ar(1); }, true],
    ['fill unequal', 'fill_diagonal', 'np.fill_diagonal(np.zeros((2, 3, 4)), 1)', () => { np.fill_diagonal(np.zeros([2, 3, 4]), 1); return ar(1); }, true],
    ['diag 1d', 'diagonal', 'np.diagonal(np.zeros(3))', () => np.diagonal(np.zeros(3)), true],
    ['diag same axes', 'diagonal', 'np.diagonal(np.zeros((3, 3)), 0, 1, 1)', () => np.diagonal(np.zeros([3, 3]), { axis1: 1, axis2: 1 }), true],
    ['trace dtype', 'trace', 'np.trace(np.arange(9, dtype=np.int8).reshape(3, 3) * 40, dtype=np.int64)', () => np.trace(np.arange(9, { dtype: 'int8' }).reshape([3, 3]).mul(40), { dtype: 'int64' })],
    ['trace method', 'trace', 'np.arange(9).reshape(3, 3).trace(1)', () => ar(9, [3, 3]).trace({ offset: 1 })],
  ]));
});

describe('index tricks', () => {
  it('ravel_multi_index, unravel_index, indices, ix_, tri/diag indices', () => runRows([
    ['ravel', 'ravel_multi_index', 'np.ravel_multi_index(([0, 2, 1], [1, 3, -0]), (3, 4))', () => np.ravel_multi_index([[0, 2, 1], [1, 3, 0]], [3, 4])],
    ['ravel F', 'ravel_multi_index', 'np.ravel_multi_index(([0, 2], [1, 1]), (3, 4), order="F")', () => np.ravel_multi_index([[0, 2], [1, 1]], [3, 4], { order: 'F' })],
    ['ravel modes', 'ravel_multi_index', 'np.ravel_multi_index(([0, 5], [1, -1]), (3, 4), mode=("wrap", "clip"))', () => np.ravel_multi_index([[0, 5], [1, -1]], [3, 4], { mode: ['wrap', 'clip'] })],
    ['ravel bcast', 'ravel_multi_index', 'np.ravel_multi_index((np.array([[0], [2]]), [1, 2, 3]), (3, 4))', () => np.ravel_multi_index([np.array([[0], [2]]), [1, 2, 3]], [3, 4])],
    ['ravel raise', 'ravel_multi_index', 'np.ravel_multi_index(([0, 5], [1, 1]), (3, 4))', () => np.ravel_multi_index([[0, 5], [1, 1]], [3, 4]), true],
    ['ravel len', 'ravel_multi_index', 'np.ravel_multi_index(([0, 2],), (3, 4))', () => np.ravel_multi_index([[0, 2]], [3, 4]), true],
    ['unravel', 'unravel_index', 'list(np.unravel_index([5, 11, 0], (3, 4)))', () => np.unravel_index([5, 11, 0], [3, 4])],
    ['unravel F 2d', 'unravel_index', 'list(np.unravel_index([[5], [7]], (3, 4), order="F"))', () => np.unravel_index([[5], [7]], [3, 4], { order: 'F' })],
    ['unravel oob', 'unravel_index', 'np.unravel_index(12, (3, 4))', () => np.unravel_index(12, [3, 4]), true],
    ['indices', 'indices', 'np.indices((2, 3))', () => np.indices([2, 3]) as NDArray],
    ['indices sparse', 'indices', 'list(np.indices((2, 3), sparse=True))', () => np.indices([2, 3], { sparse: true }) as NDArray[]],
    ['indices dtype', 'indices', 'np.indices((2, 0, 2), dtype=np.int8)', () => np.indices([2, 0, 2], { dtype: 'int8' }) as NDArray],
    ['ix_', 'ix_', 'list(np.ix_([0, 1], [True, False, True], np.array([3], np.int32)))', () => np.ix_([0, 1], [true, false, true], np.array([3], { dtype: 'int32' }))],
    ['ix_ 2d', 'ix_', 'np.ix_([[0, 1]])', () => np.ix_([[0, 1]]), true],
    ['ix_ open mesh use', 'get', 'np.arange(12).reshape(3, 4)[np.ix_([0, 2], [3, 1])]', () => { const [r, c] = np.ix_([0, 2], [3, 1]); return ar(12, [3, 4]).get(r!, c!); }],
    ['tril', 'tril_indices', 'list(np.tril_indices(3, -1, 4))', () => np.tril_indices(3, -1, 4)],
    ['triu', 'triu_indices', 'list(np.triu_indices(3, 1))', () => np.triu_indices(3, 1)],
    ['tril from', 'tril_indices_from', 'list(np.tril_indices_from(np.zeros((2, 4)), 1))', () => np.tril_indices_from(np.zeros([2, 4]), 1)],
    ['triu from', 'triu_indices_from', 'list(np.triu_indices_from(np.zeros((4, 2))))', () => np.triu_indices_from(np.zeros([4, 2]))],
    ['tril from 1d', 'tril_indices_from', 'np.tril_indices_from(np.zeros(3))', () => np.tril_indices_from(np.zeros(3)), true],
    ['diag_indices', 'diag_indices', 'list(np.diag_indices(3, 3))', () => np.diag_indices(3, 3)],
    ['diag_indices_from', 'diag_indices_from', 'list(np.diag_indices_from(np.zeros((2, 2))))', () => np.diag_indices_from(np.zeros([2, 2]))],
    ['diag_indices_from bad', 'diag_indices_from', 'np.diag_indices_from(np.zeros((3, 4)))', () => np.diag_indices_from(np.zeros([3, 4])), true],
  ]));
});
