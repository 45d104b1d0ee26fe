// a.get / a.set (NumPy's a[index] and a[index] = v) against NumPy: random mixes of integers,
// slices (negative / omitted steps, out-of-range bounds), None, ..., integer lists / arrays and
// boolean masks over every NumPy dtype, 0-d / empty / non-contiguous arrays, in both the string
// and the structured form; view-vs-copy by writing through the result; assignment with
// broadcasting, casting, repeated indices and masks; NumPy's IndexErrors; malformed strings.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DType } from '../src/core/dtype.js';
import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import type { IndexPart } from '../src/np/indexing/prepare.js';
import { expectSameAsNumpy } from './helpers/arrays.js';
import { type ArraySpec, NUMPY_DTYPES, arraySpecArb, broadcastableTo, draw, pyView, rawOf, shapeArb, show, storageValue } from './helpers/gen.js';
import { NumpyOracle, isOracleError } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

// ---- random indices ---------------------------------------------------------------------------

type Item =
  | { k: 'int'; v: number }
  | { k: 'slice'; a: number | null; b: number | null; c: number | null }
  | { k: 'new' }
  | { k: 'ell' }
  | { k: 'ints'; v: number[] | number[][]; as: number }
  | { k: 'mask'; v: boolean[]; as: number }
  | { k: 'bool'; v: boolean };

type Raw = { kind: number; r: number[] };
const rawArb = fc.record({ kind: fc.integer({ min: 0, max: 99 }), r: fc.array(fc.integer({ min: 0, max: 9999 }), { minLength: 12, maxLength: 12 }) });

/** Index kind by weight: int, slice, None, ..., int list, bool mask, bool scalar. */
function kindOf(k: number): Item['k'] {
  if (k < 20) return 'int';
  if (k < 50) return 'slice';
  if (k < 58) return 'new';
  if (k < 66) return 'ell';
  if (k < 86) return 'ints';
  if (k < 96) return 'mask';
  return 'bool';
}

const STEPS = [-3, -2, -1, 1, 2, 3];

/** A valid-looking index for `shape` (errors still arise: out-of-range ints, broadcasting). */
function realize(shape: readonly number[], raws: readonly Raw[], len: number): Item[] {
  const nd = shape.length;
  const kinds = raws.map((x) => kindOf(x.kind));
  // Keep items while they fit the dimensions; at most one ellipsis.
  const keep: number[] = [];
  let used = 0;
  let ell = false;
  kinds.forEach((k, i) => {
    const c = k === 'int' || k === 'slice' || k === 'ints' || k === 'mask' ? 1 : 0;
    if (k === 'ell') {
      if (ell) return;
      ell = true;
    }
    if (used + c > nd) return;
    used += c;
    keep.push(i);
  });
  let axis = 0;
  const items: Item[] = [];
  for (const i of keep) {
    const k = kinds[i]!;
    const r = raws[i]!.r;
    const n = shape[axis] ?? 0;
    switch (k) {
      case 'int':
        items.push({ k, v: r[0]! % 12 === 0 || n === 0 ? n + (r[1]! % 2) : (r[1]! % (2 * n)) - n });
        axis++;
        break;
      case 'slice': {
        const part = (x: number): number | null => (x % 3 === 0 ? null : (x % (2 * n + 5)) - n - 2);
        items.push({ k, a: part(r[0]!), b: part(r[1]!), c: r[2]! % 3 === 0 ? null : STEPS[r[3]! % 6]! });
        axis++;
        break;
      }
      case 'new': items.push({ k }); break;
      case 'ell': items.push({ k }); axis += nd - used; break;
      case 'ints': {
        const val = (x: number): number => (x % 25 === 0 ? n + (x % 2) : n === 0 ? 0 : (x % (2 * n)) - n);
        const l = r[0]! % 5 === 0 ? 1 : len;
        const flat = Array.from({ length: l }, (_, j) => val(r[1 + j]!));
        const v = r[6]! % 4 === 0 ? [flat, flat.map((x, j) => val(r[7 + (j % 4)]! + x + n))] : flat;
        items.push({ k, v, as: r[11]! % 3 });
        axis++;
        break;
      }
      case 'mask':
        items.push({ k, v: Array.from({ length: r[0]! % 20 === 0 ? n + 1 : n }, (_, j) => ((r[1 + (j % 10)]! >> (j % 5)) & 1) === 1), as: r[11]! % 2 });
        axis++;
        break;
      case 'bool': items.push({ k, v: r[0]! % 2 === 0 }); break;
    }
  }
  return items;
}

