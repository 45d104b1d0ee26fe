// NDArray methods that mirror np functions, attached here so that src/core knows no op.
import { inspect } from 'node:util';

import type { Device } from '../backends/backend.js';
import type { Input } from '../core/apply.js';
import { parseDevice } from '../core/device.js';
import type { DTypeLike } from '../core/dtype.js';
import { NDArray, coreHooks } from '../core/ndarray.js';
import { toDeviceCopy, toDeviceCopyAsync } from './creation/transfer.js';
import { arrayRepr, arrayStr } from './format.js';
import { printSource } from './printing.js';
import { isFloat } from '../core/dtype.js';
import { absolute } from './math/absolute.js';
import { add } from './math/add.js';
import { bitwise_and } from './math/bitwise_and.js';
import { bitwise_or } from './math/bitwise_or.js';
import { bitwise_xor } from './math/bitwise_xor.js';
import { clip } from './math/clip.js';
import { equal } from './math/equal.js';
import { exp } from './math/exp.js';
import { floor_divide } from './math/floor_divide.js';
import { greater } from './math/greater.js';
import { greater_equal } from './math/greater_equal.js';
import { invert } from './math/invert.js';
import { left_shift } from './math/left_shift.js';
import { less } from './math/less.js';
import { less_equal } from './math/less_equal.js';
import { multiply } from './math/multiply.js';
import { negative } from './math/negative.js';
import { not_equal } from './math/not_equal.js';
import { positive } from './math/positive.js';
import { power } from './math/power.js';
import { reciprocal } from './math/reciprocal.js';
import { remainder } from './math/remainder.js';
import { right_shift } from './math/right_shift.js';
import { round } from './math/round.js';
import { sqrt } from './math/sqrt.js';
import { square } from './math/square.js';
import { subtract } from './math/subtract.js';
import { true_divide } from './math/true_divide.js';
import type { UfuncOptions } from './ufunc.js';
import { type AstypeOptions, astype, copy, flatten, ravel, reshape, transpose } from './manip/views.js';

declare module '../core/ndarray.js' {
  interface NDArray {
    add(other: Input, options?: UfuncOptions): NDArray;
    sub(other: Input, options?: UfuncOptions): NDArray;
    mul(other: Input, options?: UfuncOptions): NDArray;
    div(other: Input, options?: UfuncOptions): NDArray;
    /** `a // b` (np.floor_divide). */
    floordiv(other: Input, options?: UfuncOptions): NDArray;
    /** `a % b` (np.remainder). */
    mod(other: Input, options?: UfuncOptions): NDArray;
    /** `a ** b` (np.power; a float array to 2, -1 or 0.5 is square, reciprocal, sqrt, as NumPy's operator). */
    pow(other: Input, options?: UfuncOptions): NDArray;
    neg(): NDArray;
    /** `+a` (np.positive). */
    pos(): NDArray;
    abs(): NDArray;
    exp(): NDArray;
    /** Comparisons `==`, `!=`, `<`, `<=`, `>`, `>=` (bool arrays). */
    eq(other: Input, options?: UfuncOptions): NDArray;
    ne(other: Input, options?: UfuncOptions): NDArray;
    lt(other: Input, options?: UfuncOptions): NDArray;
    le(other: Input, options?: UfuncOptions): NDArray;
    gt(other: Input, options?: UfuncOptions): NDArray;
    ge(other: Input, options?: UfuncOptions): NDArray;
    /** Bitwise `&`, `|`, `^`, `~`, `<<`, `>>` (logical for bool). */
    and(other: Input, options?: UfuncOptions): NDArray;
    or(other: Input, options?: UfuncOptions): NDArray;
    xor(other: Input, options?: UfuncOptions): NDArray;
    invert(): NDArray;
    lshift(other: Input, options?: UfuncOptions): NDArray;
    rshift(other: Input, options?: UfuncOptions): NDArray;
    /** ndarray.round(decimals): np.round. */
    round(decimals?: number): NDArray;
    /** ndarray.clip(min, max): np.clip. */
    clip(min: Input | null, max: Input | null, options?: UfuncOptions): NDArray;
    /** In place: `a += b` (the same as np.add(a, b, { out: a })); likewise the others. */
    iadd(other: Input): NDArray;
    isub(other: Input): NDArray;
    imul(other: Input): NDArray;
    idiv(other: Input): NDArray;
    ifloordiv(other: Input): NDArray;
    imod(other: Input): NDArray;
    ipow(other: Input): NDArray;
    iand(other: Input): NDArray;
    ior(other: Input): NDArray;
    ixor(other: Input): NDArray;
    ilshift(other: Input): NDArray;
    irshift(other: Input): NDArray;
    astype(dtype: DTypeLike, options?: AstypeOptions): NDArray;
    copy(): NDArray;
    reshape(...shape: number[] | [readonly number[]]): NDArray;
    ravel(): NDArray;
    flatten(): NDArray;
    transpose(...axes: number[] | [readonly number[]]): NDArray;
    readonly T: NDArray;
    /** A copy on `device` (this array itself if it is already there). Host-readable sources only. */
    to_device(device: Device | string): NDArray;
    to_device_async(device: Device | string): Promise<NDArray>;
    /** NumPy's repr(a). */
    repr(): string;
  }
}

type P = NDArray;

