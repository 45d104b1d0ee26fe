// WebGPU backend parity: every elementwise op on webgpu(0) (SwiftShader on machines without a GPU)
// against the CPU backend (bit for bit, exp within 1 ulp) and against NumPy (the oracle).
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { NDArray, np, npx } from '../src/index.js';
import type { Device } from '../src/backends/backend.js';
import type { WebGpuBackend } from '../src/backends/webgpu/backend.js';
import { shutdown_webgpu } from '../src/backends/webgpu/init.js';
import { backendOf } from '../src/core/device.js';
import type { DType } from '../src/core/dtype.js';
import { type Scalar, valuesOf } from '../src/core/ndarray.js';
import { expectMatches, toRaw } from './helpers/arrays.js';
import {
  type ArraySpec, type StorageValue, arraySpecArb, broadcastableTo, draw, shapeArb, storageValue,
} from './helpers/gen.js';
import { NumpyOracle, type OracleArg } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
let gpu: Device;
let backend: WebGpuBackend;
let devices: Device[];

beforeAll(async () => {
  devices = await npx.init_webgpu();
  gpu = npx.webgpu();
  backend = backendOf(gpu) as WebGpuBackend;
});
afterAll(() => shutdown_webgpu());

// Every test frees what it made: no GPU buffer outlives it.
afterEach(() => {
  if (!backend || !npx.devices().includes(gpu)) return;
  expect(backend.stats(), 'webgpu buffers left alive').toEqual({ buffers: 0, bytes: 0 });
  expect(np.memory().devices['webgpu(0)']?.arrays ?? 0, 'webgpu arrays left alive').toBe(0);
});

const cpu = (): Device => npx.cpu();
/** A test whose arrays (CPU and GPU) are all disposed when it ends. */
const test = (name: string, fn: () => Promise<void>): void => {
  it(name, () => np.scope(fn));
};
const INTS: DType[] = ['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'];
const FLOATS: DType[] = ['float16', 'bfloat16', 'float32'];
const ALL: DType[] = ['bool', ...INTS, ...FLOATS];

/** Six values per dtype, with the edges of each range (wrap-around, overflow to inf, -0, NaN). */
const VALUES: Record<string, Scalar[]> = {
  bool: [true, false, true, true, false, false],
  int8: [-128, -7, 0, 5, 100, 127],
  uint8: [0, 1, 7, 128, 200, 255],
  int16: [-32768, -300, 0, 7, 1000, 32767],
  uint16: [0, 1, 300, 32768, 40000, 65535],
  int32: [-2147483648, -70000, -1, 0, 123456, 2147483647],
  uint32: [0, 1, 70000, 2147483648, 3000000000, 4294967295],
  // int64 → float32 rounds to nearest even from all 64 bits (2^24 + 1 and + 3 are ties)
  int64: [-(2n ** 63n), -16777217n, 16777219n, 0n, 123456789012345n, 2n ** 63n - 1n],
  uint64: [0n, 1n, 4294967295n, 4294967296n, 2n ** 63n + 12345n, 2n ** 64n - 1n],
  float16: [-65504, -1.5, -0, 0.333, 2.5, 60000],
  bfloat16: [-3e38, -1.5, -0, 0.333, 2.5, 1e30],
  float32: [-3e38, -2.5, -0, 1e-3, 3.75, 3e38],
};
/** Second operands: nonzero (divisors) and mixing signs. */
const VALUES2: Record<string, Scalar[]> = {
  bool: [true, true, false, true, false, true],
  int8: [1, -128, 3, -9, 100, 2],
  uint8: [255, 3, 250, 128, 2, 1],
  int16: [-1, 2, -32768, 300, 40, 5],
  uint16: [65535, 2, 1, 32768, 3, 300],
  int32: [-1, 3, 2147483647, -5, 70000, 2],
  uint32: [4294967295, 2, 3000000000, 2147483648, 7, 1],
  int64: [-1n, 3n, 2n ** 62n, -5n, 4294967296n, 2n],
  uint64: [2n ** 64n - 1n, 2n, 3n, 2n ** 63n, 4294967297n, 1n],
  float16: [0.5, -3, 1e-3, 7, -0.25, 2],
  bfloat16: [0.5, -3, 1e-3, 7, -0.25, 2],
  float32: [0.5, -3, 1e-30, 7, -0.25, 2],
};

