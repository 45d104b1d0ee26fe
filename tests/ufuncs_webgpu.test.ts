// A compact WebGPU check of the ufuncs' WGSL dialect (SwiftShader where there is no GPU): a handful
// of ops per family on webgpu(0) against the CPU backend, and the clear error where WGSL has no
// exact form (float fmod, signed integer powers, two outputs, float64).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Device } from '../src/backends/backend.js';
import { shutdown_webgpu } from '../src/backends/webgpu/init.js';
import type { DType } from '../src/core/dtype.js';
import { type NDArray, valuesOf } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';

let gpu: Device;
beforeAll(async () => {
  await npx.init_webgpu();
  gpu = npx.webgpu();
});
afterAll(() => shutdown_webgpu());

type Vals = (number | bigint | boolean)[];
const VALS: Partial<Record<DType, Vals>> = {
  bool: [true, false, true, false, true, false],
  int8: [-128, -7, -1, 0, 5, 127],
  uint8: [0, 1, 7, 128, 200, 255],
  uint16: [0, 3, 300, 32768, 40000, 65535],
  int32: [-2147483648, -70000, -7, 0, 123456, 2147483647],
  int64: [-(2n ** 63n), -5n, 0n, 7n, 2n ** 40n, 2n ** 63n - 1n],
  float16: [-65504, -1.5, -0, 0.333, 2.5, NaN],
  float32: [-3e38, -2.5, -0, 1e-3, Infinity, NaN],
};
const OTHER: Partial<Record<DType, Vals>> = {
  bool: [true, true, false, false, true, true],
  int8: [3, -2, 0, -128, 5, -1],
  uint8: [2, 0, 7, 3, 255, 9],
  uint16: [7, 0, 16, 3, 40000, 2],
  int32: [-1, 3, 0, -7, 33, 31],
  int64: [1n, -5n, 3n, 7n, -(2n ** 40n), 2n ** 63n - 1n],
  float16: [1, -1.5, 0, 0.5, NaN, 2],
  float32: [1, 2.5, -0, -1e-3, Infinity, 0],
};

const cpuArr = (d: DType, v: Vals): NDArray => np.array(v, { dtype: d }).reshape([2, 3]);

/** Bit-for-bit equality (or within rtol) of a webgpu result, read back, and the CPU result. */
async function same(label: string, f: (...xs: NDArray[]) => NDArray, inputs: NDArray[], rtol = 0): Promise<void> {
  const ref = f(...inputs);
  const out = f(...inputs.map((x) => x.to_device(gpu)));
  expect(out.device, label).toBe(gpu);
  const back = await out.to_device_async(npx.cpu());
  expect(back.dtype, label).toBe(ref.dtype);
  expect(back.shape, label).toEqual(ref.shape);
  const a = valuesOf(back.dtype, back._readRawSync());
  const b = valuesOf(ref.dtype, ref._readRawSync());
  a.forEach((x, i) => {
    const y = b[i]!;
    if (Object.is(x, y)) return;
    if (rtol > 0 && typeof x === 'number' && typeof y === 'number' && Math.abs(x - y) <= rtol * Math.abs(y)) return;
    throw new Error(`${label}: webgpu has ${String(x)} at ${i}, cpu has ${String(y)} (${ref.dtype})`);
  });
}