/** NumPy's `a ** b` operator: a float array to the JS number 2, -1 or 0.5 is square, reciprocal, sqrt. */
function pow(a: NDArray, b: Input, opt?: UfuncOptions): NDArray {
  if (isFloat(a.dtype) && typeof b === 'number') {
    if (b === 2) return square(a, opt);
    if (b === -1) return reciprocal(a, opt);
    if (b === 0.5) return sqrt(a, opt);
  }
  return power(a, b, opt);
}
const proto = NDArray.prototype as P & Record<string, unknown>;

function dims(args: readonly (number | readonly number[])[]): number[] | undefined {
  if (args.length === 0) return undefined;
  const first = args[0];
  return typeof first === 'number' ? (args as number[]) : [...(first as readonly number[])];
}

Object.assign(proto, {
  add(this: P, o: Input, opt?: UfuncOptions) { return add(this, o, opt); },
  sub(this: P, o: Input, opt?: UfuncOptions) { return subtract(this, o, opt); },
  mul(this: P, o: Input, opt?: UfuncOptions) { return multiply(this, o, opt); },
  div(this: P, o: Input, opt?: UfuncOptions) { return true_divide(this, o, opt); },
  floordiv(this: P, o: Input, opt?: UfuncOptions) { return floor_divide(this, o, opt); },
  mod(this: P, o: Input, opt?: UfuncOptions) { return remainder(this, o, opt); },
  pow(this: P, o: Input, opt?: UfuncOptions) { return pow(this, o, opt); },
  neg(this: P) { return negative(this); },
  pos(this: P) { return positive(this); },
  abs(this: P) { return absolute(this); },
  exp(this: P) { return exp(this); },
  eq(this: P, o: Input, opt?: UfuncOptions) { return equal(this, o, opt); },
  ne(this: P, o: Input, opt?: UfuncOptions) { return not_equal(this, o, opt); },
  lt(this: P, o: Input, opt?: UfuncOptions) { return less(this, o, opt); },
  le(this: P, o: Input, opt?: UfuncOptions) { return less_equal(this, o, opt); },
  gt(this: P, o: Input, opt?: UfuncOptions) { return greater(this, o, opt); },
  ge(this: P, o: Input, opt?: UfuncOptions) { return greater_equal(this, o, opt); },
  and(this: P, o: Input, opt?: UfuncOptions) { return bitwise_and(this, o, opt); },
  or(this: P, o: Input, opt?: UfuncOptions) { return bitwise_or(this, o, opt); },
  xor(this: P, o: Input, opt?: UfuncOptions) { return bitwise_xor(this, o, opt); },
  invert(this: P) { return invert(this); },
  lshift(this: P, o: Input, opt?: UfuncOptions) { return left_shift(this, o, opt); },
  rshift(this: P, o: Input, opt?: UfuncOptions) { return right_shift(this, o, opt); },
  round(this: P, decimals = 0) { return round(this, decimals); },
  clip(this: P, lo: Input | null, hi: Input | null, opt?: UfuncOptions) { return clip(this, lo, hi, opt); },
  iadd(this: P, o: Input) { return add(this, o, { out: this }); },
  isub(this: P, o: Input) { return subtract(this, o, { out: this }); },
  imul(this: P, o: Input) { return multiply(this, o, { out: this }); },
  idiv(this: P, o: Input) { return true_divide(this, o, { out: this }); },
  ifloordiv(this: P, o: Input) { return floor_divide(this, o, { out: this }); },
  imod(this: P, o: Input) { return remainder(this, o, { out: this }); },
  ipow(this: P, o: Input) { return pow(this, o, { out: this }); },
  iand(this: P, o: Input) { return bitwise_and(this, o, { out: this }); },
  ior(this: P, o: Input) { return bitwise_or(this, o, { out: this }); },
  ixor(this: P, o: Input) { return bitwise_xor(this, o, { out: this }); },
  ilshift(this: P, o: Input) { return left_shift(this, o, { out: this }); },
  irshift(this: P, o: Input) { return right_shift(this, o, { out: this }); },
  astype(this: P, d: DTypeLike, o?: AstypeOptions) { return astype(this, d, o); },
  copy(this: P) { return copy(this); },
  reshape(this: P, ...s: (number | readonly number[])[]) { return reshape(this, dims(s) ?? []); },
  ravel(this: P) { return ravel(this); },
  flatten(this: P) { return flatten(this); },
  transpose(this: P, ...axes: (number | readonly number[])[]) { return transpose(this, dims(axes)); },
  to_device(this: P, d: Device | string) {
    const dev = parseDevice(d, 'to_device');
    return dev === this.device ? this : toDeviceCopy(this, dev, 'to_device');
  },
  async to_device_async(this: P, d: Device | string) {
    const dev = parseDevice(d, 'to_device_async');
    return dev === this.device ? this : toDeviceCopyAsync(this, dev);
  },
  repr(this: P) { return arrayRepr(printSource(this)); },
  toString(this: P) { return arrayStr(printSource(this)); },
  [inspect.custom](this: P) {
    if (this.isDisposed) return '<disposed NDArray>';
    if (!this._backend.readSync) return `NDArray(shape=(${this.shape.join(', ')}), dtype=${this.dtype}, device=${this.device.toString()})`;
    return arrayRepr(printSource(this));
  },
});

Object.defineProperty(proto, 'T', {
  get(this: P) { return transpose(this); },
  configurable: true,
});

coreHooks.contiguous = copy;
