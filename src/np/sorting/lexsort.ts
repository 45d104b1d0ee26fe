import { NDArray } from '../../core/ndarray.js';
import { normalizeAxis } from '../../core/shape.js';
import { scope } from '../../core/memory.js';
import { reshape } from '../manip/views.js';
import { argsortAlong } from './argsort.js';
import { type ArrayLike, checkOptions, toArray } from './common.js';

export interface LexsortOptions {
  axis?: number;
}

/** The keys of lexsort: an array's first axis, or a list of arrays (array_likes). */
function keyList(keys: NDArray | readonly ArrayLike[], who: string): NDArray[] {
  if (keys instanceof NDArray) {
    keys._check(who);
    if (keys.ndim === 0 || keys.shape[0] === 0) throw new TypeError(`${who}: need sequence of keys with len > 0 in lexsort`);
    const rest = keys.shape.slice(1);
    const stride = keys._strides[0]!;
    return Array.from({ length: keys.shape[0]! }, (_, i) => keys._view(rest, keys._strides.slice(1), keys._offset + i * stride));
  }
  if (!Array.isArray(keys) || keys.length === 0) throw new TypeError(`${who}: need sequence of keys with len > 0 in lexsort`);
  return keys.map((k) => toArray(k, who));
}

/**
 * np.lexsort: int64 indices sorting by several keys, the last key primary (stable passes from the
 * first key to the last). Keys must share a shape; 0-d keys give a 0-d result.
 */
export function lexsort(keys: NDArray | readonly ArrayLike[], opts: LexsortOptions = {}): NDArray {
  const who = 'lexsort';
  checkOptions(opts, ['axis'], who);
  return scope(() => {
    const ks = keyList(keys, who);
    const shape = ks[0]!.shape;
    for (const k of ks) {
      if (k.ndim !== shape.length || k.shape.some((d, i) => d !== shape[i])) throw new RangeError(`${who}: all keys need to be the same shape`);
    }
    if (opts.axis === null) throw new TypeError(`${who}: 'NoneType' object cannot be interpreted as an integer`);
    if (shape.length === 0) {
      // NumPy orders 0-d keys as one element: the index 0, as a 0-d array.
      const one = ks.map((k) => reshape(k, [1]));
      return reshape(lexsortAlong(one, 0), []);
    }
    return lexsortAlong(ks, normalizeAxis(opts.axis ?? -1, shape.length, who));
  });
}

function lexsortAlong(ks: readonly NDArray[], axis: number): NDArray {
  let perm: NDArray | undefined;
  for (const k of ks) {
    const next = argsortAlong(k, axis, perm);
    perm?.dispose();
    perm = next;
  }
  return perm!;
}