const pyBool = (b: boolean): string => (b ? 'True' : 'False');
const pyList = (v: number[] | number[][] | boolean[]): string =>
  `[${(v as unknown[]).map((x) => (Array.isArray(x) ? pyList(x as number[]) : typeof x === 'boolean' ? pyBool(x) : String(x))).join(', ')}]`;

/** The index as NumPy's (and our string form's) text. */
function text(items: readonly Item[]): string {
  const f = (v: number | null): string => (v === null ? '' : String(v));
  return items.map((it) => {
    switch (it.k) {
      case 'int': return String(it.v);
      case 'slice': return `${f(it.a)}:${f(it.b)}${it.c === null ? '' : `:${it.c}`}`;
      case 'new': return 'None';
      case 'ell': return '...';
      case 'ints': case 'mask': return pyList(it.v);
      case 'bool': return pyBool(it.v);
    }
  }).join(', ');
}

const pyIndex = (items: readonly Item[]): string => (items.length === 0 ? '()' : items.length === 1 ? `${text(items)},` : text(items));
const ourString = (items: readonly Item[]): string => (items.length === 0 ? '()' : text(items));

const INT_INDEX_DTYPES: DType[] = ['int64', 'int32', 'int16'];

/** The structured form: JS numbers, np.s(...), null, '...', JS lists or NDArrays. */
function structured(items: readonly Item[]): IndexPart[] {
  return items.map((it): IndexPart => {
    switch (it.k) {
      case 'int': return it.v;
      case 'slice': return np.s(it.a, it.b, it.c);
      case 'new': return null;
      case 'ell': return '...';
      case 'ints': return it.as === 0 ? it.v : np.array(it.v, { dtype: INT_INDEX_DTYPES[it.as - 1]! });
      case 'mask': return it.as === 0 ? it.v : np.array(it.v, { dtype: 'bool' });
      case 'bool': return it.v;
    }
  });
}

const caseArb = (dtypes: readonly DType[]) => fc.tuple(
  fc.constantFrom(...dtypes).chain((d) => shapeArb(4).chain((s) => arraySpecArb(d, s, storageValue(d)))),
  fc.array(rawArb, { minLength: 0, maxLength: 5 }),
  fc.integer({ min: 0, max: 3 }),
).map(([s, raws, len]) => ({ s, items: realize(s.shape, raws, len) }));

/** The base array (fresh) and the view `spec` describes. */
function buildBoth(spec: ArraySpec): { base: NDArray; view: NDArray } {
  const base = np.NDArray._fromStorageData(spec.data.slice(), spec.base, spec.dtype);
  let a = base;
  for (const st of spec.steps) a = st.t === 'T' ? a.transpose(st.axes) : a.reshape(st.shape);
  return { base, view: a };
}

const hasAdvanced = (items: readonly Item[]): boolean => items.some((it) => it.k === 'ints' || it.k === 'mask' || it.k === 'bool');

