import type { Input } from '../../core/apply.js';
import { isInteger, itemsize, kindOf } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { COMPLEX, BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { asarray } from '../creation/array.js';
import { type UfuncOptions, ternary } from '../ufunc.js';
import { maximum } from './maximum.js';
import { minimum } from './minimum.js';
import { positive } from './positive.js';
import { greater } from './greater.js';
import { greater_equal } from './greater_equal.js';
import { less } from './less.js';
import { less_equal } from './less_equal.js';
import { logical_and } from './logical_and.js';
import { where } from './where.js';

/** NumPy's clip ufunc: min(max(x, lo), hi), NaN-propagating from any operand. */
export const clipOp = defineOp({
  name: 'clip',
  kind: 'elementwise',
  nin: 3,
  loops: loopsOf(BOOL + INTS + FLOATS + COMPLEX, 'TTT->T'), // complex: lexicographic, as NumPy
  // Ties keep x (as NumPy's loop with scalar bounds; its strided loop leaves the sign of a zero tie open).
  scalar: (x, lo, hi) => x.maximum(lo).minimum(hi),
  vjp: ([g], { inputs: [x, lo, hi], needs }) => {
    const m = maximum(x!, lo!);
    const inHi = less_equal(m, hi!);
    return [
      needs[0] ? where(logical_and(greater_equal(x!, lo!), inHi), g!, 0) : null,
      needs[1] ? where(logical_and(less(x!, lo!), inHi), g!, 0) : null,
      needs[2] ? where(greater(m, hi!), g!, 0) : null,
    ];
  },
  vjpSaves: { outputs: false },
});

const clipUfunc = ternary(clipOp);

const isJsInt = (v: unknown): v is number | bigint => typeof v === 'bigint' || (typeof v === 'number' && Number.isSafeInteger(v));

/**
 * np.clip(a, a_min, a_max, { out, dtype, casting, where }): a limited to [a_min, a_max]; a null
 * bound is not applied. As NumPy 2: a JS integer bound beyond an integer array's range is dropped
 * (NEP 50 would raise), and with no bounds the result is np.positive(a).
 */
export function clip(a: Input, a_min: Input | null, a_max: Input | null, options?: UfuncOptions): NDArray {
  // (NumPy's wrapper makes a JS scalar `a` an array first: a strong int64/float64, not a weak scalar)
  if (!(a instanceof NDArray)) {
    const arr = asarray(a);
    try {
      return clip(arr, a_min, a_max, options);
    } finally {
      arr.dispose();
    }
  }
  let lo = a_min, hi = a_max;
  if (isInteger(a.dtype)) {
    // (bounds at the range's ends go too: with dtype= the values may wrap before they meet them)
    const bits = BigInt(itemsize(a.dtype) * 8);
    const [min, max] = kindOf(a.dtype) === 'u' ? [0n, 2n ** bits - 1n] : [-(2n ** (bits - 1n)), 2n ** (bits - 1n) - 1n];
    if (isJsInt(lo) && BigInt(lo) <= min) lo = null;
    if (isJsInt(hi) && BigInt(hi) >= max) hi = null;
  }
  if (lo === null && hi === null) return positive(a, options);
  if (lo === null) return minimum(a, hi!, options);
  if (hi === null) return maximum(a, lo, options);
  return clipUfunc(a, lo, hi, options);
}
