// The shape-manipulation functions that return views, against NumPy: permute_dims, matrix_transpose,
// swapaxes, moveaxis, rollaxis, expand_dims, squeeze, atleast_1d/2d/3d, broadcast_to,
// broadcast_arrays, flip, flipud, fliplr, rot90, split, array_split, hsplit, vsplit, dsplit,
// unstack, trim_zeros. Every dtype, 0-d / empty / size-1 shapes, transposed and reshaped inputs,
// negative and out-of-range axes (NumPy's error → ours, naming the op). Whether a result is a view
// is checked by writing through it (np.add with out=) and comparing the base with NumPy's.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { ALL_DTYPES, permArb, shapeArb } from './helpers/gen.js';
import { type Row, checkRow, checkWriteThrough, py } from './helpers/manip.js';

beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

const ax = (n: number, extra = 1) => (n + extra > 0 ? fc.integer({ min: -n - extra, max: n - 1 + extra }) : fc.constant(0));
const none = () => fc.constant(null);
const WRITE_DTYPES = ['int8', 'int32', 'uint16', 'float32', 'float64'] as const;

const rows: Row<any>[] = [
  { name: 'permute_dims', args: (s) => fc.oneof(permArb(s.length), fc.array(ax(s.length), { maxLength: s.length + 1 }), none()),
    q: (x, a) => np.permute_dims(x, a), py: (a) => `np.permute_dims(x, ${a === null ? 'None' : `tuple(${py(a)})`})` },
  { name: 'matrix_transpose', args: none, q: (x) => np.matrix_transpose(x), py: () => 'np.matrix_transpose(x)' },
  { name: 'swapaxes', args: (s) => fc.tuple(ax(s.length), ax(s.length)), q: (x, [i, j]) => np.swapaxes(x, i, j), py: ([i, j]) => `np.swapaxes(x, ${i}, ${j})` },
  { name: 'moveaxis', args: (s) => fc.oneof(fc.tuple(ax(s.length), ax(s.length)),
    fc.tuple(fc.array(ax(s.length, 0), { maxLength: 3 }), fc.array(ax(s.length, 0), { maxLength: 3 }))),
    q: (x, [a, b]) => np.moveaxis(x, a, b), py: ([a, b]) => `np.moveaxis(x, ${py(a)}, ${py(b)})` },
  { name: 'rollaxis', args: (s) => fc.tuple(ax(s.length), ax(s.length + 1)), q: (x, [a, b]) => np.rollaxis(x, a, b), py: ([a, b]) => `np.rollaxis(x, ${a}, ${b})` },
  { name: 'expand_dims', args: (s) => fc.oneof(ax(s.length + 1), fc.array(ax(s.length + 2, 0), { maxLength: 3 })),
    q: (x, a) => np.expand_dims(x, a), py: (a) => `np.expand_dims(x, ${Array.isArray(a) ? `tuple(${py(a)})` : a})` },
  { name: 'squeeze', args: (s) => fc.oneof(none(), ax(s.length), fc.array(ax(s.length, 0), { maxLength: 2 })),
    q: (x, a) => np.squeeze(x, a), py: (a) => `np.squeeze(x, ${Array.isArray(a) ? `tuple(${py(a)})` : py(a)})` },
  { name: 'atleast_1d', args: none, q: (x) => np.atleast_1d(x), py: () => 'np.atleast_1d(x)' },
  { name: 'atleast_2d', args: none, q: (x) => np.atleast_2d(x), py: () => 'np.atleast_2d(x)' },
  { name: 'atleast_3d', args: none, q: (x) => np.atleast_3d(x), py: () => 'np.atleast_3d(x)' },
  { name: 'flip', args: (s) => fc.oneof(none(), ax(s.length), fc.array(ax(s.length, 0), { maxLength: 3 })),
    q: (x, a) => np.flip(x, a), py: (a) => `np.flip(x, ${Array.isArray(a) ? `tuple(${py(a)})` : py(a)})`,
    // NumPy's flip of a 0-d array indexes it with () and so gives a scalar copy (quark: a 0-d view).
    writable: (s) => s.length > 0 },
  { name: 'flipud', args: none, q: (x) => np.flipud(x), py: () => 'np.flipud(x)' },
  { name: 'fliplr', args: none, q: (x) => np.fliplr(x), py: () => 'np.fliplr(x)' },
  { name: 'rot90', args: (s) => fc.tuple(fc.integer({ min: -5, max: 5 }), fc.oneof(fc.constant([0, 1]), fc.tuple(ax(s.length), ax(s.length)))),
    q: (x, [k, axes]) => np.rot90(x, { k, axes }), py: ([k, axes]) => `np.rot90(x, ${k}, ${py(axes)})` },
  { name: 'split', args: (s) => fc.tuple(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.array(fc.integer({ min: -6, max: 6 }), { maxLength: 4 })), ax(s.length)),
    q: (x, [sec, axis]) => np.split(x, sec, { axis }), py: ([sec, axis]) => `np.split(x, ${py(sec)}, axis=${axis})` },
  { name: 'array_split', args: (s) => fc.tuple(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.array(fc.integer({ min: -6, max: 6 }), { maxLength: 4 })), ax(s.length)),
    q: (x, [sec, axis]) => np.array_split(x, sec, axis), py: ([sec, axis]) => `np.array_split(x, ${py(sec)}, axis=${axis})` },
  { name: 'hsplit', args: () => fc.oneof(fc.integer({ min: 1, max: 3 }), fc.array(fc.integer({ min: -4, max: 4 }), { maxLength: 3 })),
    q: (x, sec) => np.hsplit(x, sec), py: (sec) => `np.hsplit(x, ${py(sec)})` },
  { name: 'vsplit', args: () => fc.oneof(fc.integer({ min: 1, max: 3 }), fc.array(fc.integer({ min: -4, max: 4 }), { maxLength: 3 })),
    q: (x, sec) => np.vsplit(x, sec), py: (sec) => `np.vsplit(x, ${py(sec)})` },
  { name: 'dsplit', args: () => fc.oneof(fc.integer({ min: 1, max: 3 }), fc.array(fc.integer({ min: -4, max: 4 }), { maxLength: 3 })),
    q: (x, sec) => np.dsplit(x, sec), py: (sec) => `np.dsplit(x, ${py(sec)})` },
  { name: 'unstack', args: (s) => ax(s.length), q: (x, axis) => np.unstack(x, { axis }), py: (axis) => `np.unstack(x, axis=${axis})`,
    // NumPy's unstack of a 1-D array gives scalars (quark: 0-d views), so only n-D results are written.
    writable: (s) => s.length >= 2 },
];

