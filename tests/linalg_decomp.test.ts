// np.linalg's decompositions and solvers against NumPy (values where they are unique, identities
// where they are not: Q·R = A, U·diag(S)·Vh = A, A·v = λ·v, L·Lᵀ = A), on stacks of matrices,
// float32 / float64 / integers (computed in float64 like NumPy under set_np('numpy')), singular and
// ill-conditioned input, empty matrices, and NumPy's LinAlgError cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DType } from '../src/core/dtype.js';
import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { type MatchOptions, expectSameAsNumpy } from './helpers/arrays.js';
import { pyAs, testArray } from './helpers/linalg_data.js';
import { NumpyOracle } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

const TOL: Record<string, MatchOptions> = { float64: { rtol: 1e-9, atol: 1e-11 }, float32: { rtol: 2e-4, atol: 2e-5 }, int32: { rtol: 1e-9, atol: 1e-11 } };

type Row = [string, readonly (readonly number[])[], (...xs: NDArray[]) => NDArray | NDArray[]];

/** Rows [python expression over a, b…, shapes, quark function] on real-valued test data (ints: small integers). */
async function check(who: string, rows: readonly Row[], dtypes: readonly DType[] = ['float64', 'float32', 'int32']): Promise<void> {
  const names = ['a', 'b', 'c'];
  const cases = rows.flatMap((r) => dtypes.map((d) => [r, d] as const));
  const real = (d: DType) => d !== 'int32';
  const exp = await Promise.all(cases.map(([[py, shapes], d]) => {
    const args = Object.fromEntries(shapes.map((s, i) => [names[i]!, testArray(s, 'float64', i + 1, real(d)).raw]));
    const pre = shapes.map((_, i) => `${names[i]} = ${pyAs(names[i]!, d)}`).join('\n');
    return oracle.eval(`${pre}\nresult = ${py}`, args);
  }));
  cases.forEach(([[py, shapes, f], d], i) => {
    expectSameAsNumpy(`${py} ${d} ${JSON.stringify(shapes)}`, who, () => f(...shapes.map((s, j) => testArray(s, d, j + 1, real(d)).make())), exp[i]!, { match: TOL[d] });
  });
}

/** Asserts ‖x − y‖∞ ≤ tol (both quark arrays). */
function expectClose(x: NDArray, y: NDArray, tol: number, label: string): void {
  np.scope(() => {
    const d = np.max(np.abs(np.subtract(x, y))).item() as number;
    expect(d, label).toBeLessThanOrEqual(tol);
  });
}

const swap = (a: NDArray): NDArray => np.linalg.matrix_transpose(a);
/** s[..., None, :] */
const rowOf = (s: NDArray): NDArray => s.reshape([...s.shape.slice(0, -1), 1, s.shape[s.ndim - 1]!]);

