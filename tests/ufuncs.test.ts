// Every NumPy ufunc quark has, table-driven against NumPy 2.4: the loop lists (NumPy's ufunc.types,
// bfloat16 after float16), the result dtype for every dtype (unary) and every pair of dtypes (binary),
// and values over each dtype's edge cases (NaN, ±inf, -0, subnormals, integer extremes, zero
// divisors, shift widths) — every op × every dtype, binary ops over all pairs of edge values.
// bfloat16 loops are checked against NumPy computing in float32 and rounding once (quark's rule).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type DType, isFloat } from '../src/core/dtype.js';
import type { NDArray } from '../src/core/ndarray.js';
import { allOps } from '../src/core/op.js';
import { np, npx } from '../src/index.js';
import { expectMatches } from './helpers/arrays.js';
import { ALL_DTYPES, NUMPY_DTYPES, build, show } from './helpers/gen.js';
import {
  ALIASES, BINARY, EDGES, LDEXP, UNARY, type UfuncInfo, outputsOf, pyCall, raw, specOf, tolerance,
} from './helpers/ufuncs.js';
import { NumpyOracle, isOracleError, type OracleError, type OracleValue } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();

beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

type Fn = (...args: unknown[]) => NDArray | NDArray[];
const fn = (name: string): Fn => {
  const f = (np as unknown as Record<string, Fn>)[name];
  if (typeof f !== 'function') throw new Error(`np.${name} is missing`);
  return f;
};

/** NumPy's exception class as the JS error class quark throws for it. */
function jsErrorClass(e: OracleError): string {
  if (/TypeError|^_UFunc/.test(e.error)) return 'TypeError';
  if (/OverflowError|ValueError|AxisError/.test(e.error)) return 'RangeError';
  return e.error;
}

/** Runs `ours` and compares with NumPy's outcome: the same error class (message naming the op), or the values. */
function compare(info: UfuncInfo, ours: () => NDArray | NDArray[], expected: OracleValue | OracleError, label: string): void {
  let got: NDArray[];
  try {
    got = outputsOf(ours());
  } catch (e) {
    if (!isOracleError(expected)) throw new Error(`${label}: quark threw ${(e as Error).message}; NumPy returned ${show(expected).slice(0, 200)}`);
    expect((e as Error).constructor.name, `${label}: NumPy raised ${expected.error}: ${expected.message}; quark: ${(e as Error).message}`).toBe(jsErrorClass(expected));
    expect((e as Error).message, label).toMatch(new RegExp(`^${info.name}: `));
    return;
  }
  if (isOracleError(expected)) throw new Error(`${label}: NumPy raised ${expected.error}: ${expected.message}; quark returned ${got.map((g) => g.dtype).join(', ')}`);
  const want = (info.nout === 2 ? expected : [expected]) as OracleValue[];
  expect(got.length, label).toBe(want.length);
  got.forEach((g, k) => expectMatches(g, want[k]!, tolerance(info, g.dtype), `${label} [output ${k}]`));
}

// ---- loop lists ---------------------------------------------------------------------------------

describe('loop lists', () => {
  it("every op's loops are NumPy's ufunc.types in order (int64 as 'q'), bfloat16 ('E') right after float16", async () => {
    const names = [...UNARY, ...BINARY, LDEXP].map((i) => i.name).concat(['clip', 'exp']);
    const expr = `[t.replace('l', 'q').replace('L', 'Q') for t in getattr(np._core.umath, op).types]`;
    const res = await Promise.all(names.map((op) => oracle.eval(expr, { op })));
    const bad: string[] = [];
    names.forEach((name, i) => {
      const op = allOps().find((o) => o.name === name);
      if (!op) return bad.push(`${name}: no op`);
      const ours = op.loops!.filter((s) => !s.includes('E'));
      const theirs = (res[i] as string[]).filter((s, k, all) => /^[?bBhHiIqQefdFD]+->[?bBhHiIqQefdFD]+$/.test(s) && all.indexOf(s) === k);
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) bad.push(`${name}: quark ${ours.join(' ')} | NumPy ${theirs.join(' ')}`);
      // bfloat16: one 'E' loop after each loop with 'e', the same loop with e -> E
      const withE = op.loops!.flatMap((s) => (s.includes('E') ? [] : s.includes('e') ? [s, s.replace(/e/g, 'E')] : [s]));
      if (JSON.stringify(op.loops) !== JSON.stringify(withE)) bad.push(`${name}: bfloat16 loops ${op.loops!.join(' ')}`);
    });
    expect(bad).toEqual([]);
  });

  it('the aliases are the same functions', () => {
    for (const [alias, name] of Object.entries(ALIASES)) expect(fn(alias), alias).toBe(fn(name));
  });
});

// ---- result dtypes --------------------------------------------------------------------------------

