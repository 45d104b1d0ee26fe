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
import { add } from './math/add.js';
import { exp } from './math/exp.js';
import { multiply } from './math/multiply.js';
import { negative } from './math/negative.js';
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
    neg(): NDArray;
    exp(): NDArray;
    /** In place: `a += b`. */
    iadd(other: Input): NDArray;
    isub(other: Input): NDArray;
    imul(other: Input): NDArray;
    idiv(other: Input): NDArray;
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
  neg(this: P) { return negative(this); },
  exp(this: P) { return exp(this); },
  iadd(this: P, o: Input) { return add(this, o, { out: this }); },
  isub(this: P, o: Input) { return subtract(this, o, { out: this }); },
  imul(this: P, o: Input) { return multiply(this, o, { out: this }); },
  idiv(this: P, o: Input) { return true_divide(this, o, { out: this }); },
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