describe('a.get', () => {
  it('random index mixes over every dtype and layout: NumPy\'s values, shape and dtype (string and structured forms)', async () => {
    const cases = draw(caseArb(NUMPY_DTYPES), 500, 401);
    const exp = await Promise.all(cases.map(({ s, items }) => oracle.eval(`${pyView('a', s)}[${pyIndex(items)}]`, { a: rawOf(s) })));
    let raised = 0;
    cases.forEach(({ s, items }, i) => {
      if (isOracleError(exp[i])) raised++;
      const l = `${s.dtype} ${show(s.shape)} ${show(s.steps)} [${ourString(items)}]`;
      expectSameAsNumpy(`${l} string`, 'get', () => buildBoth(s).view.get(ourString(items)), exp[i]!);
      expectSameAsNumpy(`${l} structured`, 'get', () => buildBoth(s).view.get(...structured(items)), exp[i]!);
    });
    // The generator must mostly produce valid indices (and some raising ones).
    expect(raised).toBeGreaterThan(10);
    expect(raised).toBeLessThan(cases.length / 2);
  });

  it('basic indexing gives a view, advanced indexing a copy: writing through the result', async () => {
    const cases = draw(caseArb(NUMPY_DTYPES), 300, 402);
    // All-integer basic indices give NumPy scalars; `, ...` makes them 0-d views (same elements).
    const idxOf = (items: readonly Item[]): string => (!hasAdvanced(items) && !items.some((x) => x.k === 'ell') ? `${text(items)}${items.length ? ', ' : ''}...` : pyIndex(items));
    const exp = await Promise.all(cases.map(({ s, items }) =>
      oracle.eval(`b = a.copy()\nv = ${pyView('b', s)}[${idxOf(items)}]\nv[...] = np.arange(v.size).reshape(v.shape)\nresult = b`, { a: rawOf(s) })));
    cases.forEach(({ s, items }, i) => {
      expectSameAsNumpy(`${s.dtype} ${show(s.shape)} ${show(s.steps)} [${ourString(items)}]`, 'get', () => {
        const { base, view } = buildBoth(s);
        const r = view.get(ourString(items));
        r.set('...', np.arange(r.size, { dtype: 'int64' }).reshape(r.shape));
        return base;
      }, exp[i]!);
    });
  });

  it('N-d boolean masks (leading axes, after a slice, on non-contiguous layouts): get and set', async () => {
    const cases = draw(fc.constantFrom(...NUMPY_DTYPES).chain((d) => shapeArb(4, 2).chain((sh) => arraySpecArb(d, sh, storageValue(d))))
      .chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: 2, max: s.shape.length }), fc.boolean(),
        fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }))), 150, 404);
    const maskOf = (s: ArraySpec, m: number, lead: boolean, bits: boolean[]) => {
      const shape = lead ? s.shape.slice(0, m) : s.shape.slice(s.shape.length - m);
      const n = shape.reduce((p, q) => p * q, 1);
      return { dtype: 'bool' as DType, shape, data: Uint8Array.from({ length: n }, (_, j) => Number(bits[j % 64])), fortranOrder: false };
    };
    const exp = await Promise.all(cases.flatMap(([s, m, lead, bits]) => {
      const ix = lead ? 'm' : '..., m';
      const args = { a: rawOf(s), m: maskOf(s, m, lead, bits) };
      return [oracle.eval(`${pyView('a', s)}[${ix}]`, args),
        oracle.eval(`b = a.copy()\nv = ${pyView('b', s)}\nv[${ix}] = np.arange(v[${ix}].size).reshape(v[${ix}].shape)\nresult = b`, args)];
    }));
    cases.forEach(([s, m, lead, bits], i) => {
      const l = `${s.dtype} ${show(s.shape)} ${show(s.steps)} mask ${m} ${lead ? 'leading' : 'trailing'}`;
      const mask = () => { const r = maskOf(s, m, lead, bits); return np.NDArray._fromStorageData(r.data, r.shape, 'bool'); };
      const ix = (): IndexPart[] => (lead ? [mask()] : ['...', mask()]);
      expectSameAsNumpy(l, 'get', () => buildBoth(s).view.get(...ix()), exp[2 * i]!);
      expectSameAsNumpy(`${l} set`, 'set', () => {
        const { base, view } = buildBoth(s);
        const parts = ix();
        const n = view.get(...parts);
        view.set(...parts, np.arange(n.size, { dtype: 'int64' }).reshape(n.shape));
        return base;
      }, exp[2 * i + 1]!);
    });
  });

  it('a 0-d result of integer indexing is a 0-d view', () => np.scope(() => {
    const a = np.arange(6, { dtype: 'float64' }).reshape([2, 3]);
    const r = a.get('1, -1');
    expect(r.shape).toEqual([]);
    expect(r.base).toBe(a.base ?? a);
    r.set('...', 42);
    expect(a.tolist()).toEqual([[0, 1, 2], [3, 4, 42]]);
    expect(a.get(1, np.s(null, null, -1)).tolist()).toEqual([42, 4, 3]);
    expect(a.get(np.newaxis, '...', 0).shape).toEqual([1, 2]);
  }));

  it('bfloat16 arrays index like their float32 values', () => np.scope(() => {
    const a = np.arange(12, { dtype: 'float32' }).reshape([3, 4]);
    const b = a.astype('bfloat16');
    for (const idx of ['1:, ::-2', '[2, 0], 1:3', '..., [True, False, True, False]', 'None, -1']) {
      expect(b.get(idx).astype('float32').tolist(), idx).toEqual(a.get(idx).tolist());
    }
  }));
});

