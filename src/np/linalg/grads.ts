// The gradients of the LAPACK ops (lapack_ops.ts), written with public np ops so that they run
// recorded (create_graph) like every vjp. Symmetric-input ops (cholesky, eigh) read one triangle;
// their gradients are the symmetric ones (the input taken as symmetric), as NumPy's users and
// PyTorch assume.
import type { NDArray } from '../../core/ndarray.js';
import { eye, tri } from '../creation/matrix.js';
import { transpose } from '../manip/views.js';
import { eigh, inv, solve } from './decomp.js';
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
