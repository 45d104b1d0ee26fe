// The sorting, searching, set and counting routines of np (one module per routine).
export { sort, type SortOptions, type SortKind } from './sort.js';
export { argsort } from './argsort.js';
export { lexsort, type LexsortOptions } from './lexsort.js';
export { partition, argpartition, type KthLike, type PartitionOptions } from './partition.js';
export { searchsorted, type SearchsortedOptions } from './searchsorted.js';
export { digitize, type DigitizeOptions } from './digitize.js';
export { nonzero, flatnonzero, argwhere } from './nonzero.js';
export { extract } from './extract.js';
export {
  unique, unique_values, unique_counts, unique_inverse, unique_all,
  type UniqueOptions, type UniqueCountsResult, type UniqueInverseResult, type UniqueAllResult,
} from './unique.js';
export { isin, type IsinOptions } from './isin.js';
export { intersect1d, union1d, setdiff1d, setxor1d, type Intersect1dOptions, type Setdiff1dOptions, type Setxor1dOptions } from './sets.js';
export { bincount, type BincountOptions } from './bincount.js';
export { histogram, histogram_bin_edges, type HistogramOptions, type Bins } from './histogram.js';
export type { ArrayLike } from './common.js';
