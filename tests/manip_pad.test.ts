// np.pad against NumPy: every mode (constant, edge, linear_ramp, maximum, mean, median, minimum,
// reflect, symmetric, wrap, empty), every pad_width form (int, (before, after), per axis, dict),
// constant_values / end_values / stat_length / reflect_type in their forms, pads wider than the
// data (reflect/symmetric/wrap iterate), every dtype and layout, 0-d and empty inputs, and
// NumPy's errors (negative or non-integer widths, unknown modes and keywords, empty axes).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { np, npx } from '../src/index.js';
import type { PadMode, PadOptions } from '../src/np/manip/pad.js';
import { NUMPY_DTYPES, shapeArb } from './helpers/gen.js';
import { type Row, checkRow, py } from './helpers/manip.js';

beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

type Width = number | number[] | number[][] | { dict: [number, number | [number, number]][] };
const w = (max: number) => fc.integer({ min: 0, max });

function widthArb(nd: number, max = 4): fc.Arbitrary<Width> {
  return fc.oneof(
    { arbitrary: w(max), weight: 2 },
    { arbitrary: fc.tuple(w(max), w(max)).map(([a, b]) => [a, b]), weight: 2 },
    { arbitrary: fc.tuple(w(max), w(max)).map(([a, b]) => [[a, b]]), weight: 1 },
    { arbitrary: fc.array(fc.tuple(w(max), w(max)).map(([a, b]) => [a, b]), { minLength: nd, maxLength: nd }), weight: 3 },
    { arbitrary: fc.array(fc.tuple(fc.integer({ min: -Math.max(nd, 1), max: Math.max(nd - 1, 0) }), fc.oneof(w(max), fc.tuple(w(max), w(max)))), { maxLength: 2 })
      // JS objects visit non-negative keys first, so keys naming the same axis twice are not drawn.
      .map((d) => ({ dict: d.filter(([k], i) => d.findIndex(([j]) => (j + nd) % Math.max(nd, 1) === (k + nd) % Math.max(nd, 1)) === i) as [number, number | [number, number]][] })), weight: 1 },
  );
}

const pyWidth = (x: Width): string => (typeof x === 'object' && !Array.isArray(x)
  ? `{${x.dict.map(([k, v]) => `${k}: ${Array.isArray(v) ? `(${v[0]}, ${v[1]})` : v}`).join(', ')}}`
  : py(x));
const jsWidth = (x: Width) => (typeof x === 'object' && !Array.isArray(x)
  ? Object.fromEntries(x.dict.map(([k, v]) => [k, v])) as Record<number, number | [number, number]> : x);

/** A value argument in its forms: scalar, (before, after), per axis. */
function valuesArb(nd: number, v: fc.Arbitrary<number>): fc.Arbitrary<number | number[] | number[][]> {
  return fc.oneof(v, fc.tuple(v, v).map(([a, b]) => [a, b]), fc.array(fc.tuple(v, v).map(([a, b]) => [a, b]), { minLength: nd, maxLength: nd }));
}

function optsArb(mode: PadMode, nd: number): fc.Arbitrary<PadOptions> {
  const int = fc.integer({ min: -5, max: 9 });
  switch (mode) {
    case 'constant': return fc.oneof(fc.constant({ mode }), valuesArb(nd, fc.oneof(int, fc.constantFrom(1.5, -0.5))).map((c) => ({ mode, constant_values: c })));
    case 'linear_ramp': return fc.oneof(fc.constant({ mode }), valuesArb(nd, int).map((c) => ({ mode, end_values: c })));
    case 'maximum': case 'minimum': case 'mean': case 'median':
      return fc.oneof(fc.constant({ mode }), fc.constant({ mode, stat_length: null }), valuesArb(nd, fc.integer({ min: 0, max: 5 })).map((c) => ({ mode, stat_length: c })));
    case 'reflect': case 'symmetric': return fc.constantFrom<PadOptions>({ mode }, { mode, reflect_type: 'even' }, { mode, reflect_type: 'odd' });
    default: return fc.constant({ mode });
  }
}

const pyOpts = (o: PadOptions): string => Object.entries(o).map(([k, v]) => `${k}=${typeof v === 'string' ? `'${v}'` : py(v)}`).join(', ');

const MODES: PadMode[] = ['constant', 'edge', 'linear_ramp', 'maximum', 'mean', 'median', 'minimum', 'reflect', 'symmetric', 'wrap'];

