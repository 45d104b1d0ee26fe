// The indexing family of np: a.get/a.set (methods.ts), np.s, and the index functions.
import './methods.js';

export { Slice, s } from './slice.js';
export type { IndexPart } from './prepare.js';
export type { IndexValue } from './get.js';
export type { IndexMode } from './ops.js';
export { take, take_along_axis, put_along_axis, type TakeOptions } from './take.js';
export { put, putmask, place } from './put.js';
export { choose, compress, select, type ChooseOptions } from './choose.js';
export { copyto, type CopytoOptions } from './copyto.js';
export { insert, delete_ as delete, type InsertIndex } from './insert_delete.js';
export { diagonal, trace, fill_diagonal, type DiagonalOptions, type TraceOptions } from './diagonal.js';
export {
  ravel_multi_index, unravel_index, indices, ix_, tril_indices, triu_indices, tril_indices_from, triu_indices_from,
  diag_indices, diag_indices_from, type RavelMultiIndexOptions,
} from './tricks.js';
export { newaxis } from './slice.js';
