// empty, zeros, ones, full and their *_like forms.
import { fillScalar } from '../../core/apply.js';
import { parseDevice } from '../../core/device.js';
import { Complex } from '../../core/complex.js';
import { type DType, complexOf, defaults, isComplex, toDType } from '../../core/dtype.js';
import { NDArray, type Scalar } from '../../core/ndarray.js';
import { checkShape } from '../../core/shape.js';
import type { CreationOptions } from './array.js';
import { complexParts, toStorageValue } from './fill.js';

export type ShapeLike = number | readonly number[];

function shapeArg(s: ShapeLike, who: string): number[] {
  return checkShape(typeof s === 'number' ? [s] : s, who);
}

function make(who: string, shape: ShapeLike, opts: CreationOptions, fallback: DType): NDArray {
  const dtype = opts.dtype === undefined ? fallback : toDType(opts.dtype, who);
  return NDArray._empty(shapeArg(shape, who), dtype, parseDevice(opts.device, who));
}

function filled(who: string, a: NDArray, v: Scalar): NDArray {
  // The scalar is converted on the host with NumPy's rules (e.g. 300 into int8 raises).
  if (isComplex(a.dtype)) {
    fillScalar(a, v instanceof Complex ? v : new Complex(...complexParts(v)));
    return a;
  }
  const sv = toStorageValue(v, a.dtype, who);
  fillScalar(a, a.dtype === 'float16' || a.dtype === 'bfloat16' ? Number(v) : a.dtype === 'bool' ? sv !== 0 : sv);
  return a;
}

/** np.empty: uninitialised contents. */
export function empty(shape: ShapeLike, opts: CreationOptions = {}): NDArray {
  return make('empty', shape, opts, defaults.float);
}

export function zeros(shape: ShapeLike, opts: CreationOptions = {}): NDArray {
  return filled('zeros', make('zeros', shape, opts, defaults.float), 0);
}

export function ones(shape: ShapeLike, opts: CreationOptions = {}): NDArray {
  return filled('ones', make('ones', shape, opts, defaults.float), 1);
}

/** np.full: dtype defaults to the fill value's (bool, int64, or the default float). */
export function full(shape: ShapeLike, fill_value: Scalar, opts: CreationOptions = {}): NDArray {
  const fallback: DType = typeof fill_value === 'boolean' ? 'bool' : fill_value instanceof Complex ? complexOf(defaults.float)
    : typeof fill_value === 'bigint' || Number.isSafeInteger(fill_value) ? defaults.int : defaults.float;
  return filled('full', make('full', shape, opts, fallback), fill_value);
}

export interface LikeOptions extends CreationOptions {
  shape?: ShapeLike;
}

function likeOpts(a: NDArray, o: LikeOptions, who: string): [ShapeLike, CreationOptions] {
  a._check(who);
  return [o.shape ?? a.shape, { dtype: o.dtype ?? a.dtype, device: o.device ?? a.device }];
}

export function empty_like(a: NDArray, o: LikeOptions = {}): NDArray { return empty(...likeOpts(a, o, 'empty_like')); }
export function zeros_like(a: NDArray, o: LikeOptions = {}): NDArray { return zeros(...likeOpts(a, o, 'zeros_like')); }
export function ones_like(a: NDArray, o: LikeOptions = {}): NDArray { return ones(...likeOpts(a, o, 'ones_like')); }
export function full_like(a: NDArray, fill_value: Scalar, o: LikeOptions = {}): NDArray {
  const [s, c] = likeOpts(a, o, 'full_like');
  return full(s, fill_value, c);
}
