// The gradients of the LAPACK ops (lapack_ops.ts), written with public np ops so that they run
// recorded (create_graph) like every vjp. Symmetric-input ops (cholesky, eigh) read one triangle;
// their gradients are the symmetric ones (the input taken as symmetric), as NumPy's users and
// PyTorch assume.
import type { NDArray } from '../../core/ndarray.js';
import { eye, tri } from '../creation/matrix.js';
import { transpose } from '../manip/views.js';
import { concatenate } from '../manip/concatenate.js';
import { eigh, inv, qr, solve, svd } from './decomp.js';
import { zeros } from '../creation/basic.js';
import { pinvFromSvd } from './norms.js';
import { matmul } from './matmul.js';

/** The last two axes swapped (a recorded view). */
const mT = (x: NDArray): NDArray => transpose(x, [...Array(x.ndim - 2).keys(), x.ndim - 1, x.ndim - 2]);
/** (…) → (…, 1, 1), to scale matrices of a stack. */
const asMatrix = (x: NDArray): NDArray => x.reshape([...x.shape, 1, 1]);
/** X + Xᵀ over the last two axes, halved. */
const sym = (x: NDArray): NDArray => x.add(mT(x)).mul(0.5);

/**
 * det (mode 0) and slogdet (mode 1): Jacobi's formula d det(A) = det(A) tr(A⁻¹ dA), so
 * ∂det/∂A = det(A) A⁻ᵀ and ∂log|det|/∂A = A⁻ᵀ (Giles 2008, "An extended collection of matrix
 * derivative results", §2.2.4); the sign has none. A singular A raises (A⁻¹ does not exist).
 */
export function detVjp(grads: readonly NDArray[], a: NDArray, outs: readonly NDArray[], mode: number): NDArray[] {
  const invT = mT(inv(a));
  if (mode === 0) return [asMatrix(grads[0]!.mul(outs[0]!)).mul(invT)];
  return [asMatrix(grads[1]!).mul(invT)];
}

/** X = A⁻¹B: ∂B = A⁻ᵀ ∂X (a solve with Aᵀ), ∂A = −∂B Xᵀ (Giles 2008, §2.2.3). */
export function solveVjp(gx: NDArray, a: NDArray, x: NDArray, needs: readonly boolean[]): (NDArray | null)[] {
  const gb = solve(mT(a), gx);
  return [needs[0] ? matmul(gb, mT(x)).mul(-1) : null, gb];
}

/**
 * A = L Lᵀ: ∂A = sym(L⁻ᵀ Φ(Lᵀ ∂L) L⁻¹), Φ taking the lower triangle with the diagonal halved
 * (Murray 2016, "Differentiation of the Cholesky decomposition", eq. 10; PyTorch's
 * cholesky_backward). The upper factor U = Lᵀ: ∂L = ∂Uᵀ.
 */
export function choleskyVjp(g: NDArray, f: NDArray, upper: boolean): NDArray {
  const L = upper ? mT(f) : f;
  const gL = upper ? mT(g) : g;
  const n = L.shape[L.ndim - 1]!;
  const w = lowerHalfDiag(n, L.dtype);
  const phi = matmul(mT(L), gL).mul(w);
  const Linv = inv(L);
  return sym(matmul(matmul(mT(Linv), phi), Linv));
}

/** Φ's weights: 1 below the diagonal, ½ on it, 0 above. */
function lowerHalfDiag(n: number, dtype: NDArray['dtype']): NDArray {
  return tri(n, n, { k: -1, dtype }).add(eye(n, { dtype }).mul(0.5));
}

/**
 * A = V diag(w) Vᵀ (symmetric, distinct eigenvalues): ∂A = V (diag(∂w) + F ∘ skew(Vᵀ∂V)) Vᵀ with
 * F_ij = 1/(w_j − w_i) off the diagonal, 0 on it (Giles 2008, §3.1; PyTorch's
 * linalg_eig_backward for Hermitian inputs, which also keeps the skew part: the eigenvectors'
 * scale and sign are not determined). eigvalsh (no vectors output) recomputes V.
 */