describe('det / slogdet / inv / solve', () => {
  it('det and slogdet of stacks, singular and empty matrices', () => check('det', [
    ['np.linalg.det(a)', [[3, 3]], (a) => np.linalg.det(a!)],
    ['np.linalg.det(a)', [[2, 4, 4]], (a) => np.linalg.det(a!)],
    ['np.linalg.det(a)', [[1, 1]], (a) => np.linalg.det(a!)],
    ['np.linalg.det(a)', [[0, 0]], (a) => np.linalg.det(a!)],
    ['np.linalg.det(a)', [[0, 3, 3]], (a) => np.linalg.det(a!)],
    ['np.linalg.det(np.ones((3, 3)))', [], () => np.linalg.det(np.ones([3, 3]))],
    ['list(np.linalg.slogdet(a))', [[2, 3, 3]], (a) => np.linalg.slogdet(a!)],
    ['list(np.linalg.slogdet(np.zeros((2, 2))))', [], () => np.linalg.slogdet(np.zeros([2, 2]))],
    ['list(np.linalg.slogdet(-np.eye(3)))', [], () => np.linalg.slogdet(np.negative(np.eye(3)))],
  ]));

  it('inv of stacks; inv(a) @ a = I', async () => {
    await check('inv', [
      ['np.linalg.inv(a)', [[4, 4]], (a) => np.linalg.inv(a!)],
      ['np.linalg.inv(a)', [[2, 3, 3]], (a) => np.linalg.inv(a!)],
      ['np.linalg.inv(a)', [[0, 0]], (a) => np.linalg.inv(a!)],
    ]);
    np.scope(() => {
      const a = testArray([5, 5], 'float64', 3, true).make();
      expectClose(np.matmul(np.linalg.inv(a), a), np.eye(5), 1e-12, 'inv(a) @ a');
    });
  });

  it('solve: vector and matrix right-hand sides, broadcast batches', () => check('solve', [
    ['np.linalg.solve(a, b)', [[3, 3], [3]], (a, b) => np.linalg.solve(a!, b!)],
    ['np.linalg.solve(a, b)', [[3, 3], [3, 2]], (a, b) => np.linalg.solve(a!, b!)],
    ['np.linalg.solve(a, b)', [[2, 3, 3], [3, 4]], (a, b) => np.linalg.solve(a!, b!)],
    ['np.linalg.solve(a, b)', [[3, 3], [2, 3, 1]], (a, b) => np.linalg.solve(a!, b!)],
    ['np.linalg.solve(a, b)', [[2, 1, 3, 3], [4, 3, 2]], (a, b) => np.linalg.solve(a!, b!)],
  ]));

  it('raises LinAlgError as NumPy: singular, non-square, 1-D; TypeError for float16', async () => {
    const rows: [string, () => unknown, string][] = [
      ['np.linalg.inv(np.ones((2, 2)))', () => np.linalg.inv(np.ones([2, 2])), 'inv'],
      ['np.linalg.inv(np.ones((2, 3)))', () => np.linalg.inv(np.ones([2, 3])), 'inv'],
      ['np.linalg.inv(np.ones(3))', () => np.linalg.inv(np.ones([3])), 'inv'],
      ['np.linalg.inv(np.eye(2, dtype=np.float16))', () => np.linalg.inv(np.eye(2, { dtype: 'float16' })), 'inv'],
      ['np.linalg.solve(np.zeros((2, 2)), np.ones(2))', () => np.linalg.solve(np.zeros([2, 2]), np.ones([2])), 'solve'],
      ['np.linalg.solve(np.eye(2), np.ones(3))', () => np.linalg.solve(np.eye(2), np.ones([3])), 'solve'],
      ['np.linalg.det(np.ones((2, 3)))', () => np.linalg.det(np.ones([2, 3])), 'det'],
      ['np.linalg.det(np.ones(3))', () => np.linalg.det(np.ones([3])), 'det'],
      ['np.linalg.cholesky(-np.eye(2))', () => np.linalg.cholesky(np.negative(np.eye(2))), 'cholesky'],
      ['np.linalg.cholesky(np.ones((2, 3)))', () => np.linalg.cholesky(np.ones([2, 3])), 'cholesky'],
      ['np.linalg.svd(np.ones(3))', () => np.linalg.svd(np.ones([3])), 'svd'],
      ['np.linalg.eigh(np.ones((2, 3)))', () => np.linalg.eigh(np.ones([2, 3])), 'eigh'],
      ['np.linalg.qr(np.ones(3))', () => np.linalg.qr(np.ones([3])), 'qr'],
      ['np.linalg.cond(np.ones((0, 0)))', () => np.linalg.cond(np.ones([0, 0])), 'cond'],
    ];
    for (const [py, f, who] of rows) {
      const e = await oracle.eval(py);
      expectSameAsNumpy(py, who, () => np.scope(() => { f(); return np.zeros([1]); }), e);
      if ((e as { error?: string }).error === 'LinAlgError') {
        const err = (() => { try { np.scope(() => f()); } catch (x) { return x; } })();
        expect(err, py).toBeInstanceOf(np.linalg.LinAlgError);
        expect((err as Error).message, py).toBe(`${who}: ${(e as { message: string }).message}`);
      }
    }
  });
});

/** Symmetric positive definite stacks: M Mᵀ + n I. */
const spd = (shape: number[], d: DType = 'float64'): NDArray => np.scope(() => {
  const m = testArray(shape, 'float64', 7, true).make();
  const n = shape[shape.length - 1]!;
  return np.astype(np.add(np.matmul(m, swap(m)), np.multiply(np.eye(n), n)), d);
});

