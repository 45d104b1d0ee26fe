// complex64 / complex128 in the products (matmul dot vdot inner outer tensordot einsum kron cross
// vecdot: OpenBLAS cgemm/zgemm, the first argument of vdot/vecdot conjugated) and np.linalg (the
// LAPACK c*/z* routines) against NumPy: values where they are unique, identities where not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { type MatchOptions, expectSameAsNumpy } from './helpers/arrays.js';
import { testArray } from './helpers/linalg_data.js';
import { NumpyOracle } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

type CDType = 'complex64' | 'complex128' | 'float64';
const TOL: Record<CDType, MatchOptions> = { complex128: { rtol: 1e-9, atol: 1e-11 }, float64: { rtol: 1e-9, atol: 1e-11 }, complex64: { rtol: 2e-4, atol: 2e-5 } };

/** A test array re + i·im (seeded parts in (-1, 1); float64: the real part only). */
function cArr(shape: readonly number[], d: CDType, seed: number): { args: Record<string, unknown>; py: string; make: () => NDArray } {
  const re = testArray(shape, 'float64', seed, true), im = testArray(shape, 'float64', seed + 50, true);
  const [p, q] = [`r${seed}`, `i${seed}`];
  return {
    args: { [p]: re.raw, [q]: im.raw },
    py: d === 'float64' ? p : `(${p} + 1j * ${q}).astype(np.${d})`,
    make: () => np.scope(() => (d === 'float64' ? re.make() : np.astype(np.add(re.make(), np.multiply(im.make(), np.complex(0, 1))), d))),
  };
}

type Row = [string, readonly (readonly number[])[], (...xs: NDArray[]) => NDArray | NDArray[], (readonly CDType[])?];

/** Rows [python over a, b, c (written `{a}`…), shapes, quark function, dtypes of the operands]. */
async function check(who: string, rows: readonly Row[], dtypes: readonly CDType[] = ['complex128', 'complex64']): Promise<void> {
  const cases = rows.flatMap((r) => dtypes.map((d) => [r, d] as const));
  for (const [[py, shapes, f, ds], d] of cases) {
    const arrs = shapes.map((s, i) => cArr(s, ds?.[i] ?? d, i + 1));
    const expr = arrs.reduce((e, x, i) => e.replaceAll(`{${'abc'[i]}}`, x.py), py);
    const e = await oracle.eval(`result = ${expr}`, Object.assign({}, ...arrs.map((x) => x.args)));
    const tol = TOL[d];
    expectSameAsNumpy(`${expr} ${d} ${JSON.stringify(shapes)}`, who, () => f(...arrs.map((x) => x.make())), e, { match: tol });
  }
}

/** Asserts ‖x − y‖∞ ≤ tol. */
function expectClose(x: NDArray, y: NDArray, tol: number, label: string): void {
  np.scope(() => {
    expect(np.max(np.abs(np.subtract(x, y))).item() as number, label).toBeLessThanOrEqual(tol);
  });
}
const H = (a: NDArray): NDArray => np.conjugate(np.linalg.matrix_transpose(a));