export function eighVjp(gw: NDArray, gv: NDArray | null, a: NDArray, w: NDArray, v: NDArray | null, upper: boolean): NDArray {
  const V = v ?? eigh(a, { UPLO: upper ? 'U' : 'L' })[1];
  const n = w.shape[w.ndim - 1]!;
  let inner = diagOf(gw, n);
  if (gv) {
    const I = eye(n, { dtype: w.dtype });
    const E = w.reshape([...w.shape.slice(0, -1), 1, n]).sub(w.reshape([...w.shape.slice(0, -1), n, 1]));
    const F = I.mul(-1).add(1).div(E.add(I));
    const M = matmul(mT(V), gv);
    inner = inner.add(F.mul(M.sub(mT(M)).mul(0.5)));
  }
  return matmul(matmul(V, inner), mT(V));
}

/** Stacked diagonal matrices of the (…, n) vectors. */
function diagOf(d: NDArray, n: number): NDArray {
  return d.reshape([...d.shape, 1]).mul(eye(n, { dtype: d.dtype }));
}

/**
 * A = U diag(S) Vᵀ (reduced; distinct nonzero singular values): PyTorch's svd_backward
 * (FunctionsManual.cpp, after Townsend 2016 / Seeger et al. 2017):
 *   ∂A = U [(skew(Uᵀ∂U) ∘ F) S + S (skew(Vᵀ∂V) ∘ F) + diag(∂S)] Vᵀ
 *      + (I − UUᵀ) ∂U S⁻¹ Vᵀ + U S⁻¹ ∂Vᵀ (I − VVᵀ),
 * skew(X) = X − Xᵀ, F_jk = 1/(S_k² − S_j²) off the diagonal. With full_matrices the columns past
 * min(m, n) (not determined by A) are left out, as PyTorch narrows them. Singular values only
 * (job 0): ∂A = U diag(∂S) Vᵀ from a recomputed reduced SVD.
 */
export function svdVjp(grads: readonly NDArray[], a: NDArray, outs: readonly NDArray[], job: number): NDArray {
  const m = a.shape[a.ndim - 2]!, n = a.shape[a.ndim - 1]!, k = Math.min(m, n);
  const S = outs[0]!;
  let U: NDArray, Vt: NDArray;
  if (job === 0) [U, , Vt] = svd(a, { full_matrices: false });
  else [U, Vt] = [outs[2]!, outs[3]!];
  const narrowU = (x: NDArray): NDArray => (x.shape[x.ndim - 1] === k ? x : x.get(`..., :${k}`));
  const narrowVt = (x: NDArray): NDArray => (x.shape[x.ndim - 2] === k ? x : x.get(`..., :${k}, :`));
  U = narrowU(U);
  const V = mT(narrowVt(Vt));
  const rowS = (x: NDArray): NDArray => x.reshape([...x.shape.slice(0, -1), 1, k]); // scales columns
  const colS = (x: NDArray): NDArray => x.reshape([...x.shape.slice(0, -1), k, 1]); // scales rows
  let inner = diagOf(grads[0]!, k);
  if (job === 0) return matmul(matmul(U, inner), mT(V));
  const gU = narrowU(grads[2]!), gV = mT(narrowVt(grads[3]!));
  const I = eye(k, { dtype: S.dtype });
  const S2 = S.mul(S);
  const F = I.mul(-1).add(1).div(rowS(S2).sub(colS(S2)).add(I));
  const UtgU = matmul(mT(U), gU), VtgV = matmul(mT(V), gV);
  inner = inner.add(UtgU.sub(mT(UtgU)).mul(F).mul(rowS(S))).add(colS(S).mul(VtgV.sub(mT(VtgV)).mul(F)));
  let gA = matmul(matmul(U, inner), mT(V));
  const invS = S.pow(-1);
  gA = gA.add(matmul(gU.sub(matmul(U, UtgU)).mul(rowS(invS)), mT(V)));
  gA = gA.add(matmul(U, colS(invS).mul(mT(gV).sub(matmul(matmul(mT(gV), V), mT(V))))));
  return gA;
}

/**
 * A = QR (m ≥ n, reduced): M = R ∂Rᵀ − ∂Qᵀ Q, ∂A = (∂Q + Q copyltu(M)) R⁻ᵀ with copyltu(M) =
 * tril(M) + tril(M, −1)ᵀ (Liao et al. 2019, "Differentiable programming tensor networks", §B;
 * PyTorch's linalg_qr_backward). m < n: A = [X | Y], R = [U | V] with X = QU square:
 * ∂X from the square case with ∂Q + Y ∂Vᵀ, ∂Y = Q ∂V. Mode 'complete' with m > n: Q's columns
 * past n (not determined by A) are left out; mode 'r' recomputes Q; 'raw' is not differentiable.
 */
