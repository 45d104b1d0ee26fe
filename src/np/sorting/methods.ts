// NDArray methods of the sorting family (declaration merging, as src/np/methods.ts does).
// a.sort() and a.partition() work in place as NumPy's do: the result is computed into a temporary
// and copied back into `a` (any layout).
import { copyInto } from '../../core/apply.js';
import { NDArray } from '../../core/ndarray.js';
import { argsort } from './argsort.js';
import { type KthLike, type PartitionOptions, argpartition, partition } from './partition.js';
import { nonzero } from './nonzero.js';
import { type ArrayLike } from './common.js';
import { type SearchsortedOptions, searchsorted } from './searchsorted.js';
import { type SortOptions, sort } from './sort.js';

declare module '../../core/ndarray.js' {
  interface NDArray {
    /** Sorts in place along `axis` (default -1; NumPy's ndarray.sort). */
    sort(options?: SortOptions): void;
    argsort(options?: SortOptions): NDArray;
    /** Partitions in place around `kth` (NumPy's ndarray.partition). */
    partition(kth: KthLike, options?: PartitionOptions): void;
    argpartition(kth: KthLike, options?: PartitionOptions): NDArray;
    nonzero(): NDArray[];
    searchsorted(v: ArrayLike, options?: SearchsortedOptions): NDArray;
  }
}

type P = NDArray;

function intoSelf(self: P, result: NDArray): void {
  try {
    copyInto(result, self);
  } finally {
    result.dispose();
  }
}

Object.assign(NDArray.prototype, {
  sort(this: P, o: SortOptions = {}) {
    if (o.axis === null) throw new TypeError("sort: 'NoneType' object cannot be interpreted as an integer");
    intoSelf(this, sort(this, o));
  },
  argsort(this: P, o?: SortOptions) { return argsort(this, o); },
  partition(this: P, kth: KthLike, o: PartitionOptions = {}) {
    if (o.axis === null) throw new TypeError("partition: 'NoneType' object cannot be interpreted as an integer");
    intoSelf(this, partition(this, kth, o));
  },
  argpartition(this: P, kth: KthLike, o?: PartitionOptions) { return argpartition(this, kth, o); },
  nonzero(this: P) { return nonzero(this); },
  searchsorted(this: P, v: ArrayLike, o?: SearchsortedOptions) { return searchsorted(this, v, o); },
});
