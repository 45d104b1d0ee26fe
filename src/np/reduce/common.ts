// Public shape of reductions: np.sum(a, axis?) or np.sum(a, { axis, keepdims, dtype, out, initial }).
import { type Axis, type ReduceOptions, applyReduce } from '../../core/reduce.js';
import { type DTypeLike, toDType } from '../../core/dtype.js';
import type { NDArray, Scalar } from '../../core/ndarray.js';
import type { Op } from '../../core/op.js';

export interface ReductionOptions {
  axis?: Axis;
  keepdims?: boolean;
  dtype?: DTypeLike;
  out?: NDArray;
  initial?: Scalar;
}

export type AxisOrOptions = Axis | ReductionOptions | undefined;

export function reductionOptions(who: string, a: AxisOrOptions): ReduceOptions {
  if (a === undefined || a === null || typeof a === 'number' || Array.isArray(a)) return { axis: a as Axis | undefined };
  const o = a as ReductionOptions;
  return { ...o, dtype: o.dtype === undefined ? undefined : toDType(o.dtype, who) };
}

export type Reduction = (a: NDArray, axisOrOptions?: AxisOrOptions) => NDArray;

export function reduction(op: Op<object>): Reduction {
  return (a, o) => applyReduce(op, a, reductionOptions(op.name, o));
}
