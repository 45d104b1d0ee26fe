// np.linalg's LAPACK-backed functions on stacks of matrices (leading batch dims): det slogdet inv
// solve cholesky qr svd svdvals eigh eigvalsh eig eigvals lstsq. float32 uses the s* routines,
// float64 the d* ones, complex64 / complex128 the c* / z* ones; bool/integers compute in the
// default float dtype (common.ts linalgDType).
import { castArray, castInto, fillScalar } from '../../core/apply.js';
import { complexOf, isComplex, promoteTypes, realOf } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { real } from '../complex/parts.js';
import { applyOpaque } from '../../core/opaque.js';
import { context } from '../../core/context.js';
import type { Op } from '../../core/op.js';
import { astype } from '../manip/views.js';
import { broadcast_to } from '../manip/broadcast.js';
import { concatenate } from '../manip/concatenate.js';
import { zeros } from '../creation/basic.js';
import { broadcastShapes, broadcastStrides } from '../../core/shape.js';
import { reshape, transpose } from '../manip/views.js';
import { type ArrayLike, LinAlgError, asArray, checkStacked, linalgDType, release } from './common.js';
import { QR_MODES, type QrMode, choleskyOp, detOp, eigOp, eighOp, lstsqOp, qrOp, solveOp, svdOp } from './lapack_ops.js';
import { eye } from '../creation/matrix.js';
import { absolute } from '../math/absolute.js';
import { multiply } from '../math/multiply.js';
import { sort } from '../sorting/sort.js';
import { sum } from '../reduce/sum.js';
import { matmul } from './matmul.js';

/** A private C-contiguous copy of `x` in the linalg dtype (checked: ≥ 2-D, square if asked). */
function prepare(x: ArrayLike, who: string, square: boolean): NDArray {
  const a = asArray(x, who);
  try {
    checkStacked(a, square, who);
    // While recording, a recorded copy: the LAPACK op's input then carries the gradient to `a`.
    if (context.recorders.length) return astype(a, linalgDType(a.dtype, who), { copy: true });
    return castArray(a, linalgDType(a.dtype, who));
  } finally {
    if (!(x instanceof NDArray)) a.dispose();
  }
}

/**
 * applyOpaque for the LAPACK ops, whose kernels may overwrite their inputs: while recording, the
 * kernel gets private copies and the recorders see the op applied to the arrays themselves (which
 * the tape saves for the vjp, so they must keep their values).
 */
function applyLapack<A extends object>(op: Op<A>, inputs: readonly NDArray[], attrs: A): NDArray[] {
  if (!context.recorders.length) return applyOpaque(op, inputs, attrs);
  const recorders = context.recorders;
  const priv = inputs.map((x) => castArray(x, x.dtype));
  let outs: NDArray[];
  context.recorders = [];
  try {
    outs = applyOpaque(op, priv, attrs);
  } finally {
    context.recorders = recorders;
    for (const x of priv) x.dispose();
  }
  for (const r of recorders) r.record({ op: op as Op<object>, inputs, attrs, outputs: outs });
  return outs;
}

/** Raises LinAlgError(message) when any matrix's LAPACK info is nonzero; frees `info`. */
function checkInfo(info: NDArray, who: string, message: string): void {
  try {
    const v = info._readRawSync('linalg') as BigInt64Array;
    for (const x of v) if (x !== 0n) throw new LinAlgError(who, message);
  } finally {
    info.dispose();
  }
}

/** A new C-contiguous array: `a` broadcast to `shape`, in `a`'s dtype. */
export function broadcastCopy(a: NDArray, shape: readonly number[]): NDArray {
  const v = a._view(shape, broadcastStrides(a.shape, a._strides, shape), a._offset);
  try {
    return castArray(v, a.dtype);
  } finally {
    v.dispose();
  }
}

/** NumPy's named results: a tuple that also has the field names. */
function named<T extends readonly NDArray[], const K extends string>(vals: T, keys: readonly K[]): T & Record<K, NDArray> {
  const out = [...vals] as unknown as T & Record<K, NDArray>;
  keys.forEach((k, i) => Object.defineProperty(out, k, { value: vals[i], enumerable: false }));
  return out;
}

/** np.linalg.det: determinants of the (…, n, n) stack, from an LU factorisation. */
export function det(a: ArrayLike): NDArray {
  const c = prepare(a, 'det', true);
  try {
    return applyLapack(detOp, [c], { mode: 0 })[0]!;
  } finally {
    c.dispose();
  }
}