const arr = (dtype: DType, values: Scalar[] = VALUES[dtype]!, shape = [2, 3]): NDArray =>
  np.array(values, { dtype }).reshape(shape);

/** Bit-for-bit equality of two arrays (floats: same value or both NaN; -0 is not 0). */
function expectSame(ours: NDArray, ref: NDArray, label: string, rtol = 0): void {
  expect(ours.shape, `${label} shape`).toEqual(ref.shape);
  expect(ours.dtype, `${label} dtype`).toBe(ref.dtype);
  const a = valuesOf(ours.dtype, ours._readRawSync());
  const b = valuesOf(ref.dtype, ref._readRawSync());
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (Object.is(x, y)) continue;
    if (rtol > 0 && typeof x === 'number' && typeof y === 'number' && Math.abs(x - y) <= rtol * Math.abs(y)) continue;
    throw new Error(`${label}: webgpu has ${String(x)} at flat index ${i}, cpu has ${String(y)} (${ours.dtype})`);
  }
}

interface CheckOptions {
  /** Tolerance against the CPU backend (default exact) and against NumPy (default per dtype). */
  rtol?: number;
  npRtol?: number;
  /** Compare dtypes with NumPy (false where quark's default-float rule differs). */
  npDtype?: boolean;
  /** Extra oracle arguments (scalars). */
  args?: Record<string, OracleArg>;
}

/**
 * Runs `fn` on CPU arrays and on their copies on webgpu, and compares the webgpu result with the
 * CPU result and with NumPy evaluating `expr` (inputs are named a, b, c).
 */
async function check(expr: string, fn: (...xs: NDArray[]) => NDArray, inputs: NDArray[], o: CheckOptions = {}): Promise<void> {
  await np.scope(async () => {
    const names = ['a', 'b', 'c'];
    const args: Record<string, OracleArg> = { ...o.args };
    inputs.forEach((x, i) => { args[names[i]!] = toRaw(x); });
    const expected = oracle.eval(expr, args);
    const ref = fn(...inputs);
    const onGpu = inputs.map((x) => x.to_device(gpu));
    const out = fn(...onGpu);
    expect(out.device).toBe(gpu);
    const back = await out.to_device_async(cpu());
    expectSame(back, ref, expr, o.rtol);
    expectMatches(back, await expected, { dtype: o.npDtype ?? true, rtol: o.npRtol }, `${expr} [${inputs.map((x) => x.dtype).join(', ')}]`);
  });
}

describe('init', () => {
  test('registers webgpu(0) and is idempotent', async () => {
    expect(devices.map(String)).toEqual(['webgpu(0)']);
    expect(await npx.init_webgpu()).toBe(devices);
    expect(npx.devices()).toContain(gpu);
  });
});

