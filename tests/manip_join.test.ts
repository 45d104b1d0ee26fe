// Joining arrays against NumPy: concatenate / concat (mixed dtypes promote as NumPy, axis null
// flattens, dtype= / casting= / out=), stack, vstack, hstack, dstack, column_stack, row_stack,
// append. Inputs in every layout (transposed, reshaped views); mismatched shapes, bad axes and
// forbidden casts raise as NumPy does, with the op named.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DType } from '../src/core/dtype.js';
import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { expectSameAsNumpy } from './helpers/arrays.js';
import { type ArraySpec, NUMPY_DTYPES, arraySpecArb, build, draw, pyView, rawOf, shapeArb, show } from './helpers/gen.js';
import { type FlipSpec, buildView, flipped, oracle, py, pyFlipView } from './helpers/manip.js';
import type { RawArray } from '../src/np/io/npy.js';

beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

/** k arrays whose shapes agree except along `axis` (sometimes not: then NumPy raises). */
function joinArb(dtypes: readonly DType[], extraAxis = 0): fc.Arbitrary<{ specs: FlipSpec[]; axis: number }> {
  return shapeArb(3, 1).chain((s) => fc.tuple(fc.integer({ min: -s.length - 1 - extraAxis, max: s.length + extraAxis }),
    fc.array(fc.tuple(fc.constantFrom(...dtypes), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 14 })), { minLength: 1, maxLength: 4 }))
    .chain(([axis, parts]) => {
      const n = s.length;
      const a = axis < 0 ? axis + n : axis;
      return fc.tuple(...parts.map(([d, len, bad]) => {
        const shape = s.map((x, i) => (i === a ? len : x));
        if (bad === 0 && n > 1) shape[(a + 1) % n] = shape[(a + 1) % n]! + 1;
        if (bad === 1) shape.push(2);
        return flipped(arraySpecArb(d, shape));
      })).map((specs) => ({ specs, axis }));
    }));
}

const args = (specs: readonly ArraySpec[]): Record<string, RawArray> => Object.fromEntries(specs.map((s, i) => [`a${i}`, rawOf(s)]));
const views = (specs: readonly FlipSpec[]): string => `[${specs.map((s, i) => pyFlipView(`a${i}`, s)).join(', ')}]`;
const label = (specs: readonly ArraySpec[]): string => specs.map((s) => `${s.dtype}${show(s.shape)}`).join(' ');

