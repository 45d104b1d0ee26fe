// Reductions (sum prod max min mean) against NumPy: dtypes, axes (None, int, negative, tuple),
// keepdims, dtype=, initial=, out=, non-contiguous views, empty and 0-d inputs, NaN propagation.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { np, npx } from '../src/index.js';
import type { DType } from '../src/core/dtype.js';
import { isBig, kindOf } from '../src/core/dtype.js';
import { numberToF16Bits } from '../src/core/half.js';
import { NumpyOracle, isOracleError, pyTuple } from './oracle/oracle.js';
import { expectMatches } from './helpers/arrays.js';
import { type ArraySpec, NUMPY_DTYPES, arraySpecArb, draw, pyView, rawOf, shapeArb } from './helpers/gen.js';

const oracle = NumpyOracle.shared();

/** The spec's view, with the intermediate arrays disposed (the view keeps the buffer alive). */
function build(spec: ArraySpec) {
  let a = np.NDArray._fromStorageData(spec.data, spec.base, spec.dtype);
  for (const st of spec.steps) {
    const b = st.t === 'T' ? a.transpose(st.axes) : a.reshape(st.shape);
    a.dispose();
    a = b;
  }
  return a;
}
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

/** Values whose sums and products are exact in every dtype (so summation order cannot matter), plus NaN/inf. */
function value(d: DType): fc.Arbitrary<number | bigint> {
  if (d === 'bool') return fc.integer({ min: 0, max: 1 });
  const small = fc.integer({ min: kindOf(d) === 'u' ? 0 : -4, max: 4 });
  if (isBig(d)) return small.map((x) => BigInt(x));
  if (d === 'float16') return fc.oneof({ arbitrary: small, weight: 9 }, { arbitrary: fc.constantFrom(NaN, Infinity, -Infinity), weight: 1 }).map(numberToF16Bits);
  if (kindOf(d) === 'f') return fc.oneof({ arbitrary: small, weight: 9 }, { arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0), weight: 1 });
  return small;
}

type AxisArg = null | number | number[];
const caseArb = fc.constantFrom(...NUMPY_DTYPES).chain((d) =>
  shapeArb(4).chain((s) =>
    fc.tuple(
      arraySpecArb(d, s, value(d)),
      // axis: None, one axis (maybe negative), or a tuple of distinct axes
      s.length === 0 ? fc.constant<AxisArg>(null) : fc.oneof(
        fc.constant<AxisArg>(null),
        fc.integer({ min: -s.length, max: s.length - 1 }),
        fc.shuffledSubarray([...s.keys()], { minLength: 1 }),
      ),
      fc.boolean(),
    ),
  ),
);

const pyAxis = (a: AxisArg) => (a === null ? null : typeof a === 'number' ? a : pyTuple(a));

async function compare(fn: 'sum' | 'prod' | 'max' | 'min' | 'mean', cases: [ArraySpec, AxisArg, boolean][]) {
  const exp = await Promise.all(cases.map(([spec, axis, keepdims]) =>
    oracle.eval(`np.${fn}(${pyView('a', spec)}, axis=ax, keepdims=kd)`, { a: rawOf(spec), ax: pyAxis(axis), kd: keepdims })));
  let checked = 0;
  cases.forEach(([spec, axis, keepdims], i) => {
    const label = `${fn} ${spec.dtype} shape=(${spec.shape}) axis=${JSON.stringify(axis)} keepdims=${keepdims}`;
    const a = build(spec);
    try {
      const e = exp[i]!;
      if (isOracleError(e)) {
        expect(() => np[fn](a, { axis, keepdims }), label).toThrow();
        return;
      }
      const r = np[fn](a, { axis, keepdims });
      // Which zero wins a tie of 0.0 and -0.0 in max/min is not specified by NumPy (its SIMD paths differ).
      expectMatches(r, e, { rtol: fn === 'mean' ? (spec.dtype === 'float16' ? 2e-3 : 1e-6) : 0, zeroSign: fn !== 'max' && fn !== 'min' }, label);
      r.dispose();
      checked++;
    } finally {
      a.dispose();
    }
  });
  expect(checked).toBeGreaterThan(cases.length / 2);
}

