// The operands of a gather as recorded views while autograd (or a tracer) records: the basic part
// through basic_index and the indexed axes moved first and merged by transpose + reshape, so the
// gather's input is connected to the user's array and its gradient reaches it. (Unrecorded, the
// same layouts are made with internal views: indexOperands in prepare.ts.)
import { applyMovement } from '../../core/movement.js';
import type { NDArray } from '../../core/ndarray.js';
import { transpose } from '../manip/views.js';
import { basicIndexOp } from './ops.js';
import { type IndexPlan, indexOperands } from './prepare.js';

export function recordedIndexOperands(a: NDArray, plan: IndexPlan, temps: NDArray[]): { arr: NDArray; idx: NDArray[]; rest: number[] } {
  const v = applyMovement(basicIndexOp, a, { items: plan.basic });
  temps.push(v);
  const { idx, rest } = indexOperands(v, plan, temps);
  const group: number[] = [];
  const sizes: number[] = [];
  plan.dims.forEach((d0, k) => {
    let n = 1;
    for (let d = d0; d < d0 + plan.spans[k]!; d++) {
      group.push(d);
      n *= v.shape[d]!;
    }
    sizes.push(n);
  });
  const perm = [...group, ...[...Array(v.ndim).keys()].filter((d) => !group.includes(d))];
  const t = transpose(v, perm);
  temps.push(t);
  const arr = t.reshape([...sizes, ...rest]);
  temps.push(arr);
  return { arr, idx, rest };
}