describe('add, subtract, multiply', () => {
  const BIN: [string, (a: NDArray, b: NDArray) => NDArray][] = [
    ['add', (a, b) => np.add(a, b)],
    ['subtract', (a, b) => np.subtract(a, b)],
    ['multiply', (a, b) => np.multiply(a, b)],
  ];
  for (const [name, f] of BIN) {
    test(`${name}: every supported dtype (integers wrap)`, async () => {
      for (const d of ALL) {
        if (name === 'subtract' && d === 'bool') continue;
        await check(`np.${name}(a, b)`, f, [arr(d), arr(d, VALUES2[d])]);
      }
    });
  }

  test('broadcasting: (2,3)+(3,), (4,1)*(1,5), (2,1,3)-(4,1)', async () => {
    const a = np.array([[1, 2, 3], [4, 5, 6]], { dtype: 'float32' });
    await check('a + b', (x, y) => x.add(y), [a, np.array([10, 20, 30], { dtype: 'float32' })]);
    const c = np.array([[1], [2], [3], [4]], { dtype: 'int16' });
    await check('a * b', (x, y) => x.mul(y), [c, np.array([[1, -2, 3, -4, 5]], { dtype: 'int16' })]);
    const e = np.array([1, 2, 3, 4, 5, 6], { dtype: 'uint8' }).reshape([2, 1, 3]);
    await check('a - b', (x, y) => x.sub(y), [e, np.array([[7], [0], [1], [200]], { dtype: 'uint8' })]);
    for (const x of [a, c, e]) x.dispose();
  });

  test('non-contiguous inputs: transposed and permuted views, reshaped transposes', async () => {
    const a = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], { dtype: 'float32' }).reshape([3, 4]);
    const b = np.array([5, -6, 7, -8, 9, 10, -11, 12, 1, 2, 3, 4], { dtype: 'float32' }).reshape([4, 3]);
    await check('a.T + b', (x, y) => x.T.add(y), [a, b]);
    await check('a.T * b.T.T', (x, y) => x.T.mul(y.T.T), [a, b]);
    await check('(a.T - b).T', (x, y) => x.T.sub(y).T, [a, b]);
    await check('np.add(a.T.reshape(2, 6), b.reshape(2, 6))', (x, y) => x.T.reshape([2, 6]).add(y.reshape([2, 6])), [a, b]);
    const i8 = np.array([-128, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 127, 9, 10, -11, 12, 13, 14, 15, 16, 17, 18, 19, 20], { dtype: 'int8' }).reshape([2, 3, 4]);
    await check('np.transpose(a, (2, 0, 1)) + np.transpose(a, (2, 1, 0)).transpose(0, 2, 1)',
      (x) => x.transpose([2, 0, 1]).add(x.transpose([2, 1, 0]).transpose([0, 2, 1])), [i8]);
    await check('a.T.astype(np.float16)', (x) => x.T.astype('float16'), [i8]);
    for (const x of [a, b, i8]) x.dispose();
  });

  test('scalar operands (weak JS scalars, NEP 50)', async () => {
    const cases: [DType, number | bigint][] = [
      ['int8', 100], ['uint8', 250], ['uint16', 1], ['int32', 7], ['uint32', 4000000000], ['int64', -5000000000],
      ['uint64', 2n ** 64n - 2n], ['float16', 0.1], ['bfloat16', 0.1], ['float32', 2.5],
    ];
    for (const [d, s] of cases) {
      const a = arr(d);
      // NumPy promotes ml_dtypes' bfloat16 with a Python float to float32; quark keeps bfloat16 (as JAX).
      const o = { args: { s }, npDtype: d !== 'bfloat16' };
      await check(`np.add(a, s)`, (x) => x.add(s), [a], o);
      await check(`np.subtract(s, a)`, (x) => np.subtract(s, x), [a], o);
      await check(`np.multiply(a, s)`, (x) => x.mul(s), [a], o);
      a.dispose();
    }
    const b = arr('bool');
    await check('a + True', (x) => x.add(true), [b], { args: {} });
    await check('a * 2.5', (x) => x.mul(2.5), [b], { npDtype: false });
    b.dispose();
  });

  test('mixed dtypes cast on the device first (uint8 + int8 → int16, int8 * float32)', async () => {
    await check('a + b', (x, y) => x.add(y), [arr('uint8'), arr('int8')]);
    await check('a * b', (x, y) => x.mul(y), [arr('int8'), arr('float32', VALUES2.float32)]);
    await check('a - b', (x, y) => x.sub(y), [arr('bool'), arr('uint16')]);
  });

  test('0-d and empty arrays', async () => {
    await check('a + b', (x, y) => x.add(y), [np.array(5, { dtype: 'int32' }), np.array(-7, { dtype: 'int32' })]);
    await check('a * b', (x, y) => x.mul(y), [np.array(3, { dtype: 'int8' }), arr('int8')]);
    await check('a - 1', (x) => x.sub(1), [np.array(0, { dtype: 'uint16' })]);
    await check('a + b', (x, y) => x.add(y), [np.zeros([0], { dtype: 'float32' }), np.zeros([0], { dtype: 'float32' })]);
    await check('a * b', (x, y) => x.mul(y), [np.zeros([2, 0], { dtype: 'int8' }), np.zeros([1, 0], { dtype: 'int8' })]);
    await check('np.exp(a)', (x) => x.exp(), [np.zeros([0, 3], { dtype: 'float32' })]);
  });

  test('in place (a += b) and out= into a strided view, for packed dtypes too', async () => {
    await np.scope(async () => {
      for (const d of ['int8', 'float16', 'int32'] as DType[]) {
        const a = arr(d).to_device(gpu);
        const b = arr(d, VALUES2[d]).to_device(gpu);
        a.iadd(b);
        const ref = arr(d).add(arr(d, VALUES2[d]));
        expectSame(await a.to_device_async(cpu()), ref, `iadd ${d}`);
        // out= a transposed view: every invocation writes a byte/half-word of a shared word.
        const out = np.zeros([3, 2], { dtype: d, device: gpu });
        np.multiply(a, b, { out: out.T });
        const want = np.zeros([3, 2], { dtype: d });
        np.multiply(ref, arr(d, VALUES2[d]), { out: want.T });
        expectSame(await out.to_device_async(cpu()), want, `out=.T ${d}`);
      }
    });
  });
});

