import type { Input } from '../../core/apply.js';
import { isFloat } from '../../core/dtype.js';
import { scope } from '../../core/memory.js';
import { NDArray } from '../../core/ndarray.js';
import { broadcastShapes } from '../../core/shape.js';
import { asarray } from '../creation/array.js';
import { all } from '../reduce/logical.js';
import { bitwise_or } from './bitwise_or.js';
import { equal } from './equal.js';
import { isnan } from './isnan.js';

const asArray = (x: Input): NDArray => (x instanceof NDArray ? x : asarray(x));
const allTrue = (x: NDArray): boolean => all(x).item() as boolean;

/**
 * np.array_equal(a1, a2, { equal_nan }): same shape and equal elements (a JS boolean; CPU
 * readback). With equal_nan, NaNs in the same places count as equal.
 */
export function array_equal(a1: Input, a2: Input, options: { equal_nan?: boolean } = {}): boolean {
  return scope(() => {
    const x = asArray(a1), y = asArray(a2);
    if (x.ndim !== y.ndim || x.shape.some((d, i) => d !== y.shape[i])) return false;
    if (!options.equal_nan || (!isFloat(x.dtype) && !isFloat(y.dtype))) return allTrue(equal(x, y));
    const xn = isnan(x);
    if (!allTrue(equal(xn, isnan(y)))) return false;
    return allTrue(bitwise_or(equal(x, y), xn));
  });
}

/** np.array_equiv(a1, a2): equal after broadcasting (false when the shapes do not broadcast). */
export function array_equiv(a1: Input, a2: Input): boolean {
  return scope(() => {
    const x = asArray(a1), y = asArray(a2);
    try {
      broadcastShapes([x.shape, y.shape], 'array_equiv');
    } catch {
      return false;
    }
    return allTrue(equal(x, y));
  });
}