describe('cholesky / qr', () => {
  it('cholesky: lower and upper factors vs NumPy; L Lᵀ = A', async () => {
    for (const d of ['float64', 'float32'] as DType[]) {
      for (const shape of [[4, 4], [2, 3, 3], [0, 0]]) {
        const A = spd(shape, d);
        const e = await oracle.eval('[np.linalg.cholesky(a), np.linalg.cholesky(a, upper=True)]', { a: { dtype: d, shape: [...A.shape], data: A._readRawSync(), fortranOrder: false } });
        expectSameAsNumpy(`cholesky ${d} ${shape}`, 'cholesky', () => [np.linalg.cholesky(A), np.linalg.cholesky(A, { upper: true })], e, { match: TOL[d] });
        if (A.size) np.scope(() => expectClose(np.matmul(np.linalg.cholesky(A), swap(np.linalg.cholesky(A))), A, d === 'float64' ? 1e-12 : 1e-4, 'L Lᵀ'));
        A.dispose();
      }
    }
  });

  it('qr: reduced, complete, r and raw vs NumPy; Q R = A, Qᵀ Q = I', async () => {
    await check('qr', [
      ['list(np.linalg.qr(a))', [[5, 3]], (a) => np.linalg.qr(a!)],
      ['list(np.linalg.qr(a))', [[3, 5]], (a) => np.linalg.qr(a!)],
      ['list(np.linalg.qr(a, mode="complete"))', [[5, 3]], (a) => np.linalg.qr(a!, { mode: 'complete' })],
      ['np.linalg.qr(a, mode="r")', [[2, 4, 3]], (a) => np.linalg.qr(a!, { mode: 'r' })],
      ['list(np.linalg.qr(a, mode="raw"))', [[4, 3]], (a) => np.linalg.qr(a!, { mode: 'raw' })],
      ['list(np.linalg.qr(a))', [[2, 3, 3]], (a) => np.linalg.qr(a!)],
      ['list(np.linalg.qr(a))', [[0, 3]], (a) => np.linalg.qr(a!)],
    ], ['float64', 'float32']);
    np.scope(() => {
      const a = testArray([3, 6, 4], 'float64', 5, true).make();
      const [q, r] = np.linalg.qr(a);
      expectClose(np.matmul(q, r), a, 1e-12, 'Q R');
      expectClose(np.matmul(swap(q), q), np.eye(4), 1e-12, 'Qᵀ Q');
    });
  });
});

