// autograd: tape-based reverse mode, as MXNet 2.0's mx.autograd (docs/autograd.md).
export { record, pause, train_mode, predict_mode, is_recording, is_training } from './mode.js';
export type { RecordOptions } from './mode.js';
export { backward, grad, mark_variables } from './variable.js';
export type { AttachGradOptions, ArrayBackwardOptions, GradOptions, GradReq } from './variable.js';
export type { BackwardOptions } from './backward.js';
export { Function } from './function.js';
