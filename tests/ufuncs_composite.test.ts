// The math functions that are not single ufuncs, and the ufunc machinery around them, against NumPy
// 2.4: np.where (3-argument), np.clip (NumPy's wrapper rules), round/around (decimals), fix,
// isposinf/isneginf, nan_to_num, isclose/allclose, array_equal/array_equiv; comparisons with JS
// integers of any size; where= (masks, JS booleans, refused dtypes); two-output out=; the operator
// methods, their in-place forms and `**`'s fast paths; threaded 3-input and two-output loops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DType } from '../src/core/dtype.js';
import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { expectMatches, toRaw } from './helpers/arrays.js';
import { ALL_DTYPES, NUMPY_DTYPES, build } from './helpers/gen.js';
import { EDGES, raw, specOf } from './helpers/ufuncs.js';
import { NumpyOracle, type OracleArg } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();

beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

type Vals = readonly (number | bigint | boolean)[];
const arr = (dtype: DType, values: Vals, shape?: number[]): NDArray => build(specOf(dtype, values, shape));
const rawOf = (dtype: DType, values: Vals, shape?: number[]): OracleArg => raw(specOf(dtype, values, shape));
/** n edge values of a dtype, cycling from `from`. */
const take = (d: DType, n: number, from = 0): Vals => Array.from({ length: n }, (_, k) => EDGES[d][(from + k) % EDGES[d].length]!);

/** One row: quark's result and NumPy's `expr` (arrays named a, b, c) compared. */
interface Row {
  label: string;
  ours: () => NDArray | NDArray[] | boolean;
  expr: string;
  args?: Record<string, OracleArg>;
  rtol?: number;
  zeroSign?: boolean;
}

async function runRows(rows: readonly Row[]): Promise<void> {
  await np.scope(async () => {
    const expected = await Promise.all(rows.map((r) => oracle.eval(r.expr, r.args)));
    rows.forEach((r, i) => {
      const e = expected[i]!;
      const got = r.ours();
      if (typeof got === 'boolean') {
        expect(got, `${r.label}: ${r.expr}`).toBe(e);
        return;
      }
      const list = Array.isArray(got) ? got : [got];
      const want = Array.isArray(got) ? (e as unknown[]) : [e];
      list.forEach((g, k) => expectMatches(g, want[k] as never, { rtol: r.rtol ?? 0, atol: 0, zeroSign: r.zeroSign }, `${r.label}: ${r.expr}`));
    });
  });
}

describe('np.where(condition, x, y)', () => {
  it('every dtype pair of x and y, conditions of any dtype (NaN is true), broadcasting, JS scalars', () => np.scope(async () => {
    const cond = [1, 0, NaN, -0, 2.5];
    const rows: Row[] = NUMPY_DTYPES.flatMap((dx) => NUMPY_DTYPES.filter((_, k) => k % 3 === NUMPY_DTYPES.indexOf(dx) % 3).map((dy): Row => ({
      label: `where ${dx} ${dy}`,
      ours: () => np.where(arr('float64', cond, [5, 1]), arr(dx, take(dx, 4)), arr(dy, take(dy, 4, 1))),
      expr: 'np.where(c, a, b)',
      args: { c: rawOf('float64', cond, [5, 1]), a: rawOf(dx, take(dx, 4)), b: rawOf(dy, take(dy, 4, 1)) },
    })));
    rows.push(
      { label: 'weak scalars', ours: () => np.where(arr('bool', [true, false]), arr('int8', [1, 2]), 300), expr: 'np.where(c, a, 300)', args: { c: rawOf('bool', [true, false]), a: rawOf('int8', [1, 2]) } },
      { label: 'weak float', ours: () => np.where(arr('int32', [3, 0]), 1, 2.5), expr: 'np.where(c, 1, 2.5)', args: { c: rawOf('int32', [3, 0]) } },
      { label: 'bool scalar condition', ours: () => np.where(true, arr('uint8', [7, 8]), arr('int16', [-1])), expr: 'np.where(True, a, b)', args: { a: rawOf('uint8', [7, 8]), b: rawOf('int16', [-1]) } },
      { label: 'bfloat16', ours: () => np.where(arr('bool', [true, false]), arr('bfloat16', [1.5, 2]), arr('bfloat16', [-3, 4])), expr: 'np.where(c, a, b)', args: { c: rawOf('bool', [true, false]), a: rawOf('bfloat16', [1.5, 2]), b: rawOf('bfloat16', [-3, 4]) } },
    );
    await runRows(rows);
    expect(() => np.where(arr('bool', [true, false]), arr('int8', [1, 2, 3]), 0)).toThrow(/^where: operands could not be broadcast/);
  }));
});

