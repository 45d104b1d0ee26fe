// Complex ufuncs and reductions against NumPy: every unary ufunc NumPy defines for complex over a
// grid of edge values (0, -0, ±1, ±0.5, 2, ±inf, nan in both parts), binary ufuncs over all pairs of
// a smaller grid, mixed real/complex operands and weak scalars, and sum/prod/mean/cumsum/cumprod.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Complex } from '../src/core/complex.js';
import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { expectMatches, expectSameAsNumpy } from './helpers/arrays.js';
import { NumpyOracle } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

const C = (re: number, im = 0): Complex => np.complex(re, im);
const PARTS = [0, -0, 1, -1, 0.5, -2.5, 3, Infinity, -Infinity, NaN];
/** Every (re, im) pair of PARTS: 100 values. */
const GRID = PARTS.flatMap((r) => PARTS.map((i) => C(r, i)));
const pyParts = '[0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, np.inf, -np.inf, np.nan]';
const pyGrid = (d: string): string => `np.array([complex(r, i) for r in ${pyParts} for i in ${pyParts}], dtype='${d}')`;

const UNARY: [string, (x: NDArray) => NDArray][] = [
  ['negative', np.negative], ['positive', np.positive], ['square', np.square], ['sqrt', np.sqrt],
  ['exp', np.exp], ['log', np.log], ['log2', np.log2], ['log10', np.log10], ['expm1', np.expm1], ['log1p', np.log1p],
  ['sin', np.sin], ['cos', np.cos], ['tan', np.tan], ['sinh', np.sinh], ['cosh', np.cosh], ['tanh', np.tanh],
  ['arcsin', np.arcsin], ['arccos', np.arccos], ['arctan', np.arctan], ['arcsinh', np.arcsinh], ['arccosh', np.arccosh],
  ['arctanh', np.arctanh], ['reciprocal', np.reciprocal], ['sign', np.sign], ['absolute', np.absolute],
  ['conjugate', np.conjugate], ['isnan', np.isnan], ['isinf', np.isinf], ['isfinite', np.isfinite],
];

/**
 * Finite inputs must agree to rounding; where NumPy's result has an inf or nan part, ours must have
 * the same kind of part (NaN's sign and a zero's sign are not compared there: C99 leaves them open).
 */
function expectComplexClose(ours: NDArray, exp: unknown, label: string, rtol: number): void {
  expectMatches(ours, exp as never, { rtol, zeroSign: false }, label);
}

describe('complex unary ufuncs over edge values', () => {
  for (const d of ['complex128', 'complex64'] as const) {
    it(`${d}: every unary ufunc matches NumPy (values, inf/nan cases, dtype)`, async () => {
      const exp = await oracle.evalMany(UNARY.map(([name]) => ({ expr: `np.${name}(${pyGrid(d)})` })));
      const rtol = d === 'complex128' ? 1e-13 : 2e-6;
      UNARY.forEach(([name, f], i) => np.scope(() => {
        const x = np.array(GRID, { dtype: d });
        expectComplexClose(f(x), exp[i], `${name} ${d}`, rtol);
      }));
    });
  }
});

