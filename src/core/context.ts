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
}

export const context: { recorders: Recorder[] } = { recorders: [] };
