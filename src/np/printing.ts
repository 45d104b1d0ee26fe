// Bridges NDArray to the pure formatter in format.ts, and NumPy's printing functions.
import { NDArray, valuesOf } from '../core/ndarray.js';
import { type PrintOptions, type PrintSource, arrayRepr, arrayStr } from './format.js';

export function printSource(a: NDArray): PrintSource {
  a._check('print');
  return { dtype: a.dtype, shape: a.shape, values: valuesOf(a.dtype, a._readRawSync('print')) };
}

export function array_repr(a: NDArray, opts?: PrintOptions): string { return arrayRepr(printSource(a), opts); }
export function array_str(a: NDArray, opts?: PrintOptions): string { return arrayStr(printSource(a), opts); }
export function array2string(a: NDArray, opts?: PrintOptions): string { return arrayStr(printSource(a), opts); }
export { get_printoptions, set_printoptions } from './format.js';