describe('complex products', () => {
  it('matmul / dot / vdot / inner / outer / tensordot / einsum / kron / cross / vecdot vs NumPy', () => check('products', [
    ['np.matmul({a}, {b})', [[3, 4], [4, 2]], (a, b) => np.matmul(a!, b!)],
    ['np.matmul({a}, {b})', [[2, 3, 4], [4]], (a, b) => np.matmul(a!, b!)],
    ['np.matmul({a}, {b})', [[4], [2, 4, 3]], (a, b) => np.matmul(a!, b!)],
    ['np.matmul({a}.T, {b})', [[4, 3], [4, 2]], (a, b) => np.matmul(a!.T, b!)],
    ['np.matmul({a}, {b})', [[3, 4], [4, 2]], (a, b) => np.matmul(a!, b!), ['float64', 'complex128']],
    ['np.dot({a}, {b})', [[2, 3, 4], [2, 4, 2]], (a, b) => np.dot(a!, b!)],
    ['np.vdot({a}, {b})', [[3, 4], [4, 3]], (a, b) => np.vdot(a!, b!)],
    ['np.vdot({a}, {b})', [[5], [5]], (a, b) => np.vdot(a!, b!), ['complex128', 'float64']],
    ['np.inner({a}, {b})', [[2, 4], [3, 4]], (a, b) => np.inner(a!, b!)],
    ['np.outer({a}, {b})', [[3], [2, 2]], (a, b) => np.outer(a!, b!)],
    ['np.tensordot({a}, {b}, axes=([1, 0], [0, 2]))', [[3, 2, 4], [2, 5, 3]], (a, b) => np.tensordot(a!, b!, [[1, 0], [0, 2]])],
    ['np.einsum("ij,jk,k->i", {a}, {b}, {c})', [[2, 3], [3, 4], [4]], (a, b, c) => np.einsum('ij,jk,k->i', a!, b!, c!)],
    ['np.kron({a}, {b})', [[2, 2], [3, 1]], (a, b) => np.kron(a!, b!)],
    ['np.cross({a}, {b})', [[4, 3], [4, 3]], (a, b) => np.cross(a!, b!)],
    ['np.vecdot({a}, {b})', [[2, 3, 4], [3, 4]], (a, b) => np.vecdot(a!, b!)],
    ['np.vecdot({a}, {b}, axis=0)', [[4, 3], [4, 1]], (a, b) => np.vecdot(a!, b!, { axis: 0 })],
  ]));

  it('vdot and vecdot conjugate the first argument (vdot(a, a) = ‖a‖²)', () => {
    np.scope(() => {
      const a = np.array([np.complex(1, 2), np.complex(3, -4)]);
      expect(String(np.vdot(a, a).item())).toBe('(30+0j)');
      expect(String(np.vecdot(a, a).item())).toBe('(30+0j)');
      expect(String(np.dot(a, a).item())).toBe('(-10-20j)');
    });
  });
});

/** Hermitian positive definite stacks: M Mᴴ + n I. */
function hpd(shape: number[], d: CDType): NDArray {
  return np.scope(() => {
    const m = cArr(shape, 'complex128', 7).make();
    const n = shape[shape.length - 1]!;
    return np.astype(np.add(np.matmul(m, H(m)), np.multiply(np.eye(n), n)), d);
  });
}