describe('complex binary ufuncs', () => {
  const SMALL = [0, -0, 1, -2.5, Infinity, NaN];
  const pySmall = '[0.0, -0.0, 1.0, -2.5, np.inf, np.nan]';
  const vals = SMALL.flatMap((r) => SMALL.map((i) => C(r, i)));
  const pyVals = `[complex(r, i) for r in ${pySmall} for i in ${pySmall}]`;
  const BINARY: [string, (a: NDArray, b: NDArray) => NDArray][] = [
    ['add', np.add], ['subtract', np.subtract], ['multiply', np.multiply], ['divide', np.divide], ['power', np.power],
    ['equal', np.equal], ['not_equal', np.not_equal], ['less', np.less], ['less_equal', np.less_equal],
    ['greater', np.greater], ['greater_equal', np.greater_equal], ['maximum', np.maximum], ['minimum', np.minimum],
    ['fmax', np.fmax], ['fmin', np.fmin],
  ];
  for (const d of ['complex128', 'complex64'] as const) {
    it(`${d}: all pairs of edge values`, async () => {
      const setup = `v = np.array(${pyVals}, dtype='${d}')\na = np.repeat(v, len(v))\nb = np.tile(v, len(v))\n`;
      const exp = await oracle.evalMany(BINARY.map(([name]) => ({ expr: `${setup}result = np.${name}(a, b)` })));
      const rtol = d === 'complex128' ? 1e-13 : 2e-6;
      BINARY.forEach(([name, f], i) => np.scope(() => {
        const v = np.array(vals, { dtype: d });
        const a = np.array(vals.flatMap((x) => vals.map(() => x)), { dtype: d });
        const b = np.array(vals.flatMap(() => vals), { dtype: d });
        v.dispose();
        expectComplexClose(f(a, b), exp[i], `${name} ${d}`, rtol);
      }));
    });
  }

  it('integer powers are exact products (NumPy\'s nc_pow) and 0 ** z follows NumPy', async () => {
    const exp = await oracle.evalMany([
      { expr: 'np.power(np.array([1+1j, 2-3j, 0.5j, 0j, 0j, 0j]), np.array([2, 3, -4, 2, -1, 1j]))' },
      { expr: 'np.array([1+2j, -1j]) ** 7' },
      { expr: 'np.array([1+2j, -1j]) ** 0.5' },
    ]);
    np.scope(() => {
      expectMatches(np.power(np.array([C(1, 1), C(2, -3), C(0, 0.5), C(0, 0), C(0, 0), C(0, 0)]), np.array([2, 3, -4, 2, -1, C(0, 1)])), exp[0]!, { rtol: 1e-14 }, 'pow');
      expectMatches(np.power(np.array([C(1, 2), C(0, -1)]), 7), exp[1]!, { rtol: 1e-14 }, 'pow 7');
      expectMatches(np.power(np.array([C(1, 2), C(0, -1)]), 0.5), exp[2]!, { rtol: 1e-14 }, 'pow .5');
    });
  });

  it('mixed real/complex operands and weak scalars promote as NumPy 2', async () => {
    const cases: [string, () => NDArray][] = [
      ['np.array([1, 2], dtype=np.float32) + 1j', () => np.add(np.array([1, 2], { dtype: 'float32' }), C(0, 1))],
      ['np.array([1, 2], dtype=np.int32) * (2-1j)', () => np.multiply(np.array([1, 2], { dtype: 'int32' }), C(2, -1))],
      ['np.array([1+1j], dtype=np.complex64) * 2.5', () => np.multiply(np.array([C(1, 1)], { dtype: 'complex64' }), 2.5)],
      ['np.array([1+1j], dtype=np.complex64) + np.array([1.], dtype=np.float64)', () => np.add(np.array([C(1, 1)], { dtype: 'complex64' }), np.array([1], { dtype: 'float64' }))],
      ['np.array([1+1j], dtype=np.complex64) - np.array([3], dtype=np.int16)', () => np.subtract(np.array([C(1, 1)], { dtype: 'complex64' }), np.array([3], { dtype: 'int16' }))],
      ['np.array([1+1j], dtype=np.complex64) / np.array([3], dtype=np.int32)', () => np.divide(np.array([C(1, 1)], { dtype: 'complex64' }), np.array([3], { dtype: 'int32' }))],
      ['np.sqrt(np.array([-4, 4], dtype=np.int8).astype(np.complex64))', () => np.sqrt(np.astype(np.array([-4, 4], { dtype: 'int8' }), 'complex64'))],
      ['np.equal(np.array([1+0j, 2j]), 1)', () => np.equal(np.array([C(1, 0), C(0, 2)]), 1)],
      ['np.array([1+1j, 2+0j, 1-1j]) > 1', () => np.greater(np.array([C(1, 1), C(2, 0), C(1, -1)]), 1)],
      ['np.sqrt(np.array([-1.0])) + 0', () => np.add(np.sqrt(np.array([-1])), 0)],
    ];
    const exp = await oracle.evalMany(cases.map(([e]) => ({ expr: e })));
    cases.forEach(([e, f], i) => np.scope(() => expectMatches(f(), exp[i]!, {}, e)));
  });

  it('raises where NumPy raises: no complex loop (floor_divide, remainder, arctan2, floor, bitwise)', async () => {
    const cases: [string, string, () => unknown][] = [
      ['floor_divide', 'np.floor_divide(np.array([1+1j]), 2)', () => np.floor_divide(np.array([C(1, 1)]), 2)],
      ['remainder', 'np.remainder(np.array([1+1j]), 2)', () => np.remainder(np.array([C(1, 1)]), 2)],
      ['arctan2', 'np.arctan2(np.array([1+1j]), 2)', () => np.arctan2(np.array([C(1, 1)]), 2)],
      ['floor', 'np.floor(np.array([1+1j]))', () => np.floor(np.array([C(1, 1)]))],
      ['bitwise_and', 'np.bitwise_and(np.array([1+1j]), 1)', () => np.bitwise_and(np.array([C(1, 1)]), 1)],
      ['fmod', 'np.fmod(np.array([1+1j]), 1)', () => np.fmod(np.array([C(1, 1)]), 1)],
    ];
    const exp = await oracle.evalMany(cases.map(([, e]) => ({ expr: e })));
    cases.forEach(([who, e, f], i) => expectSameAsNumpy(e, who, f as () => NDArray, exp[i]!));
  });
});

