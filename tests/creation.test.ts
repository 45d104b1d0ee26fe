// Creation with quark's defaults (float32 where NumPy would pick float64 unasked) and the
// quark-specific behaviour: views, memory, options. NumPy-mode parity is in creation_ranges and
// creation_matrix.test.ts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { np, npx } from '../src/index.js';
import { type NDArray } from '../src/core/ndarray.js';
import { type Case, num, runCases, sample, startStopArb, stepArb } from './helpers/creation_cases.js';
import { NumpyOracle, pyFloat, pyTuple } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();

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

afterAll(() => npx.set_np());
