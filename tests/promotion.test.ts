// Type promotion against NumPy 2.4 (NEP 50): promote_types and can_cast for every pair, result dtypes
// of the elementwise ops for every dtype and pair, JS numbers as weak scalars (incl. overflow), the
// bfloat16 rules (no NumPy oracle: bfloat16 sits where float16 does, and the two meet in float32),
// and quark's float32-default rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DType } from '../src/core/dtype.js';
import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { ALL_DTYPES, NUMPY_DTYPES, pyScalar, show } from './helpers/gen.js';
import { NumpyOracle, isOracleError, type OracleArg, type OracleError, type OracleValue } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();

const BINARY = ['add', 'subtract', 'multiply', 'true_divide'] as const;
const UNARY = ['negative', 'exp'] as const;
type Binary = (typeof BINARY)[number];
type Unary = (typeof UNARY)[number];

/** What an outcome looks like on both sides: a dtype name, or the kind of error. */
type Outcome = string;

/** NumPy's exception classes as the JS error classes quark throws for them. */
function npOutcome(v: OracleValue | OracleError): Outcome {
  if (!isOracleError(v)) return String(v);
  if (/TypeError|^_UFunc/.test(v.error)) return 'TypeError';
  if (/OverflowError|ValueError|AxisError/.test(v.error)) return 'RangeError';
  return `python ${v.error}: ${v.message}`;
}

function ourOutcome(fn: () => string): Outcome {
  try {
    return fn();
  } catch (e) {
    if (e instanceof TypeError) return 'TypeError';
    if (e instanceof RangeError) return 'RangeError';
    return `js ${(e as Error).message}`;
  }
}

/** Runs every case through NumPy (one batch) and quark; returns the mismatches. */
async function compare<C>(cases: readonly C[], py: (c: C) => [string, Record<string, OracleArg>?], ours: (c: C) => Outcome,
  expectedFrom: (np: Outcome, c: C) => Outcome = (x) => x): Promise<string[]> {
  const res = await Promise.all(cases.map((c) => {
    const [e, a] = py(c);
    return oracle.eval(e, a);
  }));
  const bad: string[] = [];
  cases.forEach((c, i) => {
    const want = expectedFrom(npOutcome(res[i]!), c);
    const got = np.scope(() => ours(c));
    if (got !== want) bad.push(`${show(c)}: quark ${got}, expected ${want}`);
  });
  return bad;
}

const pairs = (ds: readonly DType[]): [DType, DType][] => ds.flatMap((a) => ds.map((b): [DType, DType] => [a, b]));
const one = (d: DType): NDArray => np.ones([2], { dtype: d });

const binaryFn = (op: Binary) => np[op] as (a: NDArray | number | bigint | boolean, b: NDArray | number | bigint | boolean) => NDArray;
const unaryFn = (op: Unary) => np[op] as (a: NDArray | number | bigint) => NDArray;

/** Weak scalars: small and extreme JS integers (numbers and bigints; numbers beyond ±(2^53 − 1) count as floats), non-integer floats, booleans. */
const SCALARS: (number | bigint | boolean)[] = [
  0, 1, -1, 2, 127, 128, -128, -129, 255, 256, -32769, 65535, 65536, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53,
  2n ** 63n - 1n, 2n ** 63n, -(2n ** 63n), -(2n ** 63n) - 1n, 2n ** 64n - 1n, 2n ** 64n, 1e300,
  2.5, -0.5, 1e-300, NaN, Infinity, -Infinity, true, false,
];

function scalarSrc(v: number | bigint | boolean): string {
  return typeof v === 'boolean' ? (v ? 'True' : 'False') : 's';
}

