// np.shares_memory and np.may_share_memory: whether two arrays can touch the same elements.
import { NDArray } from '../../core/ndarray.js';

/** The [first, last] byte range an array's elements span in its storage (null when empty). */
function extent(a: NDArray): [number, number] | null {
  if (a.size === 0) return null;
  let lo = a._offset, hi = a._offset;
  a.shape.forEach((d, i) => {
    const s = a._strides[i]! * (d - 1);
    if (s < 0) lo += s;
    else hi += s;
  });
  const isz = a.itemsize;
  return [lo * isz, hi * isz + isz - 1];
}

function rangesOverlap(a: NDArray, b: NDArray): boolean {
  if (a._storage !== b._storage) return false;
  const ea = extent(a), eb = extent(b);
  return ea !== null && eb !== null && ea[0] <= eb[1] && eb[0] <= ea[1];
}

/** The byte offsets of every element (for the exact test, on the smaller array). */
function byteStarts(a: NDArray): Set<number> {
  const out = new Set<number>();
  const nd = a.ndim, idx = new Array<number>(nd).fill(0);
  let p = a._offset;
  for (let k = 0; k < a.size; k++) {
    out.add(p);
    for (let d = nd - 1; d >= 0; d--) {
      p += a._strides[d]!;
      if (++idx[d]! < a.shape[d]!) break;
      p -= a._strides[d]! * a.shape[d]!;
      idx[d] = 0;
    }
  }
  return out;
}

export interface SharesMemoryOptions {
  /** Accepted for NumPy compatibility; the exact test here has no work bound. */
  max_work?: number | null;
}

/** np.may_share_memory: true when the arrays' memory extents overlap (a cheap, conservative test). */
export function may_share_memory(a: unknown, b: unknown, _options: SharesMemoryOptions = {}): boolean {
  if (!(a instanceof NDArray) || !(b instanceof NDArray)) return false;
  return rangesOverlap(a, b);
}

/** np.shares_memory: true when some element of `a` and some element of `b` are the same memory. */
export function shares_memory(a: unknown, b: unknown, _options: SharesMemoryOptions = {}): boolean {
  if (!(a instanceof NDArray) || !(b instanceof NDArray)) return false;
  if (!rangesOverlap(a, b)) return false;
  // Views of one storage share its dtype here, so element starts coincide exactly when bytes overlap.
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  const starts = byteStarts(small);
  const nd = big.ndim, idx = new Array<number>(nd).fill(0);
  let p = big._offset;
  for (let k = 0; k < big.size; k++) {
    if (starts.has(p)) return true;
    for (let d = nd - 1; d >= 0; d--) {
      p += big._strides[d]!;
      if (++idx[d]! < big.shape[d]!) break;
      p -= big._strides[d]! * big.shape[d]!;
      idx[d] = 0;
    }
  }
  return false;
}