describe('np.pad', () => {
  MODES.forEach((mode, k) => {
    it(`mode '${mode}': every dtype, layout, width form and option form`, async () => {
      const max = mode === 'reflect' || mode === 'symmetric' || mode === 'wrap' ? 9 : 4;
      const row: Row<[Width, PadOptions]> = {
        name: 'pad', shapes: shapeArb(3),
        args: (s) => fc.tuple(widthArb(s.length, max), optsArb(mode, s.length)),
        q: (x, [pw, o]) => np.pad(x, jsWidth(pw), o),
        py: ([pw, o]) => `np.pad(x, ${pyWidth(pw)}, ${pyOpts(o)})`,
      };
      const dtypes = mode === 'mean' || mode === 'linear_ramp' ? NUMPY_DTYPES.filter((d) => d !== 'bool') : NUMPY_DTYPES;
      await checkRow(row, dtypes, 90, 500 + k);
    });
  });

  it("mode 'empty': NumPy's shape and dtype", async () => {
    const { oracle } = await import('./helpers/manip.js');
    const cases = fc.sample(shapeArb(3, 1).chain((s) => fc.tuple(fc.constant(s), widthArb(s.length))), { seed: 520, numRuns: 40 });
    const exp = await Promise.all(cases.map(([s, pw]) => oracle.eval(`r = np.pad(np.zeros(${py(s)}, 'int16'), ${pyWidth(pw)}, mode='empty')\nresult = [list(r.shape), str(r.dtype)]`)));
    cases.forEach(([s, pw], i) => np.scope(() => {
      const r = np.pad(np.zeros(s, { dtype: 'int16' }), jsWidth(pw), 'empty');
      expect([r.shape, r.dtype], JSON.stringify([s, pw])).toEqual(exp[i]);
    }));
  });

  it('bad widths, modes and keywords raise as NumPy does, naming pad', async () => {
    const { oracle } = await import('./helpers/manip.js');
    const cases: [string, () => unknown][] = [
      ['np.pad(np.ones(3), -1)', () => np.pad(np.ones(3), -1)],
      ['np.pad(np.ones(3), [[1, 2], [3, 4]])', () => np.pad(np.ones(3), [[1, 2], [3, 4]])],
      ['np.pad(np.ones(3), 1.5)', () => np.pad(np.ones(3), 1.5)],
      ["np.pad(np.ones(3), 1, mode='foo')", () => np.pad(np.ones(3), 1, { mode: 'foo' as PadMode })],
      ["np.pad(np.ones(3), 1, mode='edge', constant_values=3)", () => np.pad(np.ones(3), 1, { mode: 'edge', constant_values: 3 })],
      ["np.pad(np.ones((0, 2)), 1, mode='edge')", () => np.pad(np.ones([0, 2]), 1, 'edge')],
      ["np.pad(np.ones(3), 1, mode='maximum', stat_length=0)", () => np.pad(np.ones(3), 1, { mode: 'maximum', stat_length: 0 })],
      ["np.pad(np.ones((2, 2)), [1, 2, 3])", () => np.pad(np.ones([2, 2]), [1, 2, 3])],
    ];
    const exp = await Promise.all(cases.map(([e]) => oracle.eval(e)));
    cases.forEach(([e, f], i) => {
      expect(exp[i], e).toHaveProperty('error');
      np.scope(() => { expect(f, e).toThrow(/^pad: /); });
    });
    np.scope(() => {
      expect(() => np.pad(np.ones(3), -1)).toThrow(/^pad: index can't contain negative values$/);
      expect(() => np.pad(np.ones(3), 1.5)).toThrow(TypeError);
      expect(() => np.pad(np.ones([0, 2]), 1, 'edge')).toThrow(/^pad: can't extend empty axis 0 using modes other than 'constant' or 'empty'$/);
    });
  });

  it('stat_length is rounded half to even (np.round), pad_width may be an integer NDArray', async () => {
    const { oracle } = await import('./helpers/manip.js');
    const { expectSameAsNumpy } = await import('./helpers/arrays.js');
    const exp = await Promise.all([
      oracle.eval("np.pad(np.arange(10), 2, 'mean', stat_length=2.5)"),
      oracle.eval("np.pad(np.arange(10), 2, 'mean', stat_length=((3.5, 1.5),))"),
      oracle.eval("np.pad(np.arange(6).reshape(2, 3), np.array([[1, 0], [2, 1]]), 'symmetric')"),
    ]);
    expectSameAsNumpy('stat_length 2.5', 'pad', () => np.pad(np.arange(10), 2, { mode: 'mean', stat_length: 2.5 }), exp[0]!);
    expectSameAsNumpy('stat_length (3.5, 1.5)', 'pad', () => np.pad(np.arange(10), 2, { mode: 'mean', stat_length: [[3.5, 1.5]] }), exp[1]!);
    expectSameAsNumpy('NDArray widths', 'pad', () => np.pad(np.arange(6).reshape(2, 3), np.array([[1, 0], [2, 1]]), 'symmetric'), exp[2]!);
  });

  it('the result is a new array (zero widths too)', () => {
    np.scope(() => {
      const a = np.arange(4);
      const p = np.pad(a, 0);
      np.add(p, 1, { out: p });
      expect(a.tolist()).toEqual([0n, 1n, 2n, 3n]);
      expect(np.shares_memory(a, np.pad(a, 1, 'wrap'))).toBe(false);
    });
  });
});