describe('complex reductions', () => {
  const data = Array.from({ length: 24 }, (_, k) => C(Math.sin(k) * 3, Math.cos(k * 1.7) - 0.5));
  const pyData = 'np.array([complex(math.sin(k) * 3, math.cos(k * 1.7) - 0.5) for k in range(24)])';
  const cases: [string, (a: NDArray) => NDArray][] = [
    ['np.sum(a)', (a) => np.sum(a)],
    ['np.sum(a, axis=1)', (a) => np.sum(a, 1)],
    ['np.sum(a, axis=(0, 2), keepdims=True)', (a) => np.sum(a, { axis: [0, 2], keepdims: true })],
    ['np.prod(a, axis=0)', (a) => np.prod(a, 0)],
    ['np.prod(a)', (a) => np.prod(a)],
    ['np.mean(a)', (a) => np.mean(a)],
    ['np.mean(a, axis=2)', (a) => np.mean(a, { axis: 2 })],
    ['np.cumsum(a, axis=1)', (a) => np.cumsum(a, 1)],
    ['np.cumsum(a)', (a) => np.cumsum(a)],
    ['np.cumprod(a, axis=2)', (a) => np.cumprod(a, 2)],
    ['np.max(a, axis=1)', (a) => np.max(a, 1)],
    ['np.min(a)', (a) => np.min(a)],
    ['np.any(a, axis=0)', (a) => np.any(a, 0)],
    ['np.all(a)', (a) => np.all(a)],
    ['np.sum(a.astype(np.complex64), axis=1)', (a) => np.sum(np.astype(a, 'complex64'), 1)],
    ['np.cumprod(a.astype(np.complex64), axis=0)', (a) => np.cumprod(np.astype(a, 'complex64'), 0)],
  ];
  it('sum prod mean cumsum cumprod max min any all over axes, complex64 and complex128', async () => {
    const exp = await oracle.evalMany(cases.map(([e]) => ({ expr: `a = ${pyData}.reshape(2, 3, 4)\nresult = ${e}` })));
    cases.forEach(([e, f], i) => np.scope(() => {
      const a = np.reshape(np.array(data), [2, 3, 4]);
      expectMatches(f(a), exp[i]!, { rtol: e.includes('complex64') ? 1e-5 : 1e-12 }, e);
    }));
  });

  it('nan- folds replace NaN elements, and composite functions (ptp, average, isclose, count_nonzero, eye, diag, tril, linspace)', async () => {
    const pyZ = 'np.array([1+2j, complex(np.nan, 0), -3+0.5j, complex(0, np.nan)])';
    const z = (): NDArray => np.array([C(1, 2), C(NaN, 0), C(-3, 0.5), C(0, NaN)]);
    const w = (): NDArray => np.array([C(1, 2), C(2, 0), C(-3, 0.5), C(2, -1)]);
    const pyW = 'np.array([1+2j, 2, -3+0.5j, 2-1j])';
    const cases: [string, () => NDArray][] = [
      [`np.nansum(${pyZ})`, () => np.nansum(z())],
      [`np.nanprod(${pyZ})`, () => np.nanprod(z())],
      [`np.nancumsum(${pyZ})`, () => np.nancumsum(z())],
      [`np.nancumprod(${pyZ})`, () => np.nancumprod(z())],
      [`np.ptp(${pyW})`, () => np.ptp(w())],
      [`np.average(${pyW})`, () => np.average(w())],
      [`np.isclose(${pyW}, ${pyW} + 1e-9j)`, () => np.isclose(w(), np.add(w(), C(0, 1e-9)))],
      [`np.asarray(np.count_nonzero(np.array([0j, 1j, 1, 0])))`, () => np.count_nonzero(np.array([C(0, 0), C(0, 1), 1, 0]))],
      [`np.eye(3, k=1, dtype=np.complex64)`, () => np.eye(3, { k: 1, dtype: 'complex64' })],
      [`np.diag(${pyW}, k=-1)`, () => np.diag(w(), { k: -1 })],
      [`np.tril(${pyW}.reshape(2, 2))`, () => np.tril(np.reshape(w(), [2, 2]))],
      [`np.triu(${pyW}.reshape(2, 2), k=1)`, () => np.triu(np.reshape(w(), [2, 2]), { k: 1 })],
      [`np.linspace(0, 1, 3, dtype=np.complex64)`, () => np.linspace(0, 1, { num: 3, dtype: 'complex64' })],
      [`np.arange(3, dtype=np.complex128)`, () => np.arange(3, { dtype: 'complex128' })],
    ];
    const exp = await oracle.evalMany(cases.map(([e]) => ({ expr: e })));
    cases.forEach(([e, f], i) => np.scope(() => expectMatches(f(), exp[i]!, { rtol: 1e-14 }, e)));
    for (const [re, f] of [[/^var: complex dtypes/, () => np.var(w())], [/^std: complex dtypes/, () => np.std(w())],
      [/^nanmean: complex dtypes/, () => np.nanmean(z())], [/^nanmax: complex dtypes/, () => np.nanmax(z())]] as const) {
      expect(() => np.scope(f as () => NDArray), String(re)).toThrow(re);
    }
  });

  it('a long sum is pairwise (error ~1e-16 relative, like NumPy\'s)', async () => {
    const exp = await oracle.eval('np.sum(np.exp(1j * np.arange(100000) * 0.001))');
    np.scope(() => {
      const x = np.exp(np.multiply(np.arange(100000), C(0, 0.001)));
      expectMatches(np.sum(x), exp, { rtol: 1e-12 }, 'long sum');
    });
  });

  it('sort and argsort order complex as NumPy (lexicographic; R+Rj < R+nanj < nan+Rj < nan+nanj), any axis', async () => {
    const parts = [1, -2, NaN, 0, 1, 3];
    const vals = parts.flatMap((r) => [1, NaN, -1, 2].map((i) => C(r, i)));
    const pyVals = `np.array([complex(r, i) for r in [1, -2, np.nan, 0, 1, 3] for i in [1, np.nan, -1, 2]])`;
    const exp = await oracle.evalMany([
      { expr: `np.sort(${pyVals})` },
      { expr: `np.argsort(${pyVals}, kind='stable')` },
      { expr: `np.sort(${pyVals}.reshape(4, 6).astype(np.complex64), axis=0)` },
      { expr: `np.argsort(${pyVals}.reshape(4, 6).T, axis=1, kind='stable')` },
      { expr: `np.sort(${pyVals}.reshape(4, 6), axis=None)` },
    ]);
    np.scope(() => {
      const a = (): NDArray => np.array(vals);
      expectMatches(np.sort(a()), exp[0]!, {}, 'sort');
      expectMatches(np.argsort(a()), exp[1]!, {}, 'argsort');
      expectMatches(np.sort(np.astype(np.reshape(a(), [4, 6]), 'complex64'), { axis: 0 }), exp[2]!, {}, 'sort axis 0 complex64');
      expectMatches(np.argsort(np.transpose(np.reshape(a(), [4, 6])), { axis: 1 }), exp[3]!, {}, 'argsort of a transposed view');
      expectMatches(np.sort(np.reshape(a(), [4, 6]), { axis: null }), exp[4]!, {}, 'sort flattened');
    });
  });

  it('ops not supported for complex yet raise a TypeError naming the op (NumPy computes them)', () => {
    const z = (): NDArray => np.array([C(2, 1), C(1, 1), C(0, -1)]);
    const cases: [RegExp, () => unknown][] = [
      [/complex dtypes are not supported yet/, () => np.unique(z())],
      [/^searchsorted: complex dtypes are not supported yet/, () => np.searchsorted(z(), z())],
      [/complex dtypes are not supported yet/, () => np.argmax(z())],
      [/complex dtypes are not supported yet/, () => np.median(z())],
      [/complex dtypes are not supported yet/, () => np.nonzero(z())],
      // as NumPy: no complex loop / ambiguous for complex
      [/^isposinf: This operation is not supported for complex values/, () => np.isposinf(z())],
      [/^isneginf: This operation is not supported for complex values/, () => np.isneginf(z())],
      [/^ceil: ufunc 'ceil' did not contain a loop/, () => np.fix(z())],
    ];
    for (const [re, f] of cases) expect(() => np.scope(f as () => NDArray), String(re)).toThrow(re);
  });
});