describe('negative, true_divide, exp', () => {
  test('negative: signed and unsigned integers (wrap), floats', async () => {
    for (const d of [...INTS, ...FLOATS]) await check('np.negative(a)', (x) => x.neg(), [arr(d)]);
  });

  test('true_divide: floats, and integers (which divide in the default float)', async () => {
    for (const d of FLOATS) await check('np.true_divide(a, b)', (x, y) => x.div(y), [arr(d), arr(d, VALUES2[d])]);
    const z = np.array([1, -1, 0, 2.5, Infinity, NaN], { dtype: 'float32' }).reshape([2, 3]);
    await check('a / b', (x, y) => x.div(y), [z, np.zeros([3], { dtype: 'float32' })]);
    await check('a / 4', (x) => x.div(4), [arr('float16')]);
    for (const d of ['int8', 'uint16', 'int32', 'int64'] as DType[]) {
      await check('np.true_divide(a, b)', (x, y) => x.div(y), [arr(d), arr(d, VALUES2[d])], { npDtype: false, npRtol: 1e-6 });
    }
  });

  test('exp: float16, bfloat16, float32; int8 → float16, int16 → float32 (within 1 ulp of the CPU)', async () => {
    // Subnormal results are left out: WGSL lets GPUs flush them to zero (SwiftShader does).
    const x32 = np.array([-80, -20.5, -1, -0, 0.001, 0.5, 1, 2, 10.25, 50, 88.5, 89, NaN, Infinity, -Infinity, 3e-8], { dtype: 'float32' }).reshape([4, 4]);
    await check('np.exp(a)', (x) => x.exp(), [x32], { rtol: 2e-7, npRtol: 2e-7 });
    await check('np.exp(a)', (x) => x.exp(), [np.linspace(-80, 80, { num: 257, dtype: 'float32' })], { rtol: 2e-7, npRtol: 2e-7 });
    await check('np.exp(a)', (x) => x.exp(), [arr('float16', [-10, -1.5, -0, 0.333, 2.5, 11])], { rtol: 1e-3 });
    await check('np.exp(a)', (x) => x.exp(), [arr('bfloat16', [-10, -1.5, -0, 0.333, 2.5, 80])], { rtol: 1e-2 });
    await check('np.exp(a)', (x) => x.exp(), [arr('int8', [-128, -3, 0, 1, 5, 11])], { rtol: 1e-3 });
    await check('np.exp(a)', (x) => x.exp(), [arr('int16', [-300, -3, 0, 1, 5, 80])], { rtol: 2e-7, npRtol: 2e-7 });
    await check('np.exp(a)', (x) => x.exp(), [arr('int64', [-50n, -3n, 0n, 1n, 5n, 80n])], { rtol: 2e-7, npRtol: 2e-7, npDtype: false });
  });
});

