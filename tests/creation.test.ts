// Creation functions against NumPy: arange, linspace, logspace, geomspace, eye, identity, tri, tril,
// triu, diag, diagflat, meshgrid, frombuffer, fromfunction. Every case is evaluated by the NumPy oracle
// (cases are built first and sent as one batch) and compared for shape, dtype and values — bit-exact
// where quark computes exactly as NumPy does, with a tolerance where a libm function (pow, log10) is
// involved. Generated cases come from fast-check with fixed seeds.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { np, npx } from '../src/index.js';
import type { DType } from '../src/core/dtype.js';
import { type NDArray, valuesOf } from '../src/core/ndarray.js';
import { type MatchOptions, expectMatches, isRaw, toRaw } from './helpers/arrays.js';
import {
  NumpyOracle, isOracleError, pyFloat, pyTuple,
  type OracleArg, type OracleArgs, type OracleError, type OracleValue,
} from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
const baseline = np.memory().arrays;

afterAll(() => {
  npx.set_np();
  expect(np.memory().arrays).toBe(baseline);
});

const ALL: DType[] = [
  'bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64',
  'float16', 'bfloat16', 'float32', 'float64',
];
const FLOATS: DType[] = ['float16', 'bfloat16', 'float32', 'float64'];
const EXACT: MatchOptions = { rtol: 0, atol: 0 };

// ---- comparison machinery -------------------------------------------------------------------------

function disposeAll(x: unknown): void {
  if (x instanceof np.NDArray) x.dispose();
  else if (Array.isArray(x)) x.forEach(disposeAll);
}

function describeValue(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : ArrayBuffer.isView(x) ? `<${x.constructor.name}>` : x));
}

function sameNumber(x: number, y: number, o: MatchOptions): boolean {
  if (Number.isNaN(x) && Number.isNaN(y)) return true;
  if (x === y) return o.rtol !== 0 || Object.is(x, y);
  const rtol = o.rtol ?? 1e-12;
  return rtol > 0 && Math.abs(x - y) <= (o.atol ?? 0) + rtol * Math.abs(y);
}

function match(res: unknown, exp: OracleValue, o: MatchOptions, label: string): void {
  if (res instanceof np.NDArray) {
    expectMatches(res, exp, o, label);
  } else if (Array.isArray(res)) {
    if (!Array.isArray(exp)) throw new Error(`${label}: NumPy returned ${describeValue(exp)}, quark a list`);
    expect(res.length, `${label} length`).toBe(exp.length);
    res.forEach((r, i) => match(r, exp[i]!, o, `${label}[${i}]`));
  } else if (typeof res === 'number') {
    const y = isRaw(exp) && exp.shape.length === 0 ? Number(valuesOf(exp.dtype, exp.data)[0]) : exp;
    if (typeof y !== 'number' || !sameNumber(res, y, o)) throw new Error(`${label}: quark ${res}, NumPy ${describeValue(exp)}`);
  } else {
    throw new Error(`${label}: unexpected result ${describeValue(res)}`);
  }
}

interface Case {
  label: string;
  ours: () => unknown;
  expr: string;
  args?: OracleArgs;
  o?: MatchOptions;
  /** Required pattern of our error message when NumPy raises. */
  raises?: RegExp;
}

/** Compares our result with NumPy's, or requires that both raise. */
function compare(c: Case, expected: OracleValue | OracleError): void {
  if (isOracleError(expected)) {
    let res: unknown;
    try {
      res = c.ours();
    } catch (e) {
      if (c.raises) expect((e as Error).message, c.label).toMatch(c.raises);
      return;
    }
    disposeAll(res);
    throw new Error(`${c.label}: NumPy raised ${expected.error}: ${expected.message}, but quark returned a result`);
  }
  if (c.raises) throw new Error(`${c.label}: expected NumPy to raise, it returned ${describeValue(expected).slice(0, 200)}`);
  let res: unknown;
  try {
    res = c.ours();
  } catch (e) {
    throw new Error(`${c.label}: quark threw "${(e as Error).message}", NumPy returned ${describeValue(expected).slice(0, 300)}`);
  }
  try {
    match(res, expected, c.o ?? EXACT, c.label);
  } finally {
    disposeAll(res);
  }
}

async function runCases(cases: readonly Case[]): Promise<void> {
  const results = await Promise.all(cases.map((c) => oracle.eval(c.expr, c.args)));
  cases.forEach((c, i) => compare(c, results[i]!));
}

/** Arguments for the oracle: a JS number keeps its int/float meaning, as in quark. */
const num = (x: number): OracleArg => x;
const fmt = (x: unknown): string => (typeof x === 'number' && Object.is(x, -0) ? '-0' : typeof x === 'bigint' ? `${x}n` : describeValue(x));

function sample<T>(arb: fc.Arbitrary<T>, seed: number, numRuns: number): T[] {
  return fc.sample(arb, { seed, numRuns });
}

/** An NDArray of `dtype` with small non-negative integer values (exact in every dtype). */
function smallArray(vals: number[], shape: number[], dtype: DType): NDArray {
  const flat = np.array(vals.map((v) => (dtype === 'bool' ? v % 2 === 1 : v)), { dtype });
  const out = flat.reshape(shape);
  flat.dispose();
  return out;
}

// ---- generators ----------------------------------------------------------------------------------

const intArb = fc.integer({ min: -60, max: 60 });
const floatArb = fc.double({ min: -60, max: 60, noNaN: true, noDefaultInfinity: true });
const startStopArb = fc.oneof(intArb, floatArb);
const stepArb = fc.oneof(
  fc.integer({ min: -9, max: 9 }).filter((x) => x !== 0),
  fc.double({ min: 0.05, max: 10, noNaN: true }).chain((x) => fc.constantFrom(x, -x)),
);
const dtypeArb = fc.option(fc.constantFrom(...ALL), { nil: undefined });

// ---- NumPy mode: dtypes and values as NumPy ------------------------------------------------------

