import { describe, expect, it } from 'vitest';
import {
  NumpyOracle, isOracleError, isRawArray, pyFloat, pyTuple,
  type OracleValue, type OracleError, type RawArrayResult,
} from './oracle/oracle.js';
import type { RawArray } from '../src/np/io/npy.js';

const oracle = NumpyOracle.shared();

function arr(v: OracleValue | OracleError): RawArrayResult {
  if (!isRawArray(v)) throw new Error(`expected an array, got ${JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x))}`);
  return v;
}

function err(v: OracleValue | OracleError): OracleError {
  if (!isOracleError(v)) throw new Error('expected an error');
  return v;
}

describe('NumpyOracle: results', () => {
  it('returns arrays with dtype, shape and C-order data', async () => {
    const r = arr(await oracle.eval('np.arange(6, dtype=np.int32).reshape(2, 3)'));
    expect(r.dtype).toBe('int32');
    expect(r.shape).toEqual([2, 3]);
    expect(r.isScalar).toBe(false);
    expect(r.fortranOrder).toBe(false);
    expect([...r.data as Int32Array]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('sends non-contiguous and Fortran-ordered results in C order', async () => {
    const r = arr(await oracle.eval('np.asfortranarray(np.arange(6.).reshape(2, 3))[:, ::-1]'));
    expect(r.dtype).toBe('float64');
    expect(r.fortranOrder).toBe(false);
    expect([...r.data as Float64Array]).toEqual([2, 1, 0, 5, 4, 3]);
  });

  it('returns NumPy scalars as 0-d arrays flagged isScalar', async () => {
    const r = arr(await oracle.eval('np.float32(1.5)'));
    expect(r).toMatchObject({ dtype: 'float32', shape: [], isScalar: true });
    expect(r.data[0]).toBe(1.5);
    const b = arr(await oracle.eval('np.bool_(True)'));
    expect(b).toMatchObject({ dtype: 'bool', shape: [], isScalar: true });
    expect(b.data[0]).toBe(1);
    const z = arr(await oracle.eval('np.array(7, dtype=np.uint8)'));
    expect(z).toMatchObject({ dtype: 'uint8', shape: [], isScalar: false });
    const s = arr(await oracle.eval('np.int64(-5)'));
    expect(s.data[0]).toBe(-5n);
  });

  it('returns big-endian arrays decoded to native values', async () => {
    const r = arr(await oracle.eval("np.array([1, 256, -2], dtype='>i4')"));
    expect([...r.data as Int32Array]).toEqual([1, 256, -2]);
  });

  it('returns Python scalars', async () => {
    const rs = await oracle.evalMany([
      { expr: '1 + 2' }, { expr: '0.5 * 3' }, { expr: 'True' }, { expr: 'None' }, { expr: "'héllo'" },
      { expr: "float('nan')" }, { expr: "float('-inf')" }, { expr: '-0.0' }, { expr: 'math.pi' },
    ]);
    expect(rs.slice(0, 5)).toEqual([3, 1.5, true, null, 'héllo']);
    expect(rs[5]).toBeNaN();
    expect(rs[6]).toBe(-Infinity);
    expect(Object.is(rs[7], -0)).toBe(true);
    expect(rs[8]).toBe(Math.PI);
  });

  it('returns Python ints beyond 2^53 as bigint', async () => {
    const rs = await oracle.evalMany([
      { expr: '2**64' }, { expr: '-(2**63)' }, { expr: '2**53 - 1' }, { expr: '-(2**53 - 1)' }, { expr: '2**53' },
      { expr: 'np.iinfo(np.uint64).max' }, { expr: '10**30' },
    ]);
    expect(rs).toEqual([2n ** 64n, -(2n ** 63n), 2 ** 53 - 1, -(2 ** 53 - 1), 2n ** 53n, 2n ** 64n - 1n, 10n ** 30n]);
  });

  it('returns tuples and lists as nested arrays', async () => {
    const r = await oracle.eval("(np.arange(3, dtype=np.int16), 2, 'x', (True, None, [1.5, 2**70]))");
    expect(Array.isArray(r)).toBe(true);
    const [a, ...rest] = r as OracleValue[];
    expect(arr(a!).dtype).toBe('int16');
    expect(rest).toEqual([2, 'x', [true, null, [1.5, 2n ** 70n]]]);
    expect(await oracle.eval('np.divmod(np.array([7, -7]), 3)')).toHaveLength(2);
  });

  it('returns dtypes and scalar types as names, bytes as Uint8Array', async () => {
    const rs = await oracle.evalMany([
      { expr: 'np.result_type(np.int8, np.uint8)' }, { expr: 'np.float32' }, { expr: "b'ab\\x00'" },
    ]);
    expect(rs[0]).toBe('int16');
    expect(rs[1]).toBe('float32');
    expect(rs[2]).toBeInstanceOf(Uint8Array);
    expect([...rs[2] as Uint8Array]).toEqual([97, 98, 0]);
  });

  it('runs statements that assign result', async () => {
    expect(await oracle.eval('x = np.arange(4)\nx[1] = 10\nresult = int(x.sum())')).toBe(15);
    expect(err(await oracle.eval('x = 1')).error).toBe('NameError');
  });

  it('is not disturbed by print()', async () => {
    expect(await oracle.eval("print('noise on stdout') or 5")).toBe(5);
  });
});

describe('NumpyOracle: arguments', () => {
  it('passes arrays (writable, any order) and returns results', async () => {
    const a: RawArray = { dtype: 'float32', shape: [2, 2], data: new Float32Array([1, 2, 3, 4]), fortranOrder: false };
    const f: RawArray = { dtype: 'float32', shape: [2, 2], data: new Float32Array([1, 2, 3, 4]), fortranOrder: true };
    const r = arr(await oracle.eval('a @ f', { a, f }));
    // f is [[1, 3], [2, 4]]
    expect([...r.data as Float32Array]).toEqual([5, 11, 11, 25]);
    const w = arr(await oracle.eval('(a.__setitem__((0, 0), 9), a)[1]', { a }));
    expect(w.data[0]).toBe(9);
    expect(await oracle.eval('bool(f.flags.f_contiguous and not f.flags.c_contiguous)', { f })).toBe(true);
  });

  it('passes every dtype', async () => {
    const cases: RawArray[] = [
      { dtype: 'bool', shape: [3], data: new Uint8Array([1, 0, 1]), fortranOrder: false },
      { dtype: 'int8', shape: [2], data: new Int8Array([-128, 127]), fortranOrder: false },
      { dtype: 'uint64', shape: [1], data: new BigUint64Array([2n ** 64n - 1n]), fortranOrder: false },
      { dtype: 'int64', shape: [], data: new BigInt64Array([-(2n ** 63n)]), fortranOrder: false },
      { dtype: 'float16', shape: [2], data: new Uint16Array([0x3c00, 0xfc00]), fortranOrder: false },
    ];
    const rs = await oracle.evalMany(cases.map((a) => ({ expr: '[str(a.dtype), list(a.shape), a.tolist()]', args: { a } })));
    expect(rs).toEqual([
      ['bool', [3], [true, false, true]],
      ['int8', [2], [-128, 127]],
      ['uint64', [1], [2n ** 64n - 1n]],
      ['int64', [], -(2n ** 63n)],
      ['float16', [2], [1, -Infinity]],
    ]);
  });

  it('passes scalars: ints, floats, special floats, bigints, strings, lists, tuples, bytes', async () => {
    const rs = await oracle.evalMany([
      { expr: 'type(x).__name__', args: { x: 2 } },
      { expr: 'type(x).__name__', args: { x: 2.5 } },
      { expr: 'type(x).__name__', args: { x: pyFloat(2) } },
      { expr: 'math.isnan(x)', args: { x: NaN } },
      { expr: 'x', args: { x: -Infinity } },
      { expr: 'math.copysign(1, x)', args: { x: -0 } },
      { expr: 'x + 1', args: { x: 2n ** 64n } },
      { expr: 'x.upper()', args: { x: 'abc' } },
      { expr: 'x is None', args: { x: null } },
      { expr: 'x is True', args: { x: true } },
      { expr: 'np.array(x).shape', args: { x: [[1, 2], [3, 4], [5, 6]] } },
      { expr: 'int(np.arange(6).reshape(2, 3).sum(axis=ax).sum())', args: { ax: pyTuple([0, 1]) } },
      { expr: 'type(t).__name__', args: { t: pyTuple([1, pyTuple([])]) } },
      { expr: 'len(b) + b[1]', args: { b: new Uint8Array([1, 7, 3]) } },
    ]);
    expect(rs).toEqual(['int', 'float', 'float', true, -Infinity, -1, 2n ** 64n + 1n, 'ABC', true, true, [3, 2], 15, 'tuple', 10]);
  });
});

describe('NumpyOracle: errors', () => {
  it('reports exceptions with class name and message', async () => {
    const rs = await oracle.evalMany([
      { expr: 'np.zeros((2, 3)) + np.zeros((4,))' },
      { expr: 'np.sum(np.zeros(3), axis=5)' },
      { expr: '1 / 0' },
      { expr: 'undefined_name' },
      { expr: 'np.zeros(3).reshape(2, 2)' },
      { expr: '(' },
    ]);
    expect(err(rs[0]!).error).toBe('ValueError');
    expect(err(rs[0]!).message).toContain('operands could not be broadcast together with shapes (2,3) (4,)');
    expect(err(rs[1]!).error).toBe('AxisError');
    expect(err(rs[2]!).error).toBe('ZeroDivisionError');
    expect(err(rs[3]!).error).toBe('NameError');
    expect(err(rs[4]!).message).toContain('cannot reshape array of size 3 into shape (2,2)');
    expect(err(rs[5]!).error).toBe('SyntaxError');
  });

  it('reports results quark cannot represent', async () => {
    const rs = await oracle.evalMany([
      { expr: 'np.array([1 + 2j], dtype=np.clongdouble)' }, { expr: "np.array(['a'])" }, { expr: '{1: 2}' }, { expr: '(1, {2})' },
      { expr: 'np.longdouble(1)' },
    ]);
    for (const r of rs) expect(err(r).error).toBe('OracleUnsupported');
  });

  it('keeps going after errors in a batch, in order', async () => {
    const reqs = Array.from({ length: 50 }, (_, i) => ({ expr: i % 7 === 3 ? 'raise_me' : 'i * 2', args: { i } }));
    const rs = await oracle.evalMany(reqs);
    rs.forEach((r, i) => {
      if (i % 7 === 3) expect(err(r).error).toBe('NameError');
      else expect(r).toBe(i * 2);
    });
  });
});

describe('NumpyOracle: batching and throughput', () => {
  it('coalesces concurrent eval() calls and keeps their order', async () => {
    const rs = await Promise.all(Array.from({ length: 200 }, (_, i) => oracle.eval('int(np.int64(i) ** 2)', { i })));
    expect(rs).toEqual(Array.from({ length: 200 }, (_, i) => i * i));
  });

  it('moves large arrays both ways', async () => {
    const n = 1 << 20;
    const a: RawArray = { dtype: 'float64', shape: [n], data: new Float64Array(n).map((_, i) => i), fortranOrder: false };
    const r = arr(await oracle.eval('a[::-1] * 2', { a }));
    expect(r.data.length).toBe(n);
    expect(r.data[0]).toBe((n - 1) * 2);
    expect(r.data[n - 1]).toBe(0);
  });

  it('serves many small requests per second via evalMany (reported, not asserted)', async () => {
    const x: RawArray = { dtype: 'float32', shape: [4], data: new Float32Array([1, 2, 3, 4]), fortranOrder: false };
    const reqs = Array.from({ length: 5000 }, (_, i) => ({ expr: 'np.add(x, i)', args: { x, i } }));
    await oracle.evalMany(reqs.slice(0, 100)); // warm
    const t0 = performance.now();
    const rs = await oracle.evalMany(reqs);
    const dt = (performance.now() - t0) / 1000;
    expect(arr(rs[4999]!).data[3]).toBe(5003);
    console.log(`NumpyOracle: ${(reqs.length / dt).toFixed(0)} requests/s via evalMany (np.add on a float32[4])`);
  });
});

const hasBf16 = (await oracle.eval("__import__('importlib.util').util.find_spec('ml_dtypes') is not None")) === true;

describe('NumpyOracle: bfloat16', () => {
  it.skipIf(!hasBf16)('passes and returns bfloat16 arrays through ml_dtypes', async () => {
    const a: RawArray = { dtype: 'bfloat16', shape: [3], data: new Uint16Array([0x3f80, 0x4040, 0xbf00]), fortranOrder: false };
    const r = arr(await oracle.eval('a * bfloat16(2)', { a }));
    expect(r.dtype).toBe('bfloat16');
    expect([...r.data as Uint16Array]).toEqual([0x4000, 0x40c0, 0xbf80]);
    expect(await oracle.eval('[str(a.dtype), a.astype(np.float32).tolist()]', { a })).toEqual(['bfloat16', [1, 3, -0.5]]);
  });

  it.skipIf(hasBf16)('reports a clear error for bfloat16 without ml_dtypes', async () => {
    const a: RawArray = { dtype: 'bfloat16', shape: [1], data: new Uint16Array([0x3f80]), fortranOrder: false };
    const r = err(await oracle.eval('a', { a }));
    expect(r.message).toContain('ml_dtypes');
  });
});

describe('NumpyOracle: lifecycle', () => {
  it('shared() returns one instance per worker', () => {
    expect(NumpyOracle.shared()).toBe(oracle);
  });

  it('close() kills the process and rejects later calls', async () => {
    const o = new NumpyOracle();
    const pid = (await o.eval("__import__('os').getpid()")) as number;
    o.close();
    await expect(o.eval('1')).rejects.toThrow(/closed/);
    await new Promise((r) => setTimeout(r, 200));
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('rejects pending calls when the process dies', async () => {
    const o = new NumpyOracle();
    await expect(o.eval("__import__('os')._exit(3)")).rejects.toThrow(/exited \(code 3/);
    expect(o.closed).toBe(true);
    o.close();
  });
});
