// np.linalg: NumPy's linear-algebra namespace.
export { LinAlgError } from './common.js';
export { det, slogdet, inv, solve, cholesky, qr, svd, svdvals, eigh, eigvalsh, eig, eigvals, lstsq } from './decomp.js';
export type { SlogdetResult, CholeskyOptions, QrResult, QrOptions, SvdResult, SvdOptions, EighResult, EighOptions, EigResult, LstsqResult, LstsqOptions } from './decomp.js';
export { norm, vector_norm, matrix_norm, cond, matrix_rank, pinv } from './norms.js';
export type { NormOrd, NormOptions, VectorNormOptions, MatrixNormOptions, MatrixRankOptions, PinvOptions } from './norms.js';
export { matrix_power, multi_dot, tensorinv, tensorsolve, diagonal, trace, matrix_transpose, outer, cross } from './misc.js';
export type { DiagonalOptions, TraceOptions } from './misc.js';
export { matmul } from './matmul.js';
export { tensordot, vecdot } from './products.js';