describe('a.set', () => {
  const setArb = caseArb(NUMPY_DTYPES).chain((c) => {
    // The shape of the indexed result (from NumPy's rules as we implement them; a wrong shape
    // shows up as a failing comparison with NumPy below).
    let shape: number[] = [];
    try {
      np.scope(() => { shape = [...buildBoth(c.s).view.get(ourString(c.items)).shape]; });
    } catch { /* NumPy raises too: any value will do */ }
    return fc.tuple(fc.constant(c), broadcastableTo(shape), fc.constantFrom<'same' | 'int8' | 'scalar' | 'float64'>('same', 'same', 'int8', 'scalar', 'float64'), fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 64, maxLength: 64 }));
  });

  it('assignment with broadcasting, unsafe casting and repeated indices (last write wins) matches NumPy', async () => {
    const cases = draw(setArb, 400, 403);
    const valueOf = (vs: number[], vshape: number[], vt: string, dtype: DType): { py: string; ours: () => NDArray | number } => {
      const n = vshape.reduce((p, q) => p * q, 1);
      const vals = Array.from({ length: n }, (_, j) => vs[j % vs.length]!);
      if (vt === 'scalar') return { py: String(Math.abs(vals[0] ?? 1)), ours: () => Math.abs(vals[0] ?? 1) };
      const vd: DType = vt === 'same' ? dtype : (vt as DType);
      const fix = (x: number): number => (vd === 'bool' ? Number(x !== 0) : vd.startsWith('uint') ? Math.abs(x) : vt === 'float64' ? x + 0.5 : x);
      const list = vals.map(fix);
      return {
        py: `np.array([${list.map((x) => (vd === 'bool' ? pyBool(x !== 0) : String(x))).join(', ')}], dtype=np.dtype('${vd}')).reshape(${vshape.length === 1 ? `(${vshape[0]},)` : `(${vshape.join(', ')})`})`,
        ours: () => np.array(vd === 'bool' ? list.map((x) => x !== 0) : list, { dtype: vd }).reshape(vshape),
      };
    };
    const vals = cases.map(([c, vshape, vt, vs]) => valueOf(vs, vshape, vt, c.s.dtype));
    const exp = await Promise.all(cases.map(([c], i) =>
      oracle.eval(`b = a.copy()\nv = ${pyView('b', c.s)}\nwith np.errstate(all='ignore'):\n    v[${pyIndex(c.items)}] = ${vals[i]!.py}\nresult = b`, { a: rawOf(c.s) })));
    cases.forEach(([c, vshape, vt], i) => {
      const l = `${c.s.dtype} ${show(c.s.shape)} ${show(c.s.steps)} [${ourString(c.items)}] = ${vt} ${show(vshape)}`;
      expectSameAsNumpy(l, 'set', () => {
        const { base, view } = buildBoth(c.s);
        view.set(...(i % 2 || c.items.length === 0 ? [ourString(c.items)] : structured(c.items)), vals[i]!.ours());
        return base;
      }, exp[i]!);
    });
  });

  it('table: repeated indices, masks, leading unit dimensions of the value, nested-list values, overlap', async () => {
    const rows: [string, string, (a: NDArray) => void][] = [
      ['a[[0, 0, 1]] = [1, 2, 3]', 'a[[0, 0, 1]] = [1, 2, 3]', (a) => a.set('[0, 0, 1]', [1, 2, 3])],
      ['a[[1, 1], [2, 2]] = [5, 6]', 'a = a.reshape(2, 3); a[[1, 1], [2, 2]] = [5, 6]', (a) => a.reshape([2, 3]).set('[1, 1], [2, 2]', [5, 6])],
      ['mask = scalar', 'a[a > 2] = 0', (a) => a.set(a.gt(2), 0)],
      ['mask = values', 'a[a % 2 == 0] = [10, 20, 30]', (a) => a.set(a.mod(2).eq(0), [10, 20, 30])],
      ['leading 1s', 'a[1:4] = np.array([[[7, 8, 9]]])', (a) => a.set('1:4', np.array([[[7, 8, 9]]]))],
      ['overlap reversed', 'a[:] = a[::-1]', (a) => a.set(':', a.get('::-1'))],
      ['overlap shifted', 'a[1:] = a[:-1]', (a) => a.set('1:', a.get(':-1'))],
      ['fancy overlap', 'a[[1, 2]] = a[[2, 1]]', (a) => a.set('[1, 2]', a.get('[2, 1]'))],
      ['float into int', 'a[:3] = [1.7, -1.7, 2.5]', (a) => a.set(':3', [1.7, -1.7, 2.5])],
      ['0-d bool True', 'a[True] = 9', (a) => a.set(true, 9)],
      ['empty fancy', 'a[[]] = 5', (a) => a.set('[]', 5)],
      ['newaxis view', 'a.reshape(2, 3)[0, :, None] = 3', (a) => a.reshape([2, 3]).set(0, np.s(), null, 3)],
    ];
    const exp = await Promise.all(rows.map(([, py]) => oracle.eval(`a = np.arange(6)\nb = a\n${py}\nresult = b`)));
    rows.forEach(([l, , f], i) => expectSameAsNumpy(l, 'set', () => {
      const a = np.arange(6, { dtype: 'int64' });
      f(a);
      return a;
    }, exp[i]!));
  });

  it('NumPy\'s assignment errors', async () => {
    const rows: [string, (a: NDArray) => void][] = [
      ['a[:] = np.ones(4)', (a) => a.set(':', np.ones(4))],
      ['a[[0, 1]] = [1, 2, 3]', (a) => a.set('[0, 1]', [1, 2, 3])],
      ['a[a > 0] = [1, 2]', (a) => a.set(a.gt(0), [1, 2])],
      ['a[7] = 1', (a) => a.set(7, 1)],
      ['a[[0, 9]] = 1', (a) => a.set([0, 9], 1)],
      ['a[0] = 2**70', (a) => a.set(0, 2n ** 70n)],
    ];
    const exp = await Promise.all(rows.map(([py]) => oracle.eval(`a = np.arange(6)\n${py}\nresult = a`)));
    rows.forEach(([l, f], i) => {
      expect(isOracleError(exp[i]), l).toBe(true);
      expectSameAsNumpy(l, 'set', () => { const a = np.arange(6, { dtype: 'int64' }); f(a); return a; }, exp[i]!);
    });
    expect(() => np.scope(() => np.zeros(3).set(':', np.ones(2)))).toThrow('set: could not broadcast input array from shape (2,) into shape (3,)');
    expect(() => np.scope(() => { const a = np.zeros(3); a.set(a.gt(-1), np.ones(2)); })).toThrow(
      'set: NumPy boolean array indexing assignment cannot assign 2 input values to the 3 output values where the mask is true');
    expect(() => np.scope(() => np.zeros(3, { dtype: 'int8' }).set(0, 300))).toThrow(/^set: .*300 out of bounds for int8/);
    expect(() => np.scope(() => np.zeros(3).set(1))).toThrow(/^set: expected an index and a value/);
  });
});