describe('promotion, NumPy mode (npx.set_np({ dtype: "numpy" }))', () => {
  beforeAll(() => npx.set_np({ dtype: 'numpy' }));
  afterAll(() => npx.set_np());

  it('promote_types for every pair of the 12 NumPy dtypes', () => np.scope(async () => {
    const bad = await compare(pairs(NUMPY_DTYPES),
      ([a, b]) => ['np.promote_types(np.dtype(a), np.dtype(b))', { a, b }],
      ([a, b]) => ourOutcome(() => np.promote_types(a, b)));
    expect(bad).toEqual([]);
  }));

  it('can_cast for every pair and casting rule', () => np.scope(async () => {
    const rules = ['no', 'equiv', 'safe', 'same_kind', 'unsafe'] as const;
    const cases = pairs(NUMPY_DTYPES).flatMap(([a, b]) => rules.map((r) => [a, b, r] as const));
    const bad = await compare(cases,
      ([a, b, r]) => ['str(np.can_cast(np.dtype(a), np.dtype(b), casting=r))', { a, b, r }],
      ([a, b, r]) => ourOutcome(() => String(np.can_cast(a, b, r) ? 'True' : 'False')));
    expect(bad).toEqual([]);
  }));

  it('result dtype of add/subtract/multiply/true_divide for every pair of dtypes', () => np.scope(async () => {
    const cases = BINARY.flatMap((op) => pairs(NUMPY_DTYPES).map(([a, b]) => [op, a, b] as const));
    const bad = await compare(cases,
      ([op, a, b]) => [`np.${op}(np.ones(2, a), np.ones(2, b)).dtype`, { a, b }],
      ([op, a, b]) => ourOutcome(() => binaryFn(op)(one(a), one(b)).dtype));
    expect(bad).toEqual([]);
  }));

  it('result dtype of negative/exp for every dtype (bool negative raises, exp(int8) is float16)', () => np.scope(async () => {
    const cases = UNARY.flatMap((op) => NUMPY_DTYPES.map((a) => [op, a] as const));
    const bad = await compare(cases,
      ([op, a]) => [`np.${op}(np.ones(2, a)).dtype`, { a }],
      ([op, a]) => ourOutcome(() => unaryFn(op)(one(a)).dtype));
    expect(bad).toEqual([]);
    // the headline cases, spelled out
    expect(np.exp(one('int8')).dtype).toBe('float16');
    expect(np.exp(one('int16')).dtype).toBe('float32');
    expect(np.exp(one('int32')).dtype).toBe('float64');
    expect(np.true_divide(one('int8'), one('int8')).dtype).toBe('float64');
    expect(() => np.subtract(one('bool'), one('bool'))).toThrow(TypeError);
    expect(() => np.negative(one('bool'))).toThrow(TypeError);
  }));

  it('weak JS scalars (NEP 50) on either side of every binary op, for every dtype', () => np.scope(async () => {
    const cases = BINARY.flatMap((op) => NUMPY_DTYPES.flatMap((d) => SCALARS.flatMap((s) => [[op, d, s, 0], [op, d, s, 1]] as const)));
    const bad = await compare(cases,
      ([op, d, s, side]) => {
        const sv = scalarSrc(s);
        return [side === 0 ? `np.${op}(np.ones(2, d), ${sv}).dtype` : `np.${op}(${sv}, np.ones(2, d)).dtype`, { d, s: pyScalar(s) }];
      },
      ([op, d, s, side]) => ourOutcome(() => (side === 0 ? binaryFn(op)(one(d), s) : binaryFn(op)(s, one(d))).dtype));
    expect(bad).toEqual([]);
  }));

  it('weak JS scalars with the unary ops and with each other', () => np.scope(async () => {
    const cases: [string, (number | bigint | boolean)[]][] = [
      // (only ints that fit int64: NumPy turns a lone Python int beyond it into uint64 or object first)
      ...SCALARS.filter((s) => typeof s !== 'boolean' && (typeof s === 'bigint' ? s >= -(2n ** 63n) && s < 2n ** 63n : !(Math.abs(s) >= 2 ** 63)))
        .flatMap((s) => UNARY.map((op): [string, (number | bigint | boolean)[]] => [op, [s]])),
      ...BINARY.flatMap((op) => [[op, [1, 2]], [op, [1, 2.5]], [op, [2.5, 1]], [op, [true, 2]], [op, [2n, 3]], [op, [true, 2.5]]] as [string, (number | bigint | boolean)[]][]),
    ];
    const bad = await compare(cases,
      ([op, ss]) => [`np.${op}(${ss.map((s, i) => (typeof s === 'boolean' ? scalarSrc(s) : `s${i}`)).join(', ')}).dtype`,
        Object.fromEntries(ss.map((s, i) => [`s${i}`, pyScalar(s)]))],
      ([op, ss]) => ourOutcome(() => (ss.length === 1 ? unaryFn(op as Unary)(ss[0] as number) : binaryFn(op as Binary)(ss[0]!, ss[1]!)).dtype));
    expect(bad).toEqual([]);
  }));

  it('out-of-bounds JS integers raise as NumPy\'s OverflowError does (RangeError naming the op)', () => np.scope(() => {
    expect(() => np.add(one('uint8'), -1)).toThrow(/^add: .*-1.*uint8/);
    expect(() => np.multiply(one('int8'), 128)).toThrow(RangeError);
    expect(() => np.subtract(one('int64'), 2n ** 63n)).toThrow(/subtract/);
    expect(() => np.add(one('bool'), 2n ** 63n)).toThrow(RangeError);
    // ...but not where the loop is a float one: int8 / 300 divides in float64, as in NumPy
    expect(np.true_divide(one('int8'), 300).dtype).toBe('float64');
  }));
});