describe('svd / eigh', () => {
  it('svd: singular values vs NumPy, U diag(S) Vh = A, shapes of full and reduced factors', async () => {
    await check('svd', [
      ['np.linalg.svd(a, compute_uv=False)', [[5, 3]], (a) => np.linalg.svd(a!, { compute_uv: false })],
      ['np.linalg.svd(a, compute_uv=False)', [[2, 3, 6]], (a) => np.linalg.svd(a!, { compute_uv: false })],
      ['np.linalg.svdvals(a)', [[4, 4]], (a) => np.linalg.svdvals(a!)],
      ['np.linalg.svd(np.ones((3, 3)), compute_uv=False)', [], () => np.linalg.svd(np.ones([3, 3]), { compute_uv: false })],
      ['np.linalg.svd(a, compute_uv=False)', [[0, 3]], (a) => np.linalg.svd(a!, { compute_uv: false })],
      ['np.linalg.svd(a + np.swapaxes(a, -1, -2), compute_uv=False, hermitian=True)', [[2, 4, 4]], (a) => np.linalg.svd(np.add(a!, swap(a!)), { compute_uv: false, hermitian: true })],
      ['np.linalg.matrix_rank(a + a.T, hermitian=True)', [[4, 4]], (a) => np.linalg.matrix_rank(np.add(a!, swap(a!)), { hermitian: true })],
    ]);
    for (const [shape, full] of [[[5, 3], true], [[3, 5], false], [[2, 4, 4], true], [[2, 6, 3], false]] as const) {
      np.scope(() => {
        const a = testArray(shape, 'float64', 9, true).make();
        const { U, S, Vh } = np.linalg.svd(a, { full_matrices: full });
        const m = shape[shape.length - 2]!, n = shape[shape.length - 1]!, k = Math.min(m, n);
        expect(U.shape.slice(-2)).toEqual([m, full ? m : k]);
        expect(Vh.shape.slice(-2)).toEqual([full ? n : k, n]);
        const Uk = full ? U._view([...U.shape.slice(0, -1), k], U._strides, 0) : U;
        const Vk = full ? Vh._view([...Vh.shape.slice(0, -2), k, n], Vh._strides, 0) : Vh;
        expectClose(np.matmul(np.multiply(Uk, rowOf(S)), Vk), a, 1e-12, `U S Vh ${shape}`);
      });
    }
  });

  it('eigh / eigvalsh: eigenvalues vs NumPy (both triangles), A v = v λ', async () => {
    await check('eigh', [
      ['np.linalg.eigvalsh(a + np.swapaxes(a, -1, -2))', [[4, 4]], (a) => np.linalg.eigvalsh(np.add(a!, swap(a!)))],
      ['np.linalg.eigvalsh(a)', [[2, 3, 3]], (a) => np.linalg.eigvalsh(a!)],
      ['np.linalg.eigvalsh(a, UPLO="U")', [[3, 3]], (a) => np.linalg.eigvalsh(a!, { UPLO: 'U' })],
      ['np.linalg.eigh(a + np.swapaxes(a, -1, -2))[0]', [[5, 5]], (a) => np.linalg.eigh(np.add(a!, swap(a!)))[0]],
      ['np.linalg.eigvalsh(a)', [[0, 0]], (a) => np.linalg.eigvalsh(a!)],
    ]);
    np.scope(() => {
      const m = testArray([2, 5, 5], 'float64', 4, true).make();
      const a = np.add(m, swap(m));
      const { eigenvalues: w, eigenvectors: v } = np.linalg.eigh(a);
      expectClose(np.matmul(a, v), np.multiply(v, rowOf(w)), 1e-12, 'A v = v λ');
    });
  });

  it('eig / eigvals: eigenvalues vs NumPy (sorted), real results only for a real spectrum', async () => {
    // Random non-symmetric matrices have complex eigenvalues (complex results), symmetric ones and
    // triangular ones real eigenvalues (real results), as NumPy decides per call.
    await check('eigvals', [
      ['np.sort(np.linalg.eigvals(a))', [[4, 4]], (a) => np.sort(np.linalg.eigvals(a!))],
      ['np.sort(np.linalg.eigvals(a))', [[2, 3, 3]], (a) => np.sort(np.linalg.eigvals(a!))],
      ['np.sort(np.linalg.eigvals(a + np.swapaxes(a, -1, -2)))', [[5, 5]], (a) => np.sort(np.linalg.eigvals(np.add(a!, swap(a!))))],
      ['np.sort(np.linalg.eig(np.triu(a))[0])', [[4, 4]], (a) => np.sort(np.linalg.eig(np.triu(a!))[0])],
      ['np.linalg.eigvals(a)', [[0, 0]], (a) => np.linalg.eigvals(a!)],
      ['np.linalg.eigvals(a)', [[1, 1]], (a) => np.linalg.eigvals(a!)],
    ]);
    for (const d of ['complex128', 'complex64'] as const) {
      const re = testArray([2, 4, 4], 'float64', 3, true), im = testArray([2, 4, 4], 'float64', 8, true);
      const e = await oracle.eval(`result = np.sort(np.linalg.eigvals((a + 1j * b).astype(np.${d})))`, { a: re.raw, b: im.raw });
      const tol = d === 'complex128' ? TOL.float64 : TOL.float32;
      expectSameAsNumpy(`eigvals ${d}`, 'eigvals', () => np.sort(np.linalg.eigvals(np.astype(np.add(re.make(), np.multiply(im.make(), np.complex(0, 1))), d))), e, { match: tol });
    }
    np.scope(() => {
      const w = np.linalg.eigvals(np.array([[0, -1], [1, 0]]));
      expect(w.dtype).toBe('complex128');
      expect(np.linalg.eigvals(np.array([[2, 1], [0, 3]])).dtype).toBe('float64');
      expect(np.linalg.eigvals(np.eye(2, { dtype: 'float32' })).dtype).toBe('float32');
    });
  });

  it('eig: A v = v λ for real (complex pairs) and complex stacks; columns of unit norm', () => {
    np.scope(() => {
      const a = testArray([3, 5, 5], 'float64', 4, true).make();
      const { eigenvalues: w, eigenvectors: v } = np.linalg.eig(a);
      expect(w.dtype).toBe('complex128');
      expect(v.shape).toEqual([3, 5, 5]);
      expectClose(np.matmul(a, v), np.multiply(v, rowOf(w)), 1e-12, 'A v = v λ (real A)');
      expectClose(np.linalg.norm(v, { axis: -2 }), np.ones([3, 5]), 1e-12, '‖v‖ = 1');
      const c = np.add(testArray([2, 4, 4], 'float64', 6, true).make(), np.multiply(testArray([2, 4, 4], 'float64', 2, true).make(), np.complex(0, 1)));
      const [wc, vc] = np.linalg.eig(c);
      expectClose(np.matmul(c, vc), np.multiply(vc, rowOf(wc)), 1e-12, 'A v = v λ (complex A)');
      const c64 = np.astype(c, 'complex64');
      const [w64, v64] = np.linalg.eig(c64);
      expect(w64.dtype).toBe('complex64');
      expectClose(np.matmul(c64, v64), np.multiply(v64, rowOf(w64)), 1e-4, 'A v = v λ (complex64)');
    });
  });

  it('eig / eigvals raise as NumPy: non-square, 1-D, inf/nan, float16', async () => {
    const rows: [string, () => unknown, string][] = [
      ['np.linalg.eig(np.ones((2, 3)))', () => np.linalg.eig(np.ones([2, 3])), 'eig'],
      ['np.linalg.eigvals(np.ones(3))', () => np.linalg.eigvals(np.ones([3])), 'eigvals'],
      ['np.linalg.eigvals(np.array([[1, np.inf], [0, 1]]))', () => np.linalg.eigvals(np.array([[1, Infinity], [0, 1]])), 'eigvals'],
      ['np.linalg.eig(np.array([[1, np.nan], [0, 1]]))', () => np.linalg.eig(np.array([[1, NaN], [0, 1]])), 'eig'],
      ['np.linalg.eigvals(np.eye(2, dtype=np.float16))', () => np.linalg.eigvals(np.eye(2, { dtype: 'float16' })), 'eigvals'],
    ];
    for (const [py, f, who] of rows) {
      const e = await oracle.eval(py);
      expectSameAsNumpy(py, who, () => np.scope(() => { f(); return np.zeros([1]); }), e);
      if ((e as { error?: string }).error === 'LinAlgError') {
        const err = (() => { try { np.scope(() => f()); } catch (x) { return x; } })();
        expect((err as Error).message, py).toBe(`${who}: ${(e as { message: string }).message}`);
      }
    }
  });
});