describe('creation in NumPy mode (set_np numpy): exact parity', () => {
  beforeAll(() => npx.set_np({ dtype: 'numpy' }));
  afterAll(() => npx.set_np());

  it('arange: table', async () => {
    const cases: Case[] = [];
    const add = (label: string, ours: () => unknown, expr: string, args: OracleArgs = {}): void => {
      cases.push({ label, ours, expr, args });
    };
    add('arange(5)', () => np.arange(5), 'np.arange(5)');
    add('arange(0)', () => np.arange(0), 'np.arange(0)');
    add('arange(-3)', () => np.arange(-3), 'np.arange(-3)');
    add('arange(2, 9)', () => np.arange(2, 9), 'np.arange(2, 9)');
    add('arange(10, 0, -3)', () => np.arange(10, 0, -3), 'np.arange(10, 0, -3)');
    add('arange(0, 1, 0.1)', () => np.arange(0, 1, 0.1), 'np.arange(0, 1, 0.1)');
    add('arange(1, 6, 0.5)', () => np.arange(1, 6, 0.5), 'np.arange(1, 6, 0.5)');
    add('arange(0.5)', () => np.arange(0.5), 'np.arange(0.5)');
    add('arange(-1.5, 1.5, 0.25)', () => np.arange(-1.5, 1.5, 0.25), 'np.arange(-1.5, 1.5, 0.25)');
    add('arange(5, null, 2)', () => np.arange(5, null, 2), 'np.arange(5, None, 2)');
    add('arange(0,1,0.1,f32)', () => np.arange(0, 1, 0.1, { dtype: 'float32' }), 'np.arange(0, 1, 0.1, dtype=np.float32)');
    add('arange(0,1,0.1,f16)', () => np.arange(0, 1, 0.1, { dtype: 'float16' }), 'np.arange(0, 1, 0.1, dtype=np.float16)');
    add('arange(0,1,0.1,bf16)', () => np.arange(0, 1, 0.1, { dtype: 'bfloat16' }), "np.arange(0, 1, 0.1, dtype='bfloat16')");
    add('arange(0,3000,f16)', () => np.arange(0, 3000, 1, { dtype: 'float16' }), 'np.arange(0, 3000, 1, dtype=np.float16)');
    add('arange(0,200,60,i8) wraps', () => np.arange(0, 200, 60, { dtype: 'int8' }), 'np.arange(0, 200, 60, dtype=np.int8)');
    add('arange(5,0,-1,u64)', () => np.arange(5, 0, -1, { dtype: 'uint64' }), 'np.arange(5, 0, -1, dtype=np.uint64)');
    add('arange(5,0,-1,u8)', () => np.arange(5, 0, -1, { dtype: 'uint8' }), 'np.arange(5, 0, -1, dtype=np.uint8)');
    add('arange(0.5,300.5,100.3,i8)', () => np.arange(0.5, 300.5, 100.3, { dtype: 'int8' }), 'np.arange(0.5, 300.5, 100.3, dtype=np.int8)');
    add('arange(1.,3,0.25,i64)', () => np.arange(1.5, 3, 0.25, { dtype: 'int64' }), 'np.arange(1.5, 3, 0.25, dtype=np.int64)');
    add('arange(3,-3,-0.7,i32)', () => np.arange(3, -3, -0.7, { dtype: 'int32' }), 'np.arange(3, -3, -0.7, dtype=np.int32)');
    add('arange(2,bool)', () => np.arange(2, { dtype: 'bool' }), 'np.arange(2, dtype=bool)');
    add('arange(-1,1,bool)', () => np.arange(-1, 1, { dtype: 'bool' }), 'np.arange(-1, 1, dtype=bool)');
    add('arange(0.5,2,bool)', () => np.arange(0.5, 2, { dtype: 'bool' }), 'np.arange(0.5, 2, dtype=bool)');
    add('arange(0,1,inf)', () => np.arange(0, 1, Infinity), 'np.arange(0, 1, s)', { s: Infinity });
    add('arange(0,1,-inf)', () => np.arange(0, 1, -Infinity), 'np.arange(0, 1, s)', { s: -Infinity });
    add('arange(1e-300,0,-1e300)', () => np.arange(1e-300, 0, -1e300), 'np.arange(1e-300, 0, -1e300)');
    add('arange(0,3,2**63) float64', () => np.arange(0, 3, 2 ** 63), 'np.arange(0, 3, 2**63)');
    add('arange(0,3,2n**63n) uint64 → float64', () => np.arange(0, 3, 2n ** 63n), 'np.arange(0, 3, 2**63)');
    add('arange(2**60) JS number beyond 2^53 is a float', () => np.arange(0, 2 ** 60, 2 ** 58), 'np.arange(0, a, b)', { a: pyFloat(2 ** 60), b: pyFloat(2 ** 58) });
    add('arange(2**63, u64) empty', () => np.arange(2n ** 63n, { dtype: 'uint64' }), 'np.arange(2**63, dtype=np.uint64)');
    add('arange near int64 max', () => np.arange(2n ** 63n - 3n, 2n ** 63n - 1n), 'np.arange(2**63 - 3, 2**63 - 1)');
    add('arange near int64 min', () => np.arange(-(2n ** 63n), -(2n ** 63n) + 3n), 'np.arange(-2**63, -2**63 + 3)');
    add('arange near uint64 max', () => np.arange(2n ** 64n - 3n, 2n ** 64n, { dtype: 'uint64' }), 'np.arange(2**64 - 3, 2**64, dtype=np.uint64)');
    add('arange big int64 step', () => np.arange(0, 2n ** 62n, 2n ** 60n), 'np.arange(0, 2**62, 2**60)');
    add('arange big int32 wrap', () => np.arange(0, 10, 1, { dtype: 'int32' }), 'np.arange(0, 10, 1, dtype=np.int32)');
    add('arange(1e6) int64', () => np.arange(1_000_000), 'np.arange(1_000_000)');
    add('arange(-5e5, 5e5, 3) int64', () => np.arange(-500_000, 500_000, 3), 'np.arange(-500_000, 500_000, 3)');
    add('arange(0, 1e4, 0.37)', () => np.arange(0, 10000, 0.37), 'np.arange(0, 10000, 0.37)');
    add('arange(0,1e4,0.37,f32)', () => np.arange(0, 10000, 0.37, { dtype: 'float32' }), 'np.arange(0, 10000, 0.37, dtype=np.float32)');
    add('arange(-0.0, 3)', () => np.arange(-0.5, 3), 'np.arange(-0.5, 3)');
    add('arange(3, dtype=float)', () => np.arange(3, { dtype: 'float' }), 'np.arange(3, dtype=float)');
    await runCases(cases);
  });

  it('arange: generated start/stop/step/dtype (ints, floats, negative steps, empty results)', async () => {
    const arb = fc.record({
      form: fc.constantFrom(1, 2, 3),
      a: startStopArb,
      b: startStopArb,
      s: stepArb,
      dtype: dtypeArb,
    });
    const cases = sample(arb, 20260801, 400).map(({ form, a, b, s, dtype }): Case => {
      const label = `arange form ${form} (${fmt(a)}, ${fmt(b)}, ${fmt(s)}) dtype ${dtype}`;
      const args: OracleArgs = { a: num(a), b: num(b), s: num(s), d: dtype ?? null };
      if (form === 1) return { label, ours: () => np.arange(a, { dtype }), expr: 'np.arange(a, dtype=d)', args };
      if (form === 2) return { label, ours: () => np.arange(a, b, { dtype }), expr: 'np.arange(a, b, dtype=d)', args };
      return { label, ours: () => np.arange(a, b, s, { dtype }), expr: 'np.arange(a, b, s, dtype=d)', args };
    });
    await runCases(cases);
  });

  it('linspace: table', async () => {
    const f32 = (x: number): NDArray => np.array(x, { dtype: 'float32' });
    const f16 = (x: number): NDArray => np.array(x, { dtype: 'float16' });
    const own: NDArray[] = [];
    const keep = (a: NDArray): NDArray => (own.push(a), a);
    const cases: Case[] = [
      { label: 'linspace(0,1,5)', ours: () => np.linspace(0, 1, { num: 5 }), expr: 'np.linspace(0, 1, 5)' },
      { label: 'linspace(0,1) default num', ours: () => np.linspace(0, 1), expr: 'np.linspace(0, 1)' },
      { label: 'linspace(2,3,5,noend)', ours: () => np.linspace(2, 3, { num: 5, endpoint: false }), expr: 'np.linspace(2, 3, 5, endpoint=False)' },
      { label: 'linspace num 0', ours: () => np.linspace(0, 1, { num: 0 }), expr: 'np.linspace(0, 1, 0)' },
      { label: 'linspace num 1', ours: () => np.linspace(0, 1, { num: 1 }), expr: 'np.linspace(0, 1, 1)' },
      { label: 'linspace num 1 noend', ours: () => np.linspace(3, 1, { num: 1, endpoint: false }), expr: 'np.linspace(3, 1, 1, endpoint=False)' },
      { label: 'linspace(5,5,3)', ours: () => np.linspace(5, 5, { num: 3 }), expr: 'np.linspace(5, 5, 3)' },
      { label: 'linspace denormal step', ours: () => np.linspace(0, 1e-320, { num: 3 }), expr: 'np.linspace(0, 1e-320, 3)' },
      { label: 'linspace(-0,-0)', ours: () => np.linspace(-0, -0, { num: 2 }), expr: 'np.linspace(a, a, 2)', args: { a: -0 } },
      { label: 'linspace(0,inf,1)', ours: () => np.linspace(0, Infinity, { num: 1 }), expr: 'np.linspace(0, a, 1)', args: { a: Infinity } },
      { label: 'linspace(0,inf,3)', ours: () => np.linspace(0, Infinity, { num: 3 }), expr: 'np.linspace(0, a, 3)', args: { a: Infinity } },
      { label: 'linspace(0,nan,3)', ours: () => np.linspace(0, NaN, { num: 3 }), expr: 'np.linspace(0, a, 3)', args: { a: NaN } },
      { label: 'linspace int dtype', ours: () => np.linspace(-3, 7.5, { num: 9, dtype: 'int32' }), expr: 'np.linspace(-3, 7.5, 9, dtype=np.int32)' },
      { label: 'linspace uint8 dtype (negative floors and wraps)', ours: () => np.linspace(-3, 3, { num: 7, dtype: 'uint8' }), expr: 'np.linspace(-3, 3, 7, dtype=np.uint8)' },
      { label: 'linspace bool dtype', ours: () => np.linspace(0, 1, { num: 4, dtype: 'bool' }), expr: 'np.linspace(0, 1, 4, dtype=bool)' },
      { label: 'linspace f32 dtype', ours: () => np.linspace(0.1, 0.7, { num: 7, dtype: 'float32' }), expr: 'np.linspace(0.1, 0.7, 7, dtype=np.float32)' },
      { label: 'linspace f32 inputs (float32 arithmetic)', ours: () => np.linspace(keep(f32(0.1)), keep(f32(0.7)), { num: 7 }), expr: 'np.linspace(np.float32(0.1), np.float32(0.7), 7)' },
      { label: 'linspace f32 + weak', ours: () => np.linspace(keep(f32(0.1)), 3, { num: 11 }), expr: 'np.linspace(np.float32(0.1), 3, 11)' },
      { label: 'linspace f16 inputs', ours: () => np.linspace(keep(f16(0)), keep(f16(1)), { num: 4 }), expr: 'np.linspace(np.float16(0), np.float16(1), 4)' },
      { label: 'linspace f16 denormal step', ours: () => np.linspace(keep(f16(0)), keep(f16(6e-8)), { num: 5 }), expr: 'np.linspace(np.float16(0), np.float16(6e-8), 5)' },
      { label: 'linspace retstep', ours: () => np.linspace(0, 1, { num: 5, retstep: true }), expr: 'np.linspace(0, 1, 5, retstep=True)' },
      { label: 'linspace retstep nan', ours: () => np.linspace(0, 1, { num: 1, retstep: true }), expr: 'np.linspace(0, 1, 1, retstep=True)' },
      { label: 'linspace retstep f16', ours: () => np.linspace(keep(f16(0)), keep(f16(1)), { num: 4, retstep: true }), expr: 'np.linspace(np.float16(0), np.float16(1), 4, retstep=True)' },
      { label: 'linspace vector', ours: () => np.linspace([0, 1], [1, 3], { num: 3 }), expr: 'np.linspace([0, 1], [1, 3], 3)' },
      { label: 'linspace vector retstep', ours: () => np.linspace([0, 1], [1, 3], { num: 3, retstep: true }), expr: 'np.linspace([0, 1], [1, 3], 3, retstep=True)' },
      { label: 'linspace vector axis -1', ours: () => np.linspace([0, 1], 2, { num: 3, axis: -1 }), expr: 'np.linspace([0, 1], 2, 3, axis=-1)' },
      { label: 'linspace 2-D broadcast axis 1', ours: () => np.linspace([[0], [10]], [1, 2, 3], { num: 4, axis: 1 }), expr: 'np.linspace([[0], [10]], [1, 2, 3], 4, axis=1)' },
      { label: 'linspace f32 array + list → float64', ours: () => np.linspace(keep(np.array([0, 1], { dtype: 'float32' })), [2, 3], { num: 3 }), expr: 'np.linspace(np.array([0, 1], np.float32), [2, 3], 3)' },
      { label: 'linspace int32 array', ours: () => np.linspace(keep(np.array([0, 5], { dtype: 'int32' })), 9, { num: 4 }), expr: 'np.linspace(np.array([0, 5], np.int32), 9, 4)' },
      { label: 'linspace device cpu', ours: () => np.linspace(0, 1, { num: 3, device: 'cpu' }), expr: 'np.linspace(0, 1, 3)' },
    ];
    try {
      await runCases(cases);
    } finally {
      own.forEach((a) => a.dispose());
    }
  });

  it('linspace: generated start/stop/num/endpoint/dtype/retstep', async () => {
    const se = fc.oneof(intArb.map((x) => x * 17), fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }));
    const arb = fc.record({
      a: se, b: se,
      n: fc.integer({ min: 0, max: 40 }),
      endpoint: fc.boolean(),
      retstep: fc.boolean(),
      dtype: dtypeArb,
      input: fc.constantFrom<'js' | 'float64' | 'float32' | 'float16'>('js', 'js', 'float64', 'float32', 'float16'),
    });
    const own: NDArray[] = [];
    const cases = sample(arb, 424242, 300).map(({ a, b, n, endpoint, retstep, dtype, input }): Case => {
      const label = `linspace(${fmt(a)}, ${fmt(b)}, num=${n}, endpoint=${endpoint}, retstep=${retstep}, dtype=${dtype}, input=${input})`;
      if (input === 'js') {
        return {
          label,
          ours: () => np.linspace(a, b, { num: n, endpoint, retstep, dtype }),
          expr: 'np.linspace(a, b, n, endpoint=e, retstep=r, dtype=d)',
          args: { a: num(a), b: num(b), n, e: endpoint, r: retstep, d: dtype ?? null },
        };
      }
      const A = np.array(a, { dtype: input }), B = np.array(b, { dtype: input });
      own.push(A, B);
      return {
        label,
        ours: () => np.linspace(A, B, { num: n, endpoint, retstep, dtype }),
        expr: 'np.linspace(a[()], b[()], n, endpoint=e, retstep=r, dtype=d)',
        args: { a: toRaw(A), b: toRaw(B), n, e: endpoint, r: retstep, d: dtype ?? null },
      };
    });
    try {
      await runCases(cases);
    } finally {
      own.forEach((x) => x.dispose());
    }
  });

  it('linspace: generated vector form with axis', async () => {
    const vec = fc.oneof(
      fc.double({ min: -50, max: 50, noNaN: true, noDefaultInfinity: true }),
      fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 3 }),
      fc.array(fc.array(fc.double({ min: -50, max: 50, noNaN: true, noDefaultInfinity: true }), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 2 }),
    );
    const arb = fc.record({ a: vec, b: vec, n: fc.integer({ min: 0, max: 6 }), endpoint: fc.boolean(), axis: fc.integer({ min: -4, max: 3 }), retstep: fc.boolean() });
    const cases = sample(arb, 99, 150).map(({ a, b, n, endpoint, axis, retstep }): Case => ({
      label: `linspace(${fmt(a)}, ${fmt(b)}, num=${n}, endpoint=${endpoint}, axis=${axis}, retstep=${retstep})`,
      ours: () => np.linspace(a, b, { num: n, endpoint, axis, retstep }),
      expr: 'np.linspace(a, b, n, endpoint=e, axis=x, retstep=r)',
      args: { a: a as OracleArg, b: b as OracleArg, n, e: endpoint, x: axis, r: retstep },
    }));
    await runCases(cases);
  });

  it('logspace: table and generated', async () => {
    const cases: Case[] = [
      { label: 'logspace(0,2,3)', ours: () => np.logspace(0, 2, { num: 3 }), expr: 'np.logspace(0, 2, 3)' },
      { label: 'logspace default', ours: () => np.logspace(-1, 1), expr: 'np.logspace(-1, 1)' },
      { label: 'logspace base 2', ours: () => np.logspace(0, 10, { num: 11, base: 2 }), expr: 'np.logspace(0, 10, 11, base=2)' },
      { label: 'logspace int dtype', ours: () => np.logspace(0, 3, { num: 4, dtype: 'int64' }), expr: 'np.logspace(0, 3, 4, dtype=np.int64)' },
      { label: 'logspace vector base', ours: () => np.logspace(0, 2, { num: 3, base: [2, 10] }), expr: 'np.logspace(0, 2, 3, base=np.array([2, 10]))' },
      { label: 'logspace vector base axis 1', ours: () => np.logspace(0, 2, { num: 3, base: [2, 10], axis: 1 }), expr: 'np.logspace(0, 2, 3, base=np.array([2, 10]), axis=1)' },
      { label: 'logspace 2-D base', ours: () => np.logspace([0, 1], 2, { num: 3, base: [[2], [10]], axis: 1 }), expr: 'np.logspace([0, 1], 2, 3, base=np.array([[2], [10]]), axis=1)' },
      { label: 'logspace vector start', ours: () => np.logspace([0, 1], [2, 4], { num: 3, axis: -1 }), expr: 'np.logspace([0, 1], [2, 4], 3, axis=-1)' },
    ];
    const arb = fc.record({
      a: fc.double({ min: -4, max: 4, noNaN: true }), b: fc.double({ min: -4, max: 4, noNaN: true }),
      n: fc.integer({ min: 0, max: 30 }), endpoint: fc.boolean(),
      base: fc.constantFrom(10, 2, 0.5, 3, 2.5, Math.E),
      dtype: fc.option(fc.constantFrom<DType>('float16', 'float32', 'float64'), { nil: undefined }),
    });
    for (const { a, b, n, endpoint, base, dtype } of sample(arb, 7, 200)) {
      cases.push({
        label: `logspace(${a}, ${b}, num=${n}, endpoint=${endpoint}, base=${base}, dtype=${dtype})`,
        ours: () => np.logspace(a, b, { num: n, endpoint, base, dtype }),
        expr: 'np.logspace(a, b, n, endpoint=e, base=c, dtype=d)',
        args: { a: pyFloat(a), b: pyFloat(b), n, e: endpoint, c: num(base), d: dtype ?? null },
        o: {}, // pow differs between libms by an ulp
      });
    }
    for (const c of cases) c.o ??= {};
    await runCases(cases);
  });

  it('geomspace: table and generated (negative and mixed signs)', async () => {
    const cases: Case[] = [
      { label: 'geomspace(1,1000,4)', ours: () => np.geomspace(1, 1000, { num: 4 }), expr: 'np.geomspace(1, 1000, 4)' },
      { label: 'geomspace(-1,100,3)', ours: () => np.geomspace(-1, 100, { num: 3 }), expr: 'np.geomspace(-1, 100, 3)' },
      { label: 'geomspace(1,-1,3)', ours: () => np.geomspace(1, -1, { num: 3 }), expr: 'np.geomspace(1, -1, 3)' },
      { label: 'geomspace(-2,-8,3)', ours: () => np.geomspace(-2, -8, { num: 3 }), expr: 'np.geomspace(-2, -8, 3)' },
      { label: 'geomspace(1,nan,3)', ours: () => np.geomspace(1, NaN, { num: 3 }), expr: 'np.geomspace(1, a, 3)', args: { a: NaN } },
      { label: 'geomspace num 0', ours: () => np.geomspace(1, 2, { num: 0 }), expr: 'np.geomspace(1, 2, 0)' },
      { label: 'geomspace num 1', ours: () => np.geomspace(1, 2, { num: 1 }), expr: 'np.geomspace(1, 2, 1)' },
      { label: 'geomspace int dtype', ours: () => np.geomspace(1, 1000, { num: 4, dtype: 'int64' }), expr: 'np.geomspace(1, 1000, 4, dtype=int)' },
      { label: 'geomspace f16 dtype', ours: () => np.geomspace(1, 1000, { num: 4, dtype: 'float16' }), expr: 'np.geomspace(1, 1000, 4, dtype=np.float16)' },
      { label: 'geomspace vector axis 1', ours: () => np.geomspace([1, -1], [1000, -1000], { num: 4, axis: 1 }), expr: 'np.geomspace([1, -1], [1000, -1000], 4, axis=1)' },
      { label: 'geomspace vector broadcast', ours: () => np.geomspace([[1], [-2]], [10, 100, -5], { num: 3, endpoint: false }), expr: 'np.geomspace([[1], [-2]], [10, 100, -5], 3, endpoint=False)' },
    ];
    const mag = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
    const signed = fc.tuple(mag, fc.boolean()).map(([m, neg]) => (neg ? -m : m));
    const arb = fc.record({
      a: signed, b: signed, n: fc.integer({ min: 0, max: 30 }), endpoint: fc.boolean(),
      dtype: fc.option(fc.constantFrom<DType>('float16', 'float32', 'float64'), { nil: undefined }),
    });
    for (const { a, b, n, endpoint, dtype } of sample(arb, 11, 200)) {
      cases.push({
        label: `geomspace(${a}, ${b}, num=${n}, endpoint=${endpoint}, dtype=${dtype})`,
        ours: () => np.geomspace(a, b, { num: n, endpoint, dtype }),
        expr: 'np.geomspace(a, b, n, endpoint=e, dtype=d)',
        args: { a: pyFloat(a), b: pyFloat(b), n, e: endpoint, d: dtype ?? null },
      });
    }
    for (const c of cases) c.o ??= {};
    await runCases(cases);
  });

  it('eye / identity / tri: generated N, M, k, dtype', async () => {
    const arb = fc.record({
      N: fc.integer({ min: 0, max: 6 }),
      M: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      k: fc.integer({ min: -8, max: 8 }),
      dtype: dtypeArb,
    });
    const cases: Case[] = [];
    for (const { N, M, k, dtype } of sample(arb, 5, 150)) {
      const args: OracleArgs = { N, M: M ?? null, k, d: dtype ?? 'float64' };
      cases.push({ label: `eye(${N}, ${M}, k=${k}, ${dtype})`, ours: () => np.eye(N, M, { k, dtype }), expr: 'np.eye(N, M, k=k, dtype=d)', args });
      cases.push({ label: `tri(${N}, ${M}, k=${k}, ${dtype})`, ours: () => np.tri(N, M, { k, dtype }), expr: 'np.tri(N, M, k=k, dtype=d)', args });
      cases.push({ label: `identity(${N}, ${dtype})`, ours: () => np.identity(N, { dtype }), expr: 'np.identity(N, dtype=d)', args });
    }
    cases.push(
      { label: 'eye(3) default', ours: () => np.eye(3), expr: 'np.eye(3)' },
      { label: 'eye(2, {k:1}) options as 2nd arg', ours: () => np.eye(2, { k: 1 }), expr: 'np.eye(2, k=1)' },
      { label: 'tri(3) default', ours: () => np.tri(3), expr: 'np.tri(3)' },
      { label: 'tri(-1)', ours: () => np.tri(-1), expr: 'np.tri(-1)' },
      { label: 'tri(3,-2)', ours: () => np.tri(3, -2), expr: 'np.tri(3, -2)' },
      { label: 'tri(4, k=100)', ours: () => np.tri(4, { k: 100 }), expr: 'np.tri(4, k=100)' },
      { label: 'identity(4)', ours: () => np.identity(4), expr: 'np.identity(4)' },
    );
    await runCases(cases);
  });

  it('tril / triu: generated 1-D/2-D/3-D arrays of several dtypes, contiguous and transposed', async () => {
    const arb = fc.record({
      shape: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }),
      dtype: fc.constantFrom(...ALL),
      k: fc.integer({ min: -5, max: 5 }),
      transposed: fc.boolean(),
      seed: fc.integer({ min: 1, max: 1000 }),
    });
    const own: NDArray[] = [];
    const cases: Case[] = [];
    for (const { shape, dtype, k, transposed, seed } of sample(arb, 31, 150)) {
      const n = shape.reduce((p, d) => p * d, 1);
      const vals = Array.from({ length: n }, (_, i) => (i * 37 + seed) % 101);
      let a = smallArray(vals, shape, dtype);
      if (transposed && shape.length >= 2) {
        const axes = [...shape.keys()];
        [axes[axes.length - 1], axes[axes.length - 2]] = [axes[axes.length - 2]!, axes[axes.length - 1]!];
        const t = a.transpose(axes);
        a.dispose();
        a = t;
      }
      own.push(a);
      const A = a;
      const args: OracleArgs = { m: toRaw(A), k };
      const label = `(${A.shape.join('x')} ${dtype}${transposed ? ' T' : ''}, k=${k})`;
      cases.push({ label: `tril${label}`, ours: () => np.tril(A, { k }), expr: 'np.tril(m, k=k)', args });
      cases.push({ label: `triu${label}`, ours: () => np.triu(A, { k }), expr: 'np.triu(m, k=k)', args });
    }
    cases.push(
      { label: 'tril(list)', ours: () => np.tril([[1, 2, 3], [4, 5, 6]]), expr: 'np.tril([[1, 2, 3], [4, 5, 6]])' },
      { label: 'triu(list, k=-1)', ours: () => np.triu([[1.5, 2], [3, 4], [5, 6]], { k: -1 }), expr: 'np.triu([[1.5, 2], [3, 4], [5, 6]], k=-1)' },
    );
    try {
      await runCases(cases);
    } finally {
      own.forEach((a) => a.dispose());
    }
  });

  it('diag / diagflat: generated, both directions', async () => {
    const arb = fc.record({
      shape: fc.oneof(fc.tuple(fc.integer({ min: 0, max: 5 })), fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }))),
      dtype: fc.constantFrom(...ALL),
      k: fc.integer({ min: -7, max: 7 }),
      transposed: fc.boolean(),
    });
    const own: NDArray[] = [];
    const cases: Case[] = [];
    for (const { shape, dtype, k, transposed } of sample(arb, 77, 200)) {
      const n = shape.reduce((p, d) => p * d, 1);
      let a = smallArray(Array.from({ length: n }, (_, i) => i + 1), [...shape], dtype);
      if (transposed && shape.length === 2) {
        const t = a.T;
        a.dispose();
        a = t;
      }
      own.push(a);
      const A = a;
      const label = `(${A.shape.join('x')} ${dtype}${transposed ? ' T' : ''}, k=${k})`;
      cases.push({ label: `diag${label}`, ours: () => np.diag(A, { k }), expr: 'np.diag(v, k=k)', args: { v: toRaw(A), k } });
      cases.push({ label: `diagflat${label}`, ours: () => np.diagflat(A, { k }), expr: 'np.diagflat(v, k=k)', args: { v: toRaw(A), k } });
    }
    cases.push(
      { label: 'diag(list)', ours: () => np.diag([1, 2, 3]), expr: 'np.diag([1, 2, 3])' },
      { label: 'diag(2-D list, k=1)', ours: () => np.diag([[1, 2, 3], [4, 5, 6]], { k: 1 }), expr: 'np.diag([[1, 2, 3], [4, 5, 6]], k=1)' },
      { label: 'diagflat(scalar-ish 0-d)', ours: () => np.diagflat(3, { k: -1 }), expr: 'np.diagflat(3, k=-1)' },
    );
    try {
      await runCases(cases);
    } finally {
      own.forEach((a) => a.dispose());
    }
  });

  it('meshgrid: generated 0–3 inputs, xy/ij, sparse, copy', async () => {
    const arb = fc.record({
      lens: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 3 }),
      dtype: fc.constantFrom(...ALL),
      indexing: fc.constantFrom<'xy' | 'ij'>('xy', 'ij'),
      sparse: fc.boolean(),
      copy: fc.boolean(),
    });
    const own: NDArray[] = [];
    const cases: Case[] = [];
    for (const { lens, dtype, indexing, sparse, copy } of sample(arb, 3, 150)) {
      const xs = lens.map((n, i) => smallArray(Array.from({ length: n }, (_, j) => 10 * i + j + 1), [n], dtype));
      own.push(...xs);
      cases.push({
        label: `meshgrid(${lens.join(',')} ${dtype}, ${indexing}, sparse=${sparse}, copy=${copy})`,
        ours: () => np.meshgrid(...xs, { indexing, sparse, copy }),
        expr: 'np.meshgrid(*xs, indexing=i, sparse=s, copy=c)',
        args: { xs: xs.map(toRaw), i: indexing, s: sparse, c: copy },
      });
    }
    cases.push(
      { label: 'meshgrid()', ours: () => np.meshgrid(), expr: 'np.meshgrid()' },
      { label: 'meshgrid(lists)', ours: () => np.meshgrid([1, 2, 3], [4, 5]), expr: 'np.meshgrid([1, 2, 3], [4, 5])' },
      { label: 'meshgrid 2-D input flattened', ours: () => np.meshgrid([[1, 2], [3, 4]], [5]), expr: 'np.meshgrid([[1, 2], [3, 4]], [5])' },
    );
    try {
      await runCases(cases);
    } finally {
      own.forEach((a) => a.dispose());
    }
  });

  it('frombuffer: every dtype, offsets and counts', async () => {
    // Mostly valid reads (whole elements, offsets inside the buffer), some that NumPy rejects.
    const arb = fc.record({
      dtype: fc.option(fc.constantFrom(...ALL), { nil: undefined }),
      elems: fc.integer({ min: 0, max: 6 }),
      extra: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 7 }) }),
      view: fc.boolean(),
      seed: fc.integer({ min: 0, max: 255 }),
    }).chain(({ dtype, elems, extra, view, seed }) => {
      const isz = np.array(0, { dtype: dtype ?? 'float64' });
      const size = isz.itemsize;
      isz.dispose();
      const len = elems * size + extra;
      return fc.record({
        bytes: fc.constant(Uint8Array.from({ length: len }, (_, i) => (i * 73 + seed) % 256)),
        dtype: fc.constant(dtype),
        offset: fc.option(fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 2 }).map((k) => Math.min(len, k * size)) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: len + 3 }) }), { nil: undefined }),
        count: fc.option(fc.integer({ min: -2, max: elems + 1 }), { nil: undefined }),
        view: fc.constant(view),
      });
    });
    const cases = sample(arb, 13, 300).map(({ bytes, dtype, offset, count, view }): Case => {
      // Sometimes pass a view into a bigger buffer, to check that only its region is read.
      let src: ArrayBuffer | Uint8Array = bytes.slice().buffer;
      if (view) {
        const big = new Uint8Array(bytes.length + 7);
        big.set(bytes, 3);
        src = big.subarray(3, 3 + bytes.length);
      }
      return {
        label: `frombuffer(${bytes.length} bytes${view ? ' (view)' : ''}, dtype=${dtype}, offset=${offset}, count=${count})`,
        ours: () => np.frombuffer(src, { dtype, offset, count }),
        expr: 'np.frombuffer(buf, dtype=(d or float), offset=(0 if o is None else o), count=(-1 if c is None else c))',
        args: { buf: bytes, d: dtype ?? null, o: offset ?? null, c: count ?? null },
      };
    });
    await runCases(cases);
  });

  it('fromfunction: generated shapes and dtypes', async () => {
    const arb = fc.record({
      shape: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 3 }),
      dtype: fc.option(fc.constantFrom<DType>('bool', 'uint8', 'int32', 'int64', 'float16', 'float32', 'float64'), { nil: undefined }),
    });
    const fn = (...xs: NDArray[]): NDArray =>
      np.scope(() => (xs.length === 0 ? np.array(7) : xs.reduce((p, x) => p.add(x))));
    const cases = sample(arb, 17, 100).map(({ shape, dtype }): Case => ({
      label: `fromfunction(shape=${shape.join('x')}, dtype=${dtype})`,
      ours: () => np.fromfunction(fn, shape, { dtype }),
      expr: 'import functools\nresult = np.fromfunction(lambda *a: functools.reduce(np.add, a) if a else np.array(7), tuple(s), dtype=(d or float))',
      args: { s: shape, d: dtype ?? null },
    }));
    cases.push({
      label: 'fromfunction i*10+j',
      ours: () => np.fromfunction((i, j) => np.scope(() => i!.mul(10).add(j!)), [3, 4], { dtype: 'int64' }),
      expr: 'np.fromfunction(lambda i, j: i * 10 + j, (3, 4), dtype=int)',
    });
    await runCases(cases);
  });

  it('raises where NumPy raises, naming the function', async () => {
    const cases: Case[] = [
      { label: 'arange step 0 (int)', ours: () => np.arange(0, 10, 0), expr: 'np.arange(0, 10, 0)', raises: /^arange: division by zero/ },
      { label: 'arange step 0 (float)', ours: () => np.arange(0, 10.5, 0), expr: 'np.arange(0, 10.5, 0)', raises: /^arange: float division by zero/ },
      { label: 'arange step 0, empty range', ours: () => np.arange(5, 5, 0), expr: 'np.arange(5, 5, 0)', raises: /^arange: .*division by zero/ },
      { label: 'arange nan', ours: () => np.arange(0, NaN), expr: 'np.arange(0, a)', args: { a: NaN }, raises: /^arange: arange: cannot compute length/ },
      { label: 'arange inf', ours: () => np.arange(0, Infinity), expr: 'np.arange(0, a)', args: { a: Infinity }, raises: /^arange: Maximum allowed size exceeded/ },
      { label: 'arange -inf start', ours: () => np.arange(Infinity, 1, 1), expr: 'np.arange(a, 1, 1)', args: { a: Infinity }, raises: /^arange: Maximum allowed size exceeded/ },
      { label: 'arange 1e300', ours: () => np.arange(1e300), expr: 'np.arange(1e300)', raises: /^arange: Maximum allowed size exceeded/ },
      { label: 'arange tiny step', ours: () => np.arange(0, 1, 1e-300), expr: 'np.arange(0, 1, 1e-300)', raises: /^arange: Maximum allowed size exceeded/ },
      { label: 'arange too big', ours: () => np.arange(2e18), expr: 'np.arange(2e18)', raises: /^arange: array is too big/ },
      { label: 'arange bool length 3', ours: () => np.arange(3, { dtype: 'bool' }), expr: 'np.arange(3, dtype=bool)', raises: /^arange: arange\(\) is only supported for booleans/ },
      { label: 'arange int8 start out of bounds', ours: () => np.arange(250, 260, { dtype: 'int8' }), expr: 'np.arange(250, 260, dtype=np.int8)', raises: /^arange: Python integer 250 out of bounds for int8/ },
      { label: 'arange uint8 negative', ours: () => np.arange(-1, 3, { dtype: 'uint8' }), expr: 'np.arange(-1, 3, dtype=np.uint8)', raises: /^arange: Python integer -1 out of bounds for uint8/ },
      { label: 'arange uint8 negative float', ours: () => np.arange(-3.5, 2, 0.7, { dtype: 'uint8' }), expr: 'np.arange(-3.5, 2, 0.7, dtype=np.uint8)', raises: /^arange: Python integer -3 out of bounds/ },
      { label: 'arange int8 next out of bounds', ours: () => np.arange(0.5, 400, 250.5, { dtype: 'int8' }), expr: 'np.arange(0.5, 400, 250.5, dtype=np.int8)', raises: /^arange: Python integer 251 out of bounds/ },
      { label: 'arange bad dtype', ours: () => np.arange(3, { dtype: 'foo' as DType }), expr: "np.arange(3, dtype='foo')", raises: /^arange: data type 'foo' not understood/ },
      { label: 'linspace num float', ours: () => np.linspace(0, 1, { num: 2.5 }), expr: 'np.linspace(0, 1, 2.5)', raises: /^linspace: num must be an integer/ },
      { label: 'linspace num negative', ours: () => np.linspace(0, 1, { num: -1 }), expr: 'np.linspace(0, 1, -1)', raises: /^linspace: Number of samples, -1, must be non-negative/ },
      { label: 'linspace axis out of bounds', ours: () => np.linspace(0, 1, { num: 3, axis: 1 }), expr: 'np.linspace(0, 1, 3, axis=1)', raises: /^linspace: axis 1 is out of bounds for array of dimension 1/ },
      { label: 'linspace bad dtype', ours: () => np.linspace(0, 1, { dtype: 'float128' as DType }), expr: "np.linspace(0, 1, dtype='float1280')", raises: /^linspace: data type/ },
      { label: 'linspace shapes', ours: () => np.linspace([1, 2], [1, 2, 3]), expr: 'np.linspace([1, 2], [1, 2, 3])', raises: /^linspace: operands could not be broadcast/ },
      { label: 'logspace num negative', ours: () => np.logspace(0, 1, { num: -2 }), expr: 'np.logspace(0, 1, -2)', raises: /^logspace: Number of samples/ },
      { label: 'geomspace zero start', ours: () => np.geomspace(0, 1), expr: 'np.geomspace(0, 1)', raises: /^geomspace: Geometric sequence cannot include zero/ },
      { label: 'geomspace zero stop', ours: () => np.geomspace([1, 2], [3, 0]), expr: 'np.geomspace([1, 2], [3, 0])', raises: /^geomspace: Geometric sequence cannot include zero/ },
      { label: 'geomspace num float', ours: () => np.geomspace(1, 2, { num: 1.5 }), expr: 'np.geomspace(1, 2, 1.5)', raises: /^geomspace: num must be an integer/ },
      { label: 'eye negative', ours: () => np.eye(-1), expr: 'np.eye(-1)', raises: /^eye: negative dimensions are not allowed/ },
      { label: 'eye negative M', ours: () => np.eye(2, -2), expr: 'np.eye(2, -2)', raises: /^eye: negative dimensions/ },
      { label: 'eye float N', ours: () => np.eye(2.5), expr: 'np.eye(2.5)', raises: /^eye: N must be an integer/ },
      { label: 'eye float k', ours: () => np.eye(3, { k: 1.5 }), expr: 'np.eye(3, k=1.5)', raises: /^eye: k must be an integer/ },
      { label: 'eye bad dtype', ours: () => np.eye(3, { dtype: 'complex256' as DType }), expr: "np.eye(3, dtype='complex2560')", raises: /^eye: data type/ },
      { label: 'identity float', ours: () => np.identity(2.5), expr: 'np.identity(2.5)', raises: /^identity: n must be an integer/ },
      { label: 'identity negative', ours: () => np.identity(-1), expr: 'np.identity(-1)', raises: /^identity: negative dimensions/ },
      { label: 'tril 0-d', ours: () => np.tril(5), expr: 'np.tril(np.int64(5))', raises: /^tril: input must be at least 1-d/ },
      { label: 'triu 0-d', ours: () => np.triu(5), expr: 'np.triu(np.int64(5))', raises: /^triu: input must be at least 1-d/ },
      { label: 'diag 3-d', ours: () => np.diag([[[1]]]), expr: 'np.diag([[[1]]])', raises: /^diag: Input must be 1- or 2-d/ },
      { label: 'diag 0-d', ours: () => np.diag(1), expr: 'np.diag(np.float64(1))', raises: /^diag: Input must be 1- or 2-d/ },
      { label: 'diag float k', ours: () => np.diag([1, 2], { k: 1.5 }), expr: 'np.diag([1, 2], k=1.5)', raises: /^diag: k must be an integer/ },
      { label: 'meshgrid indexing', ours: () => np.meshgrid([1, 2], { indexing: 'foo' as 'xy' }), expr: "np.meshgrid([1, 2], indexing='foo')", raises: /^meshgrid: Valid values for `indexing` are 'xy' and 'ij'/ },
      { label: 'frombuffer size', ours: () => np.frombuffer(new Uint8Array(3), { dtype: 'int16' }), expr: "np.frombuffer(b'abc', dtype=np.int16)", raises: /^frombuffer: buffer size must be a multiple of element size/ },
      { label: 'frombuffer offset beyond', ours: () => np.frombuffer(new Uint8Array(4), { dtype: 'int16', offset: 5 }), expr: "np.frombuffer(b'abcd', dtype=np.int16, offset=5)", raises: /^frombuffer: offset must be non-negative and no greater than buffer length \(4\)/ },
      { label: 'frombuffer offset negative', ours: () => np.frombuffer(new Uint8Array(4), { dtype: 'int16', offset: -1 }), expr: "np.frombuffer(b'abcd', dtype=np.int16, offset=-1)", raises: /^frombuffer: offset must be non-negative/ },
      { label: 'frombuffer count', ours: () => np.frombuffer(new Uint8Array(4), { dtype: 'int16', count: 3 }), expr: "np.frombuffer(b'abcd', dtype=np.int16, count=3)", raises: /^frombuffer: buffer is smaller than requested size/ },
      { label: 'frombuffer default float64 size', ours: () => np.frombuffer(new Uint8Array(12)), expr: "np.frombuffer(b'a' * 12)", raises: /^frombuffer: buffer size must be a multiple/ },
      { label: 'fromfunction bool length 3', ours: () => np.fromfunction((i) => i, [3], { dtype: 'bool' }), expr: 'np.fromfunction(lambda i: i, (3,), dtype=bool)', raises: /^arange: arange\(\) is only supported for booleans/ },
    ];
    await runCases(cases);
  });
});