describe('np.clip', () => {
  it("NumPy's wrapper: null bounds, JS integers beyond an integer dtype dropped, NaN bounds, mixed dtypes", () => np.scope(async () => {
    const x = [-128, -5, 0, 5, 127];
    const f = [NaN, -Infinity, -1.5, -0, 0, 0.5, 2, Infinity];
    const rows: Row[] = [
      { label: 'both', ours: () => np.clip(arr('int8', x), -3, 50), expr: 'np.clip(a, -3, 50)', args: { a: rawOf('int8', x) } },
      { label: 'beyond the range', ours: () => np.clip(arr('int8', x), -1000, 300), expr: 'np.clip(a, -1000, 300)', args: { a: rawOf('int8', x) } },
      { label: 'upper beyond', ours: () => np.clip(arr('uint8', [0, 5, 255]), 3, 1000), expr: 'np.clip(a, 3, 1000)', args: { a: rawOf('uint8', [0, 5, 255]) } },
      { label: 'null lower', ours: () => np.clip(arr('float32', f), null, 1), expr: 'np.clip(a, None, 1)', args: { a: rawOf('float32', f) } },
      { label: 'null upper', ours: () => np.clip(arr('float64', f), 0.25, null), expr: 'np.clip(a, 0.25, None)', args: { a: rawOf('float64', f) } },
      { label: 'no bounds', ours: () => np.clip(arr('int16', x), null, null), expr: 'np.clip(a, None, None)', args: { a: rawOf('int16', x) } },
      { label: 'NaN bound', ours: () => np.clip(arr('float64', f), NaN, 1), expr: 'np.clip(a, np.nan, 1)', args: { a: rawOf('float64', f) } },
      { label: 'array bounds', ours: () => np.clip(arr('float16', f), arr('float16', [-1, 0], [2, 1]), arr('int8', [1, 3, 0, 5, 1, 1, 1, 1])), expr: 'np.clip(a, b, c)', args: { a: rawOf('float16', f), b: rawOf('float16', [-1, 0], [2, 1]), c: rawOf('int8', [1, 3, 0, 5, 1, 1, 1, 1]) }, zeroSign: false },
      { label: 'lo > hi', ours: () => np.clip(arr('int32', x), 10, 1), expr: 'np.clip(a, 10, 1)', args: { a: rawOf('int32', x) } },
      { label: 'method', ours: () => arr('uint64', [0n, 5n, 2n ** 64n - 1n]).clip(1, 2n ** 63n), expr: 'a.clip(1, 2**63)', args: { a: rawOf('uint64', [0n, 5n, 2n ** 64n - 1n]) } },
      { label: 'bfloat16', ours: () => np.clip(arr('bfloat16', f), -1, 1), expr: 'np.clip(a.astype(np.float32), -1, 1).astype(bfloat16)', args: { a: rawOf('bfloat16', f) } },
    ];
    await runRows(rows);
    expect(() => np.clip(arr('int8', x), 200, 100)).toThrow(/^clip: JS integer 200 out of bounds for int8/);
    // a dropped bound leaves np.maximum, as NumPy's wrapper does
    expect(() => np.clip(arr('int8', x), 200, 300)).toThrow(/^maximum: JS integer 200 out of bounds for int8/);
    expect(() => np.clip(arr('bool', [true]), null, null)).toThrow(/^positive: /);
  }));
});