describe('lstsq / pinv / matrix_rank / cond', () => {
  it('lstsq: over/under-determined, rank-deficient, 1-D b (x, residuals, rank, s)', async () => {
    for (const [sa, sb] of [[[6, 3], [6]], [[6, 3], [6, 2]], [[3, 5], [3]], [[4, 4], [4, 2]]] as const) {
      const A = testArray(sa, 'float64', 1, true), B = testArray(sb, 'float64', 2, true);
      const e = await oracle.eval('x, r, k, s = np.linalg.lstsq(a, b)\nresult = [x, r, np.int64(k), s]', { a: A.raw, b: B.raw });
      expectSameAsNumpy(`lstsq ${sa} ${sb}`, 'lstsq', () => {
        const [x, r, k, s] = np.linalg.lstsq(A.make(), B.make());
        return [x, r, np.array(k, { dtype: 'int64' }), s];
      }, e, { match: TOL.float64 });
    }
    const e = await oracle.eval('x, r, k, s = np.linalg.lstsq(np.ones((4, 2)), np.arange(4.))\nresult = [x, r, np.int64(k), s]');
    expectSameAsNumpy('lstsq rank-deficient', 'lstsq', () => {
      const [x, r, k, s] = np.linalg.lstsq(np.ones([4, 2]), np.arange(4, { dtype: 'float64' }));
      return [x, r, np.array(k, { dtype: 'int64' }), s];
    }, e, { match: TOL.float64 });
  });

  it('pinv, matrix_rank, cond', () => check('x', [
    ['np.linalg.pinv(a)', [[5, 3]], (a) => np.linalg.pinv(a!)],
    ['np.linalg.pinv(a)', [[2, 3, 4]], (a) => np.linalg.pinv(a!)],
    ['np.linalg.pinv(np.ones((3, 2)))', [], () => np.linalg.pinv(np.ones([3, 2]))],
    ['np.linalg.matrix_rank(a)', [[4, 3]], (a) => np.linalg.matrix_rank(a!)],
    ['np.linalg.matrix_rank(np.ones((3, 3)))', [], () => np.linalg.matrix_rank(np.ones([3, 3]))],
    ['np.linalg.matrix_rank(a)', [[2, 3, 3]], (a) => np.linalg.matrix_rank(a!)],
    ['np.asarray(np.linalg.matrix_rank(np.zeros(3)))', [], () => np.linalg.matrix_rank(np.zeros([3]))],
    ['np.linalg.cond(a)', [[3, 3]], (a) => np.linalg.cond(a!)],
    ['np.linalg.cond(a, -2)', [[2, 3, 3]], (a) => np.linalg.cond(a!, -2)],
    ['np.linalg.cond(a, 1)', [[3, 3]], (a) => np.linalg.cond(a!, 1)],
    ['np.linalg.cond(a, np.inf)', [[3, 3]], (a) => np.linalg.cond(a!, Infinity)],
    ['np.linalg.cond(a, "fro")', [[3, 3]], (a) => np.linalg.cond(a!, 'fro')],
    ['np.linalg.cond(np.ones((2, 2)))', [], () => np.linalg.cond(np.ones([2, 2]))],
  ], ['float64', 'float32']));
});

