// Shape manipulations that copy, against NumPy: tile, repeat (scalar and per-element counts,
// axis null), roll (several axes, repeated axes add up, axis null), resize, diff (n, prepend,
// append, bool), ediff1d (to_begin/to_end, its cast rule); shares_memory / may_share_memory.
// Copies are checked by writing into the result: the input must not change.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { np, npx } from '../src/index.js';
import { ALL_DTYPES, NUMPY_DTYPES } from './helpers/gen.js';
import { type Row, checkRow, py } from './helpers/manip.js';

beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

const ax = (n: number, extra = 1) => (n + extra > 0 ? fc.integer({ min: -n - extra, max: n - 1 + extra }) : fc.constant(0));
const small = fc.integer({ min: -1, max: 3 });

const rows: Row<any>[] = [
  { name: 'tile', args: () => fc.oneof(small, fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 5 }), fc.array(small, { maxLength: 3 })),
    q: (x, r) => np.tile(x, r), py: (r) => `np.tile(x, ${Array.isArray(r) ? `tuple(${py(r)})` : r})` },
  { name: 'repeat', args: (s) => fc.tuple(fc.oneof(small, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 5 })), fc.oneof(fc.constant(null), ax(s.length))),
    q: (x, [r, axis]) => np.repeat(x, r, { axis }), py: ([r, axis]) => `np.repeat(x, ${py(r)}, axis=${py(axis)})` },
  { name: 'roll', args: (s) => fc.oneof(
    fc.tuple(fc.integer({ min: -7, max: 7 }), fc.constant(null)),
    fc.tuple(fc.integer({ min: -7, max: 7 }), ax(s.length)),
    fc.tuple(fc.array(fc.integer({ min: -7, max: 7 }), { minLength: 1, maxLength: 3 }), fc.array(ax(s.length, 0), { minLength: 1, maxLength: 3 }))),
    q: (x, [sh, axis]) => np.roll(x, sh, { axis }), py: ([sh, axis]) => `np.roll(x, ${py(sh)}, axis=${py(axis)})` },
  { name: 'resize', args: () => fc.oneof(fc.integer({ min: -1, max: 7 }), fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 })),
    q: (x, s) => np.resize(x, s), py: (s) => `np.resize(x, ${py(s)})` },
  { name: 'diff', args: (s) => fc.tuple(fc.integer({ min: -1, max: 3 }), ax(s.length)),
    q: (x, [n, axis]) => np.diff(x, { n, axis }), py: ([n, axis]) => `np.diff(x, n=${n}, axis=${axis})` },
];

describe('copies: values and errors against NumPy', () => {
  rows.forEach((row, k) => {
    it(`${row.name}: every dtype, layout, 0-d/empty shapes and arguments`, async () => {
      await checkRow(row, row.name === 'diff' ? NUMPY_DTYPES : ALL_DTYPES, 90, 400 + k);
    });
  });

  it('diff with prepend / append (scalars broadcast, arrays joined)', async () => {
    const row: Row<[number, number, number]> = {
      name: 'diff', args: (s) => fc.tuple(fc.integer({ min: 1, max: 2 }), ax(s.length, 0), fc.integer({ min: -3, max: 3 })),
      q: (x, [n, axis, v]) => np.diff(x, { n, axis, prepend: v, append: np.full(x.shape.map((d, i) => (i === (axis + x.ndim) % x.ndim ? 2 : d)), v, { dtype: 'int8' }) }),
      py: ([n, axis, v]) => `np.diff(x, n=${n}, axis=${axis}, prepend=${v}, append=np.full([2 if i == ${axis} % x.ndim else d for i, d in enumerate(x.shape)], ${v}, 'int8'))`,
    };
    await checkRow(row, ['int16', 'int64', 'float32', 'float64'], 80, 450);
  });

  it('ediff1d: flattened differences in the input dtype, to_begin/to_end and their cast rule', async () => {
    const vals = fc.oneof(fc.constant(null), fc.integer({ min: -300, max: 300 }), fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 3 }), fc.constant(0.5));
    const row: Row<[number | number[] | null, number | number[] | null]> = {
      name: 'ediff1d', args: () => fc.tuple(vals, vals),
      q: (x, [b, e]) => np.ediff1d(x, { to_begin: b, to_end: e }), py: ([b, e]) => `np.ediff1d(x, to_begin=${py(b)}, to_end=${py(e)})`,
    };
    await checkRow(row, NUMPY_DTYPES, 120, 451);
  });

  it('results are copies: writing into them leaves the input alone', () => {
    np.scope(() => {
      const a = np.arange(6).reshape(2, 3);
      for (const r of [np.tile(a, 1), np.repeat(a, 1, { axis: 0 }), np.roll(a, 0), np.resize(a, [2, 3]), np.pad(a, 0)]) {
        expect(np.shares_memory(a, r)).toBe(false);
        np.add(r, 100, { out: r });
        expect(a.tolist()).toEqual([[0n, 1n, 2n], [3n, 4n, 5n]]);
      }
      expect(a.repeat(2, 0).tolist()).toEqual([[0n, 1n, 2n], [0n, 1n, 2n], [3n, 4n, 5n], [3n, 4n, 5n]]);
    });
  });

  it('raises as NumPy with the op named', () => {
    np.scope(() => {
      expect(() => np.repeat(np.zeros(3), [1, 2])).toThrow(/^repeat: operands could not be broadcast together with shape \(3,\) \(2,\)$/);
      expect(() => np.repeat(np.zeros(3), -1)).toThrow(/^repeat: negative dimensions are not allowed$/);
      expect(() => np.tile(np.zeros(3), -1)).toThrow(/^tile: negative dimensions are not allowed$/);
      expect(() => np.diff(np.zeros(3), { n: -1 })).toThrow(/^diff: order must be non-negative but got -1$/);
      expect(() => np.diff(np.zeros([]))).toThrow(/^diff: diff requires input that is at least one dimensional$/);
      expect(() => np.ediff1d(np.zeros(3, { dtype: 'int64' }), { to_end: 0.5 })).toThrow(TypeError);
      expect(() => np.resize(np.zeros(3), -1)).toThrow(/^resize: all elements of `new_shape` must be non-negative$/);
      expect(() => np.roll(np.zeros(3), 1, 1)).toThrow(/^roll: axis 1 is out of bounds for array of dimension 1$/);
    });
  });
});

