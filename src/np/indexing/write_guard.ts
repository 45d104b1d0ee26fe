// Autograd's rule for the indexing writes (a.set, put, putmask, place, put_along_axis,
// fill_diagonal, copyto with where=): they are not differentiable (yet), so while recording they
// must never give a silently wrong gradient. Before writing, the recorders hear of the write as an
// op without a vjp: autograd refuses a write into a variable (or a view of one) and a write of a
// value that needs a gradient; the write itself bumps the target's storage version, so a recorded
// array written this way raises when a recorded op (or a backward needing its old value) uses it.
import { beforeWrite, context } from '../../core/context.js';
import { NDArray } from '../../core/ndarray.js';
import { scatterOp } from './ops.js';

export function guardWrite(target: NDArray, values: readonly unknown[]): void {
  if (!context.recorders.length) return;
  beforeWrite(scatterOp, values.filter((v): v is NDArray => v instanceof NDArray), [target]);
}
