import { castArray } from '../../core/apply.js';
import { NDArray } from '../../core/ndarray.js';
import { defineOp } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { scope } from '../../core/memory.js';
import { type ArrayLike, checkOptions, readInts, toArray } from './common.js';
import { searchsortedCore } from './searchsorted.js';

/** NumPy's _monotonicity of float64 bins: 1 increasing, -1 decreasing, 0 neither (int64 [1]). */
export const monotonicOp = defineOp({
  name: 'monotonic',
  kind: 'opaque',
  nin: 1,
  infer: () => [{ shape: [1], dtype: 'int64' }],
});

export interface DigitizeOptions {
  /** Whether a bin includes its right edge instead of its left. */
  right?: boolean;
}

/**
 * np.digitize: for each x, the index i of the bin with bins[i-1] <= x < bins[i] (increasing bins;
 * `right` flips which edge is included; decreasing bins count from the other end). int64 output
 * of x's shape; bins must be 1-D and monotonic.
 */
export function digitize(x: ArrayLike, bins: ArrayLike, opts: DigitizeOptions = {}): NDArray {
  const who = 'digitize';
  checkOptions(opts, ['right'], who);
  return scope(() => {
    const xs = toArray(x, who);
    const b = toArray(bins, who);
    if (b.ndim === 0) throw new RangeError(`${who}: object of too small depth for desired array`);
    if (b.ndim > 1) throw new RangeError(`${who}: object too deep for desired array`);
    const b64 = castArray(b, 'float64');
    const mono = readInts(applyOpaque(monotonicOp, [b64], {})[0]!)[0]!;
    if (mono === 0) throw new RangeError(`${who}: bins must be monotonically increasing or decreasing`);
    const right = !opts.right;
    if (mono === -1) {
      const n = b.shape[0]!;
      const rev = b._view([n], [-b._strides[0]!], b._offset + (n - 1) * b._strides[0]!);
      return searchsortedCore(rev, xs, right, undefined, true);
    }
    return searchsortedCore(b, xs, right);
  });
}
