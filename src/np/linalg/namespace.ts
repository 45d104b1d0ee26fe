// np.linalg: NumPy's linear-algebra namespace.
export { LinAlgError } from './common.js';
export { det, slogdet, inv, solve, cholesky, qr, svd, svdvals, eigh, eigvalsh, lstsq } from './decomp.js';
export type { SlogdetResult, CholeskyOptions, QrResult, QrOptions, SvdResult, SvdOptions, EighResult, EighOptions, LstsqResult, LstsqOptions } from './decomp.js';
export { matmul } from './matmul.js';
export { tensordot, vecdot } from './products.js';
