import { type Input, applyElementwise } from '../../core/apply.js';
import { type DType, isComplex, isFloat } from '../../core/dtype.js';
import { scope } from '../../core/memory.js';
import { NDArray } from '../../core/ndarray.js';
import { imag, real } from '../complex/parts.js';
import { asarray } from '../creation/array.js';
import { isnan } from './isnan.js';
import { isneginf } from './isneginf.js';
import { isposinf } from './isposinf.js';
import { whereOp } from './where.js';

export interface NanToNumOptions {
  /** false: replace in x itself (an array) and return it. Default true. */
  copy?: boolean;
  nan?: number;
  /** Default: the dtype's largest finite value. */
  posinf?: number;
  /** Default: the dtype's most negative finite value. */
  neginf?: number;
}

const MAX_FINITE: Partial<Record<DType, number>> = {
  float16: 65504, bfloat16: 3.3895313892515355e38, float32: 3.4028234663852886e38, float64: Number.MAX_VALUE,
};

/**
 * np.nan_to_num(x, { copy, nan, posinf, neginf }): NaN → nan (0), +inf → posinf, -inf → neginf
 * (the dtype's extremes by default). Integer and bool arrays come back unchanged (copied unless
 * copy is false). bfloat16 is a float here, as in JAX (ml_dtypes' NumPy leaves it untouched).
 */
export function nan_to_num(x: Input, options: NanToNumOptions = {}): NDArray {
  const copy = options.copy ?? true;
  if (!copy && !(x instanceof NDArray)) throw new TypeError('nan_to_num: copy=false needs an NDArray to write into');
  const a = x instanceof NDArray ? (copy ? x.copy() : x) : asarray(x);
  if (isComplex(a.dtype)) {
    // NumPy: the real and imaginary parts each (in place, through views)
    const parts = [real(a), imag(a)];
    try {
      for (const p of parts) nan_to_num(p, { ...options, copy: false });
    } finally {
      for (const p of parts) p.dispose();
    }
    return a;
  }
  if (!isFloat(a.dtype)) return a;
  const max = MAX_FINITE[a.dtype]!;
  const fills: [(v: NDArray) => NDArray, number][] = [
    [isnan, options.nan ?? 0], [isposinf, options.posinf ?? max], [isneginf, options.neginf ?? -max],
  ];
  scope(() => {
    // NumPy's copyto(d, value, where=mask), one value after the other.
    const masks = fills.map(([test]) => test(a));
    masks.forEach((m, i) => applyElementwise(whereOp, [m, fills[i]![1], a], {}, { out: a }));
  });
  return a;
}