describe('result dtypes (NumPy mode)', () => {
  const outcome = (f: () => NDArray | NDArray[]): string => {
    try {
      return outputsOf(f()).map((r) => r.dtype).join(',');
    } catch (e) {
      return e instanceof TypeError ? 'TypeError' : e instanceof RangeError ? 'RangeError' : `js ${(e as Error).message}`;
    }
  };
  const npOutcome = (v: OracleValue | OracleError): string => {
    if (isOracleError(v)) return jsErrorClass(v);
    return Array.isArray(v) ? v.join(',') : String(v);
  };
  const one = (d: DType): NDArray => np.ones([2], { dtype: d });
  const dtypeExpr = (call: string) => `r = ${call}\nresult = [x.dtype.name for x in r] if isinstance(r, tuple) else r.dtype.name`;

  it('unary ops for every dtype', () => np.scope(async () => {
    const cases = UNARY.flatMap((info) => NUMPY_DTYPES.map((d) => [info.name, d] as const));
    const res = await Promise.all(cases.map(([op, d]) => oracle.eval(dtypeExpr(`np.${op}(np.ones(2, a))`), { a: d })));
    const bad: string[] = [];
    cases.forEach(([op, d], i) => {
      const ours = outcome(() => fn(op)(one(d)));
      if (ours !== npOutcome(res[i]!)) bad.push(`${op}(${d}): quark ${ours}, NumPy ${npOutcome(res[i]!)}`);
    });
    expect(bad).toEqual([]);
  }));

  it('binary ops for every pair of dtypes (and ldexp, where)', () => np.scope(async () => {
    const pairs = NUMPY_DTYPES.flatMap((a) => NUMPY_DTYPES.map((b) => [a, b] as const));
    const cases = [...BINARY, LDEXP].flatMap((info) => pairs.map(([a, b]) => [info.name, a, b] as const));
    const res = await Promise.all(cases.map(([op, a, b]) => oracle.eval(dtypeExpr(`np.${op}(np.ones(2, a), np.ones(2, b))`), { a, b })));
    const bad: string[] = [];
    cases.forEach(([op, a, b], i) => {
      const ours = outcome(() => fn(op)(one(a), one(b)));
      if (ours !== npOutcome(res[i]!)) bad.push(`${op}(${a}, ${b}): quark ${ours}, NumPy ${npOutcome(res[i]!)}`);
    });
    const where = await Promise.all(pairs.map(([a, b]) => oracle.eval('np.where(np.ones(2, bool), np.ones(2, a), np.ones(2, b)).dtype.name', { a, b })));
    pairs.forEach(([a, b], i) => {
      const ours = outcome(() => np.where(one('bool'), one(a), one(b)));
      if (ours !== npOutcome(where[i]!)) bad.push(`where(${a}, ${b}): quark ${ours}, NumPy ${npOutcome(where[i]!)}`);
    });
    expect(bad).toEqual([]);
  }));

  it('clip for every dtype, and mixed bounds', () => np.scope(async () => {
    const cases = [...NUMPY_DTYPES.map((d) => [d, d, d] as const), ['int8', 'int16', 'uint8'], ['float32', 'int64', 'float16'], ['uint64', 'int64', 'uint8'], ['bool', 'bool', 'int8']] as const;
    const res = await Promise.all(cases.map(([a, b, c]) => oracle.eval('np.clip(np.ones(2, a), np.zeros(2, b), np.ones(2, c)).dtype.name', { a, b, c })));
    const bad = cases.flatMap(([a, b, c], i) => {
      const ours = outcome(() => np.clip(one(a), np.zeros([2], { dtype: b }), one(c)));
      return ours === npOutcome(res[i]!) ? [] : [`clip(${a}, ${b}, ${c}): quark ${ours}, NumPy ${npOutcome(res[i]!)}`];
    });
    expect(bad).toEqual([]);
  }));
});

// ---- values -------------------------------------------------------------------------------------

