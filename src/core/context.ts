// Mode state as one explicit object (not scattered globals): who observes apply() calls.
// Autograd's tape and hybridize's tracer push a Recorder here while they are active.
import type { NDArray, Scalar } from './ndarray.js';
import type { Op } from './op.js';

export interface ApplyRecord {
  readonly op: Op<object>;
  readonly inputs: readonly (NDArray | Scalar)[];
  readonly attrs: object;
  readonly outputs: readonly NDArray[];
}

export interface Recorder {
  record(r: ApplyRecord): void;
  /**
   * Called before an op writes into existing arrays (`out=`, in-place methods, copies into an
   * array), with the op's inputs: autograd refuses writes into variables while recording and keeps
   * the old value of an input that the write overwrites. `masked`: a where= mask leaves some
   * elements of the targets unwritten.
   */
  beforeWrite?(op: Op<object>, inputs: readonly (NDArray | Scalar)[], targets: readonly NDArray[], masked: boolean): void;
}

export const context: { recorders: Recorder[] } = { recorders: [] };

/** Tells the recorders that `op` is about to write into `targets` (see Recorder.beforeWrite). */
export function beforeWrite(op: Op<object>, inputs: readonly (NDArray | Scalar)[], targets: readonly NDArray[], masked = false): void {
  for (const r of context.recorders) r.beforeWrite?.(op, inputs, targets, masked);
}

/** What autograd keeps on an array (NDArray._ag); core only tells it when the array is disposed. */
export interface ArrayGradState {
  disposed(a: NDArray): void;
}

/** The state of an array cut off from autograd's graph (stop_gradient, detach): a constant. */
export const NO_GRAD: ArrayGradState = { disposed() {} };