describe('views: values and errors against NumPy', () => {
  rows.forEach((row, k) => {
    it(`${row.name}: every dtype, layout, 0-d/empty shapes and axes`, async () => {
      await checkRow(row, ALL_DTYPES, 70, 100 + k);
    });
  });
});

describe('views: writing through the result writes the input (as NumPy)', () => {
  rows.forEach((row, k) => {
    it(`${row.name} is a view`, async () => {
      await checkWriteThrough(row, WRITE_DTYPES, 40, 200 + k);
    });
  });
});

describe('broadcasting', () => {
  const target = (s: readonly number[]) => fc.tuple(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }),
    fc.array(fc.integer({ min: 0, max: 3 }), { minLength: s.length, maxLength: s.length }), fc.integer({ min: 0, max: 9 }))
    .map(([pre, repl, bad]) => [...pre, ...s.map((d, i) => (d === 1 ? repl[i]! : bad === 0 ? d + 1 : d))]);
  const row: Row<number[]> = { name: 'broadcast_to', args: target, q: (x, s) => np.broadcast_to(x, s), py: (s) => `np.broadcast_to(x, tuple(${py(s)}))` };
  it('broadcast_to: every dtype and layout, compatible and incompatible shapes', async () => {
    await checkRow(row, ALL_DTYPES, 150, 300);
  });
  it('broadcast_arrays: views of one common shape; mismatches raise', async () => {
    const other = (s: readonly number[]) => fc.oneof(target(s), shapeArb(3));
    const r2: Row<number[]> = { name: 'broadcast_arrays', args: other,
      q: (x, s) => np.broadcast_arrays(x, np.zeros(s, { dtype: 'int8' })), py: (s) => `list(np.broadcast_arrays(x, np.zeros(tuple(${py(s)}), 'int8')))` };
    await checkRow(r2, ALL_DTYPES, 100, 301);
  });
  it('broadcast_shapes: NumPy\'s result and error', async () => {
    const cases = fc.sample(fc.array(fc.oneof(shapeArb(3), fc.integer({ min: 0, max: 3 })), { maxLength: 4 }), { seed: 302, numRuns: 150 });
    const { oracle } = await import('./helpers/manip.js');
    const exp = await Promise.all(cases.map((c) => oracle.eval(`list(np.broadcast_shapes(${c.map((s) => (Array.isArray(s) ? `tuple(${py(s)})` : s)).join(', ')}))`)));
    cases.forEach((c, i) => {
      const e = exp[i]!;
      if (typeof e === 'object' && e !== null && 'error' in e) expect(() => np.broadcast_shapes(...c), JSON.stringify(c)).toThrow(/^broadcast_shapes: shape mismatch/);
      else expect(np.broadcast_shapes(...c), JSON.stringify(c)).toEqual(e);
    });
  });
  it('broadcast_to views its input (stride 0 along the new axes)', () => {
    np.scope(() => {
      const a = np.arange(3);
      const b = np.broadcast_to(a, [2, 3]);
      expect(b.strides).toEqual([0, 8]);
      expect(b.base).toBe(a);
      expect(np.shares_memory(a, b)).toBe(true);
    });
  });
});