export function qrVjp(grads: readonly NDArray[], a: NDArray, outs: readonly NDArray[], mode: number): NDArray {
  if (mode === 3) throw new Error("linalg_qr: mode 'raw' (Householder reflectors) is not differentiable; use mode 'reduced'");
  const m = a.shape[a.ndim - 2]!, n = a.shape[a.ndim - 1]!, k = Math.min(m, n);
  let Q: NDArray, R: NDArray, gQ: NDArray, gR: NDArray;
  if (mode === 2) {
    [Q, R] = qr(a);
    gR = grads[1]!;
    gQ = Q.mul(0);
  } else {
    [Q, R, gQ, gR] = [outs[1]!, outs[2]!, grads[1]!, grads[2]!];
  }
  const cols = (x: NDArray, from: number, to: number): NDArray => (from === 0 && x.shape[x.ndim - 1] === to ? x : x.get(`..., ${from}:${to}`));
  const rows = (x: NDArray): NDArray => (x.shape[x.ndim - 2] === k ? x : x.get(`..., :${k}, :`));
  [Q, gQ, R, gR] = [cols(Q, 0, k), cols(gQ, 0, k), rows(R), rows(gR)];
  if (m >= n) return qrSquareBack(Q, R, gQ, gR);
  const Y = cols(a, m, n), gV = cols(gR, m, n);
  const gX = qrSquareBack(Q, cols(R, 0, m), gQ.add(matmul(Y, mT(gV))), cols(gR, 0, m));
  return concatenate([gX, matmul(Q, gV)], { axis: -1 });
}

function qrSquareBack(Q: NDArray, R: NDArray, gQ: NDArray, gR: NDArray): NDArray {
  const k = R.shape[R.ndim - 1]!;
  const M = matmul(R, mT(gR)).sub(matmul(mT(gQ), Q));
  const copyltu = M.mul(tri(k, k, { dtype: M.dtype })).add(mT(M.mul(tri(k, k, { k: -1, dtype: M.dtype }))));
  const X = gQ.add(matmul(Q, copyltu));
  return mT(solve(R, mT(X))); // X R⁻ᵀ
}

/**
 * lstsq: X = A⁺B (the minimum-norm least-squares solution, A⁺ with singular values at or below
 * rcond·max(s) cut, as gelsd does). From the derivative of the pseudo-inverse where the rank stays
 * constant (Golub & Pereyra 1973, "The differentiation of pseudo-inverses", thm 4.3), with
 * R = B − AX and P = I − A⁺A: ∂B = A⁺ᵀ∂X, ∂A = −A⁺ᵀ∂X Xᵀ + R (A⁺A⁺ᵀ∂X)ᵀ + A⁺ᵀX (P∂X)ᵀ;
 * the singular values add U diag(∂s) Vᵀ. `X`'s rows below n (gelsd's residual components) get
 * none: lstsq computes the residuals it returns from B − AX while recording. Real dtypes only.
 */
export function lstsqVjp(gX: NDArray, gS: NDArray, a: NDArray, bPad: NDArray, X: NDArray, rcond: number, needs: readonly boolean[]): (NDArray | null)[] {
  const m = a.shape[0]!, n = a.shape[1]!, rows = bPad.shape[0]!, k = bPad.shape[1]!;
  const [U, s, Vh] = svd(a, { full_matrices: false });
  const pinv = pinvFromSvd(U, s, Vh, rcond); // (n, m)
  const pinvT = mT(pinv);
  const x = X.get(`:${n}`), gx = gX.get(`:${n}`);
  const gb = matmul(pinvT, gx); // (m, k)
  let gB: NDArray | null = null;
  if (needs[1]) gB = rows > m ? concatenate([gb, zeros([rows - m, k], { dtype: gb.dtype, device: gb.device })], { axis: 0 }) : gb;
  if (!needs[0]) return [null, gB];
  const r = bPad.get(`:${m}`).sub(matmul(a, x));
  const z = matmul(pinv, gb); // A⁺A⁺ᵀ∂X
  const pgx = gx.sub(matmul(pinv, matmul(a, gx))); // (I − A⁺A)∂X
  const gA = matmul(gb, mT(x)).mul(-1).add(matmul(r, mT(z))).add(matmul(matmul(pinvT, x), mT(pgx)));
  return [gA.add(matmul(U.mul(gS), Vh)), gB];
}