describe('values over edge cases, every op × every dtype', () => {
  it('unary ops', () => np.scope(async () => {
    const cases = UNARY.flatMap((info) => ALL_DTYPES.map((d) => ({ info, d, a: specOf(d, EDGES[d]) })));
    const expected = await Promise.all(cases.map(({ info, d, a }) =>
      oracle.eval(pyCall(`np.${info.name}(a)`, ['a'], d === 'bfloat16', info.name), { a: raw(a) })));
    cases.forEach(({ info, d, a }, i) => compare(info, () => fn(info.name)(build(a)), expected[i]!, `${info.name}(${d})`));
  }));

  it('binary ops over every pair of edge values', () => np.scope(async () => {
    const cases = BINARY.flatMap((info) => ALL_DTYPES.map((d) => {
      const vals = EDGES[d];
      // integer powers: negative exponents raise (tested below), so the exponents here are >= 0
      const ys = info.name === 'power' && !isFloat(d) ? vals.filter((v) => Number(v) >= 0 && Number(v) <= 70) : vals;
      return { info, d, a: specOf(d, vals, [vals.length, 1]), b: specOf(d, ys, [1, ys.length]) };
    }));
    const expected = await Promise.all(cases.map(({ info, d, a, b }) =>
      oracle.eval(pyCall(`np.${info.name}(a, b)`, ['a', 'b'], d === 'bfloat16', info.name), { a: raw(a), b: raw(b) })));
    cases.forEach(({ info, d, a, b }, i) => compare(info, () => fn(info.name)(build(a), build(b)), expected[i]!, `${info.name}(${d}, ${d})`));
  }));

  it('ldexp: every float with int32/int64 exponents (and the refused ones)', () => np.scope(async () => {
    const exps = [-1100, -200, -30, -1, 0, 1, 3, 30, 200, 1100];
    const cases = ALL_DTYPES.flatMap((d) => (['int8', 'int32', 'int64', 'uint32', 'uint64', 'float32'] as DType[]).map((e) => ({
      d, e, a: specOf(d, EDGES[d], [EDGES[d].length, 1]),
      b: specOf(e, e === 'int8' ? [-100, -1, 0, 1, 100] : e.startsWith('u') ? [0, 1, 3, 30, 200] : exps, [1, e === 'int8' || e.startsWith('u') ? 5 : exps.length]),
    })));
    const expected = await Promise.all(cases.map(({ d, a, b }) => oracle.eval(pyCall('np.ldexp(a, b)', ['a', 'b'], d === 'bfloat16', 'ldexp'), { a: raw(a), b: raw(b) })));
    cases.forEach(({ d, e, a, b }, i) => compare(LDEXP, () => fn('ldexp')(build(a), build(b)), expected[i]!, `ldexp(${d}, ${e})`));
  }));

  it('integer powers with a negative exponent raise, naming the op', () => np.scope(async () => {
    for (const d of ['int8', 'int32', 'int64'] as DType[]) {
      const e = await oracle.eval('np.power(a, b)', { a: raw(specOf(d, [2, 3])), b: raw(specOf(d, [1, -1])) });
      compare(BINARY.find((i) => i.name === 'power')!, () => np.power(build(specOf(d, [2, 3])), build(specOf(d, [1, -1]))), e, `power(${d})`);
    }
    expect(() => np.power(np.array([2, 3], { dtype: 'int16' }), -2)).toThrow(/^power: Integers to negative integer powers are not allowed\.$/);
    expect(() => np.array([2], { dtype: 'int32' }).ipow(-1)).toThrow(RangeError);
    // a later op is not affected
    expect(np.power(np.array([2], { dtype: 'int32' }), 3).tolist()).toEqual([8]);
  }));
});

// ---- raises -------------------------------------------------------------------------------------

describe('raises as NumPy does, with messages naming the op', () => {
  it('bad broadcasts, refused dtypes, out-of-range JS integers, bad out=', () => np.scope(async () => {
    const a = (d: DType, n = 3) => np.ones([n], { dtype: d });
    const cases: [string, () => unknown, string][] = [
      ['hypot', () => np.hypot(a('float32'), a('float32', 4)), 'np.hypot(np.ones(3, np.float32), np.ones(4, np.float32))'],
      ['clip', () => np.clip(a('int16'), a('int16', 2), 5), 'np.clip(np.ones(3, np.int16), np.ones(2, np.int16), 5)'],
      ['where', () => np.where(a('bool', 2), a('int8'), 1), 'np.where(np.ones(2, bool), np.ones(3, np.int8), 1)'],
      ['subtract', () => np.subtract(a('bool'), a('bool')), 'np.subtract(np.ones(3, bool), np.ones(3, bool))'],
      ['left_shift', () => np.left_shift(a('float32'), 1), 'np.left_shift(np.ones(3, np.float32), 1)'],
      ['gcd', () => np.gcd(a('float64'), a('int8')), 'np.gcd(np.ones(3), np.ones(3, np.int8))'],
      ['invert', () => np.invert(a('float16')), 'np.invert(np.ones(3, np.float16))'],
      ['sign', () => np.sign(a('bool')), 'np.sign(np.ones(3, bool))'],
      ['bitwise_and', () => np.bitwise_and(a('int8'), 300), 'np.bitwise_and(np.ones(3, np.int8), 300)'],
      ['remainder', () => np.remainder(a('uint8'), -1), 'np.remainder(np.ones(3, np.uint8), -1)'],
      ['ldexp', () => np.ldexp(a('float32'), 1.5), 'np.ldexp(np.ones(3, np.float32), 1.5)'],
      ['sqrt', () => np.sqrt(a('float64'), { out: a('int32') }), 'np.sqrt(np.ones(3), out=np.ones(3, np.int32))'],
      ['add', () => np.add(a('float64'), 1, { out: np.ones([2]) }), 'np.add(np.ones(3), 1, out=np.ones(2))'],
      ['logical_and', () => np.logical_and(a('int8'), a('int8'), { dtype: 'int8' }), 'np.logical_and(np.ones(3, np.int8), np.ones(3, np.int8), dtype=np.int8)'],
    ];
    const res = await Promise.all(cases.map(([, , e]) => oracle.eval(e)));
    cases.forEach(([name, f, e], i) => {
      const info = { name, nin: 2, nout: 1, tol: 'exact' } as UfuncInfo;
      compare(info, f as () => NDArray, res[i]!, e);
    });
  }));
});