describe('np.round / np.around, np.fix', () => {
  it('decimals of every sign for floats (half to even, via x * 10**d) and integers (float64 and back)', () => np.scope(async () => {
    const f = [2.5, 3.5, -2.5, 0.125, 1.005, 2.675, -0, NaN, Infinity, 1234.5678, -0.05, 1e300, 15, 25, 150];
    const rows: Row[] = [];
    for (const d of ['float16', 'bfloat16', 'float32', 'float64'] as DType[]) {
      for (const dec of [0, 1, 2, -1, -2]) {
        const expr = d === 'bfloat16' ? `np.round(a.astype(np.float32), ${dec}).astype(bfloat16)` : `np.round(a, ${dec})`;
        // bfloat16 rounds after each step (its loops are float32 rounded once, per op)
        if (d === 'bfloat16' && dec !== 0) continue;
        rows.push({ label: `round ${d} ${dec}`, ours: () => np.round(arr(d, f), dec), expr, args: { a: rawOf(d, f) } });
      }
    }
    for (const d of ['complex64', 'complex128'] as DType[]) {
      for (const dec of [0, 1, -1]) rows.push({ label: `round ${d} ${dec}`, ours: () => np.round(arr(d, f), dec), expr: `np.round(a, ${dec})`, args: { a: rawOf(d, f) } });
    }
    for (const d of ['int8', 'uint8', 'int16', 'int64', 'uint64', 'bool'] as DType[]) {
      for (const dec of d === 'bool' ? [0] : [0, 2, -1, -2]) rows.push({ label: `round ${d} ${dec}`, ours: () => np.around(arr(d, EDGES[d]), dec), expr: `np.around(a, ${dec})`, args: { a: rawOf(d, EDGES[d]) } });
    }
    rows.push(
      { label: 'method', ours: () => arr('float64', [1.25, 1.35]).round(1), expr: 'a.round(1)', args: { a: rawOf('float64', [1.25, 1.35]) } },
      { label: 'out', ours: () => { const o = np.zeros([3], { dtype: 'float32' }); np.round(arr('float64', [1.26, 2.5, -7.77]), 1, { out: o }); return o; }, expr: 'o = np.zeros(3, np.float32)\nnp.round(a, 1, out=o)\nresult = o', args: { a: rawOf('float64', [1.26, 2.5, -7.77]) } },
    );
    // (fix of complex raises in NumPy and quark: ceil has no complex loop)
    for (const d of ALL_DTYPES.filter((x) => x !== 'bfloat16' && !x.startsWith('complex'))) {
      rows.push({ label: `fix ${d}`, ours: () => np.fix(arr(d, EDGES[d])), expr: 'np.fix(a)', args: { a: rawOf(d, EDGES[d]) } });
    }
    await runRows(rows);
    // np.round(bool, 1): float64 math into a bool result cannot cast, as in NumPy
    expect(() => np.round(arr('bool', [true]), 1)).toThrow(/^multiply: Cannot cast ufunc 'multiply' output/);
  }));
});

describe('isposinf, isneginf, nan_to_num', () => {
  it('every dtype', () => np.scope(async () => {
    // (isposinf/isneginf raise for complex in NumPy and quark: tests/complex_ufunc.test.ts)
    const rows: Row[] = NUMPY_DTYPES.flatMap((d): Row[] => [
      ...(d.startsWith('complex') ? [] : [{ label: `isposinf ${d}`, ours: () => np.isposinf(arr(d, EDGES[d])), expr: 'np.isposinf(a)', args: { a: rawOf(d, EDGES[d]) } },
      { label: `isneginf ${d}`, ours: () => np.isneginf(arr(d, EDGES[d])), expr: 'np.isneginf(a)', args: { a: rawOf(d, EDGES[d]) } }]),
      { label: `nan_to_num ${d}`, ours: () => np.nan_to_num(arr(d, EDGES[d])), expr: 'np.nan_to_num(a)', args: { a: rawOf(d, EDGES[d]) } },
      { label: `nan_to_num values ${d}`, ours: () => np.nan_to_num(arr(d, EDGES[d]), { nan: 7, posinf: 1e10, neginf: -3.5 }), expr: 'np.nan_to_num(a, nan=7, posinf=1e10, neginf=-3.5)', args: { a: rawOf(d, EDGES[d]) } },
    ]);
    rows.push({ label: 'nan_to_num bfloat16 (as float32, rounded)', ours: () => np.nan_to_num(arr('bfloat16', [NaN, Infinity, -Infinity, 1])), expr: 'np.nan_to_num(a.astype(np.float32), posinf=float(ml_dtypes.finfo(bfloat16).max), neginf=float(ml_dtypes.finfo(bfloat16).min)).astype(bfloat16)', args: { a: rawOf('bfloat16', [NaN, Infinity, -Infinity, 1]) } });
    await runRows(rows);
    const a = arr('float32', [NaN, 1]);
    expect(np.nan_to_num(a, { copy: false })).toBe(a);
    expect(a.tolist()).toEqual([0, 1]);
  }));
});