describe('errors', () => {
  it('NumPy\'s IndexErrors, with the axis and size named', async () => {
    const rows = [
      '5', '-4', '0, 7', '[7], [0]', '[2], [7]', ':, [5]', 'None, :, [5]', '[0, 1], [0, 1, 2]', '0, 0, 0, 0', '..., ...',
      '::0', '[True, False]', ':, [True, False, True]', 'True, [True, False]',
    ];
    const exp = await Promise.all(rows.map((r) => oracle.eval(`np.zeros((3, 4, 5))[${r}]`)));
    rows.forEach((r, i) => {
      expect(isOracleError(exp[i]), r).toBe(true);
      expectSameAsNumpy(r, 'get', () => np.zeros([3, 4, 5]).get(r), exp[i]!, { exact: true });
    });
  });

  it('invalid index types are refused as NumPy refuses them', async () => {
    const cases: [string, () => IndexPart[], string][] = [
      ['1.5', () => [1.5], 'np.zeros(3)[1.5]'],
      ['float array', () => [np.array([1.0], { dtype: 'float64' })], 'np.zeros(3)[np.array([1.0])]'],
      ['float list', () => [[0.5, 1]], 'np.zeros(3)[np.array([0.5, 1])]'],
      ['0-d int array', () => [np.array(2, { dtype: 'int32' })], 'np.arange(3.)[np.array(2)]'],
      ['empty list', () => [[]], 'np.arange(3.)[[]]'],
      ['mixed bool/int list', () => [[0, true]], 'np.arange(3.)[[0, True]]'],
      ['bigint', () => [-1n], 'np.arange(3.)[-1]'],
    ];
    const exp = await Promise.all(cases.map(([, , py]) => oracle.eval(py)));
    cases.forEach(([l, parts], i) => expectSameAsNumpy(l, 'get', () => np.arange(3, { dtype: 'float64' }).get(...parts()), exp[i]!, { exact: isOracleError(exp[i]) }));
  });

  it('malformed index strings are rejected with the offending part named', () => np.scope(() => {
    const a = np.zeros([3, 4]);
    const bad: [string, RegExp][] = [
      ['', /empty index string/],
      ['1,,2', /empty index/],
      ['1:2:3:4', /more than three parts/],
      ['a', /cannot parse index 'a'/],
      ['1.5', /not an integer/],
      ['[0, 1', /unbalanced '\['/],
      ['0]', /unbalanced '\]'/],
      ['[0, 1:2]', /cannot be inside a list/],
      ['[0,,1]', /empty list element/],
      [':x', /cannot parse slice stop 'x'/],
      ['(0, 1)', /cannot parse/],
      ['1e3', /not an integer/],
    ];
    for (const [s, re] of bad) {
      expect(() => a.get(s), s).toThrow(SyntaxError);
      expect(() => a.get(s), s).toThrow(re);
    }
    // Accepted spellings: spaces, trailing commas, newaxis names, Ellipsis, the empty tuple.
    expect(a.get(' 1 , ').shape).toEqual([4]);
    expect(a.get('np.newaxis, newaxis, Ellipsis').shape).toEqual([1, 1, 3, 4]);
    expect(a.get('()').shape).toEqual([3, 4]);
    expect(a.get('[0, 1,], [True, False, True, False]').shape).toEqual([2]);
  }));
});

describe('npx.slice', () => {
  it('MXNet\'s begin/end/step slice is a copy of the basic slice', async () => {
    const exp = await oracle.eval('np.arange(60).reshape(3, 4, 5)[0:3:2, ::-1]');
    np.scope(() => {
      const a = np.arange(60, { dtype: 'int64' }).reshape([3, 4, 5]);
      const r = npx.slice(a, { begin: [0, null], end: [3, null], step: [2, -1] });
      expectSameAsNumpy('npx.slice', 'slice', () => r, exp);
      expect(r.base).toBe(null);
      expect(() => npx.slice(a, { begin: [0], end: [1, 2] })).toThrow(/^slice: begin and end/);
    });
  });
});
