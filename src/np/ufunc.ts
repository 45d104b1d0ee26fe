// Public function shapes for elementwise ops (NumPy ufuncs): positional inputs, then options.
import { type ElementwiseOptions, type Input, applyElementwise, applyElementwiseN } from '../core/apply.js';
import { type DTypeLike, intFits, isInteger, toDType } from '../core/dtype.js';
import { NDArray } from '../core/ndarray.js';
import type { Op } from '../core/op.js';

interface CommonOptions {
  dtype?: DTypeLike;
  casting?: ElementwiseOptions['casting'];
  /** NumPy's where=: a bool mask (broadcast); false elements keep `out`'s values. */
  where?: NDArray | boolean;
}

export interface UfuncOptions extends CommonOptions {
  out?: NDArray;
}

/** Options of the two-output ufuncs (divmod, modf, frexp): `out` gives one array per output. */
export interface Ufunc2Options extends CommonOptions {
  out?: readonly [NDArray | undefined, NDArray | undefined];
}

function opts(who: string, o: UfuncOptions | Ufunc2Options | undefined): ElementwiseOptions | undefined {
  if (!o) return undefined;
  return { ...o, dtype: o.dtype === undefined ? undefined : toDType(o.dtype, who) };
}

export type Unary = (x: Input, options?: UfuncOptions) => NDArray;
export type Binary = (x1: Input, x2: Input, options?: UfuncOptions) => NDArray;
export type Ternary = (x1: Input, x2: Input, x3: Input, options?: UfuncOptions) => NDArray;
export type Unary2 = (x: Input, options?: Ufunc2Options) => [NDArray, NDArray];
export type Binary2 = (x1: Input, x2: Input, options?: Ufunc2Options) => [NDArray, NDArray];

export function unary(op: Op<object>): Unary {
  return (x, o) => applyElementwise(op, [x], {}, opts(op.name, o));
}

export function binary(op: Op<object>): Binary {
  return (x1, x2, o) => applyElementwise(op, [x1, x2], {}, opts(op.name, o));
}

export function ternary(op: Op<object>): Ternary {
  return (x1, x2, x3, o) => applyElementwise(op, [x1, x2, x3], {}, opts(op.name, o));
}

export function unary2(op: Op<object>): Unary2 {
  return (x, o) => applyElementwiseN(op, [x], {}, opts(op.name, o)) as [NDArray, NDArray];
}

export function binary2(op: Op<object>): Binary2 {
  return (x1, x2, o) => applyElementwiseN(op, [x1, x2], {}, opts(op.name, o)) as [NDArray, NDArray];
}

const isJsInt = (v: Input): v is number | bigint => typeof v === 'bigint' || (typeof v === 'number' && Number.isSafeInteger(v));

/**
 * A JS integer compared with an integer array it does not fit (uint8 < 1000, uint64 == -1): NumPy 2
 * compares Python ints exactly instead of raising. It becomes a 0-d int64/uint64 array (exact through
 * NumPy's 'qQ->?' loops), or ±inf beyond 64 bits (any integer is below +inf). Returns the operand to
 * use and a temporary to dispose.
 */
function exactInt(v: Input, other: Input): [Input, NDArray | undefined] {
  if (!isJsInt(v) || !(other instanceof NDArray) || !isInteger(other.dtype) || intFits(v, other.dtype)) return [v, undefined];
  const b = BigInt(v);
  const a = intFits(b, 'int64') ? NDArray._fromStorageData(new BigInt64Array([b]), [], 'int64', other.device)
    : intFits(b, 'uint64') ? NDArray._fromStorageData(new BigUint64Array([b]), [], 'uint64', other.device)
      : NDArray._fromStorageData(new Float64Array([b > 0n ? Infinity : -Infinity]), [], 'float64', other.device);
  return [a, a];
}

/** Comparisons (np.equal, np.less, …): binary, with NumPy 2's exact comparison of any JS integer. */
export function comparison(op: Op<object>): Binary {
  return (x1, x2, o) => {
    const [a, t1] = exactInt(x1, x2);
    const [b, t2] = exactInt(x2, x1);
    try {
      return applyElementwise(op, [a, b], {}, opts(op.name, o));
    } finally {
      t1?.dispose();
      t2?.dispose();
    }
  };
}
