// np.linalg norms and the functions built on the SVD: norm vector_norm matrix_norm cond
// matrix_rank pinv — NumPy's definitions (numpy/linalg/_linalg.py), written with public ops.
import { castArray } from '../../core/apply.js';
import { type DType, defaults, isComplex, isInexact, realOf } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { scope } from '../../core/memory.js';
import { normalizeAxis } from '../../core/shape.js';
import { absolute } from '../math/absolute.js';
import { add } from '../math/add.js';
import { conjugate } from '../math/conjugate.js';
import { imag, real } from '../complex/parts.js';
import { greater } from '../math/greater.js';
import { isnan } from '../math/isnan.js';
import { logical_and } from '../math/logical_and.js';
import { logical_not } from '../math/logical_not.js';
import { multiply } from '../math/multiply.js';
import { not_equal } from '../math/not_equal.js';
import { power } from '../math/power.js';
import { sqrt } from '../math/sqrt.js';
import { true_divide } from '../math/true_divide.js';
import { where } from '../math/where.js';
import { any } from '../reduce/logical.js';
import { count_nonzero } from '../reduce/count.js';
import { max } from '../reduce/max.js';
import { min } from '../reduce/min.js';
import { sum } from '../reduce/sum.js';
import { reshape, transpose } from '../manip/views.js';
import { type ArrayLike, LinAlgError, asArray, permuted } from './common.js';
import { invAs, svd } from './decomp.js';
import { matmulRaw } from './matmul.js';

export type NormOrd = number | 'fro' | 'f' | 'nuc' | null;

export interface NormOptions {
  ord?: NormOrd;
  axis?: number | readonly number[] | null;
  keepdims?: boolean;
}

/** NumPy converts non-float input with astype(float): here the default float dtype. */
function inexact(x: NDArray): NDArray {
  return isInexact(x.dtype) ? x : castArray(x, defaults.float as DType);
}

/** |x|² element-wise, real: NumPy's (x.conj() * x).real for complex. */
function absSquared(x: NDArray): NDArray {
  return isComplex(x.dtype) ? real(multiply(conjugate(x), x)) : multiply(x, x);
}

/** `x` with axes `a` and `b` moved to the end (internal view). */
function toEnd(x: NDArray, a: number, b: number): NDArray {
  return permuted(x, [...[...Array(x.ndim).keys()].filter((d) => d !== a && d !== b), a, b]);
}

/** np.linalg.norm: vector norms (one axis) and matrix norms (two axes), NumPy's `ord` table. */
export function norm(x: ArrayLike, opts: NormOptions | NormOrd = {}): NDArray {
  const o: NormOptions = opts === null || typeof opts !== 'object' ? { ord: opts } : opts;
  const who = 'norm';
  return scope(() => {
    const a = inexact(asArray(x, who));
    const ord = o.ord ?? null;
    const nd = a.ndim;
    if (o.axis === undefined || o.axis === null) {
      if (ord === null || ((ord === 'fro' || ord === 'f') && nd === 2) || (ord === 2 && nd === 1)) {
        const f = reshape(a, [a.size]);
        // complex: NumPy's sqrt(re·re + im·im)
        const r = isComplex(f.dtype) ? sqrt(add(matmulRaw(real(f), real(f)), matmulRaw(imag(f), imag(f)))) : sqrt(matmulRaw(f, f));
        return o.keepdims ? reshape(r, Array(nd).fill(1)) : r;
      }
    }
    const axes = o.axis === undefined || o.axis === null ? [...Array(nd).keys()] : typeof o.axis === 'number' ? [o.axis] : [...o.axis];
    const ax = axes.map((d) => normalizeAxis(d, nd, who));
    const kd = !!o.keepdims;
    if (ax.length === 1) {
      if (ord === Infinity) return max(absolute(a), { axis: ax, keepdims: kd });
      if (ord === -Infinity) return min(absolute(a), { axis: ax, keepdims: kd });
      if (ord === 0) return sum(castArray(not_equal(a, 0), realOf(a.dtype)), { axis: ax, keepdims: kd });
      if (ord === 1) return sum(absolute(a), { axis: ax, keepdims: kd });
      if (ord === null || ord === 2) return sqrt(sum(absSquared(a), { axis: ax, keepdims: kd }));
      if (typeof ord === 'string') throw new RangeError(`${who}: Invalid norm order '${ord}' for vectors`);
      const s = sum(power(absolute(a), ord), { axis: ax, keepdims: kd });
      return power(s, castArray(NDArray._fromStorageData(new Float64Array([1 / ord]), [], 'float64'), s.dtype));
    }
    if (ax.length === 2) {
      let [r, c] = ax as [number, number];
      if (r === c) throw new RangeError(`${who}: Duplicate axes given.`);
      let ret: NDArray;
      const svals = () => svd(toEnd(a, r, c), { compute_uv: false });
      if (ord === 2) ret = max(svals(), { axis: -1 });
      else if (ord === -2) ret = min(svals(), { axis: -1 });
      else if (ord === 'nuc') ret = sum(svals(), { axis: -1 });
      else if (ord === 1 || ord === -1) {
        if (c > r) c -= 1;
        const s = sum(absolute(a), { axis: r });
        ret = ord === 1 ? max(s, { axis: c }) : min(s, { axis: c });
      } else if (ord === Infinity || ord === -Infinity) {
        if (r > c) r -= 1;
        const s = sum(absolute(a), { axis: c });
        ret = ord === Infinity ? max(s, { axis: r }) : min(s, { axis: r });
      } else if (ord === null || ord === 'fro' || ord === 'f') ret = sqrt(sum(absSquared(a), { axis: ax }));
      else throw new RangeError(`${who}: Invalid norm order for matrices.`);
      if (kd) {
        const shape = [...a.shape];
        shape[ax[0]!] = 1;
        shape[ax[1]!] = 1;
        ret = reshape(ret, shape);
      }
      return ret;
    }
    throw new RangeError(`${who}: Improper number of dimensions to norm.`);
  });
}

