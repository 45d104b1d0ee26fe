import type { NDArray } from '../../core/ndarray.js';
import { defineOp, floatLoops1 } from '../../core/op.js';
import { type AxisOrOptions, nanFold, reduction } from './common.js';
import { reducedAxes, unreduce } from '../vjp.js';
import { isnan } from '../math/isnan.js';
import { where } from '../math/where.js';

/** NumPy's accumulation dtypes: small signed ints and bool sum in int64, small unsigned in uint64. */
export const accumulateLoops = ['?->q', 'b->q', 'B->Q', 'h->q', 'H->Q', 'i->q', 'I->Q', 'q->q', 'Q->Q', 'e->e', 'E->E', 'f->f', 'd->d', 'F->F', 'D->D'];
/** Loops that keep the dtype, for `dtype=` (the input is cast to it first). */
export const sameTypeLoops = ['?->?', 'b->b', 'B->B', 'h->h', 'H->H', 'i->i', 'I->I'];

export const sumOp = defineOp({
  name: 'sum',
  kind: 'reduce',
  nin: 1,
  loops: [...accumulateLoops, ...sameTypeLoops],
  reduce: { combine: (acc, x) => acc.add(x), identity: 0, pairwise: true },
  vjp: ([g], { inputMeta: [x], attrs }) => [unreduce(g!, x!.shape, reducedAxes(attrs))],
  vjpSaves: { inputs: false, outputs: false },
});

/** np.nansum's fold over floats: NaN reads as 0 (integer inputs take np.sum). */
export const nansumOp = defineOp({
  name: 'nansum',
  kind: 'reduce',
  nin: 1,
  loops: floatLoops1,
  reduce: { combine: (acc, x) => acc.add(x), identity: 0, pairwise: true, skipNaN: true },
  // NaNs were read as 0: no gradient flows to them.
  vjp: ([g], { inputs: [x], attrs }) => [where(isnan(x!), 0, unreduce(g!, (x as NDArray).shape, reducedAxes(attrs)))],
  vjpSaves: { outputs: false },
});

/** np.sum(a, axis?) / np.sum(a, { axis, keepdims, dtype, out, initial, where }). */
export const sum = reduction(sumOp);

/** np.nansum: the sum with NaNs read as zero. */
export function nansum(a: NDArray, axisOrOptions?: AxisOrOptions): NDArray {
  return nanFold(sumOp, nansumOp, 0, a, axisOrOptions);
}
