// Public function shapes for elementwise ops (NumPy ufuncs): positional inputs, then options.
import { type ElementwiseOptions, type Input, applyElementwise } from '../core/apply.js';
import type { NDArray } from '../core/ndarray.js';
import type { Op } from '../core/op.js';
import { toDType, type DTypeLike } from '../core/dtype.js';

export interface UfuncOptions extends Omit<ElementwiseOptions, 'dtype'> {
  dtype?: DTypeLike;
}

function opts(who: string, o: UfuncOptions | undefined): ElementwiseOptions | undefined {
  if (!o) return undefined;
  return { ...o, dtype: o.dtype === undefined ? undefined : toDType(o.dtype, who) };
}

export type Unary = (x: Input, options?: UfuncOptions) => NDArray;
export type Binary = (x1: Input, x2: Input, options?: UfuncOptions) => NDArray;

export function unary(op: Op<object>): Unary {
  return (x, o) => applyElementwise(op, [x], {}, opts(op.name, o));
}

export function binary(op: Op<object>): Binary {
  return (x1, x2, o) => applyElementwise(op, [x1, x2], {}, opts(op.name, o));
}