export type SlogdetResult = [NDArray, NDArray] & { sign: NDArray; logabsdet: NDArray };

/** np.linalg.slogdet: (sign, log|det|) per matrix; a singular matrix gives (0, -inf). */
export function slogdet(a: ArrayLike): SlogdetResult {
  const c = prepare(a, 'slogdet', true);
  try {
    const [s, l] = applyLapack(detOp, [c], { mode: 1 }) as [NDArray, NDArray];
    return named([s, l] as [NDArray, NDArray], ['sign', 'logabsdet']);
  } finally {
    c.dispose();
  }
}

/** Solves A X = B for the stacks (batch dims already equal); raises 'Singular matrix'. */
function solveStack(A: NDArray, B: NDArray, who: string): NDArray {
  const [x, info] = applyLapack(solveOp, [A, B], {}) as [NDArray, NDArray];
  try {
    checkInfo(info, who, 'Singular matrix');
  } catch (e) {
    x.dispose();
    throw e;
  }
  return x;
}

/** np.linalg.inv: the inverse of each (…, n, n) matrix (LAPACK gesv against the identity). */
export function inv(a: ArrayLike): NDArray {
  return invAs(a, 'inv');
}

/** inv, its errors naming `who` (matrix_power, tensorinv and cond invert too). */
export function invAs(a: ArrayLike, who: string): NDArray {
  const c = prepare(a, who, true);
  const n = c.shape[c.ndim - 1]!;
  const I = eye(n, { dtype: c.dtype });
  const B = broadcastCopy(I, c.shape);
  try {
    return solveStack(c, B, who);
  } finally {
    release([c, I, B]);
  }
}

/**
 * np.linalg.solve: X with A X = B. As NumPy 2, B is a vector (…, n → n) only when it is 1-D;
 * otherwise (…, n, k); batch dims broadcast.
 */
export function solve(a: ArrayLike, b: ArrayLike): NDArray {
  const who = 'solve';
  let A0 = prepare(a, who, true);
  const b0 = asArray(b, who);
  const temps: NDArray[] = [A0];
  try {
    // NumPy's common type: a complex b makes the system complex.
    if (isComplex(b0.dtype) && !isComplex(A0.dtype)) temps.push((A0 = castArray(A0, complexOf(promoteTypes(A0.dtype, realOf(b0.dtype))))));
    const n = A0.shape[A0.ndim - 1]!;
    const vec = b0.ndim === 1;
    const rec = context.recorders.length > 0; // (recorded views and copies: the gradient reaches a and b)
    const bm = vec ? (rec ? b0.reshape([b0.shape[0]!, 1]) : b0._view([b0.shape[0]!, 1], [b0._strides[0]!, 0], b0._offset)) : rec ? astype(b0, A0.dtype) : castArray(b0, A0.dtype);
    temps.push(bm);
    if (bm.shape[bm.ndim - 2] !== n) {
      const sig = vec ? '(m,m),(m)->(m)' : '(m,m),(m,n)->(m,n)';
      throw new RangeError(`${who}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ${sig} (size ${bm.shape[bm.ndim - 2]} is different from ${n})`);
    }
    const batch = broadcastShapes([A0.shape.slice(0, -2), bm.shape.slice(0, -2)], who);
    const bcopy = (x: NDArray, shape: readonly number[]): NDArray => (rec ? broadcast_to(x, shape).copy() : broadcastCopy(x, shape));
    const A = bcopy(A0, [...batch, n, n]);
    temps.push(A);
    const bc = bm.dtype === A0.dtype ? bm : rec ? astype(bm, A0.dtype) : castArray(bm, A0.dtype);
    if (bc !== bm) temps.push(bc);
    const B = bcopy(bc, [...batch, n, bm.shape[bm.ndim - 1]!]);
    temps.push(B);
    const x = solveStack(A, B, who);
    if (!vec) return x;
    temps.push(x);
    return reshape(x, [...batch, n]);
  } finally {
    release(temps);
    if (!(b instanceof NDArray)) b0.dispose();
  }
}

export interface CholeskyOptions {
  /** The upper factor (A = Uᴴ U) instead of the lower one (A = L Lᴴ). */
  upper?: boolean;
}