describe('complex np.linalg', () => {
  it('det / slogdet / inv / solve / lstsq / pinv / norms / matrix_rank / cond vs NumPy', () => check('linalg', [
    ['np.linalg.det({a})', [[2, 3, 3]], (a) => np.linalg.det(a!)],
    ['list(np.linalg.slogdet({a}))', [[2, 4, 4]], (a) => np.linalg.slogdet(a!)],
    ['np.linalg.inv({a})', [[2, 4, 4]], (a) => np.linalg.inv(a!)],
    ['np.linalg.solve({a}, {b})', [[3, 3], [3]], (a, b) => np.linalg.solve(a!, b!)],
    ['np.linalg.solve({a}, {b})', [[2, 3, 3], [3, 2]], (a, b) => np.linalg.solve(a!, b!)],
    ['np.linalg.solve({a}, {b})', [[3, 3], [3]], (a, b) => np.linalg.solve(a!, b!), ['float64', 'complex128']],
    ['list(np.linalg.lstsq({a}, {b}))', [[5, 3], [5, 2]], (a, b) => { const [x, r, k, s] = np.linalg.lstsq(a!, b!); return [x, r, np.array(k, { dtype: 'int32' }), s]; }],
    ['list(np.linalg.lstsq({a}, {b}))', [[3, 5], [3]], (a, b) => { const [x, r, k, s] = np.linalg.lstsq(a!, b!); return [x, r, np.array(k, { dtype: 'int32' }), s]; }],
    ['np.linalg.pinv({a})', [[4, 3]], (a) => np.linalg.pinv(a!)],
    ['np.linalg.svd({a}, compute_uv=False)', [[2, 5, 3]], (a) => np.linalg.svd(a!, { compute_uv: false })],
    ['np.linalg.norm({a})', [[3, 4]], (a) => np.linalg.norm(a!)],
    ['np.linalg.norm({a}, axis=1)', [[3, 4]], (a) => np.linalg.norm(a!, { axis: 1 })],
    ['[np.linalg.norm({a}, o) for o in ["fro", "nuc", 1, -1, 2, -2, np.inf]]', [[3, 4]],
      (a) => (['fro', 'nuc', 1, -1, 2, -2, Infinity] as const).map((o) => np.linalg.norm(a!, o))],
    ['[np.linalg.norm({a}, o) for o in [1, 3, np.inf, 0]]', [[5]], (a) => [1, 3, Infinity, 0].map((o) => np.linalg.norm(a!, o))],
    ['np.linalg.matrix_rank({a})', [[4, 3]], (a) => np.linalg.matrix_rank(a!)],
    ['np.linalg.cond({a})', [[3, 3]], (a) => np.linalg.cond(a!)],
  ]));

  it('cholesky / eigh / eigvalsh of Hermitian matrices vs NumPy; L Lᴴ = A, A v = v λ', async () => {
    for (const d of ['complex128', 'complex64'] as const) {
      const A = hpd([2, 4, 4], d);
      const raw = { dtype: d, shape: [...A.shape], data: A._readRawSync(), fortranOrder: false };
      const e = await oracle.eval('[np.linalg.cholesky(a), np.linalg.cholesky(a, upper=True), np.linalg.eigvalsh(a), np.linalg.eigvalsh(a, UPLO="U"), np.linalg.svd(a, compute_uv=False, hermitian=True)]', { a: raw });
      expectSameAsNumpy(`hermitian ${d}`, 'cholesky', () => [np.linalg.cholesky(A), np.linalg.cholesky(A, { upper: true }), np.linalg.eigvalsh(A), np.linalg.eigvalsh(A, { UPLO: 'U' }),
        np.linalg.svd(A, { compute_uv: false, hermitian: true })], e, { match: TOL[d] });
      const tol = d === 'complex128' ? 1e-11 : 1e-3;
      np.scope(() => {
        const L = np.linalg.cholesky(A);
        expectClose(np.matmul(L, H(L)), A, tol, 'L Lᴴ');
        const { eigenvalues: w, eigenvectors: v } = np.linalg.eigh(A);
        expect(w.dtype).toBe(d === 'complex128' ? 'float64' : 'float32');
        expectClose(np.matmul(A, v), np.multiply(v, w.reshape([2, 1, 4])), tol, 'A v = v λ');
      });
      A.dispose();
    }
  });

  it('qr and svd factors: Q R = A, Qᴴ Q = I, U diag(S) Vh = A; R and S vs NumPy', async () => {
    await check('qr', [
      ['np.abs(np.linalg.qr({a}, mode="r"))', [[5, 3]], (a) => np.abs(np.linalg.qr(a!, { mode: 'r' }))],
      ['np.linalg.svd({a})[1]', [[3, 5]], (a) => np.linalg.svd(a!)[1]],
    ]);
    np.scope(() => {
      const a = cArr([2, 6, 4], 'complex128', 5).make();
      const [q, r] = np.linalg.qr(a);
      expectClose(np.matmul(q, r), a, 1e-12, 'Q R');
      expectClose(np.matmul(H(q), q), np.eye(4), 1e-12, 'Qᴴ Q');
      const { U, S, Vh } = np.linalg.svd(a, { full_matrices: false });
      expect(S.dtype).toBe('float64');
      expectClose(np.matmul(np.multiply(U, S.reshape([2, 1, 4])), Vh), a, 1e-12, 'U S Vh');
    });
  });
});