describe('np.concatenate', () => {
  it('mixed dtypes and layouts, every axis (negative, out of range): NumPy\'s values, dtype and errors', async () => {
    const cases = draw(joinArb(NUMPY_DTYPES), 250, 1);
    const exp = await Promise.all(cases.map(({ specs, axis }) => oracle.eval(`np.concatenate(${views(specs)}, axis=${axis})`, args(specs))));
    cases.forEach(({ specs, axis }, i) => expectSameAsNumpy(`concatenate ${label(specs)} axis=${axis}`, 'concatenate',
      () => np.concatenate(specs.map(buildView), { axis }), exp[i]!));
  });

  it('bfloat16 with itself and its NumPy (ml_dtypes) partners', async () => {
    const cases = draw(joinArb(['bfloat16', 'bfloat16', 'int8', 'uint8', 'bool', 'float32']), 80, 2);
    const exp = await Promise.all(cases.map(({ specs, axis }) => oracle.eval(`np.concatenate(${views(specs)}, axis=${axis})`, args(specs))));
    cases.forEach(({ specs, axis }, i) => expectSameAsNumpy(`concatenate ${label(specs)} axis=${axis}`, 'concatenate',
      () => np.concatenate(specs.map(buildView), { axis }), exp[i]!));
  });

  it('axis null flattens any shapes (0-d included)', async () => {
    const arb = fc.array(fc.constantFrom(...NUMPY_DTYPES).chain((d) => shapeArb(3).chain((s) => arraySpecArb(d, s))), { minLength: 1, maxLength: 3 });
    const cases = draw(arb, 100, 3);
    const exp = await Promise.all(cases.map((specs) => oracle.eval(`np.concatenate(${views(specs)}, axis=None)`, args(specs))));
    cases.forEach((specs, i) => expectSameAsNumpy(`concatenate ${label(specs)} axis=None`, 'concatenate',
      () => np.concatenate(specs.map(buildView), null), exp[i]!));
  });

  it('dtype= and casting=: NumPy\'s result dtype, or its cast error', async () => {
    const arb = joinArb(NUMPY_DTYPES).chain((c) => fc.tuple(fc.constant(c), fc.constantFrom(...NUMPY_DTYPES),
      fc.constantFrom('no', 'equiv', 'safe', 'same_kind', 'unsafe') as fc.Arbitrary<'no' | 'equiv' | 'safe' | 'same_kind' | 'unsafe'>));
    const cases = draw(arb, 200, 4);
    const exp = await Promise.all(cases.map(([{ specs, axis }, d, casting]) =>
      oracle.eval(`np.concatenate(${views(specs)}, axis=${axis}, dtype='${d}', casting='${casting}')`, args(specs))));
    cases.forEach(([{ specs, axis }, d, casting], i) => expectSameAsNumpy(`concatenate ${label(specs)} axis=${axis} dtype=${d} ${casting}`, 'concatenate',
      () => np.concatenate(specs.map(buildView), { axis, dtype: d, casting }), exp[i]!, { match: { zeroSign: false } }));
  });

  it('out=: written in its dtype (cast checked), returned; wrong shapes raise', async () => {
    const arb = joinArb(['int16', 'float32', 'float64', 'uint8']).chain((c) => fc.tuple(fc.constant(c), fc.constantFrom<DType>('int64', 'float32', 'float64', 'int8'), fc.boolean()));
    const cases = draw(arb, 120, 5);
    const outShape = (specs: ArraySpec[], axis: number, wrong: boolean): number[] => {
      const s = [...specs[0]!.shape];
      const a = axis < 0 ? axis + s.length : axis;
      if (a >= 0 && a < s.length) s[a] = specs.reduce((n, x) => n + (x.shape[a] ?? 0), 0);
      if (wrong) s.push(1);
      return s;
    };
    const exp = await Promise.all(cases.map(([{ specs, axis }, d, wrong]) =>
      oracle.eval(`o = np.zeros(${py(outShape(specs, axis, wrong))}, '${d}')\nr = np.concatenate(${views(specs)}, axis=${axis}, out=o)\nresult = o`, args(specs))));
    cases.forEach(([{ specs, axis }, d, wrong], i) => expectSameAsNumpy(`concatenate out ${label(specs)} axis=${axis} ${d}`, 'concatenate', () => {
      const o = np.zeros(outShape(specs, axis, wrong), { dtype: d });
      const r = np.concatenate(specs.map(buildView), { axis, out: o });
      expect(r).toBe(o);
      return o;
    }, exp[i]!));
  });

  it('contiguous pieces at offsets (the one-block copy): split parts rejoined, leading size-1 axes, mixed with casts', async () => {
    const exp = await Promise.all([
      oracle.eval('b = np.arange(60, dtype=np.float32).reshape(1, 6, 10)\np = np.split(b, [1, 4], axis=1)\nresult = np.concatenate([p[2], p[0], p[1], p[0]], axis=1)'),
      oracle.eval('b = np.arange(24, dtype=np.int16)\np = np.split(b, [5, 7])\nresult = np.concatenate([p[1], p[2].astype(np.int8), p[0], p[1][::-1]])'),
    ]);
    expectSameAsNumpy('offsets axis 1', 'concatenate', () => {
      const p = np.split(np.arange(60, { dtype: 'float32' }).reshape(1, 6, 10), [1, 4], { axis: 1 });
      return np.concatenate([p[2]!, p[0]!, p[1]!, p[0]!], { axis: 1 });
    }, exp[0]!);
    expectSameAsNumpy('offsets 1-D', 'concatenate', () => {
      const p = np.split(np.arange(24, { dtype: 'int16' }), [5, 7]);
      return np.concatenate([p[1]!, p[2]!.astype('int8'), p[0]!, np.flip(p[1]!)]);
    }, exp[1]!);
  });

  it('an NDArray is a sequence of its rows (as NumPy iterates it)', async () => {
    const exp = await Promise.all([
      oracle.eval('np.concatenate(np.arange(6).reshape(2, 3))'),
      oracle.eval('np.stack(np.arange(6).reshape(2, 3), axis=1)'),
      oracle.eval('np.vstack(np.arange(6).reshape(2, 3))'),
      oracle.eval('np.concatenate(np.arange(3))'),
    ]);
    expectSameAsNumpy('concatenate(2-D)', 'concatenate', () => np.concatenate(np.arange(6).reshape(2, 3)), exp[0]!);
    expectSameAsNumpy('stack(2-D)', 'stack', () => np.stack(np.arange(6).reshape(2, 3), 1), exp[1]!);
    expectSameAsNumpy('vstack(2-D)', 'vstack', () => np.vstack(np.arange(6).reshape(2, 3)), exp[2]!);
    expectSameAsNumpy('concatenate(1-D)', 'concatenate', () => np.concatenate(np.arange(3)), exp[3]!);
  });

  it('raises as NumPy: no arrays, 0-d arrays, out with dtype', () => {
    np.scope(() => {
      expect(() => np.concatenate([])).toThrow(/^concatenate: need at least one array to concatenate$/);
      expect(() => np.concatenate([np.zeros([]), np.zeros([])])).toThrow(/^concatenate: zero-dimensional arrays cannot be concatenated$/);
      expect(() => np.concatenate([np.zeros(2)], { out: np.zeros(2), dtype: 'int8' })).toThrow(TypeError);
      expect(() => np.concatenate([np.zeros(2)], { casting: 'sometimes' as 'safe' })).toThrow(/^concatenate: casting must be one of/);
      expect(() => np.concatenate([np.zeros([2, 3]), np.zeros([2, 2])])).toThrow(
        /^concatenate: all the input array dimensions except for the concatenation axis must match exactly, but along dimension 1, the array at index 0 has size 3 and the array at index 1 has size 2$/);
    });
  });

  it('concat is the Array API name; JS lists work; one copy (the result owns its data)', () => {
    np.scope(() => {
      const r = np.concat([[1, 2], [3]]);
      expect(r.tolist()).toEqual([1n, 2n, 3n]);
      expect(r.dtype).toBe('int64');
      expect(r.base).toBeNull();
      const a = np.arange(4);
      const c = np.concatenate([a, a]);
      expect(np.shares_memory(a, c)).toBe(false);
    });
  });
});