describe('norms, tensorinv / tensorsolve, diagonal / trace', () => {
  it('norm: vector and matrix orders, axes, keepdims', () => check('norm', [
    ['np.linalg.norm(a)', [[3, 4]], (a) => np.linalg.norm(a!)],
    ['np.linalg.norm(a, keepdims=True)', [[3, 4]], (a) => np.linalg.norm(a!, { keepdims: true })],
    ...([1, 2, 0, Infinity, -Infinity, 3, -1] as const).map((o): Row => [`np.linalg.norm(a, ${o === Infinity ? 'np.inf' : o === -Infinity ? '-np.inf' : o})`, [[5]], (a) => np.linalg.norm(a!, o)]),
    ...([1, 2, -2, Infinity, -Infinity, -1, 'fro', 'nuc'] as const).map((o): Row => [`np.linalg.norm(a, ${o === Infinity ? 'np.inf' : o === -Infinity ? '-np.inf' : typeof o === 'string' ? `'${o}'` : o})`, [[3, 4]], (a) => np.linalg.norm(a!, o)]),
    ['np.linalg.norm(a, axis=1)', [[3, 4]], (a) => np.linalg.norm(a!, { axis: 1 })],
    ['np.linalg.norm(a, 1, axis=(0, 2), keepdims=True)', [[2, 3, 4]], (a) => np.linalg.norm(a!, { ord: 1, axis: [0, 2], keepdims: true })],
    ['np.linalg.norm(a, 2, axis=(2, 0))', [[2, 3, 4]], (a) => np.linalg.norm(a!, { ord: 2, axis: [2, 0] })],
    ['np.linalg.norm(a, "fro")', [[5]], (a) => np.linalg.norm(a!, 'fro')],
    ['np.linalg.norm(a, 3)', [[3, 4]], (a) => np.linalg.norm(a!, 3)],
    ['np.linalg.vector_norm(a)', [[2, 3]], (a) => np.linalg.vector_norm(a!)],
    ['np.linalg.vector_norm(a, axis=(0, 2), ord=1, keepdims=True)', [[2, 3, 4]], (a) => np.linalg.vector_norm(a!, { axis: [0, 2], ord: 1, keepdims: true })],
    ['np.linalg.matrix_norm(a)', [[2, 3, 4]], (a) => np.linalg.matrix_norm(a!)],
    ['np.linalg.matrix_norm(a, ord="nuc", keepdims=True)', [[2, 3, 4]], (a) => np.linalg.matrix_norm(a!, { ord: 'nuc', keepdims: true })],
  ]));

  it('tensorinv / tensorsolve / diagonal / trace / matrix_transpose', () => check('x', [
    ['np.linalg.tensorinv(a, ind=2)', [[2, 3, 6]], (a) => np.linalg.tensorinv(a!, 2)],
    ['np.linalg.tensorinv(a, ind=1)', [[4, 2, 2]], (a) => np.linalg.tensorinv(a!, 1)],
    ['np.linalg.tensorsolve(a, b)', [[6, 2, 3], [6]], (a, b) => np.linalg.tensorsolve(a!, b!)],
    ['np.linalg.diagonal(a)', [[2, 3, 4]], (a) => np.linalg.diagonal(a!)],
    ['np.linalg.diagonal(a, offset=1)', [[3, 4]], (a) => np.linalg.diagonal(a!, { offset: 1 })],
    ['np.linalg.diagonal(a, offset=-2)', [[4, 3]], (a) => np.linalg.diagonal(a!, { offset: -2 })],
    ['np.linalg.trace(a)', [[2, 3, 3]], (a) => np.linalg.trace(a!)],
    ['np.linalg.trace(a, offset=1)', [[3, 4]], (a) => np.linalg.trace(a!, { offset: 1 })],
    ['np.linalg.matrix_transpose(a)', [[2, 3, 4]], (a) => np.linalg.matrix_transpose(a!)],
  ], ['float64', 'int32']));
});