export interface VectorNormOptions {
  axis?: number | readonly number[] | null;
  keepdims?: boolean;
  ord?: number;
}

/** np.linalg.vector_norm: the vector norm over `axis` (all axes, flattened, by default). */
export function vector_norm(x: ArrayLike, opts: VectorNormOptions = {}): NDArray {
  const who = 'vector_norm';
  return scope(() => {
    const a = asArray(x, who);
    const ord = opts.ord ?? 2;
    const shape = [...a.shape];
    let y: NDArray, axis: number;
    let axes: number[];
    if (opts.axis === undefined || opts.axis === null) {
      y = reshape(a, [a.size]);
      axis = 0;
      axes = [...Array(a.ndim).keys()];
    } else if (typeof opts.axis === 'number') {
      y = a;
      axis = opts.axis;
      axes = [normalizeAxis(opts.axis, a.ndim, who)];
    } else {
      axes = opts.axis.map((d) => normalizeAxis(d, a.ndim, who));
      const rest = [...Array(a.ndim).keys()].filter((d) => !axes.includes(d));
      const t = transpose(a, [...axes, ...rest]);
      y = reshape(t, [axes.reduce((p, d) => p * a.shape[d]!, 1), ...rest.map((d) => a.shape[d]!)]);
      axis = 0;
    }
    const r = norm(y, { axis, ord });
    if (!opts.keepdims) return r;
    for (const d of axes) shape[d] = 1;
    return reshape(r, shape);
  });
}

export interface MatrixNormOptions {
  keepdims?: boolean;
  ord?: NormOrd;
}

/** np.linalg.matrix_norm: the matrix norm of the last two axes ('fro' by default). */
export function matrix_norm(x: ArrayLike, opts: MatrixNormOptions = {}): NDArray {
  return norm(x, { axis: [-2, -1], keepdims: opts.keepdims, ord: opts.ord ?? 'fro' });
}

/** The last (or first) element along the last axis (internal view). */
function lastAlong(s: NDArray, first: boolean): NDArray {
  const n = s.shape[s.ndim - 1]!;
  return s._view(s.shape.slice(0, -1), s._strides.slice(0, -1), s._offset + (first ? 0 : (n - 1) * s._strides[s.ndim - 1]!));
}

/** np.linalg.cond: the condition number (2-norm by default, or `p` as norm's `ord`). */
export function cond(x: ArrayLike, p: NormOrd = null): NDArray {
  const who = 'cond';
  return scope(() => {
    const a = asArray(x, who);
    if (a.ndim >= 2 && a.size === 0) throw new LinAlgError(who, 'cond is not defined on empty arrays');
    let r: NDArray;
    if (p === null || p === 2 || p === -2) {
      const s = svd(a, { compute_uv: false });
      r = p === -2 ? true_divide(lastAlong(s, false), lastAlong(s, true)) : true_divide(lastAlong(s, true), lastAlong(s, false));
    } else {
      let ix: NDArray;
      try {
        ix = invAs(a, who);
      } catch (e) {
        // NumPy computes the inverse with errors ignored: a singular matrix has condition inf.
        if (!(e instanceof LinAlgError) || !e.message.endsWith('Singular matrix')) throw e;
        const f = inexact(a);
        return multiply(norm(f, { ord: p, axis: [-2, -1] }), Infinity);
      }
      r = multiply(norm(a, { ord: p, axis: [-2, -1] }), norm(ix, { ord: p, axis: [-2, -1] }));
    }
    // NaN (0/0) means infinitely ill-conditioned unless the input itself had NaNs.
    const nanIn = any(isnan(inexact(a)), { axis: [-2, -1] });
    return where(logical_and(isnan(r), logical_not(nanIn)), Infinity, r);
  });
}