describe('maximum, minimum (the dialect covers every scalar function)', () => {
  test('every supported dtype; NaN propagates from either side', async () => {
    for (const d of ALL) {
      await check('np.maximum(a, b)', (x, y) => np.maximum(x, y), [arr(d), arr(d, VALUES2[d])]);
      await check('np.minimum(a, b)', (x, y) => np.minimum(x, y), [arr(d), arr(d, VALUES2[d])]);
    }
    const a = np.array([NaN, 1, NaN, -0, 0, 2], { dtype: 'float32' });
    const b = np.array([1, NaN, NaN, 0, -0, -Infinity], { dtype: 'float32' });
    await check('np.maximum(a, b)', (x, y) => np.maximum(x, y), [a, b]);
    await check('np.minimum(a, b)', (x, y) => np.minimum(x, y), [a, b]);
  });
});

describe('errors surface', () => {
  test('a failed GPU command is reported by the next readback', async () => {
    backend.device.createBuffer({ size: 4, usage: 0x1 | 0x80 }); // MAP_READ | STORAGE: invalid
    const a = np.ones([3], { dtype: 'float32', device: gpu });
    await expect(a.data()).rejects.toThrow(/an earlier GPU command failed/);
    expect([...await a.data()]).toEqual([1, 1, 1]);
  });
});

describe('astype', () => {
  /** Source values whose conversion to `to` NumPy defines (float → int out of range is platform-specific). */
  function sourceValues(from: DType, to: DType): Scalar[] {
    const isF = FLOATS.includes(from);
    if (!isF || to === 'bool' || FLOATS.includes(to)) {
      return isF ? [NaN, -Infinity, -0, 1e-8, 0.1, 70000, 3.5, -2.5e-5, 1e38, Infinity] : VALUES[from]!;
    }
    const signed = ['int8', 'int16', 'int32', 'int64'].includes(to);
    const vals = signed ? [-128, -100.75, -1.5, -0, 0.5, 1.5, 2.75, 100.25, 126.5, 7] : [0, 0.5, 1.5, 2.75, 100.25, 126.5, 255 - 0.5, 7, 3, 1e-3];
    // 64-bit targets: every shift of the mantissa (exponents 24 … 62, and [2^63, 2^64) for uint64)
    if (to === 'int64' && from !== 'float16') vals.push(-9.2e18, -1e18, 16777217 * 2, 3e9, 5.5e12, 9.2e18);
    if (to === 'uint64' && from !== 'float16') vals.push(1e18, 16777217 * 2, 3e9, 5.5e12, 9.2e18, 1.8e19);
    return vals;
  }

  for (const from of ALL) {
    test(`from ${from} to every supported dtype`, async () => {
      await np.scope(async () => {
        const jobs = ALL.map(async (to) => {
          const vals = from === 'bool' || !FLOATS.includes(from) ? VALUES[from]! : sourceValues(from, to);
          const a = np.array(vals, { dtype: from });
          const npName = to === 'bfloat16' ? 'bfloat16' : `np.${to}`;
          const expected = oracle.eval(`a.astype(${npName})`, { a: toRaw(a) });
          const ref = a.astype(to);
          const g = a.to_device(gpu).astype(to);
          const back = await g.to_device_async(cpu());
          expectSame(back, ref, `${from} → ${to}`);
          expectMatches(back, await expected, { rtol: 0 }, `astype ${from} → ${to}`);
        });
        await Promise.all(jobs);
      });
    });
  }

  test('copies (astype to the same dtype) of strided views', async () => {
    for (const d of ['bool', 'uint8', 'int16', 'float32'] as DType[]) {
      await check('a.T.copy()', (x) => x.T.copy(), [arr(d)]);
    }
  });
});