/** Arrays of ndim 0..3 whose shapes mostly agree (so some calls work and some raise). */
const looseArb = (dtypes: readonly DType[], minLen = 1) => shapeArb(3).chain((s) => fc.array(fc.tuple(fc.constantFrom(...dtypes), fc.integer({ min: 0, max: 9 })), { minLength: minLen, maxLength: 4 })
  .chain((parts) => fc.tuple(...parts.map(([d, v]) => flipped(arraySpecArb(d, v === 0 ? [...s, 2] : v === 1 ? s.slice(1) : v === 2 && s.length ? s.map((x, i) => (i === 0 ? x + 1 : x)) : s))))));

const stackers: [string, (xs: NDArray[]) => NDArray][] = [
  ['vstack', (xs) => np.vstack(xs)],
  ['hstack', (xs) => np.hstack(xs)],
  ['dstack', (xs) => np.dstack(xs)],
  ['column_stack', (xs) => np.column_stack(xs)],
  ['row_stack', (xs) => np.row_stack(xs)],
];

describe('stacking', () => {
  it('np.stack: same shapes along a new axis (every position, out of range), mixed dtypes', async () => {
    const arb = shapeArb(3).chain((s) => fc.tuple(fc.integer({ min: -s.length - 2, max: s.length + 1 }),
      fc.array(fc.tuple(fc.constantFrom(...NUMPY_DTYPES), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 3 })
        .chain((ps) => fc.tuple(...ps.map(([d, v]) => arraySpecArb(d, v === 0 ? [...s, 1] : s))))));
    const cases = draw(arb, 150, 6);
    const exp = await Promise.all(cases.map(([axis, specs]) => oracle.eval(`np.stack(${views(specs)}, axis=${axis})`, args(specs))));
    cases.forEach(([axis, specs], i) => expectSameAsNumpy(`stack ${label(specs)} axis=${axis}`, 'stack', () => np.stack(specs.map(buildView), { axis }), exp[i]!));
  });

  it.each(stackers)('np.%s: NumPy\'s values, dtype and errors', async (name, f) => {
    const cases = draw(looseArb(NUMPY_DTYPES), 120, 7 + name.length);
    const exp = await Promise.all(cases.map((specs) => oracle.eval(`np.${name}(${views(specs)})`, args(specs))));
    cases.forEach((specs, i) => expectSameAsNumpy(`${name} ${label(specs)}`, name, () => f(specs.map(buildView)), exp[i]!));
  });

  it('stack / vstack / hstack / row_stack take dtype and casting (dstack does not, as NumPy)', async () => {
    const cases = draw(looseArb(['int8', 'float32', 'float64'], 1).chain((s) => fc.tuple(fc.constant(s), fc.constantFrom<DType>('int16', 'float32', 'float64'),
      fc.constantFrom('same_kind', 'unsafe', 'safe') as fc.Arbitrary<'same_kind' | 'unsafe' | 'safe'>, fc.constantFrom('stack', 'vstack', 'hstack', 'row_stack'))), 100, 13);
    const exp = await Promise.all(cases.map(([specs, d, c, f]) => oracle.eval(`np.${f}(${views(specs)}, dtype='${d}', casting='${c}')`, args(specs))));
    cases.forEach(([specs, d, c, f], i) => expectSameAsNumpy(`${f} ${label(specs)} ${d} ${c}`, f,
      () => (np as unknown as Record<string, (xs: NDArray[], o: object) => NDArray>)[f]!(specs.map(buildView), { dtype: d, casting: c }), exp[i]!));
  });

  it('np.append: flattened without an axis, joined along one otherwise', async () => {
    const cases = draw(looseArb(NUMPY_DTYPES, 2).chain((specs) => fc.tuple(fc.constant(specs.slice(0, 2)), fc.oneof(fc.constant(null), fc.integer({ min: -3, max: 2 })))), 120, 14);
    const exp = await Promise.all(cases.map(([specs, axis]) => oracle.eval(`np.append(${pyFlipView('a0', specs[0]!)}, ${pyFlipView('a1', specs[1]!)}, axis=${py(axis)})`, args(specs))));
    cases.forEach(([specs, axis], i) => expectSameAsNumpy(`append ${label(specs)} axis=${axis}`, 'append',
      () => np.append(buildView(specs[0]!), buildView(specs[1]!), { axis }), exp[i]!));
  });

  it('stack raises for different shapes and no arrays, naming the op', () => {
    np.scope(() => {
      expect(() => np.stack([np.zeros(2), np.zeros(3)])).toThrow(/^stack: all input arrays must have the same shape$/);
      expect(() => np.stack([])).toThrow(/^stack: need at least one array to stack$/);
      expect(() => np.stack([np.zeros(2)], 2)).toThrow(/^stack: axis 2 is out of bounds for array of dimension 2$/);
      expect(() => np.vstack([np.zeros([2, 3]), np.zeros([2, 2])])).toThrow(/^vstack: all the input array dimensions/);
    });
  });
});

describe('large joins on two threads', () => {
  it('concatenate of MB-sized contiguous inputs (1-d pieces of a row, 2-d whole rows) matches NumPy', async () => {
    const prev = npx.num_threads();
    npx.set_num_threads(2);
    try {
      await np.scope(async () => {
        const cases: [number[], number][] = [[[300_000], 0], [[5, 70_000], 1], [[64, 9_000], 1], [[3, 100_001], 0]];
        for (const [shape, axis] of cases) {
          const n = shape.reduce((p, x) => p * x, 1);
          const parts = [0, 1, 2].map((k) => np.arange(k * n, (k + 1) * n, { dtype: 'float32' }).reshape(shape));
          const exp = await oracle.eval(
            `np.concatenate([np.arange(k * ${n}, (k + 1) * ${n}, dtype=np.float32).reshape(${JSON.stringify(shape)}) for k in range(3)], axis=${axis})`);
          expectSameAsNumpy(`shape ${JSON.stringify(shape)} axis ${axis}`, 'concatenate', () => np.concatenate(parts, { axis }), exp, { exact: true });
        }
      });
    } finally {
      npx.set_num_threads(prev);
    }
  });
});