describe('isclose, allclose, array_equal, array_equiv', () => {
  it("NumPy's formula, tolerances, equal_nan, integer and scalar operands", () => np.scope(async () => {
    const x = [1, 1.00001, 1e-9, NaN, Infinity, -Infinity, 0, 100, -0];
    const y = [1, 1, 2e-9, NaN, Infinity, Infinity, 1e-8, 100.001, 0];
    const rows: Row[] = [];
    for (const d of ['float16', 'float32', 'float64'] as DType[]) {
      rows.push(
        { label: `isclose ${d}`, ours: () => np.isclose(arr(d, x), arr(d, y)), expr: 'np.isclose(a, b)', args: { a: rawOf(d, x), b: rawOf(d, y) } },
        { label: `isclose nan ${d}`, ours: () => np.isclose(arr(d, x), arr(d, y), { equal_nan: true, rtol: 1e-3, atol: 0 }), expr: 'np.isclose(a, b, equal_nan=True, rtol=1e-3, atol=0)', args: { a: rawOf(d, x), b: rawOf(d, y) } },
        { label: `allclose ${d}`, ours: () => np.allclose(arr(d, x.slice(0, 3)), arr(d, y.slice(0, 3))), expr: 'np.allclose(a, b)', args: { a: rawOf(d, x.slice(0, 3)), b: rawOf(d, y.slice(0, 3)) } },
      );
    }
    const i = [-128, -1, 0, 1, 127];
    rows.push(
      { label: 'ints (abs of INT_MIN stays clear)', ours: () => np.isclose(arr('int8', i), arr('int8', [127, 0, 0, 1, -128])), expr: 'np.isclose(a, b)', args: { a: rawOf('int8', i), b: rawOf('int8', [127, 0, 0, 1, -128]) } },
      { label: 'int array, JS int', ours: () => np.isclose(arr('int16', i), 1), expr: 'np.isclose(a, 1)', args: { a: rawOf('int16', i) } },
      { label: 'float16 array, JS float', ours: () => np.isclose(arr('float16', x), 1.0005, { rtol: 1e-3 }), expr: 'np.isclose(a, 1.0005, rtol=1e-3)', args: { a: rawOf('float16', x) } },
      { label: 'JS numbers', ours: () => np.isclose(1, 1 + 1e-9), expr: 'np.asarray(np.isclose(1, 1 + 1e-9))' },
      { label: 'broadcast', ours: () => np.isclose(arr('float32', [1, 2], [2, 1]), arr('float64', [1, 2, 3])), expr: 'np.isclose(a, b)', args: { a: rawOf('float32', [1, 2], [2, 1]), b: rawOf('float64', [1, 2, 3]) } },
      { label: 'allclose false', ours: () => np.allclose(arr('float64', x), arr('float64', y), { equal_nan: true }), expr: 'np.allclose(a, b, equal_nan=True)', args: { a: rawOf('float64', x), b: rawOf('float64', y) } },
    );
    const eq: [string, () => boolean, string, Record<string, OracleArg>][] = [
      ['same', () => np.array_equal(arr('int32', i), arr('int64', i)), 'np.array_equal(a, b)', { a: rawOf('int32', i), b: rawOf('int64', i) }],
      ['shape', () => np.array_equal(arr('int32', [1, 2]), arr('int32', [1, 2], [2, 1])), 'np.array_equal(a, b)', { a: rawOf('int32', [1, 2]), b: rawOf('int32', [1, 2], [2, 1]) }],
      ['nan', () => np.array_equal(arr('float64', x), arr('float64', x)), 'np.array_equal(a, b)', { a: rawOf('float64', x), b: rawOf('float64', x) }],
      ['nan equal', () => np.array_equal(arr('float64', x), arr('float32', x), { equal_nan: true }), 'np.array_equal(a, b, equal_nan=True)', { a: rawOf('float64', x), b: rawOf('float32', x) }],
      ['nan elsewhere', () => np.array_equal(arr('float64', [NaN, 1]), arr('float64', [1, NaN]), { equal_nan: true }), 'np.array_equal(a, b, equal_nan=True)', { a: rawOf('float64', [NaN, 1]), b: rawOf('float64', [1, NaN]) }],
      ['ints with equal_nan', () => np.array_equal(arr('uint8', [1, 2]), arr('int8', [1, 2]), { equal_nan: true }), 'np.array_equal(a, b, equal_nan=True)', { a: rawOf('uint8', [1, 2]), b: rawOf('int8', [1, 2]) }],
      ['equiv broadcast', () => np.array_equiv(arr('int8', [1, 2]), arr('int8', [1, 2, 1, 2], [2, 2])), 'np.array_equiv(a, b)', { a: rawOf('int8', [1, 2]), b: rawOf('int8', [1, 2, 1, 2], [2, 2]) }],
      ['equiv shapes', () => np.array_equiv(arr('int8', [1, 2]), arr('int8', [1, 2, 3])), 'np.array_equiv(a, b)', { a: rawOf('int8', [1, 2]), b: rawOf('int8', [1, 2, 3]) }],
    ];
    for (const [label, ours, expr, args] of eq) rows.push({ label, ours, expr, args });
    await runRows(rows);
  }));
});

