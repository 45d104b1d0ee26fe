// np.matmul / ndarray.matmul against NumPy: every dtype (integers exactly, with wraparound; bool
// as NumPy's or-of-ands), broadcast batch dims, 1-D promotion rules, empty dims (k = 0 gives
// zeros), non-contiguous and transposed inputs, out= and dtype=, larger float32/float64 products
// (oneDNN / OpenBLAS paths) and the errors NumPy raises.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DType } from '../src/core/dtype.js';
import { numberToBf16Bits, numberToF16Bits } from '../src/core/half.js';
import { np, npx } from '../src/index.js';
import { expectSameAsNumpy, toRaw } from './helpers/arrays.js';
import { ALL_DTYPES, type ArraySpec, arraySpecArb, build, draw, pyArr, rawOf, show, storageValue } from './helpers/gen.js';
import { NumpyOracle } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

/** Floats and complex: small integers (sums stay exact in every float dtype); integers and bool: any value (wraparound). */
export function valuesFor(d: DType): fc.Arbitrary<number | bigint> {
  if (d === 'float16') return fc.integer({ min: -4, max: 4 }).map(numberToF16Bits);
  if (d === 'bfloat16') return fc.integer({ min: -4, max: 4 }).map(numberToBf16Bits);
  // complex: each part a small integer (inf/nan products depend on the BLAS kernel's order, as for real floats)
  if (d === 'float32' || d === 'float64' || d === 'complex64' || d === 'complex128') return fc.integer({ min: -4, max: 4 });
  return storageValue(d);
}

const dimArb = fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 5 }), weight: 8 });

/** Shapes (a, b) NumPy's matmul accepts: 1-D or N-D each, broadcastable batch dims, equal k. */
const matmulShapes = fc.tuple(dimArb, dimArb, dimArb, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }),
  fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }), fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }), fc.nat())
  .map(([m, k, n, ra, rb, batch, [ba, bb], seed]) => {
    const a = ra === 1 ? [k] : [...batch.slice(batch.length - Math.min(batch.length, ra - 2)), m, k];
    const b = rb === 1 ? [k] : [...batch.slice(batch.length - Math.min(batch.length, rb - 2)), k, n];
    // Broadcast: one operand's batch dims set to 1 here and there.
    const ones = (s: number[], on: boolean) => s.map((d, i) => (on && i < s.length - 2 && (seed >> i) & 1 ? 1 : d));
    return [ones(a, !!ba), ones(b, !!bb)] as const;
  });

const pairArb = (dtypes: readonly DType[]) => fc.tuple(fc.constantFrom(...dtypes), fc.constantFrom(...dtypes), matmulShapes)
  .chain(([da, db, [sa, sb]]) => fc.tuple(arraySpecArb(da, sa, valuesFor(da)), arraySpecArb(db, sb, valuesFor(db))));

/** NumPy has no bfloat16 matmul: it computes in float32 and rounds, which is what we expect. */
const pyMatmul = (x: ArraySpec, y: ArraySpec): string => {
  const bf = x.dtype === 'bfloat16' || y.dtype === 'bfloat16';
  const call = `np.matmul(${pyArr(x, 'a')}, ${pyArr(y, 'b')})`;
  if (!bf) return call;
  // The result dtype is quark's promotion of bfloat16 (tested with the promotion tables).
  const res = np.promote_types(x.dtype, y.dtype);
  return `(${call}).astype(${res === 'bfloat16' ? 'bfloat16' : `np.${res}`})`;
};

