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