describe('reductions vs NumPy', () => {
  for (const [fn, salt] of [['sum', 1], ['prod', 2], ['max', 3], ['min', 4], ['mean', 5]] as const) {
    it(`${fn}: ${300} property cases`, async () => { await compare(fn, draw(caseArb, 300, salt)); });
  }
});

describe('reduction options', () => {
  it('dtype=, initial=, out= as NumPy', async () => {
    const a = np.array([[1, 2, 3], [4, 5, 6]], { dtype: 'int8' });
    const raw = { dtype: 'int8' as const, shape: [2, 3], data: new Int8Array([1, 2, 3, 4, 5, 6]), fortranOrder: false };
    const [e1, e2, e3, e4] = await Promise.all([
      oracle.eval('np.sum(a, dtype=np.float32)', { a: raw }),
      oracle.eval('np.sum(a, axis=1, initial=10)', { a: raw }),
      oracle.eval('np.max(a, axis=0, initial=4)', { a: raw }),
      oracle.eval('np.sum(a, axis=0, dtype=np.int8)', { a: raw }),
    ]);
    const r1 = np.sum(a, { dtype: 'float32' });
    const r2 = np.sum(a, { axis: 1, initial: 10 });
    const r3 = np.max(a, { axis: 0, initial: 4 });
    const r4 = np.sum(a, { axis: 0, dtype: 'int8' });
    expectMatches(r1, e1!); expectMatches(r2, e2!); expectMatches(r3, e3!); expectMatches(r4, e4!);
    const out = np.zeros([3], { dtype: 'float64' });
    np.sum(a, { axis: 0, out });
    expect(out.tolist()).toEqual([5, 7, 9]);
    for (const x of [a, r1, r2, r3, r4, out]) x.dispose();
  });

  it('empty reductions: identity, or the NumPy error for max/min', async () => {
    const e = np.zeros([0, 3]);
    const raw = { dtype: 'float64' as const, shape: [0, 3], data: new Float64Array(0), fortranOrder: false };
    const [s0, m0, m1] = await Promise.all([
      oracle.eval('np.sum(a, axis=0)', { a: raw }),
      oracle.eval('np.max(a, axis=0)', { a: raw }),
      oracle.eval('np.max(a, axis=1)', { a: raw }),
    ]);
    const r = np.sum(e, 0);
    expectMatches(r, s0!);
    expect(isOracleError(m0)).toBe(true);
    expect(() => np.max(e, 0)).toThrow(/max: zero-size array to reduction operation max which has no identity/);
    const r1 = np.max(e, 1);
    expectMatches(r1, m1!);
    for (const x of [e, r, r1]) x.dispose();
  });

  it('bad axes raise like NumPy', () => {
    const a = np.ones([2, 3]);
    expect(() => np.sum(a, 2)).toThrow(/sum: axis 2 is out of bounds for array of dimension 2/);
    expect(() => np.sum(a, [0, -2])).toThrow(/sum: duplicate value in 'axis'/);
    a.dispose();
  });

  it('large threaded reductions agree with NumPy (2 threads)', async () => {
    const prev = npx.num_threads();
    npx.set_num_threads(2);
    try {
      const [exp0, exp1, expAll] = await Promise.all([
        oracle.eval('np.sum((np.arange(600*700) % 13).astype(np.float32).reshape(600, 700), axis=0)'),
        oracle.eval('np.sum((np.arange(600*700) % 13).astype(np.float32).reshape(600, 700), axis=1)'),
        oracle.eval('np.sum((np.arange(600*700) % 13).astype(np.int32))'),
      ]);
      const base = np.array(Array.from({ length: 600 * 700 }, (_, i) => i % 13), { dtype: 'float32' });
      const m = base.reshape(600, 700);
      const i32 = base.astype('int32');
      const r0 = np.sum(m, 0), r1 = np.sum(m, 1), rAll = np.sum(i32);
      expectMatches(r0, exp0!); expectMatches(r1, exp1!); expectMatches(rAll, expAll!);
      for (const x of [base, m, i32, r0, r1, rAll]) x.dispose();
    } finally {
      npx.set_num_threads(prev);
    }
  });
});