export interface MatrixRankOptions {
  /** Absolute threshold below which singular values count as zero. */
  tol?: number | NDArray | null;
  /** Relative threshold (× the largest singular value); default max(M, N) × eps. */
  rtol?: number | NDArray | null;
  hermitian?: boolean;
}

/** np.linalg.matrix_rank: the number of singular values above the threshold (int64). */
export function matrix_rank(A: ArrayLike, opts: MatrixRankOptions = {}): NDArray {
  const who = 'matrix_rank';
  if (opts.tol != null && opts.rtol != null) throw new RangeError(`${who}: \`tol\` and \`rtol\` can't be both set.`);
  return scope(() => {
    const a = asArray(A, who);
    if (a.ndim < 2) return castArray(any(not_equal(a, 0)), 'int64');
    const S = svd(a, { compute_uv: false, hermitian: !!opts.hermitian });
    const eps = S.dtype === 'float32' ? 2 ** -23 : 2 ** -52;
    const expand = (t: number | NDArray) => (typeof t === 'number' ? t : reshape(t, [...t.shape, 1]));
    let tol: NDArray | number;
    if (opts.tol == null) {
      const smax = max(S, { axis: -1, keepdims: true, initial: 0 });
      tol = multiply(smax, opts.rtol == null ? Math.max(a.shape[a.ndim - 2]!, a.shape[a.ndim - 1]!) * eps : expand(opts.rtol));
    } else tol = expand(opts.tol);
    return count_nonzero(greater(S, tol), { axis: -1 });
  });
}

export interface PinvOptions {
  /** Cut-off for small singular values relative to the largest (NumPy's default 1e-15). */
  rcond?: number | null;
  /** NumPy 2's name for rcond (null: max(M, N) × eps). */
  rtol?: number | null;
  hermitian?: boolean;
}

/** np.linalg.pinv: the Moore–Penrose pseudo-inverse, from the SVD. */
export function pinv(a: ArrayLike, opts: PinvOptions = {}): NDArray {
  const who = 'pinv';
  return scope(() => {
    const x = asArray(a, who);
    if (opts.rcond != null && opts.rtol !== undefined) throw new RangeError(`${who}: \`rtol\` and \`rcond\` can't be both set.`);
    if (x.ndim < 2) throw new LinAlgError(who, `${x.ndim}-dimensional array given. Array must be at least two-dimensional`);
    const [m, n] = x.shape.slice(-2) as [number, number];
    // NumPy takes the SVD of the conjugate (the pseudo-inverse is V S⁺ Uᴴ).
    const [u, s, vt] = svd(isComplex(x.dtype) ? conjugate(x) : x, { full_matrices: false });
    const eps = s.dtype === 'float32' ? 2 ** -23 : 2 ** -52;
    const rcond = opts.rcond ?? (opts.rtol === undefined ? 1e-15 : opts.rtol ?? Math.max(m, n) * eps);
    if (x.size === 0) return matmulRaw(transpose(vt, swapLast(vt.ndim)), transpose(u, swapLast(u.ndim)));
    return pinvFromSvd(u, s, vt, rcond);
  });
}

/**
 * V diag(s⁺) Uᵀ from the factors (u, s, vt) of a reduced SVD, stacked: singular values at or below
 * rcond × the largest count as zero (pinv's cut-off, and gelsd's in lstsq's gradient). Recorded
 * ops, so it is differentiable while autograd records.
 */
export function pinvFromSvd(u: NDArray, s: NDArray, vt: NDArray, rcond: number): NDArray {
  const cutoff = multiply(max(s, { axis: -1, keepdims: true }), rcond);
  const large = greater(s, cutoff);
  const sinv = where(large, true_divide(1, where(large, s, 1)), 0);
  const scaled = multiply(reshape(sinv, [...sinv.shape, 1]), transpose(u, swapLast(u.ndim)));
  return matmulRaw(transpose(vt, swapLast(vt.ndim)), scaled);
}

/** The permutation swapping the last two axes. */
export function swapLast(nd: number): number[] {
  const p = [...Array(nd).keys()];
  [p[nd - 2], p[nd - 1]] = [p[nd - 1]!, p[nd - 2]!];
  return p;
}
