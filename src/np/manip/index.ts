// The shape-manipulation routines of NumPy (views where NumPy makes views, copies otherwise).
import './methods.js';

export { permute_dims, matrix_transpose, swapaxes, moveaxis, rollaxis } from './axes.js';
export { expand_dims, squeeze, atleast_1d, atleast_2d, atleast_3d } from './dims.js';
export type { SqueezeOptions } from './dims.js';
export { broadcast_to, broadcast_arrays, broadcast_shapes } from './broadcast.js';
export { concatenate, concat } from './concatenate.js';
export type { ConcatenateOptions } from './concatenate.js';
export { stack, vstack, hstack, dstack, column_stack, row_stack, append, unstack } from './stack.js';
export type { StackOptions, JoinOptions, AppendOptions, UnstackOptions } from './stack.js';
export { split, array_split, hsplit, vsplit, dsplit } from './split.js';
export type { Sections, SplitOptions } from './split.js';
export { flip, flipud, fliplr, rot90 } from './flip.js';
export type { FlipOptions, Rot90Options } from './flip.js';
export { repeat, tile } from './repeat.js';
export type { RepeatOptions } from './repeat.js';
export { roll } from './roll.js';
export type { RollOptions } from './roll.js';
export { pad } from './pad.js';
export type { PadMode, PadOptions, PadWidth } from './pad.js';
export { resize, trim_zeros } from './resize.js';
export { diff, ediff1d } from './diff.js';
export type { DiffOptions, Ediff1dOptions } from './diff.js';
export { shares_memory, may_share_memory } from './memory.js';
export type { SharesMemoryOptions } from './memory.js';