/** np.linalg.cholesky: the lower (or upper) factor; raises 'Matrix is not positive definite'. */
export function cholesky(a: ArrayLike, opts: CholeskyOptions = {}): NDArray {
  const c = prepare(a, 'cholesky', true);
  try {
    const [f, info] = applyLapack(choleskyOp, [c], { upper: !!opts.upper }) as [NDArray, NDArray];
    try {
      checkInfo(info, 'cholesky', 'Matrix is not positive definite');
    } catch (e) {
      f.dispose();
      throw e;
    }
    return f;
  } finally {
    c.dispose();
  }
}

export type QrResult = [NDArray, NDArray] & { Q: NDArray; R: NDArray };
export interface QrOptions {
  mode?: QrMode;
}

/**
 * np.linalg.qr: mode 'reduced' (default) and 'complete' give (Q, R); 'r' gives R; 'raw' gives
 * (h, tau) with h transposed as NumPy returns it (…, n, m).
 */
export function qr(a: ArrayLike, opts: QrOptions & { mode: 'r' }): NDArray;
export function qr(a: ArrayLike, opts: QrOptions & { mode: 'raw' }): [NDArray, NDArray];
export function qr(a: ArrayLike, opts?: QrOptions): QrResult;
export function qr(a: ArrayLike, opts: QrOptions = {}): QrResult | NDArray | [NDArray, NDArray] {
  const mode = opts.mode ?? 'reduced';
  const m = QR_MODES.indexOf(mode);
  if (m < 0) throw new RangeError(`qr: Unrecognized mode '${String(mode)}'`);
  const c = prepare(a, 'qr', false);
  try {
    const outs = applyLapack(qrOp, [c], { mode: m });
    if (m === 2) {
      outs[0]!.dispose();
      return outs[1]!;
    }
    if (m === 3) {
      const h = transpose(outs[1]!, [...Array(c.ndim - 2).keys(), c.ndim - 1, c.ndim - 2]);
      outs[1]!.dispose();
      return [h, outs[0]!];
    }
    outs[0]!.dispose();
    return named([outs[1]!, outs[2]!] as [NDArray, NDArray], ['Q', 'R']);
  } finally {
    c.dispose();
  }
}

export type SvdResult = [NDArray, NDArray, NDArray] & { U: NDArray; S: NDArray; Vh: NDArray };
export interface SvdOptions {
  /** U and Vh square (true, default) or reduced to min(m, n). */
  full_matrices?: boolean;
  /** false: the singular values only. */
  compute_uv?: boolean;
  /**
   * Symmetric input: singular values from eigvalsh as NumPy does; with compute_uv the general SVD
   * is used (U and Vh are as valid; signs may differ from NumPy's eigh route).
   */
  hermitian?: boolean;
}

function svdRaw(c: NDArray, job: number, who: string): NDArray[] {
  const outs = applyLapack(svdOp, [c], { job });
  try {
    checkInfo(outs[1]!, who, 'SVD did not converge');
  } catch (e) {
    release([outs[0], outs[2], outs[3]]);
    throw e;
  }
  return [outs[0]!, ...outs.slice(2)];
}

/** np.linalg.svd: A = U · diag(S) · Vh per matrix, S descending (LAPACK gesdd). */
export function svd(a: ArrayLike, opts: SvdOptions & { compute_uv: false }): NDArray;
export function svd(a: ArrayLike, opts?: SvdOptions): SvdResult;
export function svd(a: ArrayLike, opts: SvdOptions = {}): SvdResult | NDArray {
  if (opts.hermitian && opts.compute_uv === false) return hermitianSvdvals(a);
  const c = prepare(a, 'svd', false);
  try {
    if (opts.compute_uv === false) return svdRaw(c, 0, 'svd')[0]!;
    const [s, u, vt] = svdRaw(c, opts.full_matrices === false ? 1 : 2, 'svd') as [NDArray, NDArray, NDArray];
    return named([u, s, vt] as [NDArray, NDArray, NDArray], ['U', 'S', 'Vh']);
  } finally {
    c.dispose();
  }
}

/** NumPy's hermitian route for singular values: |eigenvalues| sorted descending. */
function hermitianSvdvals(a: ArrayLike): NDArray {
  const w = eigvalsh(a);
  const s = absolute(w);
  const sorted = sort(s, { axis: -1 });
  const n = sorted.shape[sorted.ndim - 1]!;
  const st = sorted._strides[sorted.ndim - 1]!;
  const rev = sorted._view(sorted.shape, [...sorted._strides.slice(0, -1), -st], sorted._offset + Math.max(0, n - 1) * st);
  try {
    return castArray(rev, sorted.dtype);
  } finally {
    release([w, s, sorted, rev]);
  }
}