describe('comparisons with JS integers beyond the array dtype (NumPy 2 compares Python ints exactly)', () => {
  it('every comparison, signed and unsigned arrays, numbers and bigints of any size', () => np.scope(async () => {
    const ops = ['equal', 'not_equal', 'less', 'less_equal', 'greater', 'greater_equal'];
    const scalars: (number | bigint)[] = [1000, -1, -129, 2 ** 40, -(2 ** 40), 2n ** 63n, 2n ** 64n - 1n, -(2n ** 63n), 2n ** 70n, -(2n ** 70n)];
    const arrays: [DType, Vals][] = [['int8', [-128, 0, 127]], ['uint8', [0, 255]], ['int64', [-(2n ** 63n), 0n, 2n ** 63n - 1n]], ['uint64', [0n, 2n ** 64n - 1n]]];
    const rows: Row[] = [];
    for (const op of ops) {
      for (const [d, v] of arrays) {
        for (const s of scalars) {
          const f = (np as unknown as Record<string, (a: unknown, b: unknown) => NDArray>)[op]!;
          rows.push({ label: `${op} ${d} ${s}`, ours: () => f(arr(d, v), s), expr: `np.${op}(a, s)`, args: { a: rawOf(d, v), s } });
          rows.push({ label: `${op} ${s} ${d}`, ours: () => f(s, arr(d, v)), expr: `np.${op}(s, a)`, args: { a: rawOf(d, v), s } });
        }
      }
    }
    await runRows(rows);
  }));
});

describe('where=, out= for two outputs', () => {
  it('masks broadcast into out; a JS boolean; where=false writes nothing; a non-bool mask is refused', () => np.scope(async () => {
    const a = [1, 2, 3, 4, 5, 6];
    const rows: Row[] = [
      {
        label: 'broadcast mask', expr: 'o = np.full((2, 3), -1.0)\nnp.sqrt(a, out=o, where=m)\nresult = o',
        ours: () => { const o = np.full([2, 3], -1, { dtype: 'float64' }); np.sqrt(arr('float64', a, [2, 3]), { out: o, where: arr('bool', [true, false, true]) }); return o; },
        args: { a: rawOf('float64', a, [2, 3]), m: rawOf('bool', [true, false, true]) },
      },
      {
        label: 'mask grows the shape', expr: 'o = np.zeros((2, 3), np.int16)\nnp.add(a, 1, out=o, where=m)\nresult = o',
        ours: () => { const o = np.zeros([2, 3], { dtype: 'int16' }); np.add(arr('int8', [1, 2, 3]), 1, { out: o, where: arr('bool', [true, false], [2, 1]) }); return o; },
        args: { a: rawOf('int8', [1, 2, 3]), m: rawOf('bool', [true, false], [2, 1]) },
      },
      {
        label: 'where=True', expr: 'np.add(a, a, where=True)',
        ours: () => np.add(arr('int32', a), arr('int32', a), { where: true }), args: { a: rawOf('int32', a) },
      },
      {
        label: 'where=False keeps out', expr: 'o = np.full(6, 9, np.int32)\nnp.add(a, a, out=o, where=False)\nresult = o',
        ours: () => { const o = np.full([6], 9, { dtype: 'int32' }); np.add(arr('int32', a), arr('int32', a), { out: o, where: false }); return o; },
        args: { a: rawOf('int32', a) },
      },
      {
        label: 'modf out pair with mask', expr: 'o1 = np.zeros(4)\no2 = np.full(4, 7.0)\nnp.modf(a, out=(o1, o2), where=m)\nresult = [o1, o2]',
        ours: () => { const o = [np.zeros([4]), np.full([4], 7, { dtype: 'float64' })] as const; np.modf(arr('float64', [1.5, -2.25, 3, NaN]), { out: [o[0], o[1]], where: arr('bool', [true, true, false, true]) }); return [...o]; },
        args: { a: rawOf('float64', [1.5, -2.25, 3, NaN]), m: rawOf('bool', [true, true, false, true]) },
      },
      {
        label: 'divmod, one out given', expr: 'o = np.zeros(3, np.int16)\nr = np.divmod(a, 3, out=(o, None))\nresult = [o, r[1]]',
        ours: () => { const o = np.zeros([3], { dtype: 'int16' }); const r = np.divmod(arr('int8', [-7, 7, 0]), 3, { out: [o, undefined] }); expect(r[0]).toBe(o); return [o, r[1]]; },
        args: { a: rawOf('int8', [-7, 7, 0]) },
      },
    ];
    await runRows(rows);
    const x = arr('float32', [1, 2]);
    expect(() => np.add(x, 1, { where: arr('int64', [1, 0]) })).toThrow(/^add: Cannot cast array data from dtype\('int64'\) to dtype\('bool'\) according to the rule 'safe'/);
    expect(await oracle.eval('np.add(np.ones(2, np.float32), 1, where=np.array([1, 0]))')).toMatchObject({ error: 'TypeError' });
    expect(() => np.add(x, 1, { where: arr('bool', [true, false, true]) })).toThrow(/^add: operands could not be broadcast/);
    expect(() => np.modf(x, { out: [x] as never })).toThrow(/^modf: The 'out' tuple must have exactly 2 entries/);
    expect(() => np.frexp(x, { out: [np.zeros([2], { dtype: 'int8' }), np.zeros([2], { dtype: 'int32' })] })).toThrow(/^frexp: Cannot cast ufunc 'frexp' output 0 from dtype\('float32'\) to dtype\('int8'\)/);
  }));
});

