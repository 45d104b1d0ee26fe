// Public shape of reductions: np.sum(a, axis?) or np.sum(a, { axis, keepdims, dtype, out, initial, where }),
// and what the composite reductions share: option parsing, where= masks, element counts, out=.
import { copyInto } from '../../core/apply.js';
import { type DTypeLike, isComplex, isFloat, toDType } from '../../core/dtype.js';
import { NDArray, type Scalar } from '../../core/ndarray.js';
import type { Op } from '../../core/op.js';
import { type Axis, type ReduceOptions, applyReduce, reduceAxes } from '../../core/reduce.js';
import { fmtShape } from '../../core/shape.js';
import { type Where, maskWhere, replaceNaN, whereMask } from './fill.js';

export type { Axis } from '../../core/reduce.js';
export type { Where } from './fill.js';

export interface ReductionOptions {
  axis?: Axis;
  keepdims?: boolean;
  dtype?: DTypeLike;
  out?: NDArray;
  initial?: Scalar;
  /** Elements to include (a bool array broadcast to the input's shape), as NumPy's `where=`. */
  where?: Where;
}

export type AxisOrOptions = Axis | ReductionOptions | undefined;

/** Parsed options: dtype resolved, where kept. */
export interface ParsedOptions extends ReduceOptions {
  where?: Where;
}

/** The options object of `np.f(a, axis)` / `np.f(a, { ... })`. */
export function optionsOf<T extends object>(a: Axis | T | undefined): T & { axis?: Axis } {
  if (a === undefined || a === null || typeof a === 'number' || Array.isArray(a)) return { axis: a as Axis | undefined } as T;
  return a as T;
}

export function reductionOptions(who: string, a: AxisOrOptions): ParsedOptions {
  const o = optionsOf<ReductionOptions>(a);
  return { ...o, dtype: o.dtype === undefined ? undefined : toDType(o.dtype, who) };
}

/** applyReduce with NumPy's where=: masked-out elements are replaced by a value the fold ignores. */
export function reduceWhere(op: Op<object>, a: NDArray, o: ParsedOptions): NDArray {
  const who = op.name;
  if (o.where === undefined || o.where === true) return applyReduce(op, a, o);
  if (!(a instanceof NDArray)) throw new TypeError(`${who}: expected an NDArray`);
  a._check(who);
  const identity = op.reduce?.identity;
  if (identity === undefined && o.initial === undefined) {
    throw new RangeError(`${who}: reduction operation '${who}' does not have an identity, so to use a where mask one has to specify 'initial'`);
  }
  // NaN-skipping folds skip NaN fills; others fold `initial` (idempotent max/min) or the identity.
  const fill: Scalar = op.reduce?.skipNaN && isFloat(a.dtype) ? NaN : identity ?? o.initial!;
  const masked = maskWhere(a, o.where, a.dtype === 'bool' && typeof fill === 'number' ? fill !== 0 : fill, who);
  try {
    return applyReduce(op, masked, o);
  } finally {
    masked.dispose();
  }
}

export type Reduction = (a: NDArray, axisOrOptions?: AxisOrOptions) => NDArray;

export function reduction(op: Op<object>): Reduction {
  return (a, o) => reduceWhere(op, a, reductionOptions(op.name, o));
}

/** The shape a reduction over `axes` gives. */
export function reducedShape(shape: readonly number[], axes: readonly number[], keepdims: boolean | undefined): number[] {
  return keepdims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
}

/**
 * How many elements each output element reduces: a number, or (with a where= mask) an int64 array
 * of the keepdims shape, as NumPy's _count_reduce_items.
 */
export function countItems(a: NDArray, axes: readonly number[], where: Where | undefined, sumOp: Op<object>): number | NDArray {
  if (where === undefined || where === true) return axes.reduce((n, ax) => n * a.shape[ax]!, 1);
  const m = whereMask(where, a.shape, sumOp.name);
  try {
    return applyReduce(sumOp, m, { axis: axes, keepdims: true }); // bool sums in int64
  } finally {
    m.dispose();
  }
}

/** A view of a keepdims-shaped result without the reduced axes (or `r` itself with keepdims). */
export function squeezeAxes(r: NDArray, axes: readonly number[], keepdims: boolean | undefined): NDArray {
  if (keepdims) return r;
  return r._view(r.shape.filter((_, i) => !axes.includes(i)), r._strides.filter((_, i) => !axes.includes(i)), r._offset);
}

/** Checks `out`'s shape against the result's, as NumPy does for reductions. */
export function checkOut(out: NDArray | undefined, shape: readonly number[], who: string): void {
  if (!out) return;
  if (!(out instanceof NDArray)) throw new TypeError(`${who}: out must be an NDArray`);
  out._check(who);
  if (out.ndim !== shape.length || out.shape.some((d, i) => d !== shape[i])) {
    throw new RangeError(`${who}: output parameter has shape ${fmtShape(out.shape)}, expected ${fmtShape(shape)}`);
  }
}

/** Writes `r` into `out` (casting) and disposes `r`; without `out`, returns `r`. */
export function toOut(r: NDArray, out: NDArray | undefined, who: string): NDArray {
  if (!out) return r;
  try {
    checkOut(out, r.shape, who);
    copyInto(r, out); // recorded: autograd sees out's new value
  } finally {
    r.dispose();
  }
  return out;
}

/** Disposes every array given (skipping `keep` and non-arrays). */
export function disposeAll(xs: readonly (NDArray | number | undefined)[], keep?: NDArray): void {
  for (const x of xs) if (x instanceof NDArray && x !== keep) x.dispose();
}

/**
 * A nan- fold: integers take the plain op (NumPy's _replace_nan leaves them alone); floats fold with
 * NaNs skipped, unless dtype= asks for integers, where NumPy replaces NaNs before the cast.
 */
export function nanFold(plain: Op<object>, nanOp: Op<object>, fill: number, a: NDArray, axisOrOptions: AxisOrOptions): NDArray {
  const o = reductionOptions(nanOp.name, axisOrOptions);
  a._check(nanOp.name);
  if (isComplex(a.dtype)) {
    // complex: NumPy's replacement of NaN elements (a NaN in either part) before the plain fold
    if (!Number.isFinite(fill)) throw new TypeError(`${nanOp.name}: complex dtypes are not supported yet (got ${a.dtype})`);
    const c = replaceNaN(a, fill);
    try {
      return reduceWhere(plain, c, o);
    } finally {
      c.dispose();
    }
  }
  if (!isFloat(a.dtype)) return reduceWhere(plain, a, o);
  if (o.dtype === undefined || isFloat(o.dtype)) return reduceWhere(nanOp, a, o);
  const r = replaceNaN(a, fill);
  try {
    return reduceWhere(plain, r, o);
  } finally {
    r.dispose();
  }
}

export { reduceAxes };