/** np.linalg.svdvals: the singular values, descending. */
export function svdvals(x: ArrayLike): NDArray {
  return svd(x, { compute_uv: false });
}

export type EighResult = [NDArray, NDArray] & { eigenvalues: NDArray; eigenvectors: NDArray };
export interface EighOptions {
  /** Which triangle is read: 'L' (default) or 'U'. */
  UPLO?: 'L' | 'U';
}

function eighRaw(a: ArrayLike, who: string, vectors: boolean, opts: EighOptions): NDArray[] {
  const uplo = opts.UPLO ?? 'L';
  if (uplo !== 'L' && uplo !== 'U') throw new RangeError(`${who}: UPLO argument must be 'L' or 'U'`);
  const c = prepare(a, who, true);
  try {
    const outs = applyLapack(eighOp, [c], { vectors, upper: uplo === 'U' });
    try {
      checkInfo(outs[1]!, who, 'Eigenvalues did not converge');
    } catch (e) {
      release([outs[0], outs[2]]);
      throw e;
    }
    return [outs[0]!, ...outs.slice(2)];
  } finally {
    c.dispose();
  }
}

/** np.linalg.eigh: eigenvalues (ascending) and eigenvectors (columns) of symmetric matrices. */
export function eigh(a: ArrayLike, opts: EighOptions = {}): EighResult {
  const [w, v] = eighRaw(a, 'eigh', true, opts) as [NDArray, NDArray];
  return named([w, v] as [NDArray, NDArray], ['eigenvalues', 'eigenvectors']);
}

/** np.linalg.eigvalsh: the eigenvalues (ascending) of symmetric matrices. */
export function eigvalsh(a: ArrayLike, opts: EighOptions = {}): NDArray {
  return eighRaw(a, 'eigvalsh', false, opts)[0]!;
}

export type EigResult = [NDArray, NDArray] & { eigenvalues: NDArray; eigenvectors: NDArray };

/**
 * geev on a private copy. As NumPy: inf/nan input raises, and for real input the results are real
 * arrays when every eigenvalue (of the whole stack) is real, complex otherwise.
 */
function eigRaw(a: ArrayLike, who: string, vectors: boolean): NDArray[] {
  const c = prepare(a, who, true);
  try {
    const raw = c._readRawSync(who) as Float32Array | Float64Array;
    for (const x of raw) if (!Number.isFinite(x)) throw new LinAlgError(who, 'Array must not contain infs or NaNs');
    const outs = applyOpaque(eigOp, [c], { vectors });
    try {
      checkInfo(outs[1]!, who, 'Eigenvalues did not converge');
    } catch (e) {
      release([outs[0], outs[2]]);
      throw e;
    }
    const res = [outs[0]!, ...outs.slice(2)];
    if (isComplex(c.dtype)) return res;
    const w = res[0]!._readRawSync(who) as Float32Array | Float64Array;
    for (let i = 1; i < w.length; i += 2) if (w[i] !== 0) return res;
    return res.map((r) => {
      const re = real(r);
      try {
        return castArray(re, re.dtype);
      } finally {
        release([re, r]);
      }
    });
  } finally {
    c.dispose();
  }
}

/** np.linalg.eig: eigenvalues (LAPACK's order) and right eigenvectors (columns, unit norm) of square matrices. */
export function eig(a: ArrayLike): EigResult {
  const [w, v] = eigRaw(a, 'eig', true) as [NDArray, NDArray];
  return named([w, v] as [NDArray, NDArray], ['eigenvalues', 'eigenvectors']);
}

/** np.linalg.eigvals: the eigenvalues of square matrices (LAPACK's order, not sorted). */
export function eigvals(a: ArrayLike): NDArray {
  return eigRaw(a, 'eigvals', false)[0]!;
}

export type LstsqResult = [NDArray, NDArray, number, NDArray];
export interface LstsqOptions {
  /** Cut-off ratio for small singular values; default (null) machine epsilon × max(M, N). */
  rcond?: number | null;
}

