// Shared plumbing of the products and np.linalg: input conversion, dtype rules, error class.
import { castArray } from '../../core/apply.js';
import { type DType, complexOf, defaults, isFloat, promoteTypes } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { contiguousStrides, reshapeStrides } from '../../core/shape.js';
import { reshape as reshapeOp_, transpose } from '../manip/views.js';
import { context } from '../../core/context.js';
import { type ArrayLike, toArray } from '../sorting/common.js';

export type { ArrayLike } from '../sorting/common.js';
export { toArray };

/**
 * NumPy's LinAlgError (raised for singular matrices, non-square or too-flat input, matrices that
 * are not positive definite, no convergence), with NumPy's messages.
 */
export class LinAlgError extends RangeError {
  /** `who`: the function that raised (messages read `inv: Singular matrix`). */
  constructor(who: string, message: string) {
    super(`${who}: ${message}`);
    this.name = 'LinAlgError';
  }
}

/**
 * The result dtype of a product of `a` and `b`: NumPy's promotion, then quark's default-float rule
 * (float64 only where an input is float64; int64 @ float32 is float32 unless set_np('numpy')).
 */
export function productDType(a: DType, b: DType): DType {
  const d = promoteTypes(a, b);
  if (d === 'float64' && a !== 'float64' && b !== 'float64') return defaults.float;
  // The same rule for complex: complex64 @ int64 is the default complex (complex128 with set_np('numpy')).
  if (d === 'complex128' && ![a, b].some((x) => x === 'float64' || x === 'complex128')) return complexOf(defaults.float);
  return d;
}

/** `a` in dtype `d`: `a` itself when it already is, else a new C-contiguous copy. */
export function as(a: NDArray, d: DType): NDArray {
  return a.dtype === d ? a : castArray(a, d);
}

/** Disposes the temporaries among `xs` (those not in `keep`). */
export function release(xs: readonly (NDArray | undefined)[], ...keep: readonly NDArray[]): void {
  for (const x of xs) if (x && !keep.includes(x)) x.dispose();
}

/**
 * The dtype np.linalg computes in: float32, float64, complex64 and complex128 as given, bool and integers the default
 * float (NumPy: float64; quark: float32 unless set_np('numpy'), as its other functions), float16 /
 * bfloat16 refused as NumPy refuses float16.
 */
export function linalgDType(d: DType, who: string): 'float32' | 'float64' | 'complex64' | 'complex128' {
  if (d === 'float32' || d === 'float64' || d === 'complex64' || d === 'complex128') return d;
  if (isFloat(d)) throw new TypeError(`${who}: array type ${d} is unsupported in linalg`);
  return defaults.float === 'float64' ? 'float64' : 'float32';
}

/** Checks ndim >= 2 and (optionally) square trailing dims, as NumPy's _assert_stacked_*. */
export function checkStacked(a: NDArray, square: boolean, who: string): void {
  if (a.ndim < 2) throw new LinAlgError(who, `${a.ndim}-dimensional array given. Array must be at least two-dimensional`);
  if (square && a.shape[a.ndim - 1] !== a.shape[a.ndim - 2]) throw new LinAlgError(who, 'Last 2 dimensions of the array must be square');
}

export function asArray(x: ArrayLike | NDArray, who: string): NDArray {
  return x instanceof NDArray ? (x._check(who), x) : toArray(x, who);
}

/** An internal array of `shape` holding `a`'s elements in C order: a view when strides allow, else a copy. Caller disposes. */
export function reshaped(a: NDArray, shape: readonly number[]): NDArray {
  // While recording: the public (recorded) reshape, so that gradients reach `a`.
  if (context.recorders.length) return reshapeOp_(a, shape);
  const st = reshapeStrides(a.shape, a._strides, shape);
  if (st) return a._view(shape, st, a._offset);
  const c = castArray(a, a.dtype);
  const v = c._view(shape, contiguousStrides(shape), 0);
  c.dispose();
  return v;
}

/** An internal view of `a` with its axes permuted. Caller disposes. */
export function permuted(a: NDArray, axes: readonly number[]): NDArray {
  if (context.recorders.length) return transpose(a, axes); // (recorded, as in reshaped)
  return a._view(axes.map((p) => a.shape[p]!), axes.map((p) => a._strides[p]!), a._offset);
}

/** A fresh result `r` given `shape` (the public reshape, so it is recorded); frees `r` when it reshaped. */
export function finish(r: NDArray, shape: readonly number[]): NDArray {
  if (r.shape.length === shape.length && r.shape.every((d, i) => d === shape[i])) return r;
  const out = reshapeOp_(r, shape);
  r.dispose();
  return out;
}