describe('shares_memory / may_share_memory', () => {
  it('views, slices and copies: NumPy\'s answers', async () => {
    const { oracle } = await import('./helpers/manip.js');
    // pairs of expressions on one base array b = arange(24).reshape(2, 3, 4)
    const pairs: [string, string, (b: import('../src/core/ndarray.js').NDArray) => [unknown, unknown]][] = [
      ['b', 'b.T', (b) => [b, b.T]],
      ['np.split(b, 2, axis=2)[0]', 'np.split(b, 2, axis=2)[1]', (b) => [np.split(b, 2, { axis: 2 })[0], np.split(b, 2, { axis: 2 })[1]]],
      ['np.flip(b)', 'np.split(b, [1])[1]', (b) => [np.flip(b), np.split(b, [1])[1]]],
      ['np.split(b.ravel(), [5])[0]', 'np.split(b.ravel(), [5])[1]', (b) => [np.split(b.ravel(), [5])[0], np.split(b.ravel(), [5])[1]]],
      ['b', 'b.copy()', (b) => [b, b.copy()]],
      ['b', '[1, 2]', (b) => [b, [1, 2]]],
      ['np.broadcast_to(b[0], (5, 3, 4))', 'b[1]', (b) => [np.broadcast_to(np.unstack(b)[0]!, [5, 3, 4]), np.unstack(b)[1]]],
      ['np.unstack(b, axis=2)[0]', 'np.unstack(b, axis=2)[3]', (b) => [np.unstack(b, { axis: 2 })[0], np.unstack(b, { axis: 2 })[3]]],
      ['np.unstack(b, axis=2)[0]', 'np.unstack(b, axis=1)[2]', (b) => [np.unstack(b, { axis: 2 })[0], np.unstack(b, { axis: 1 })[2]]],
    ];
    const exp = await Promise.all(pairs.map(([p, q]) => oracle.eval(`b = np.arange(24).reshape(2, 3, 4)\nresult = [bool(np.shares_memory(${p}, ${q})), bool(np.may_share_memory(${p}, ${q}))]`)));
    pairs.forEach(([p, q, f], i) => {
      np.scope(() => {
        const b = np.arange(24).reshape(2, 3, 4);
        const [x, y] = f(b);
        expect([np.shares_memory(x, y), np.may_share_memory(x, y)], `${p} / ${q}`).toEqual(exp[i]);
      });
    });
  });

  it('interleaved views: may_share_memory says maybe, shares_memory is exact', () => {
    np.scope(() => {
      const b = np.arange(8);
      const [even, odd] = np.unstack(b.reshape(4, 2), { axis: 1 });
      expect(np.may_share_memory(even, odd)).toBe(true);
      expect(np.shares_memory(even, odd)).toBe(false);
    });
  });
});

