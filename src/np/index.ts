// The np namespace: NumPy's API.
import './methods.js';

export { NDArray } from '../core/ndarray.js';
export type { NestedList, Scalar } from '../core/ndarray.js';
export { DTYPES, promoteTypes as promote_types, resultType, canCast as can_cast } from '../core/dtype.js';
export type { DType, DTypeLike } from '../core/dtype.js';
export { scope, keep, memory } from '../core/memory.js';
export * from './ops.js';
export { array, asarray } from './creation/array.js';
export { empty, zeros, ones, full, empty_like, zeros_like, ones_like, full_like } from './creation/basic.js';
export { reshape, ravel, transpose, copy, astype } from './manip/views.js';
export { array_repr, array_str, array2string, get_printoptions, set_printoptions } from './printing.js';
export { save, saveBytes, savez, savez_compressed, load, NpzFile } from './io/index.js';
export { mean } from './reduce/mean.js';
export { arange, linspace, logspace, geomspace } from './creation/ranges.js';
export type { ArangeOptions, LinspaceOptions, LogspaceOptions, GeomspaceOptions, RangeInput } from './creation/ranges.js';
export { eye, identity, tri, tril, triu, diag, diagflat } from './creation/matrix.js';
export type { EyeOptions, IdentityOptions, TriOptions, DiagOptions } from './creation/matrix.js';
export { meshgrid } from './creation/grids.js';
export type { MeshgridOptions } from './creation/grids.js';
export { frombuffer, fromfunction } from './creation/functional.js';
export type { FrombufferOptions, FromfunctionOptions } from './creation/functional.js';
export { sort } from './sorting/sort.js';
