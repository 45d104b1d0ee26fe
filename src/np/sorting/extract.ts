import type { NDArray } from '../../core/ndarray.js';
import { scope } from '../../core/memory.js';
import { type ArrayLike, compress1d, countNonzero, flat, toArray } from './common.js';

/**
 * np.extract: the elements of `arr` (flattened) where `condition` (flattened) is nonzero. As in
 * NumPy, condition may be shorter than arr; a nonzero beyond arr's end raises IndexError.
 */
export function extract(condition: ArrayLike, arr: ArrayLike): NDArray {
  const who = 'extract';
  return scope(() => {
    const c = flat(toArray(condition, who));
    const x = flat(toArray(arr, who));
    const n = x.size;
    if (c.size > n) {
      const tail = c._view([c.size - n], [c._strides[0]!], c._offset + n * c._strides[0]!);
      if (countNonzero(tail) > 0) {
        if (n === 0) throw new RangeError(`${who}: cannot do a non-empty take from an empty axes.`);
        // NumPy reports the first index past the end that condition selects.
        const rest = tail.tolist() as (number | bigint | boolean)[];
        const first = rest.findIndex((v) => (typeof v === 'number' ? v !== 0 : Boolean(v)));
        throw new RangeError(`${who}: index ${n + first} is out of bounds for axis 0 with size ${n}`);
      }
    }
    return compress1d(c, x);
  });
}
