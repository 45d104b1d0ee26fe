// The products of the np namespace (np.matmul, np.dot, np.einsum, …) and the NDArray methods.
import './methods.js';

export { matmul } from './matmul.js';
export type { MatmulOptions } from './matmul.js';
export { dot, vdot, inner, outer, tensordot, kron, cross, vecdot } from './products.js';
export type { DotOptions, TensordotAxes, VecdotOptions, CrossOptions } from './products.js';
export { einsum, einsum_path } from './einsum.js';
export type { EinsumOptions, EinsumPathOptions } from './einsum.js';