describe('random layouts and values (fast-check): webgpu equals the CPU', () => {
  // WGSL lets a GPU flush float32 subnormals to zero (SwiftShader does, on input and output), so
  // inputs have none and a subnormal CPU result may be 0 on the GPU.
  const TINY = 2 ** -126;
  const normalOnly = (d: DType): fc.Arbitrary<StorageValue> => storageValue(d).map((v) => {
    if (d === 'float32' && typeof v === 'number' && v !== 0 && Math.abs(v) < TINY) return v < 0 ? -0 : 0;
    if (d === 'bfloat16' && typeof v === 'number' && (v & 0x7f80) === 0) return v & 0x8000;
    return v;
  });
  const onGpu = (spec: ArraySpec): NDArray => {
    let a = np.NDArray._fromStorageData(spec.data, spec.base, spec.dtype, gpu);
    for (const st of spec.steps) a = st.t === 'T' ? a.transpose(st.axes) : a.reshape(st.shape);
    return a;
  };
  const onCpu = (spec: ArraySpec): NDArray => {
    let a = np.NDArray._fromStorageData(spec.data, spec.base, spec.dtype);
    for (const st of spec.steps) a = st.t === 'T' ? a.transpose(st.axes) : a.reshape(st.shape);
    return a;
  };
  function expectSameFtz(ours: NDArray, ref: NDArray, label: string, rtol = 0): void {
    expect(ours.shape, label).toEqual(ref.shape);
    expect(ours.dtype, label).toBe(ref.dtype);
    const a = valuesOf(ours.dtype, ours._readRawSync());
    const b = valuesOf(ref.dtype, ref._readRawSync());
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!, y = b[i]!;
      if (Object.is(x, y)) continue;
      if (typeof x === 'number' && typeof y === 'number') {
        if (Math.abs(y) <= TINY && Math.abs(x) <= TINY) continue;
        if (rtol > 0 && Math.abs(x - y) <= rtol * Math.abs(y)) continue;
      }
      throw new Error(`${label}: webgpu has ${String(x)} at flat index ${i}, cpu has ${String(y)} (${ours.dtype})`);
    }
  }
  const DT = ALL;
  const BINARY = ['add', 'subtract', 'multiply', 'maximum', 'minimum', 'true_divide'] as const;
  const UNARY = ['negative', 'exp', 'astype'] as const;

  test('binary ops on broadcast, transposed and reshaped operands', async () => {
    const arb = fc.tuple(fc.constantFrom(...DT), shapeArb(4), fc.constantFrom(...BINARY)).chain(([d, s, op]) =>
      fc.tuple(arraySpecArb(d, s, normalOnly(d)), broadcastableTo(s).chain((s2) => arraySpecArb(d, s2, normalOnly(d))), fc.constant(op), fc.boolean()));
    for (const [x, y, op, swap] of draw(arb, 120, 7)) {
      await np.scope(async () => {
        const [p, q] = swap ? [y, x] : [x, y];
        const f = (a: NDArray, b: NDArray): NDArray => (np[op] as (a: NDArray, b: NDArray) => NDArray)(a, b);
        let ref: NDArray;
        try {
          ref = f(onCpu(p), onCpu(q));
        } catch (e) {
          expect(() => f(onGpu(p), onGpu(q))).toThrow((e as Error).message);
          return;
        }
        const out = await f(onGpu(p), onGpu(q)).to_device_async(cpu());
        expectSameFtz(out, ref, `${op} ${p.dtype} ${JSON.stringify(p.steps)} ${JSON.stringify(q.steps)}`);
      });
    }
  });

  test('unary ops and casts on transposed and reshaped operands', async () => {
    const arb = fc.tuple(fc.constantFrom(...DT), shapeArb(4), fc.constantFrom(...UNARY), fc.constantFrom(...DT))
      .chain(([d, s, op, to]) => fc.tuple(arraySpecArb(d, s, normalOnly(d)), fc.constant(op), fc.constant(to)));
    for (const [x, op, to] of draw(arb, 120, 8)) {
      await np.scope(async () => {
        const f = (a: NDArray): NDArray => (op === 'astype' ? a.astype(to) : op === 'exp' ? a.exp() : a.neg());
        let ref: NDArray;
        try {
          ref = f(onCpu(x));
        } catch (e) {
          expect(() => f(onGpu(x))).toThrow((e as Error).message);
          return;
        }
        // float → integer outside the target's range is platform-specific in NumPy; both backends
        // follow x86 here, so they are compared all the same.
        const rtol = op === 'exp' ? { float16: 1e-3, bfloat16: 1e-2, float32: 2.4e-7 }[ref.dtype as string] ?? 0 : 0;
        const out = await f(onGpu(x)).to_device_async(cpu());
        expectSameFtz(out, ref, `${op} ${x.dtype}→${ref.dtype} ${JSON.stringify(x.steps)}`, rtol);
      });
    }
  });
});

