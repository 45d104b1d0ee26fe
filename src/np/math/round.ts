import { type Input, castInto } from '../../core/apply.js';
import { isComplex, isFloat, isInteger } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { imag, real } from '../complex/parts.js';
import { asarray } from '../creation/array.js';
import { multiply } from './multiply.js';
import { rint } from './rint.js';
import { true_divide } from './true_divide.js';

export interface RoundOptions {
  out?: NDArray;
}

/**
 * np.round / np.around(a, decimals = 0, { out }): half to even, as NumPy's PyArray_Round: integers
 * with decimals >= 0 are copied; decimals = 0 is np.rint; otherwise x * 10**d is rounded and divided
 * back (x / 10**-d and multiplied back for negative d), in the array's float dtype (integers in
 * float64, cast back). Like NumPy, it is exact only up to that arithmetic: round(2.675, 2) is 2.67.
 */
export function round(a: Input, decimals = 0, options: RoundOptions = {}): NDArray {
  if (!Number.isInteger(decimals)) throw new TypeError(`round: decimals must be an integer, got ${decimals}`);
  const x = a instanceof NDArray ? a : asarray(a);
  try {
    const out = options.out;
    if (decimals >= 0 && isInteger(x.dtype)) {
      if (!out) return x.copy();
      castInto(x, out);
      return out;
    }
    if (isComplex(x.dtype)) return roundComplex(x, decimals, out);
    if (decimals === 0) return rint(x, { out });
    const [op1, op2] = decimals > 0 ? [multiply, true_divide] : [true_divide, multiply];
    const f = 10 ** Math.abs(decimals);
    // NumPy's factor is a Python float: with an integer (or bool) array the loop is float64's.
    const dtype = isFloat(x.dtype) ? x.dtype : 'float64';
    const retInt = !out && isInteger(x.dtype);
    const ret = out ?? NDArray._empty(x.shape, retInt ? 'float64' : x.dtype, x.device);
    try {
      op1(x, f, { out: ret, dtype });
      rint(ret, { out: ret });
      op2(ret, f, { out: ret, dtype });
      if (!retInt) return ret;
      const back = ret.astype(x.dtype);
      ret.dispose();
      return back;
    } catch (e) {
      if (!out) ret.dispose();
      throw e;
    }
  } finally {
    if (x !== a) x.dispose();
  }
}

export const around = round;

/** NumPy rounds a complex array's real and imaginary parts each (through views of the result). */
function roundComplex(x: NDArray, decimals: number, out: NDArray | undefined): NDArray {
  const ret = out ?? NDArray._empty(x.shape, x.dtype, x.device);
  const tmp = out && out.dtype !== x.dtype ? NDArray._empty(x.shape, x.dtype, x.device) : ret;
  try {
    for (const part of [real, imag]) {
      const src = part(x), dst = part(tmp);
      try {
        round(src, decimals, { out: dst });
      } finally {
        src.dispose();
        dst.dispose();
      }
    }
    if (tmp !== ret) castInto(tmp, ret);
    return ret;
  } catch (e) {
    if (!out) ret.dispose();
    throw e;
  } finally {
    if (tmp !== ret) tmp.dispose();
  }
}
