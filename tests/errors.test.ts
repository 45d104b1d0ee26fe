// Errors read like NumPy's and name the function: unknown dtypes, negative dimensions, ragged lists,
// broadcasting (incl. out=), casting, reshape, transpose axes, item, use after dispose, bad input.
// NumPy (2.4) decides whether a call raises; where quark words it the same way the message is
// compared in full, prefixed with the function's name.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { np, npx } from '../src/index.js';
import { draw, pyTupleStr, shapeArb, show } from './helpers/gen.js';
import { NumpyOracle, isOracleError, type OracleError, type OracleValue } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();

beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

function thrown(fn: () => unknown): Error | undefined {
  try {
    np.scope(fn);
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

/** NumPy raised; quark throws an Error of the matching class, named `who: `, and (if `exact`) NumPy's message. */
function expectSameError(fn: () => unknown, expected: OracleValue | OracleError, who: string, exact = true, label = ''): void {
  if (!isOracleError(expected)) throw new Error(`${label}: NumPy did not raise (returned ${show(expected)})`);
  const e = thrown(fn);
  if (!e) throw new Error(`${label}: quark did not throw; NumPy raised ${expected.error}: ${expected.message}`);
  expect(e).toBeInstanceOf(Error);
  const cls = /TypeError|^_UFunc/.test(expected.error) ? TypeError : RangeError;
  expect(e, `${label}: NumPy ${expected.error}, quark ${e.constructor.name}: ${e.message}`).toBeInstanceOf(cls);
  if (exact) expect(e.message, label).toBe(`${who}: ${expected.message.trim()}`);
  else expect(e.message, label).toMatch(new RegExp(`^${who}: `));
}

const ones = (shape: number[], dtype: 'float64' | 'int8' | 'bool' = 'float64') => np.ones(shape, { dtype });

describe('dtypes and shapes given to creation functions', () => {
  it('an unknown dtype is a TypeError naming the function', async () => {
    const e = await oracle.eval("np.zeros(2, dtype='foo')");
    const a = ones([2]);
    expectSameError(() => np.zeros([2], { dtype: 'foo' as never }), e, 'zeros', true);
    expectSameError(() => np.ones([2], { dtype: 'foo' as never }), e, 'ones', true);
    expectSameError(() => np.empty([2], { dtype: 'foo' as never }), e, 'empty', true);
    expectSameError(() => np.full([2], 1, { dtype: 'foo' as never }), e, 'full', true);
    expectSameError(() => np.array([1, 2], { dtype: 'foo' as never }), e, 'array', true);
    expectSameError(() => a.astype('foo' as never), e, 'astype', true);
    expectSameError(() => np.add(a, a, { dtype: 'foo' as never }), e, 'add', true);
    expectSameError(() => np.exp(a, { dtype: 'complex512' as never }), { error: 'TypeError', message: "data type 'complex512' not understood" }, 'exp', true);
    a.dispose();
  });

  it('negative dimensions and non-integer dimensions', async () => {
    const [neg, frac] = await Promise.all([oracle.eval('np.zeros((2, -3))'), oracle.eval('np.zeros(1.5)')]);
    for (const [who, f] of [['zeros', np.zeros], ['ones', np.ones], ['empty', np.empty]] as const) {
      expectSameError(() => f([2, -3]), neg!, who, false, `${who} negative`);
      expect(thrown(() => f([2, -3]))!.message).toMatch(/negative dimensions are not allowed/);
      expectSameError(() => f(1.5), frac!, who, false, `${who} 1.5`);
    }
    expectSameError(() => np.full(-1, 0), neg!, 'full', false);
  });

  it('ragged nested lists: NumPy\'s inhomogeneous-shape message', async () => {
    const lists: unknown[] = [[[1, 2], [3]], [[1], [2, 3]], [1, [2]], [[1, 2], 3], [[[1, 2], [3, 4]], [[5, 6], [7]]], [[[1], [2]], [[3], 4]]];
    const expected = await Promise.all(lists.map((l) => oracle.eval('np.array(l)', { l: l as never })));
    lists.forEach((l, i) => expectSameError(() => np.array(l as never), expected[i]!, 'array', true, show(l)));
  });
});

describe('broadcasting', () => {
  it('shape mismatches raise NumPy\'s message, e.g. "operands could not be broadcast together with shapes (2,3) (4,)"', async () => {
    const e = thrown(() => np.add(ones([2, 3]), ones([4])));
    expect(e?.message).toBe('add: operands could not be broadcast together with shapes (2,3) (4,)');
    expect(e).toBeInstanceOf(RangeError);
  });

  it('random shape pairs: raise exactly when NumPy does, with its message (every op, 0-d and empty shapes)', async () => {
    const mutate = (s: number[]) => fc.array(fc.integer({ min: 0, max: 3 }), { minLength: s.length, maxLength: s.length })
      .map((r) => s.map((d, i) => (r[i] === 0 ? d + 1 : r[i] === 1 ? 1 : d)));
    const cases = draw(shapeArb(4).chain((s) => fc.tuple(fc.constant(s), mutate(s), fc.constantFrom('add', 'subtract', 'multiply', 'true_divide') as fc.Arbitrary<'add'>)), 300, 1);
    const expected = await Promise.all(cases.map(([a, b, op]) => oracle.eval(`np.${op}(np.ones(${pyTupleStr(a)}), np.ones(${pyTupleStr(b)})).shape`)));
    let raised = 0;
    cases.forEach(([a, b, op], i) => {
      const e = expected[i]!;
      const label = `${op} ${show(a)} ${show(b)}`;
      if (isOracleError(e)) {
        raised++;
        expectSameError(() => np[op](ones(a), ones(b)), e, op, true, label);
      } else {
        expect(np.scope(() => [...np[op](ones(a), ones(b)).shape]), label).toEqual(e);
      }
    });
    expect(raised).toBeGreaterThan(30);
  });

  it('out= of the wrong shape: NumPy\'s messages (non-broadcastable output, or all operands listed)', async () => {
    const cases: [number[], number[] | null, number[]][] = [
      [[2, 3], [3], [3]], [[2, 3], [3], [1, 3]], [[3], null, [4]], [[], [0], [2]], [[2, 1], [1, 3], [3]], [[2, 1], [1, 3], [2, 3, 1]],
      [[2, 1], [1, 3], [1, 2, 3]], [[3], [3], [2, 3]],
    ];
    const expected = await Promise.all(cases.map(([a, b, o]) => oracle.eval(
      `np.add(np.ones(${pyTupleStr(a)}), ${b ? `np.ones(${pyTupleStr(b)})` : '1'}, out=np.zeros(${pyTupleStr(o)})).shape`)));
    cases.forEach(([a, b, o], i) => {
      const run = () => np.add(ones(a), b ? ones(b) : 1, { out: np.zeros(o, { dtype: 'float64' }) });
      const e = expected[i]!;
      if (isOracleError(e)) expectSameError(run, e, 'add', true, show([a, b, o]));
      else expect(np.scope(() => [...run().shape])).toEqual(e);
    });
  });
});

describe('casting and loops', () => {
  it('out= and dtype= that cannot be cast, bool subtract/negative, missing loops: NumPy\'s messages', async () => {
    const cases: [string, string, () => unknown][] = [
      ['add', "np.add(np.ones(2), 1, out=np.zeros(2, np.int8))", () => np.add(ones([2]), 1, { out: np.zeros([2], { dtype: 'int8' }) })],
      ['multiply', "np.multiply(np.ones(2, np.int8), 3, out=np.zeros(2, np.uint8))", () => np.multiply(ones([2], 'int8'), 3, { out: np.zeros([2], { dtype: 'uint8' }) })],
      ['add', "np.add(np.ones(2), np.ones(2), dtype='uint8')", () => np.add(ones([2]), ones([2]), { dtype: 'uint8' })],
      ['add', "np.add(np.ones(2, np.int8), 2.5, dtype='int8')", () => np.add(ones([2], 'int8'), 2.5, { dtype: 'int8' })],
      ['add', "np.add(np.ones(2, np.bool_), 1, dtype='bool')", () => np.add(ones([2], 'bool'), 1, { dtype: 'bool' })],
      ['subtract', 'np.subtract(np.ones(2, np.bool_), np.ones(2, np.bool_))', () => np.subtract(ones([2], 'bool'), ones([2], 'bool'))],
      ['subtract', 'np.subtract(np.ones(2, np.bool_), True)', () => np.subtract(ones([2], 'bool'), true)],
      ['negative', 'np.negative(np.ones(2, np.bool_))', () => np.negative(ones([2], 'bool'))],
      ['exp', "np.exp(np.ones(2, np.int8), dtype='int8')", () => np.exp(ones([2], 'int8'), { dtype: 'int8' })],
      ['true_divide', "np.true_divide(np.ones(2), 2, out=np.zeros(2, np.int64))", () => np.true_divide(ones([2]), 2, { out: np.zeros([2], { dtype: 'int64' }) })],
    ];
    const expected = await Promise.all(cases.map(([, py]) => oracle.eval(py)));
    cases.forEach(([who, py, fn], i) => {
      // NumPy calls true_divide "divide" in its messages; the rest is worded alike
      const e = expected[i]! as OracleError;
      const msg = isOracleError(e) ? { ...e, message: e.message.replace(/ufunc divide$/, 'ufunc true_divide').replace("ufunc 'divide'", "ufunc 'true_divide'") } : e;
      expectSameError(fn, msg, who, true, py);
    });
  });

  it('JS integers out of bounds for the loop raise (NumPy\'s OverflowError), naming the op', async () => {
    const cases: [string, string, () => unknown][] = [
      ['add', 'np.add(np.ones(2, np.int8), 300)', () => np.add(ones([2], 'int8'), 300)],
      ['subtract', 'np.subtract(np.ones(2, np.uint8), -1)', () => np.subtract(ones([2], 'int8').astype('uint8'), -1)],
      ['multiply', 'np.multiply(2**64, np.ones(2, np.int8))', () => np.multiply(2n ** 64n, ones([2], 'int8'))],
    ];
    const expected = await Promise.all(cases.map(([, py]) => oracle.eval(py)));
    cases.forEach(([who, py, fn], i) => {
      expectSameError(fn, expected[i]!, who, false, py);
      expect(thrown(fn)!.message).toMatch(/out of bounds for u?int\d+$/);
    });
  });
});

describe('reshape, transpose, item', () => {
  it('bad reshapes raise like NumPy (size mismatch, two unknown dims, -1 with a zero)', async () => {
    const cases: [number[], number[]][] = [[[2, 3], [4, 5]], [[2, 3], [4, -1]], [[2, 3], [-1, -1]], [[2, 3], [0, -1]], [[0, 3], [0, -1]], [[6], [7]], [[], [2]], [[2, 2], [5]]];
    const expected = await Promise.all(cases.map(([s, t]) => oracle.eval(`np.ones(${pyTupleStr(s)}).reshape(${pyTupleStr(t)})`)));
    cases.forEach(([s, t], i) => {
      const e = expected[i] as OracleError;
      // NumPy prints an unknown dimension as "newaxis"; quark prints the -1 it was given
      const msg = { ...e, message: e.message.replace('newaxis', '-1') };
      expectSameError(() => ones(s).reshape(t), msg, 'reshape', true, `${show(s)}.reshape(${show(t)})`);
      expectSameError(() => np.reshape(ones(s), t), msg, 'reshape', true);
    });
  });

  it('bad transpose axes raise naming transpose (out-of-bounds axes with NumPy\'s message)', async () => {
    const cases: number[][] = [[0, 2], [-3, 0], [0, 0], [0, 1, 2], [0], [1, 1]];
    const expected = await Promise.all(cases.map((axes) => oracle.eval(`np.ones((2, 3)).transpose(${pyTupleStr(axes)})`)));
    cases.forEach((axes, i) => {
      const e = expected[i] as OracleError;
      const exact = e.error === 'AxisError';
      expectSameError(() => ones([2, 3]).transpose(axes), e, 'transpose', exact, show(axes));
      expectSameError(() => np.transpose(ones([2, 3]), axes), e, 'transpose', exact, show(axes));
    });
  });

  it('item() of a size != 1 array and item(i) out of bounds', async () => {
    const [e1, e2] = await Promise.all([oracle.eval('np.ones((2, 3)).item()'), oracle.eval('np.ones((2, 3)).item(6)')]);
    expectSameError(() => ones([2, 3]).item(), { ...(e1 as OracleError), message: (e1 as OracleError).message.replace('Python', 'JS') }, 'item', true);
    expectSameError(() => ones([2, 3]).item(6), { ...(e2 as OracleError), error: 'IndexError' }, 'item', true);
    expectSameError(() => ones([2, 3]).item(-7), e2!, 'item', false);
  });
});

describe('use after dispose, bad input, devices', () => {
  it('use after dispose is an Error naming the function', () => {
    const a = ones([3]);
    a.dispose();
    for (const [who, fn] of [['add', () => a.add(1)], ['exp', () => np.exp(a)], ['tolist', () => a.tolist()],
      ['reshape', () => a.reshape(3)], ['astype', () => a.astype('int8')], ['copy', () => a.copy()]] as const) {
      const e = thrown(fn);
      expect(e?.message, who).toMatch(new RegExp(`^${who}: array used after dispose\\(\\)$`));
    }
  });

  it('nonsense arguments throw Errors naming the function, they never crash', () => {
    const a = ones([2]);
    const cases: [string, () => unknown][] = [
      ['add', () => np.add('x' as never, 1)], ['add', () => np.add(a, null as never)], ['add', () => np.add(a, undefined as never)],
      ['add', () => np.add(a, {} as never)], ['exp', () => np.exp([1, 2] as never)],
      ['array', () => np.array({} as never)], ['array', () => np.array([1, 'x'] as never)], ['array', () => np.array(undefined as never)],
      ['zeros', () => np.zeros('ab' as never)], ['zeros', () => np.zeros([NaN])], ['zeros', () => np.zeros([Infinity])],
      ['reshape', () => a.reshape(1.5)], ['reshape', () => a.reshape(NaN)], ['transpose', () => a.transpose(0.5)],
      ['item', () => a.item(0.5)], ['astype', () => a.astype(3 as never)],
    ];
    const wrong: string[] = [];
    for (const [who, fn] of cases) {
      const e = thrown(fn);
      if (!(e instanceof Error) || !e.message.startsWith(`${who}: `)) wrong.push(`${who}: ${e ? e.message : 'did not throw'}`);
    }
    a.dispose();
    expect(wrong).toEqual([]);
  });

  // Arrays on different devices: tests/webgpu.test.ts (it needs the WebGPU backend).

  it('an error inside an op leaves np.memory() where it was', () => {
    const before = np.memory().arrays;
    const a = ones([2, 3]);
    for (const fn of [() => np.add(a, ones([4])), () => np.add(a, 1, { out: np.zeros([3]) }), () => np.add(a, 1.5, { dtype: 'int8' }), () => a.reshape(4)]) {
      expect(thrown(fn)).toBeInstanceOf(Error);
    }
    a.dispose();
    expect(np.memory().arrays).toBe(before);
  });

  it('messages use NumPy\'s compact shape format', () => {
    const e = thrown(() => np.multiply(ones([2, 1, 3]), ones([4, 2])));
    expect(e?.message).toBe('multiply: operands could not be broadcast together with shapes (2,1,3) (4,2)');
    const r = thrown(() => ones([2, 3]).reshape(4, 5));
    expect(r?.message).toBe('reshape: cannot reshape array of size 6 into shape (4,5)');
  });
});