describe('bfloat16 promotion (no NumPy oracle: bfloat16 takes float16\'s place; the two meet in float32)', () => {
  beforeAll(() => npx.set_np({ dtype: 'numpy' }));
  afterAll(() => npx.set_np());

  const asBf16 = (o: Outcome): Outcome => (o === 'float16' ? 'bfloat16' : o);

  it('promote_types(bfloat16, x) is promote_types(float16, x) with float16 read as bfloat16', () => np.scope(async () => {
    const others = NUMPY_DTYPES.filter((d) => d !== 'float16');
    const bad = await compare(others.flatMap((x) => [[x, 0], [x, 1]] as const),
      ([x]) => ['np.promote_types(np.float16, np.dtype(x))', { x }],
      ([x, side]) => ourOutcome(() => (side === 0 ? np.promote_types('bfloat16', x) : np.promote_types(x, 'bfloat16'))),
      asBf16);
    expect(bad).toEqual([]);
    expect(np.promote_types('bfloat16', 'bfloat16')).toBe('bfloat16');
    expect(np.promote_types('bfloat16', 'float16')).toBe('float32');
    expect(np.promote_types('float16', 'bfloat16')).toBe('float32');
  }));

  it('op result dtypes with bfloat16 follow the same rule', () => np.scope(async () => {
    const others = ALL_DTYPES.filter((d) => d !== 'float16' && d !== 'bfloat16');
    const cases = BINARY.flatMap((op) => others.flatMap((x) => [[op, x, 0], [op, x, 1]] as const));
    const bad = await compare(cases,
      ([op, x, side]) => [side === 0 ? `np.${op}(np.ones(2, np.float16), np.ones(2, x)).dtype` : `np.${op}(np.ones(2, x), np.ones(2, np.float16)).dtype`, { x }],
      ([op, x, side]) => ourOutcome(() => (side === 0 ? binaryFn(op)(one('bfloat16'), one(x)) : binaryFn(op)(one(x), one('bfloat16'))).dtype),
      asBf16);
    expect(bad).toEqual([]);
    for (const op of BINARY) {
      expect(binaryFn(op)(one('bfloat16'), one('bfloat16')).dtype).toBe('bfloat16');
      expect(binaryFn(op)(one('bfloat16'), one('float16')).dtype).toBe('float32');
    }
    expect(np.exp(one('bfloat16')).dtype).toBe('bfloat16');
    expect(np.negative(one('bfloat16')).dtype).toBe('bfloat16');
  }));

  it('weak scalars keep bfloat16 (NEP 50: a float dtype absorbs weak ints and floats)', () => np.scope(() => {
    for (const s of [2, -1, 300, 2 ** 40, 2n ** 70n, 2.5, NaN, -Infinity]) {
      for (const op of BINARY) {
        expect(binaryFn(op)(one('bfloat16'), s).dtype, `${op} ${show(s)}`).toBe('bfloat16');
        expect(binaryFn(op)(s, one('bfloat16')).dtype, `${op} ${show(s)}`).toBe('bfloat16');
      }
    }
  }));

  it('can_cast with bfloat16: int8/uint8/bool cast safely into it, it casts safely to float32/float64 only', () => np.scope(() => {
    for (const d of ['bool', 'int8', 'uint8'] as const) expect(np.can_cast(d, 'bfloat16'), d).toBe(true);
    for (const d of ['int16', 'uint16', 'float16', 'float32'] as const) expect(np.can_cast(d, 'bfloat16'), d).toBe(false);
    for (const d of ['float32', 'float64'] as const) expect(np.can_cast('bfloat16', d), d).toBe(true);
    expect(np.can_cast('bfloat16', 'float16')).toBe(false);
    expect(np.can_cast('bfloat16', 'float16', 'same_kind')).toBe(true);
    expect(np.can_cast('bfloat16', 'int64', 'same_kind')).toBe(false);
  }));
});