/** np.linalg.lstsq: (x, residuals, rank, s) minimising ‖b − a x‖ (LAPACK gelsd). */
export function lstsq(a: ArrayLike, b: ArrayLike, opts: LstsqOptions = {}): LstsqResult {
  const who = 'lstsq';
  let A = prepare(a, who, false);
  const b0 = asArray(b, who);
  const temps: NDArray[] = [A];
  try {
    // NumPy's common type: a complex b makes the problem complex.
    if (isComplex(b0.dtype) && !isComplex(A.dtype)) temps.push((A = castArray(A, complexOf(promoteTypes(A.dtype, realOf(b0.dtype))))));
    if (A.ndim !== 2) throw new LinAlgError(who, `${A.ndim}-dimensional array given. Array must be two-dimensional`);
    const [m, n] = A.shape as [number, number];
    const vec = b0.ndim === 1;
    if (b0.ndim > 2) throw new LinAlgError(who, `${b0.ndim}-dimensional array given. Array must be one or two-dimensional`);
    if (b0.shape[0] !== m) throw new LinAlgError(who, 'Incompatible dimensions');
    const k = vec ? 1 : b0.shape[1]!;
    const rows = Math.max(m, n);
    const eps = realOf(A.dtype) === 'float32' ? 2 ** -23 : 2 ** -52;
    const rcond = opts.rcond ?? eps * Math.max(m, n);
    // b, zero-padded to max(m, n) rows (gelsd writes the n solution rows over it).
    // (while recording, B and the results are made with recorded ops: lstsq has no gradient, and
    // backward through it must raise rather than miss the link to a or b)
    const rec = context.recorders.length > 0;
    let B: NDArray;
    if (rec) {
      const b2 = astype(vec ? b0.reshape([m, 1]) : b0, A.dtype);
      temps.push(b2);
      if (rows > m) {
        const z = zeros([rows - m, k], { dtype: A.dtype, device: A.device });
        temps.push(z);
        B = concatenate([b2, z], { axis: 0 });
        temps.push(B);
      } else B = b2;
    } else {
      B = NDArray._empty([rows, k], A.dtype, A.device);
      temps.push(B);
      castInto0(B);
      castIntoView(b0, B, m, k);
    }
    const [X, S, res] = applyLapack(lstsqOp, [A, B], { rcond }) as [NDArray, NDArray, NDArray];
    temps.push(X, res);
    const [rank, info] = [...(res._readRawSync(who) as BigInt64Array)].map(Number) as [number, number];
    if (info > 0) {
      S.dispose();
      throw new LinAlgError(who, 'SVD did not converge in Linear Least Squares');
    }
    const xv = rec ? X.get(vec ? `:${n}, 0` : `:${n}`) : X._view(vec ? [n] : [n, k], vec ? [k] : [k, 1], 0);
    const x = rec ? xv.copy() : castArray(xv, A.dtype);
    xv.dispose();
    let resid: NDArray;
    if (rank === n && m > n) {
      // Sum of squared residuals per column: the rows gelsd leaves below the solution; while
      // recording, from b − a x (equal, and differentiable through x, a and b).
      let tail: NDArray;
      if (rec) {
        const bm = B.get(`:${m}`), xm = X.get(`:${n}`), ax = matmul(A, xm);
        temps.push(bm, xm, ax);
        tail = bm.sub(ax);
      } else tail = X._view([m - n, k], [k, 1], n * k);
      resid = sumSquares(tail, vec);
      tail.dispose();
    } else {
      resid = NDArray._empty([0], realOf(A.dtype), A.device);
    }
    return [x, resid, rank, S];
  } finally {
    release(temps);
    if (!(b instanceof NDArray)) b0.dispose();
  }
}

function squareAbs(t: NDArray): NDArray {
  const m = absolute(t);
  try {
    return multiply(m, m);
  } finally {
    m.dispose();
  }
}

function castInto0(B: NDArray): void {
  fillScalar(B, 0);
}

function castIntoView(b: NDArray, B: NDArray, m: number, k: number): void {
  const dst = B._view([m, k], [k, 1], 0);
  const src = b.ndim === 1 ? b._view([m, 1], [b._strides[0]!, 0], b._offset) : b;
  castInto(src, dst);
  dst.dispose();
  if (src !== b) src.dispose();
}

function sumSquares(t: NDArray, vec: boolean): NDArray {
  // |r|² (real for complex r, as NumPy's abs(r)**2)
  const sq = isComplex(t.dtype) ? squareAbs(t) : multiply(t, t);
  const s = sum(sq, { axis: 0 });
  sq.dispose();
  if (!vec) return s;
  const r = reshape(s, [1]);
  s.dispose();
  return r;
}