describe('non-contiguous and ill-conditioned input', () => {
  it('transposed / strided stacks', () => check('x', [
    ['np.linalg.inv(np.swapaxes(a, -1, -2))', [[2, 4, 4]], (a) => np.linalg.inv(swap(a!))],
    ['np.linalg.det(a[::2])', [[4, 3, 3]], (a) => np.linalg.det(a!._view([2, 3, 3], [18, 3, 1], 0))],
    ['np.linalg.solve(a.T, b)', [[3, 3], [3]], (a, b) => np.linalg.solve(np.transpose(a!), b!)],
    ['np.linalg.svd(a.T, compute_uv=False)', [[4, 6]], (a) => np.linalg.svd(np.transpose(a!), { compute_uv: false })],
    ['np.linalg.eigvalsh(np.swapaxes(a, -1, -2))', [[2, 3, 3]], (a) => np.linalg.eigvalsh(swap(a!))],
  ], ['float64', 'float32']));

  it('Hilbert matrices (condition ~1e7): det, solve and cond agree with NumPy to the conditioning', async () => {
    const n = 6;
    const h = (): NDArray => np.scope(() => np.true_divide(1, np.add(np.add(np.arange(n, { dtype: 'float64' }).reshape([n, 1]), np.arange(n, { dtype: 'float64' })), 1)));
    const e = await oracle.eval(`h = 1.0 / (np.arange(${n})[:, None] + np.arange(${n}) + 1)\nresult = [np.linalg.det(h), np.linalg.solve(h, np.ones(${n})), np.linalg.cond(h), np.linalg.eigvalsh(h)]`);
    expectSameAsNumpy('hilbert', 'x', () => {
      const H = h();
      return [np.linalg.det(H), np.linalg.solve(H, np.ones([n])), np.linalg.cond(H), np.linalg.eigvalsh(H)];
    }, e, { match: [{ rtol: 1e-6 }, { rtol: 1e-6 }, { rtol: 1e-6 }, { rtol: 1e-6, atol: 1e-12 }] });
  });
});

describe('default float rule', () => {
  it('integers compute in float32 unless set_np("numpy") (NumPy: float64)', () => {
    npx.set_np();
    try {
      np.scope(() => {
        expect(np.linalg.inv(np.eye(2, { dtype: 'int32' })).dtype).toBe('float32');
        expect(np.linalg.det(np.eye(2, { dtype: 'int64' })).dtype).toBe('float32');
        expect(np.matmul(np.ones([2, 2], { dtype: 'int64' }), np.ones([2, 2], { dtype: 'float32' })).dtype).toBe('float32');
      });
    } finally {
      npx.set_np({ dtype: 'numpy' });
    }
    np.scope(() => { expect(np.linalg.inv(np.eye(2, { dtype: 'int32' })).dtype).toBe('float64'); });
  });
});

