import type { Input } from '../../core/apply.js';
import { isFloat, resultType } from '../../core/dtype.js';
import { scope } from '../../core/memory.js';
import { NDArray } from '../../core/ndarray.js';
import { all } from '../reduce/logical.js';
import { absolute } from './absolute.js';
import { add } from './add.js';
import { bitwise_and } from './bitwise_and.js';
import { bitwise_or } from './bitwise_or.js';
import { equal } from './equal.js';
import { isfinite } from './isfinite.js';
import { isnan } from './isnan.js';
import { less_equal } from './less_equal.js';
import { multiply } from './multiply.js';
import { subtract } from './subtract.js';

export interface IscloseOptions {
  rtol?: number;
  atol?: number;
  /** NaN in both at the same place counts as close. */
  equal_nan?: boolean;
}

const isJsInt = (v: Input): v is number | bigint => typeof v === 'bigint' || (typeof v === 'number' && Number.isSafeInteger(v));

/**
 * np.isclose(a, b, { rtol = 1e-5, atol = 1e-8, equal_nan }): |a - b| <= atol + rtol * |b| where b is
 * finite, or a == b; NumPy's formula (not symmetric), with b made a float first (result_type(b, 1.0)).
 */
export function isclose(a: Input, b: Input, options: IscloseOptions = {}): NDArray {
  const rtol = options.rtol ?? 1e-5, atol = options.atol ?? 1e-8;
  return scope(() => {
    let y: Input = b;
    let tol: Input;
    let finite: Input;
    if (b instanceof NDArray) {
      const dt = resultType([b.dtype], ['float']);
      if (dt !== b.dtype) y = b.astype(dt);
      tol = add(atol, multiply(rtol, absolute(y)));
      finite = isfinite(y);
    } else {
      // A JS number stays a weak float (an integer one too: NumPy makes Python ints float(y));
      // its tolerance and finiteness are plain float arithmetic, as Python's.
      const v = Number(b);
      if (isJsInt(b) && !(a instanceof NDArray && isFloat(a.dtype))) {
        y = NDArray._fromStorageData(new Float64Array([v]), [], 'float64', a instanceof NDArray ? a.device : undefined)
          .astype(a instanceof NDArray ? resultType([a.dtype], ['float']) : resultType([], ['float']));
      }
      tol = atol + rtol * Math.abs(v);
      finite = Number.isFinite(v);
    }
    let r = bitwise_or(bitwise_and(less_equal(absolute(subtract(a, y)), tol), finite), equal(a, y));
    if (options.equal_nan) r = bitwise_or(r, bitwise_and(isnan(a), isnan(y)));
    return r;
  });
}

/** np.allclose(a, b, { rtol, atol, equal_nan }): every element isclose (a JS boolean; CPU readback). */
export function allclose(a: Input, b: Input, options: IscloseOptions = {}): boolean {
  return scope(() => all(isclose(a, b, options)).item() as boolean);
}
