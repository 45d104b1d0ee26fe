import { castArray } from '../../core/apply.js';
import { isFloat } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { defineOp } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { scope } from '../../core/memory.js';
import { type ArrayLike, checkOptions, toArray } from './common.js';
import { intRange } from './searchsorted.js';
import { arange } from '../creation/arange.js';

export interface BincountAttrs { length: number }

/** Occurrences of each value 0..length-1 of a 1-D integer input (int64), or the sums of the float64 weights. */
export const bincountOp = defineOp<BincountAttrs>({
  name: 'bincount',
  kind: 'opaque',
  nin: 2,
  attrs: { length: 0 },
  infer: (ins, { length }) => [{ shape: [length], dtype: ins.length > 1 ? 'float64' : 'int64' }],
  // The weights' gradient: g at each element's bin (a one-hot product over the bins).
  vjp: ([g], { inputs: [a], attrs: { length } }) => {
    const x = a as NDArray;
    return [null, g!.mul(x.reshape([x.size, 1]).eq(arange(length))).sum({ axis: 1 })];
  },
  vjpSaves: { outputs: false },
});

export interface BincountOptions {
  weights?: ArrayLike | null;
  minlength?: number;
}

function oneD(x: NDArray, who: string): void {
  if (x.ndim === 0) throw new RangeError(`${who}: object of too small depth for desired array`);
  if (x.ndim > 1) throw new RangeError(`${who}: object too deep for desired array`);
}

/**
 * np.bincount: how often each value 0..max(x) occurs in the 1-D non-negative integer array x
 * (int64; at least `minlength` long), or with `weights` the float64 sum of the weights per value.
 */
export function bincount(x: ArrayLike, opts: BincountOptions = {}): NDArray {
  const who = 'bincount';
  checkOptions(opts, ['weights', 'minlength'], who);
  return scope(() => {
    let a = toArray(x, who);
    oneD(a, who);
    if (isFloat(a.dtype)) {
      // A JS list is cast the way NumPy casts a Python list (deprecated there for non-integers).
      if (x instanceof NDArray || a.size > 0 && !Array.isArray(x)) {
        throw new TypeError(`${who}: Cannot cast array data from dtype('${a.dtype}') to dtype('int64') according to the rule 'safe'`);
      }
      a = castArray(a, 'int64');
    }
    const minlength = opts.minlength ?? 0;
    if ((opts.minlength as unknown) === null) throw new TypeError(`${who}: use 0 instead of None for minlength`);
    if (typeof minlength !== 'number' || !Number.isInteger(minlength)) {
      throw new TypeError(`${who}: '${typeof minlength === 'number' ? 'float' : typeof minlength}' object cannot be interpreted as an integer`);
    }
    if (minlength < 0) throw new RangeError(`${who}: 'minlength' must not be negative`);
    let length = minlength;
    // NumPy returns int64 zeros for an empty x, weights or not (and does not look at them).
    if (a.size === 0) return applyOpaque(bincountOp, [a], { length })[0]!;
    {
      const [lo, hi] = intRange(a);
      if (lo < 0) throw new RangeError(`${who}: 'list' argument must have no negative elements`);
      length = Math.max(length, hi + 1);
    }
    let w: NDArray | undefined;
    if (opts.weights !== undefined && opts.weights !== null) {
      w = toArray(opts.weights, who);
      oneD(w, who);
      if (w.size !== a.size) throw new RangeError(`${who}: The weights and list don't have the same length.`);
      w = w.astype('float64'); // (recorded: autograd sees the weights)
    }
    return applyOpaque(bincountOp, w ? [a, w] : [a], { length })[0]!;
  });
}
