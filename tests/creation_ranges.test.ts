// arange, linspace, logspace, geomspace against NumPy in NumPy mode (exact dtypes and values).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';

import { np, npx } from '../src/index.js';
import type { DType } from '../src/core/dtype.js';
import { type NDArray } from '../src/core/ndarray.js';
import { toRaw } from './helpers/arrays.js';
import { type Case, dtypeArb, fmt, intArb, num, runCases, sample, startStopArb, stepArb } from './helpers/creation_cases.js';
import { pyFloat, type OracleArg, type OracleArgs } from './oracle/oracle.js';

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
});