describe('buffers', () => {
  test('reads and writes at unaligned byte offsets keep the neighbouring bytes', async () => {
    const h = backend.alloc(11);
    try {
      backend.write(h, 0, new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
      backend.write(h, 1, new Uint8Array([101, 102]));
      backend.write(h, 6, new Uint8Array([106, 107, 108]));
      backend.write(h, 10, new Uint8Array([110]));
      expect([...await backend.read(h, 0, 11)]).toEqual([0, 101, 102, 3, 4, 5, 106, 107, 108, 9, 110]);
      expect([...await backend.read(h, 3, 5)]).toEqual([3, 4, 5, 106, 107]);
      expect([...await backend.read(h, 9, 1)]).toEqual([9]);
      expect((await backend.read(h, 5, 0)).length).toBe(0);
    } finally {
      backend.free(h);
    }
  });

  test('copies between and within buffers at any offsets', async () => {
    const s = backend.alloc(10), d = backend.alloc(13);
    try {
      backend.write(s, 0, new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
      backend.write(d, 0, new Uint8Array(13).fill(200));
      backend.copy(s, 0, d, 0, 8); // aligned
      backend.copy(s, 1, d, 9, 3); // unaligned source and destination
      expect([...await backend.read(d, 0, 13)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 200, 1, 2, 3, 200]);
      backend.copy(s, 0, s, 3, 5); // within one buffer, overlapping
      expect([...await backend.read(s, 0, 10)]).toEqual([0, 1, 2, 0, 1, 2, 3, 4, 8, 9]);
    } finally {
      backend.free(s);
      backend.free(d);
    }
  });

  test('reads views at odd element offsets (int8, float16)', async () => {
    await np.scope(async () => {
      const a = np.array([1, 2, 3, 4, 5, 6, 7], { dtype: 'int8', device: gpu });
      expect(await a._view([3], [1], 1).tolist_async()).toEqual([2, 3, 4]);
      expect(await a._view([2], [-2], 5).tolist_async()).toEqual([6, 4]);
      const h = np.array([0.5, 1.5, 2.5], { dtype: 'float16', device: gpu });
      expect(await h._view([1], [1], 1).tolist_async()).toEqual([1.5]);
      expect([...await h.data()]).toEqual([0.5, 1.5, 2.5]);
    });
  });

  test('dispatches in 2-D past the workgroup limit per dimension', async () => {
    const saved = backend.limits.maxWorkgroupsPerDimension;
    backend.limits.maxWorkgroupsPerDimension = 3;
    try {
      const n = 256 * 7 + 5; // 8 workgroups → 3 × 3
      const a = np.array(Array.from({ length: n }, (_, i) => i % 251), { dtype: 'uint8' });
      await check('a + a', (x) => x.add(x), [a]);
      a.dispose();
    } finally {
      backend.limits.maxWorkgroupsPerDimension = saved;
    }
  });

  test('a larger array (2^18 float32) matches the CPU', async () => {
    const n = 1 << 18;
    const a = np.array(Float32Array.from({ length: n }, (_, i) => (i % 1000) - 500.5)).reshape([512, 512]);
    await np.scope(async () => {
      const ref = a.T.mul(a).add(1);
      const g = a.to_device(gpu);
      const back = await g.T.mul(g).add(1).to_device_async(cpu());
      expectSame(back, ref, 'a.T * a + 1');
    });
    a.dispose();
  });

  test('pools freed buffers and caches pipelines', async () => {
    const a = np.ones([100], { dtype: 'float32', device: gpu });
    a.add(a).dispose();
    const { pipelines, pooledBuffers } = backend.internals();
    expect(pooledBuffers).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) a.add(a).dispose();
    expect(backend.internals()).toMatchObject({ pipelines, pooledBuffers });
    a.dispose();
  });

  test('np.memory() returns to its baseline after disposing', async () => {
    const base = np.memory();
    const a = np.ones([1000], { dtype: 'float32', device: gpu });
    const t = a.add(2);
    const b = t.astype('int8');
    t.dispose();
    const m = np.memory().devices['webgpu(0)']!;
    expect(m.arrays).toBe((base.devices['webgpu(0)']?.arrays ?? 0) + 2);
    expect(m.bytes).toBe((base.devices['webgpu(0)']?.bytes ?? 0) + 4000 + 1000);
    expect(backend.stats()).toEqual({ buffers: 2, bytes: 5000 });
    a.dispose();
    b.dispose();
    expect(np.memory().arrays).toBe(base.arrays);
    expect(np.memory().bytes).toBe(base.bytes);
  });
});

describe('errors', () => {
  test('float64 has no webgpu kernels: a clear error', async () => {
    await np.scope(async () => {
      const d = np.array([1.5, 2.5], { dtype: 'float64', device: gpu });
      expect(() => d.add(1)).toThrow(/add: no webgpu kernel for loop dd->d/);
      expect(() => d.astype('float32')).toThrow(/no webgpu kernel for loop d->f/);
      expect(() => np.array([1, 2], { dtype: 'int32', device: gpu }).astype('float64')).toThrow(/no webgpu kernel for loop i->d/);
      // The bytes still move: back to the CPU they are intact.
      expect(await d.tolist_async()).toEqual([1.5, 2.5]);
    });
  });

  test('mixing cpu and webgpu arrays throws "different devices"', async () => {
    await np.scope(async () => {
      const a = arr('float32').to_device(gpu);
      const b = arr('float32');
      expect(() => a.add(b)).toThrow(/^add: arrays are on different devices \(webgpu\(0\) and cpu\(0\)\); move one with to_device\(\)/);
      expect(() => np.multiply(b, a)).toThrow(/^multiply: arrays are on different devices/);
    });
  });

  test('synchronous readback is refused; bool negative and subtract raise as in NumPy', async () => {
    await np.scope(async () => {
      const a = arr('bool').to_device(gpu);
      expect(() => a.tolist()).toThrow(/synchronous readback is not possible/);
      expect(() => a.to_device(cpu())).toThrow(/to_device_async/);
      expect(() => a.neg()).toThrow(/boolean negative/);
      expect(() => a.sub(a)).toThrow(/boolean subtract/);
    });
  });

  test('after shutdown_webgpu() the device says how to start it; init_webgpu() starts it again', async () => {
    shutdown_webgpu();
    expect(() => np.ones([2], { device: gpu })).toThrow(/webgpu\(0\) is not available: call await npx.init_webgpu\(\) first/);
    const again = await npx.init_webgpu();
    expect(again.map(String)).toEqual(['webgpu(0)']);
    backend = backendOf(gpu) as WebGpuBackend;
    await np.scope(async () => {
      expect(await np.ones([3], { dtype: 'int16', device: gpu }).add(1).tolist_async()).toEqual([2, 2, 2]);
    });
  });
});
