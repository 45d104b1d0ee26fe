// The LAPACK-backed opaque ops of np.linalg. Inputs are C-contiguous float32/float64/complex64/
// complex128 stacks (complex: LAPACK's c*/z* routines; singular values, eigh's eigenvalues and
// log|det| are real) the
// kernel may overwrite (callers pass private copies); `info` outputs (int64 per matrix) carry
// LAPACK's status back so that the caller raises NumPy's LinAlgError.
import { type DType, complexOf, realOf } from '../../core/dtype.js';
import type { NDArray } from '../../core/ndarray.js';
import { type TensorMeta, defineOp } from '../../core/op.js';
import { choleskyVjp, detVjp, eighVjp, lstsqVjp, qrVjp, solveVjp, svdVjp } from './grads.js';
import { isComplex } from '../../core/dtype.js';

const batchOf = (s: readonly number[], inner = 2): number[] => s.slice(0, s.length - inner);
const meta = (shape: readonly number[], dtype: DType): TensorMeta => ({ shape, dtype });

/** mode 0: det; mode 1: sign and log|det| (per matrix of the (…, n, n) input). */
export const detOp = defineOp<{ mode: number }>({
  name: 'linalg_det', kind: 'opaque', nin: 1, attrs: { mode: 0 }, acceptsComplex: true,
  infer: ([a], { mode }) => (mode === 0 ? [meta(batchOf(a!.shape), a!.dtype)] : [meta(batchOf(a!.shape), a!.dtype), meta(batchOf(a!.shape), realOf(a!.dtype))]),
  vjp: (grads, { inputs: [a], outputs, attrs: { mode } }) => detVjp(grads, a as NDArray, outputs, mode),
});

/** A (…, n, n), B (…, n, k) of the same batch -> X (…, n, k), info (…). */
export const solveOp = defineOp({
  name: 'linalg_solve', kind: 'opaque', nin: 2, acceptsComplex: true,
  infer: ([a, b]) => [meta(b!.shape, b!.dtype), meta(batchOf(a!.shape), 'int64')],
  vjp: ([gx], { inputs: [a], outputs: [x], needs }) => solveVjp(gx!, a as NDArray, x!, needs),
});

/** A (…, n, n) -> its Cholesky factor (lower, or upper), info (…). */
export const choleskyOp = defineOp<{ upper: boolean }>({
  name: 'linalg_cholesky', kind: 'opaque', nin: 1, attrs: { upper: false }, acceptsComplex: true,
  infer: ([a]) => [meta(a!.shape, a!.dtype), meta(batchOf(a!.shape), 'int64')],
  vjp: ([g], { outputs: [f], attrs: { upper } }) => [choleskyVjp(g!, f!, upper)],
  vjpSaves: { inputs: false },
});

export const QR_MODES = ['reduced', 'complete', 'r', 'raw'] as const;
export type QrMode = (typeof QR_MODES)[number];

/** A (…, m, n) -> tau (…, k) and, by mode, Q and R / R / H (the reflectors, (…, m, n)). */
export const qrOp = defineOp<{ mode: number }>({
  name: 'linalg_qr', kind: 'opaque', nin: 1, attrs: { mode: 0 }, acceptsComplex: true,
  infer: ([a], { mode }) => {
    const s = a!.shape, d = a!.dtype, b = batchOf(s);
    const m = s[s.length - 2]!, n = s[s.length - 1]!, k = Math.min(m, n);
    const tau = meta([...b, k], d);
    if (mode === 3) return [tau, meta(s, d)];
    const rr = mode === 1 ? m : k;
    if (mode === 2) return [tau, meta([...b, rr, n], d)];
    return [tau, meta([...b, m, mode === 1 ? m : k], d), meta([...b, rr, n], d)];
  },
  vjp: (grads, { inputs: [a], outputs, attrs: { mode } }) => [qrVjp(grads, a as NDArray, outputs, mode)],
});

/** job 0: S only; 1: reduced U, S, Vᵀ; 2: full. Outputs S, info, then U, Vᵀ. */
export const svdOp = defineOp<{ job: number }>({
  name: 'linalg_svd', kind: 'opaque', nin: 1, attrs: { job: 1 }, acceptsComplex: true,
  infer: ([a], { job }) => {
    const s = a!.shape, d = a!.dtype, b = batchOf(s);
    const m = s[s.length - 2]!, n = s[s.length - 1]!, k = Math.min(m, n);
    const out = [meta([...b, k], realOf(d)), meta(b, 'int64')];
    if (job === 0) return out;
    return [...out, meta([...b, m, job === 2 ? m : k], d), meta([...b, job === 2 ? n : k, n], d)];
  },
  vjp: (grads, { inputs: [a], outputs, attrs: { job } }) => [svdVjp(grads, a as NDArray, outputs, job)],
});

/** Symmetric eigensolver: W (…, n), info, and V (…, n, n) when vectors. */
export const eighOp = defineOp<{ vectors: boolean; upper: boolean }>({
  name: 'linalg_eigh', kind: 'opaque', nin: 1, attrs: { vectors: true, upper: false }, acceptsComplex: true,
  infer: ([a], { vectors }) => {
    const s = a!.shape, b = batchOf(s), n = s[s.length - 1]!;
    const out = [meta([...b, n], realOf(a!.dtype)), meta(b, 'int64')];
    return vectors ? [...out, meta(s, a!.dtype)] : out;
  },
  vjp: ([gw, , gv], { inputs: [a], outputs: [w, , v], attrs: { upper } }) => [eighVjp(gw!, gv ?? null, a as NDArray, w!, v ?? null, upper)],
});

/** General eigensolver (geev): W (…, n) complex, info, and V (…, n, n) complex when vectors. */
export const eigOp = defineOp<{ vectors: boolean }>({
  name: 'linalg_eig', kind: 'opaque', nin: 1, attrs: { vectors: true }, acceptsComplex: true,
  infer: ([a], { vectors }) => {
    const s = a!.shape, b = batchOf(s), n = s[s.length - 1]!, c = complexOf(a!.dtype);
    const out = [meta([...b, n], c), meta(b, 'int64')];
    return vectors ? [...out, meta(s, c)] : out;
  },
});

/** A (m, n), B (max(m, n), k) zero-padded -> X (max(m, n), k), S (min(m, n)), [rank, info]. */
export const lstsqOp = defineOp<{ rcond: number }>({
  name: 'linalg_lstsq', kind: 'opaque', nin: 2, attrs: { rcond: -1 }, acceptsComplex: true,
  infer: ([a, b]) => [meta(b!.shape, b!.dtype), meta([Math.min(a!.shape[0]!, a!.shape[1]!)], realOf(a!.dtype)), meta([2], 'int64')],
  vjp: ([gX, gS], { inputs: [a, b], outputs: [X], attrs: { rcond }, needs }) => {
    if (isComplex((a as NDArray).dtype)) throw new TypeError('lstsq: gradients of complex least squares are not supported yet');
    return lstsqVjp(gX!, gS!, a as NDArray, b as NDArray, X!, rcond, needs);
  },
});