// ---- quark's default float32 ----------------------------------------------------------------------

describe('creation with the default float32 (quark rule: NumPy float64 values cast to float32)', () => {
  beforeAll(() => npx.set_np());

  it('defaults are float32 where NumPy would pick float64 unasked; ints stay int64', async () => {
    const asF32 = (e: string): string => `(lambda r: r.astype(np.float32) if r.dtype == np.float64 else r)(${e})`;
    const own: NDArray[] = [];
    const i32 = np.array([0, 5], { dtype: 'int32' });
    const f64 = np.array([0.5, 5], { dtype: 'float64' });
    own.push(i32, f64);
    const cases: Case[] = [
      { label: 'arange(5) int64', ours: () => np.arange(5), expr: 'np.arange(5)' },
      { label: 'arange(0,1,0.1)', ours: () => np.arange(0, 1, 0.1), expr: asF32('np.arange(0, 1, 0.1)') },
      { label: 'arange(0,1e4,0.37)', ours: () => np.arange(0, 10000, 0.37), expr: asF32('np.arange(0, 10000, 0.37)') },
      { label: 'arange(0,3,2**63)', ours: () => np.arange(0, 3, 2 ** 63), expr: asF32('np.arange(0, 3, 2**63)') },
      { label: 'arange explicit float64', ours: () => np.arange(0, 1, 0.1, { dtype: 'float64' }), expr: 'np.arange(0, 1, 0.1)' },
      { label: 'linspace(0,1,7)', ours: () => np.linspace(0, 1, { num: 7 }), expr: asF32('np.linspace(0, 1, 7)') },
      { label: 'linspace(0.1,0.7,7) float64 math', ours: () => np.linspace(0.1, 0.7, { num: 7 }), expr: asF32('np.linspace(0.1, 0.7, 7)') },
      { label: 'linspace int32 array', ours: () => np.linspace(i32, 9, { num: 4 }), expr: asF32('np.linspace(np.array([0, 5], np.int32), 9, 4)') },
      { label: 'linspace float64 array stays float64', ours: () => np.linspace(f64, 9, { num: 4 }), expr: 'np.linspace(np.array([0.5, 5]), 9, 4)' },
      { label: 'linspace vector retstep', ours: () => np.linspace([0, 1], [1, 4], { num: 4, retstep: true }), expr: `(lambda y, s: (${asF32('y')}, ${asF32('s')}))(*np.linspace([0, 1], [1, 4], 4, retstep=True))` },
      { label: 'logspace', ours: () => np.logspace(0, 3, { num: 7 }), expr: asF32('np.logspace(0, 3, 7)'), o: {} },
      { label: 'geomspace', ours: () => np.geomspace(1, 256, { num: 9 }), expr: asF32('np.geomspace(1, 256, 9)'), o: {} },
      { label: 'eye', ours: () => np.eye(3, 4, { k: 1 }), expr: asF32('np.eye(3, 4, k=1)') },
      { label: 'identity', ours: () => np.identity(3), expr: asF32('np.identity(3)') },
      { label: 'tri', ours: () => np.tri(3, { k: -1 }), expr: asF32('np.tri(3, k=-1)') },
      { label: 'fromfunction', ours: () => np.fromfunction((i, j) => np.scope(() => i!.add(j!)), [2, 3]), expr: asF32('np.fromfunction(lambda i, j: i + j, (2, 3))') },
      { label: 'frombuffer stays float64', ours: () => np.frombuffer(new Float64Array([1.5, -2]).buffer), expr: 'np.array([1.5, -2])' },
    ];
    const arb = fc.record({
      a: fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }),
      b: fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }),
      n: fc.integer({ min: 0, max: 40 }), endpoint: fc.boolean(),
    });
    for (const { a, b, n, endpoint } of sample(arb, 2024, 150)) {
      cases.push({
        label: `f32 linspace(${a}, ${b}, ${n}, ${endpoint})`,
        ours: () => np.linspace(a, b, { num: n, endpoint }),
        expr: asF32('np.linspace(a, b, n, endpoint=e)'),
        args: { a: pyFloat(a), b: pyFloat(b), n, e: endpoint },
      });
    }
    for (const { a, b, n } of sample(fc.record({ a: startStopArb, b: startStopArb, n: stepArb }), 2025, 150)) {
      cases.push({
        label: `f32 arange(${a}, ${b}, ${n})`,
        ours: () => np.arange(a, b, n),
        expr: asF32('np.arange(a, b, s)'),
        args: { a: num(a), b: num(b), s: num(n) },
      });
    }
    try {
      await runCases(cases);
    } finally {
      own.forEach((a) => a.dispose());
    }
  });
});