describe('ufuncs on webgpu match the CPU backend', () => {
  it('sqrt, abs, sign, floor, rint, isnan, logical_not', () => np.scope(async () => {
    for (const d of ['float16', 'float32'] as DType[]) {
      const x = cpuArr(d, VALS[d]!);
      await same(`sqrt ${d}`, (a) => np.sqrt(a), [x], d === 'float16' ? 0 : 2.4e-7);
      for (const op of ['absolute', 'sign', 'floor', 'rint', 'isnan', 'logical_not', 'square', 'negative'] as const) {
        await same(`${op} ${d}`, (a) => (np[op] as (a: NDArray) => NDArray)(a), [x]);
      }
    }
    for (const d of ['int8', 'uint8', 'int32', 'int64'] as DType[]) {
      await same(`absolute ${d}`, (a) => np.absolute(a), [cpuArr(d, VALS[d]!)]);
      await same(`isfinite ${d}`, (a) => np.isfinite(a), [cpuArr(d, VALS[d]!)]);
    }
  }));

  it('comparisons for every family of dtypes, and logical/bitwise ops', () => np.scope(async () => {
    for (const d of ['bool', 'int8', 'uint8', 'int32', 'int64', 'float16', 'float32'] as DType[]) {
      for (const op of ['equal', 'not_equal', 'less', 'less_equal', 'greater', 'greater_equal', 'logical_and', 'logical_xor'] as const) {
        await same(`${op} ${d}`, (a, b) => (np[op] as (a: NDArray, b: NDArray) => NDArray)(a, b), [cpuArr(d, VALS[d]!), cpuArr(d, OTHER[d]!)]);
      }
    }
    for (const d of ['bool', 'int8', 'uint16', 'int32', 'int64'] as DType[]) {
      for (const op of ['bitwise_and', 'bitwise_or', 'bitwise_xor'] as const) {
        await same(`${op} ${d}`, (a, b) => (np[op] as (a: NDArray, b: NDArray) => NDArray)(a, b), [cpuArr(d, VALS[d]!), cpuArr(d, OTHER[d]!)]);
      }
      await same(`invert ${d}`, (a) => np.invert(a), [cpuArr(d, VALS[d]!)]);
    }
  }));

  it('integer floor_divide, remainder, fmod, gcd, shifts (zero divisors, INT_MIN / -1, shifts past the width)', () => np.scope(async () => {
    for (const d of ['int8', 'uint8', 'uint16', 'int32'] as DType[]) {
      for (const op of ['floor_divide', 'remainder', 'fmod', 'gcd', 'lcm', 'left_shift', 'right_shift'] as const) {
        await same(`${op} ${d}`, (a, b) => (np[op] as (a: NDArray, b: NDArray) => NDArray)(a, b), [cpuArr(d, VALS[d]!), cpuArr(d, OTHER[d]!)]);
      }
    }
    await same('shifts of int32 by 32, -1, 40', (a, b) => np.right_shift(a, b).add(np.left_shift(a, b)), [cpuArr('int32', VALS.int32!), cpuArr('int32', [32, -1, 40, 0, 31, 1])]);
    await same('power uint8', (a, b) => np.power(a, b), [cpuArr('uint8', VALS.uint8!), cpuArr('uint8', OTHER.uint8!)]);
  }));

  it('where, clip, maximum-family, and where= through a mask', () => np.scope(async () => {
    for (const d of ['int8', 'int64', 'float16', 'float32'] as DType[]) {
      await same(`where ${d}`, (c, a, b) => np.where(c, a, b), [cpuArr('bool', VALS.bool!), cpuArr(d, VALS[d]!), cpuArr(d, OTHER[d]!)]);
      await same(`fmax ${d}`, (a, b) => np.fmax(a, b), [cpuArr(d, VALS[d]!), cpuArr(d, OTHER[d]!)]);
    }
    await same('clip float32', (a) => np.clip(a, -1, 1), [cpuArr('float32', VALS.float32!)]);
    await same('clip int32 arrays', (a, b) => np.clip(a, b, 100), [cpuArr('int32', VALS.int32!), cpuArr('int32', OTHER.int32!)]);
    await same('where float condition', (c, a) => np.where(c, a, 0), [cpuArr('float32', VALS.float32!), cpuArr('int8', VALS.int8!)]);
    await same('add where=', (a, m) => {
      const o = np.zeros([2, 3], { dtype: 'float32', device: a.device });
      return np.add(a, 1, { out: o, where: m });
    }, [cpuArr('float32', VALS.float32!), cpuArr('bool', VALS.bool!)]);
  }));

  it('transcendental float32 ops stay within a few ulp of the CPU', () => np.scope(async () => {
    // (subnormal results are left out: WGSL lets a GPU flush them to zero)
    const x = np.array([-42.5, -3, -0.9, -1e-3, 0, 1e-5, 0.001, 0.25, 0.5, 0.9, 1, 1.5, 3, 10, 42.5, 1000, NaN, Infinity], { dtype: 'float32' });
    const ops = ['cbrt', 'exp2', 'expm1', 'log', 'log2', 'log10', 'log1p', 'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan',
      'sinh', 'cosh', 'tanh', 'arcsinh', 'arccosh', 'arctanh'] as const;
    for (const op of ops) await same(op, (a) => (np[op] as (a: NDArray) => NDArray)(a), [x], 3.6e-7);
    await same('power', (a, b) => np.power(a, b), [np.abs(x), x.div(10)], 2e-6);
    await same('hypot', (a, b) => np.hypot(a, b), [x, x.T.mul(3)], 2.4e-7);
    await same('logaddexp', (a, b) => np.logaddexp(a, b), [x, x.mul(-0.5)], 3.6e-7);
  }));

  it('a clear error where WGSL has no exact form', () => np.scope(async () => {
    const f = np.array([1.5, 2], { dtype: 'float32', device: gpu });
    const i = np.array([2, 3], { dtype: 'int32', device: gpu });
    expect(() => np.fmod(f, f)).toThrow(/^fmod: no webgpu kernel for loop ff->f/);
    expect(() => np.floor_divide(f, f)).toThrow(/^floor_divide: no webgpu kernel for loop ff->f/);
    expect(() => np.power(i, i)).toThrow(/^power: no webgpu kernel for loop ii->i/);
    expect(() => np.modf(f)).toThrow(/^modf: no webgpu kernel for loop f->ff/);
    expect(() => np.nextafter(f.astype('float16'), 1)).toThrow(/^nextafter: no webgpu kernel for loop ee->e/);
    expect(() => np.sqrt(np.array([2], { dtype: 'float64', device: gpu }))).toThrow(/^sqrt: no webgpu kernel for loop d->d/);
    expect(() => np.less(np.array([1n], { dtype: 'int64', device: gpu }), np.array([1n], { dtype: 'uint64', device: gpu }))).toThrow(/^less: no webgpu kernel for loop qQ->\?/);
  }));
});