describe('float32-default rule (default mode): float64 from inputs none of which is float64 becomes float32', () => {
  // Expected values still come from NumPy: its dtype, with float64 → float32 where no input was float64.
  const rule = (inputs: readonly (DType | 'weak')[]) => (o: Outcome): Outcome =>
    (o === 'float64' && !inputs.includes('float64') ? 'float32' : o);

  it('is the default', () => np.scope(() => {
    expect(npx.is_np_default_dtype()).toBe(false);
    expect(np.zeros([1]).dtype).toBe('float32');
  }));

  it('binary ops for every pair of dtypes', () => np.scope(async () => {
    const cases = BINARY.flatMap((op) => pairs(NUMPY_DTYPES).map(([a, b]) => [op, a, b] as const));
    const res = await Promise.all(cases.map(([op, a, b]) => oracle.eval(`np.${op}(np.ones(2, a), np.ones(2, b)).dtype`, { a, b })));
    const bad: string[] = [];
    cases.forEach(([op, a, b], i) => {
      const want = rule([a, b])(npOutcome(res[i]!));
      const got = np.scope(() => ourOutcome(() => binaryFn(op)(one(a), one(b)).dtype));
      if (got !== want) bad.push(`${op}(${a}, ${b}): quark ${got}, expected ${want}`);
    });
    expect(bad).toEqual([]);
  }));

  it('unary ops and weak scalars', () => np.scope(async () => {
    const cases = [
      ...UNARY.flatMap((op) => NUMPY_DTYPES.map((d) => [op, d, undefined] as const)),
      ...BINARY.flatMap((op) => NUMPY_DTYPES.flatMap((d) => [2, 2.5, -1, NaN].map((s) => [op, d, s] as const))),
    ];
    const res = await Promise.all(cases.map(([op, d, s]) => oracle.eval(
      s === undefined ? `np.${op}(np.ones(2, d)).dtype` : `np.${op}(np.ones(2, d), s).dtype`, { d, s: s ?? null })));
    const bad: string[] = [];
    cases.forEach(([op, d, s], i) => {
      const want = rule([d, 'weak'])(npOutcome(res[i]!));
      const got = np.scope(() => ourOutcome(() => (s === undefined ? unaryFn(op as Unary)(one(d)) : binaryFn(op as Binary)(one(d), s)).dtype));
      if (got !== want) bad.push(`${op}(${d}, ${show(s)}): quark ${got}, expected ${want}`);
    });
    expect(bad).toEqual([]);
  }));

  it('values: int / int and exp(int) in float32 agree with NumPy\'s float64 to float32 precision', () => np.scope(async () => {
    const a = np.array([1, 2, 3, -7, 100], { dtype: 'int32' });
    const b = np.array([3, 7, -9, 2, 1000], { dtype: 'int64' });
    const q = np.true_divide(a, b);
    const e = np.exp(a.astype('int16'));
    const [wq, we] = await Promise.all([
      oracle.eval('np.true_divide(np.array([1, 2, 3, -7, 100], np.int32), np.array([3, 7, -9, 2, 1000], np.int64)).astype(np.float32)'),
      oracle.eval('np.exp(np.array([1, 2, 3, -7, 100], np.int16)).astype(np.float32)'),
    ]);
    expect(q.dtype).toBe('float32');
    expect(e.dtype).toBe('float32');
    const { expectMatches } = await import('./helpers/arrays.js');
    expectMatches(q, wq!, { rtol: 1e-7 }, 'int32/int64');
    expectMatches(e, we!, { rtol: 1e-6 }, 'exp(int16)');
  }));
});