describe('np.matmul', () => {
  it('all dtype pairs, batch broadcasting, 1-D operands, empty dims and non-contiguous layouts', async () => {
    const cases = draw(pairArb(ALL_DTYPES), 400, 51);
    const exp = await Promise.all(cases.map(([x, y]) => oracle.eval(pyMatmul(x, y), { a: rawOf(x), b: rawOf(y) })));
    cases.forEach(([x, y], i) => {
      // bfloat16 mixed with wide integers promotes to float64 in quark, NumPy (ml_dtypes) refuses: compare values only.
      expectSameAsNumpy(`matmul ${x.dtype}${show(x.shape)} @ ${y.dtype}${show(y.shape)}`, 'matmul', () => np.matmul(build(x), build(y)), exp[i]!);
    });
  });

  it('k = 0 gives zeros of the result shape', async () => {
    for (const d of ['float32', 'float64', 'int32', 'bool', 'bfloat16'] as DType[]) {
      np.scope(() => {
        const r = np.matmul(np.ones([2, 3, 0], { dtype: d }), np.ones([0, 4], { dtype: d }));
        expect(r.shape).toEqual([2, 3, 4]);
        expect((r.tolist() as unknown[][][]).flat(2).every((v) => v === 0 || v === false)).toBe(true);
      });
    }
  });

  it('larger float32 / float64 products (oneDNN, OpenBLAS), transposed and strided operands', async () => {
    const rnd = (n: number, seed: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.5);
    for (const [d, tol] of [['float32', 2e-5], ['float64', 1e-12]] as const) {
      for (const [m, k, n, tr] of [[70, 130, 50, false], [64, 64, 64, true], [1, 300, 7, true], [33, 1, 17, false]] as const) {
        const A = rnd(m * k, 1), B = rnd(k * n, 2);
        const e = await oracle.eval(`(a.T if t else a) @ b[:, ::2][:, :${n}] if False else ((a.reshape(${k}, ${m}).T if t else a.reshape(${m}, ${k})).astype(np.${d}) @ b.reshape(${k}, ${2 * n})[:, ::2].astype(np.${d}))`,
          { a: { dtype: 'float64', shape: [m * k], data: A, fortranOrder: false }, b: { dtype: 'float64', shape: [k * 2 * n], data: rnd(k * 2 * n, 2), fortranOrder: false }, t: tr });
        void B;
        expectSameAsNumpy(`${d} ${m}x${k}x${n} t=${tr}`, 'matmul', () => {
          const a0 = np.asarray(A).astype(d);
          const a = tr ? a0.reshape([k, m]).transpose() : a0.reshape([m, k]);
          const b0 = np.asarray(rnd(k * 2 * n, 2)).astype(d).reshape([k, 2 * n]);
          const b = b0._view([k, n], [2 * n, 2], 0); // b0[:, ::2]
          return np.matmul(a, b);
        }, e, { match: { rtol: tol, atol: tol } });
      }
    }
  });

  it('larger complex64 / complex128 products (cgemm, zgemm), transposed and strided operands', async () => {
    const rnd = (n: number, seed: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.5);
    const raw = (x: Float64Array) => ({ dtype: 'float64' as const, shape: [x.length], data: x, fortranOrder: false });
    for (const [d, tol] of [['complex64', 2e-5], ['complex128', 1e-12]] as const) {
      for (const [m, k, n, tr] of [[70, 130, 50, false], [64, 64, 64, true], [1, 300, 7, true], [33, 1, 17, false]] as const) {
        const [ar, ai, br, bi] = [rnd(m * k, 1), rnd(m * k, 3), rnd(k * 2 * n, 2), rnd(k * 2 * n, 4)];
        const e = await oracle.eval(`a = (ar + 1j * ai).astype(np.${d})\nb = (br + 1j * bi).astype(np.${d})\n`
          + `result = (a.reshape(${k}, ${m}).T if t else a.reshape(${m}, ${k})) @ b.reshape(${k}, ${2 * n})[:, ::2]`,
          { ar: raw(ar), ai: raw(ai), br: raw(br), bi: raw(bi), t: tr });
        expectSameAsNumpy(`${d} ${m}x${k}x${n} t=${tr}`, 'matmul', () => {
          const cx = (re: Float64Array, im: Float64Array) => np.add(np.asarray(re), np.multiply(np.asarray(im), np.complex(0, 1))).astype(d);
          const a0 = cx(ar, ai);
          const a = tr ? a0.reshape([k, m]).transpose() : a0.reshape([m, k]);
          const b0 = cx(br, bi).reshape([k, 2 * n]);
          const b = b0._view([k, n], [2 * n, 2], 0); // b0[:, ::2]
          return np.matmul(a, b);
        }, e, { match: { rtol: tol, atol: tol } });
      }
    }
  });

  it('batched float32 with broadcast and strided batches matches NumPy', async () => {
    const data = Float32Array.from({ length: 6 * 8 * 5 }, (_, i) => ((i * 37) % 11) - 5);
    const raw = { dtype: 'float32' as const, shape: [6, 8, 5], data, fortranOrder: false };
    const e = await oracle.eval('a[::2] @ a[0].T', { a: raw });
    expectSameAsNumpy('strided batch @ broadcast', 'matmul', () => {
      const a = np.NDArray._fromStorageData(data, [6, 8, 5], 'float32');
      // a[::2] and a[0].T as views
      return np.matmul(a._view([3, 8, 5], [80, 5, 1], 0), a._view([5, 8], [1, 5], 0));
    }, e);
  });

  it('out= (cast same_kind) and dtype=', async () => {
    const e = await oracle.eval("o = np.zeros((2, 2)); np.matmul(np.arange(4).reshape(2, 2), np.arange(4).reshape(2, 2), out=o); result = o");
    expectSameAsNumpy('out float64 from int', 'matmul', () => {
      const o = np.zeros([2, 2]);
      const r = np.matmul(np.arange(4).reshape(2, 2), np.arange(4).reshape(2, 2), { out: o });
      expect(r).toBe(o);
      return o;
    }, e);
    const e2 = await oracle.eval("np.matmul(np.arange(4).reshape(2, 2), np.arange(4).reshape(2, 2), dtype=np.float32)");
    expectSameAsNumpy('dtype=float32', 'matmul', () => np.matmul(np.arange(4).reshape(2, 2), np.arange(4).reshape(2, 2), { dtype: 'float32' }), e2);
    const e3 = await oracle.eval("np.matmul(np.ones((2, 2)), np.ones((2, 2)), out=np.ones((2, 2), int))");
    expectSameAsNumpy('out int from float raises', 'matmul', () => np.matmul(np.ones([2, 2]), np.ones([2, 2]), { out: np.ones([2, 2], { dtype: 'int64' }) }), e3);
  });

  it('raises as NumPy: 0-d operands, core dimension mismatch, batch dims that do not broadcast, wrong out shape', async () => {
    const rows: [string, () => unknown][] = [
      ['np.matmul(np.float64(1), np.ones(2))', () => np.matmul(np.array(1), np.ones([2]))],
      ['np.matmul(np.ones(2), np.float64(1))', () => np.matmul(np.ones([2]), np.array(1))],
      ['np.matmul(np.ones(3), np.ones(2))', () => np.matmul(np.ones([3]), np.ones([2]))],
      ['np.matmul(np.ones((2, 3)), np.ones((2, 3)))', () => np.matmul(np.ones([2, 3]), np.ones([2, 3]))],
      ['np.matmul(np.ones((2, 3, 4)), np.ones((3, 4, 5)))', () => np.matmul(np.ones([2, 3, 4]), np.ones([3, 4, 5]))],
      ['np.matmul(np.ones((2, 2)), np.ones((2, 2)), out=np.ones((3, 2)))', () => np.matmul(np.ones([2, 2]), np.ones([2, 2]), { out: np.ones([3, 2]) })],
    ];
    const exp = await Promise.all(rows.map(([py]) => oracle.eval(py)));
    rows.forEach(([py, f], i) => expectSameAsNumpy(py, 'matmul', () => np.scope(() => { f(); return np.zeros([1]); }), exp[i]!));
    const e = await oracle.eval('np.matmul(np.ones(3), np.ones(2))');
    expect(() => np.scope(() => np.matmul(np.ones([3]), np.ones([2])))).toThrow((e as { message: string }).message);
  });

  it('threaded paths (2 threads): batches of small products, integers, large float32/float64', async () => {
    const cases = draw(pairArb(['float32', 'float64', 'int32', 'bool']), 60, 52);
    const big = [[3, 40, 50], [3, 50, 30]] as const;
    const exp = await Promise.all([
      ...cases.map(([x, y]) => oracle.eval(pyMatmul(x, y), { a: rawOf(x), b: rawOf(y) })),
      oracle.eval('(np.arange(6000) % 7 - 3).reshape(3, 40, 50).astype(np.int64) @ (np.arange(4500) % 5 - 2).reshape(3, 50, 30).astype(np.int64)'),
    ]);
    npx.set_num_threads(2);
    try {
      cases.forEach(([x, y], i) => expectSameAsNumpy(`2 threads ${x.dtype}${show(x.shape)} @ ${y.dtype}${show(y.shape)}`, 'matmul', () => np.matmul(build(x), build(y)), exp[i]!));
      expectSameAsNumpy('2 threads int64 batch', 'matmul', () => np.matmul(
        np.remainder(np.arange(6000), 7).sub(3).reshape([...big[0]]), np.remainder(np.arange(4500), 5).sub(2).reshape([...big[1]])), exp[cases.length]!);
    } finally {
      npx.set_num_threads(1);
    }
  });

  it('ndarray.matmul is np.matmul; bfloat16 stays bfloat16', async () => {
    const e = await oracle.eval('(np.arange(6).reshape(2, 3) @ np.arange(3)).astype(np.float32)');
    expectSameAsNumpy('method', 'matmul', () => np.arange(6, { dtype: 'float32' }).reshape(2, 3).matmul(np.arange(3, { dtype: 'float32' })), e);
    np.scope(() => {
      const r = np.ones([3, 4], { dtype: 'bfloat16' }).matmul(np.ones([4, 2], { dtype: 'bfloat16' }));
      expect(r.dtype).toBe('bfloat16');
      expect(r.tolist()).toEqual([[4, 4], [4, 4], [4, 4]]);
      expect(toRaw(r).shape).toEqual([3, 2]);
    });
  });
});