describe('methods and in-place operators', () => {
  it('operators as methods, in-place forms, and `**` with 2, -1, 0.5 on floats (square, reciprocal, sqrt)', () => np.scope(async () => {
    const f = [-0, -2, 0.5, 4, Infinity, -Infinity, NaN];
    const i = [-7, -1, 0, 3, 100];
    const j = [2, -3, 5, 1, 7];
    const A = { a: rawOf('float64', f), i: rawOf('int16', i), j: rawOf('int16', j) };
    type M = (a: NDArray, b: NDArray) => NDArray;
    const binops: [string, M, string][] = [
      ['floordiv', (a, b) => a.floordiv(b), 'i // j'], ['mod', (a, b) => a.mod(b), 'i % j'], ['pow', (a, b) => a.pow(b.abs()), 'i ** abs(j)'],
      ['eq', (a, b) => a.eq(b), 'i == j'], ['ne', (a, b) => a.ne(b), 'i != j'], ['lt', (a, b) => a.lt(b), 'i < j'],
      ['le', (a, b) => a.le(b), 'i <= j'], ['gt', (a, b) => a.gt(b), 'i > j'], ['ge', (a, b) => a.ge(b), 'i >= j'],
      ['and', (a, b) => a.and(b), 'i & j'], ['or', (a, b) => a.or(b), 'i | j'], ['xor', (a, b) => a.xor(b), 'i ^ j'],
      ['lshift', (a, b) => a.lshift(b), 'i << j'], ['rshift', (a, b) => a.rshift(b), 'i >> j'],
    ];
    const rows: Row[] = binops.map(([label, m, expr]) => ({ label, ours: () => m(build(specOf('int16', i)), build(specOf('int16', j))), expr, args: A }));
    rows.push(
      { label: 'neg pos abs invert', ours: () => { const a = arr('int16', i); return [a.neg(), a.pos(), a.abs(), a.invert()]; }, expr: '[-i, +i, abs(i), ~i]', args: A },
      { label: '** 2', ours: () => arr('float64', f).pow(2), expr: 'a ** 2', args: A },
      { label: '** -1', ours: () => arr('float64', f).pow(-1), expr: 'a ** -1', args: A },
      { label: '** 0.5 (sqrt: -0 stays -0, -inf is nan)', ours: () => arr('float64', f).pow(0.5), expr: 'a ** 0.5', args: A },
      { label: '** 3', ours: () => arr('float64', f).pow(3), expr: 'a ** 3', args: A },
      { label: 'int ** 2', ours: () => arr('int16', i).pow(2), expr: 'i ** 2', args: A },
    );
    const inplace: [string, (a: NDArray) => NDArray, string][] = [
      ['ifloordiv', (a) => a.ifloordiv(3), 'x //= 3'], ['imod', (a) => a.imod(-3), 'x %= -3'], ['ipow', (a) => a.ipow(2), 'x **= 2'],
      ['iand', (a) => a.iand(6), 'x &= 6'], ['ior', (a) => a.ior(8), 'x |= 8'], ['ixor', (a) => a.ixor(-1), 'x ^= -1'],
      ['ilshift', (a) => a.ilshift(2), 'x <<= 2'], ['irshift', (a) => a.irshift(1), 'x >>= 1'],
      ['transposed other', (a) => a.reshape(1, 5).iadd(a.reshape(5, 1).T), 'x.reshape(1, 5).__iadd__(x.reshape(5, 1).T)'],
    ];
    for (const [label, m, stmt] of inplace) {
      rows.push({ label, ours: () => { const a = arr('int16', i); const r = m(a); expect(r._storage).toBe(a._storage); return a; }, expr: `x = i.copy()\n${stmt}\nresult = x`, args: A });
    }
    await runRows(rows);
    expect(() => arr('int8', [1]).iadd(1.5)).toThrow(/^add: Cannot cast ufunc 'add' output from dtype\('float64'\) to dtype\('int8'\)/);
    expect(() => arr('bool', [true]).isub(true)).toThrow(/^subtract: numpy boolean subtract/);
  }));
});