describe('trim_zeros', () => {
  const zerosArb = (s: readonly number[]) => fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 })),
    { minLength: s.reduce((a, b) => a * b, 1), maxLength: s.reduce((a, b) => a * b, 1) });
  it('1-D and n-D, trim f/b/fb, axis: NumPy\'s views', async () => {
    const { oracle } = await import('./helpers/manip.js');
    const cases = fc.sample(shapeArb(3).chain((s) => fc.tuple(fc.constant(s), zerosArb(s), fc.constantFrom('f', 'b', 'fb', 'BF', 'x'),
      fc.oneof(fc.constant(null), ax(s.length, 0)))), { seed: 303, numRuns: 120 });
    const exp = await Promise.all(cases.map(([s, v, t, a]) => oracle.eval(`np.trim_zeros(np.array(${py(v)}, 'int32').reshape(${py(s)}), ${py(t)}, axis=${py(a)})`)));
    const { expectSameAsNumpy } = await import('./helpers/arrays.js');
    cases.forEach(([s, v, t, a], i) => expectSameAsNumpy(`trim_zeros ${JSON.stringify([s, v, t, a])}`, 'trim_zeros',
      () => np.trim_zeros(np.array(v, { dtype: 'int32' }).reshape(s), t, { axis: a }), exp[i]!));
  });
  it('returns a view', () => {
    np.scope(() => {
      const a = np.array([0, 0, 1, 2, 0]);
      const t = np.trim_zeros(a);
      np.add(t, 10, { out: t });
      expect(a.tolist()).toEqual([0n, 0n, 11n, 12n, 0n]);
    });
  });
});

describe('methods and messages', () => {
  it('ndarray.swapaxes / squeeze / mT are views', () => {
    np.scope(() => {
      const a = np.arange(6).reshape(1, 2, 3);
      const s = a.squeeze();
      expect(s.shape).toEqual([2, 3]);
      expect(a.swapaxes(0, 2).shape).toEqual([3, 2, 1]);
      expect(a.mT.shape).toEqual([1, 3, 2]);
      np.add(s, 1, { out: s });
      expect(a.tolist()).toEqual([[[1n, 2n, 3n], [4n, 5n, 6n]]]);
      expect(a.squeeze(0).shape).toEqual([2, 3]);
    });
  });
  it('flip gives negative strides (a view, as NumPy)', () => {
    np.scope(() => {
      const a = np.arange(6, { dtype: 'int32' }).reshape(2, 3);
      const f = np.flip(a, 1);
      expect(f.strides).toEqual([12, -4]);
      expect(f.base).toBe(a.base ?? a);
      expect(np.rot90(a).strides).toEqual([-4, 12]);
    });
  });
  const cases: [string, () => unknown, RegExp][] = [
    ['swapaxes bad axis', () => np.swapaxes(np.zeros([2, 3]), 0, 2), /^swapaxes: axis 2 is out of bounds for array of dimension 2$/],
    ['moveaxis lengths', () => np.moveaxis(np.zeros([2, 3]), 0, [0, 1]), /^moveaxis: `source` and `destination` arguments must have the same number of elements$/],
    ['moveaxis repeated', () => np.moveaxis(np.zeros([2, 3]), [0, 0], [0, 1]), /^moveaxis: repeated axis in `source` argument$/],
    ['expand_dims repeated', () => np.expand_dims(np.zeros(3), [0, 0]), /^expand_dims: repeated axis$/],
    ['squeeze size', () => np.squeeze(np.zeros([2, 1]), 0), /^squeeze: cannot select an axis to squeeze out which has size not equal to one$/],
    ['split unequal', () => np.split(np.zeros(5), 2), /^split: array split does not result in an equal division$/],
    ['array_split zero', () => np.array_split(np.zeros(5), 0), /^array_split: number sections must be larger than 0\.$/],
    ['vsplit 1-D', () => np.vsplit(np.zeros(4), 2), /^vsplit: vsplit only works on arrays of 2 or more dimensions$/],
    ['rot90 axes', () => np.rot90(np.zeros([2, 3]), { axes: [0, 0] }), /^rot90: Axes must be different\.$/],
    ['broadcast_to', () => np.broadcast_to(np.zeros(3), [4]), /^broadcast_to: operands could not be broadcast together with remapped shapes/],
    ['matrix_transpose 1-D', () => np.matrix_transpose(np.zeros(3)), /^matrix_transpose: Input array must be at least 2-dimensional, but it is 1$/],
    ['unstack 0-d', () => np.unstack(np.zeros([])), /^unstack: Input array must be at least 1-d\.$/],
  ];
  it.each(cases)('%s raises a clear error naming the op', (_l, f, re) => {
    np.scope(() => { expect(f).toThrow(re); });
  });
  it('JS lists are accepted as array_like inputs', () => {
    np.scope(() => {
      expect(np.flip([1, 2, 3]).tolist()).toEqual([3n, 2n, 1n]);
      expect((np.atleast_2d([1, 2]) as NDArray).shape).toEqual([1, 2]);
      expect(np.split([1.5, 2, 3, 4], 2).map((x) => x.tolist())).toEqual([[1.5, 2], [3, 4]]);
      // sections as an integer NDArray: 0-d is a count, 1-D the cut indices (as NumPy)
      expect(np.split([1.5, 2, 3, 4], np.array(2)).map((x) => x.shape)).toEqual([[2], [2]]);
      expect(np.array_split([1.5, 2, 3, 4], np.array([1, 3])).map((x) => x.shape)).toEqual([[1], [2], [1]]);
    });
  });
});