// ---- quark-specific behaviour ---------------------------------------------------------------------

describe('creation: views, memory and options', () => {
  it('diag of a 2-D array is a view sharing memory (writes go through)', () => {
    const flat = np.arange(12, { dtype: 'float64' });
    const a = flat.reshape(3, 4);
    flat.dispose();
    const d = np.diag(a, { k: 1 });
    expect(d.base).not.toBeNull();
    expect(d.shape).toEqual([3]);
    expect(d.strides).toEqual([40]);
    d.iadd(100);
    expect(a.tolist()).toEqual([[0, 101, 2, 3], [4, 5, 106, 7], [8, 9, 10, 111]]);
    const e = np.diag(a, { k: -5 });
    expect(e.shape).toEqual([0]);
    for (const x of [a, d, e]) x.dispose();
  });

  it('meshgrid copy:false returns broadcast views of the inputs', () => {
    const x = np.array([1, 2, 3], { dtype: 'int32' });
    const y = np.array([4, 5], { dtype: 'int32' });
    const [X, Y] = np.meshgrid(x, y, { copy: false }) as [NDArray, NDArray];
    expect(X.shape).toEqual([2, 3]);
    expect(X.strides).toEqual([0, 4]);
    expect(Y.strides).toEqual([4, 0]);
    expect(X.base).not.toBeNull();
    X.iadd(0); // writing through a broadcast view touches the shared elements only
    expect(X.tolist()).toEqual([[1, 2, 3], [1, 2, 3]]);
    const [Xc, Yc] = np.meshgrid(x, y) as [NDArray, NDArray];
    expect(Xc.flags.c_contiguous).toBe(true);
    expect(Xc.base).toBeNull();
    expect(Yc.tolist()).toEqual([[4, 4, 4], [5, 5, 5]]);
    const [xs, ys] = np.meshgrid(x, y, { sparse: true, copy: false }) as [NDArray, NDArray];
    expect(xs.shape).toEqual([1, 3]);
    expect(ys.shape).toEqual([2, 1]);
    expect(xs.base).toBe(x);
    for (const a of [x, y, X, Y, Xc, Yc, xs, ys]) a.dispose();
  });

  it('fromfunction disposes the index arrays it does not return', async () => {
    const before = np.memory().arrays;
    const r = np.fromfunction((i, j) => np.scope(() => i!.add(j!)), [2, 2], { dtype: 'int32' });
    expect(np.memory().arrays).toBe(before + 1);
    r.dispose();
    const [i, j] = np.fromfunction((a, b) => [a!, b!], [2, 3], { dtype: 'int64' });
    expect(i!.tolist()).toEqual([[0n, 0n, 0n], [1n, 1n, 1n]]);
    expect(j!.tolist()).toEqual([[0n, 1n, 2n], [0n, 1n, 2n]]);
    expect(np.memory().arrays).toBe(before + 2);
    i!.dispose();
    j!.dispose();
    const s = await np.fromfunction(async (a) => Promise.resolve(a!.shape[0]), [4]);
    expect(s).toBe(4);
    expect(np.fromfunction(() => 'x', [])).toBe('x');
    expect(() => np.fromfunction(() => { throw new Error('boom'); }, [2, 2])).toThrow('boom');
    expect(np.memory().arrays).toBe(before);
  });

  it('frombuffer reads a view region, DataView and Buffer, and copies', () => {
    const f = new Float32Array([1, 2, 3, 4]);
    const a = np.frombuffer(f.subarray(1, 3), { dtype: 'float32' });
    expect(a.tolist()).toEqual([2, 3]);
    f[1] = 99;
    expect(a.tolist()).toEqual([2, 3]); // a copy, unlike NumPy's view
    const dv = new DataView(new Uint8Array([1, 0, 2, 0, 3, 0]).buffer, 2);
    const b = np.frombuffer(dv, { dtype: 'uint16' });
    expect(b.tolist()).toEqual([2, 3]);
    const c = np.frombuffer(Buffer.from([255, 1]), { dtype: 'int8', offset: 1 });
    expect(c.tolist()).toEqual([1]);
    expect(() => np.frombuffer([1, 2] as unknown as ArrayBuffer)).toThrow(/^frombuffer: a bytes-like object/);
    for (const x of [a, b, c]) x.dispose();
  });

  it('device option and argument errors', () => {
    const a = np.arange(3, { device: 'cpu' });
    const b = np.eye(2, { device: npx.cpu() });
    expect(a.device).toBe(npx.cpu());
    expect(b.device).toBe(npx.cpu());
    expect(() => np.arange(3, { device: 'tpu' })).toThrow(/^arange: unknown device 'tpu'/);
    expect(() => np.linspace(0, 1, { device: 'tpu' })).toThrow(/^linspace: unknown device/);
    expect(() => (np.arange as (...a: unknown[]) => NDArray)()).toThrow(/^arange: arange\(\) requires stop to be specified/);
    expect(() => np.arange(10n ** 30n)).toThrow(/^arange: integer .* does not fit int64 or uint64/);
    expect(() => np.tri(2, { k: 0.5 })).toThrow(/^tri: k must be an integer/);
    expect(() => np.tril([[1]], { k: 0.5 })).toThrow(/^tril: k must be an integer/);
    a.dispose();
    b.dispose();
  });

  it('linspace retstep returns a number for scalar bounds and an NDArray for vector bounds', () => {
    const [y, step] = np.linspace(0, 10, { num: 5, retstep: true });
    expect(typeof step).toBe('number');
    expect(step).toBe(2.5);
    const [y2, step2] = np.linspace([0, 0], [1, 2], { num: 3, retstep: true });
    expect(step2).toBeInstanceOf(np.NDArray);
    expect((step2 as NDArray).tolist()).toEqual([0.5, 1]);
    for (const a of [y, y2, step2 as NDArray]) a.dispose();
  });

  it('tuple oracle arguments still work for shapes', async () => {
    const r = await oracle.eval('np.eye(*s).shape', { s: pyTuple([2, 3]) });
    expect(r).toEqual([2, 3]);
  });
});