describe('threaded loops with three inputs and with two outputs', () => {
  it('1M-element clip, where, divmod and frexp with 2 threads match NumPy', () => np.scope(async () => {
    const prev = npx.num_threads();
    npx.set_num_threads(2);
    try {
      await np.scope(async () => {
        const R = 999, C = 1001;
        const x = np.sin(np.arange(R * C, { dtype: 'float64' })).mul(100).reshape(R, C);
        const lo = np.linspace(-50, 0, { num: C });
        const cond = x.gt(0);
        const args = { x: { dtype: 'float64', shape: [R, C], data: x._readRawSync(), fortranOrder: false } } as Record<string, OracleArg>;
        const rows: Row[] = [
          { label: 'clip', ours: () => np.clip(x.T, lo.reshape(C, 1), 60), expr: 'np.clip(x.T, np.linspace(-50, 0, 1001).reshape(1001, 1), 60)', args },
          { label: 'where', ours: () => np.where(cond, x, x.T.T.neg()), expr: 'np.where(x > 0, x, -x)', args },
          { label: 'divmod', ours: () => np.divmod(x.T, 7.5), expr: 'np.divmod(x.T, 7.5)', args },
          { label: 'frexp', ours: () => np.frexp(x), expr: 'np.frexp(x)', args },
        ];
        await runRows(rows);
      });
    } finally {
      npx.set_num_threads(prev);
    }
  }));
});

describe('three-input kernels with one broadcast scalar among contiguous arrays', () => {
  it('clip(x, lo_array, hi_scalar), clip(x, lo_scalar, hi_array) and where(c, x, 0) over long runs match NumPy', () => np.scope(async () => {
    for (const dtype of ['float32', 'float64', 'int32'] as const) {
      const n = 1003; // past every vector width, with a tail
      const xs = Array.from({ length: n }, (_, i) => ((i * 7919) % 201) - 100);
      const ls = Array.from({ length: n }, (_, i) => ((i * 104729) % 61) - 40);
      const x = np.array(xs, { dtype }), lo = np.array(ls, { dtype });
      const raws = { x: toRaw(x), lo: toRaw(lo) };
      const [e1, e2, e3] = await Promise.all([
        oracle.eval('np.clip(x, lo, 25)', raws), oracle.eval('np.clip(x, -25, -lo)', raws), oracle.eval('np.where(x > 0, x, 0)', raws),
      ]);
      expectMatches(np.clip(x, lo, 25), e1!, {}, `${dtype} clip(x, lo, 25)`);
      expectMatches(np.clip(x, -25, np.negative(lo)), e2!, {}, `${dtype} clip(x, -25, -lo)`);
      expectMatches(np.where(np.greater(x, 0), x, 0), e3!, {}, `${dtype} where(x > 0, x, 0)`);
    }
  }));
});
