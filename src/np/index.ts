// The np namespace: NumPy's API.
import './methods.js';
import './reduce/methods.js';

export { NDArray } from '../core/ndarray.js';
export type { NestedList, Scalar } from '../core/ndarray.js';
export { DTYPES, promoteTypes as promote_types, resultType, canCast as can_cast } from '../core/dtype.js';
export type { DType, DTypeLike } from '../core/dtype.js';
export { scope, keep, memory } from '../core/memory.js';
export * from './ops.js';
export { array, asarray } from './creation/array.js';
export { empty, zeros, ones, full, empty_like, zeros_like, ones_like, full_like } from './creation/basic.js';
export { reshape, ravel, transpose, copy, astype } from './manip/views.js';
export { array_repr, array_str, array2string, get_printoptions, set_printoptions } from './printing.js';
export { save, saveBytes, savez, savez_compressed, load, NpzFile } from './io/index.js';
export { mean } from './reduce/mean.js';
export { arange } from './creation/arange.js';
export { linspace, logspace, geomspace } from './creation/spaces.js';
export type { ArangeOptions } from './creation/arange.js';
export type { LinspaceOptions, LogspaceOptions, GeomspaceOptions } from './creation/spaces.js';
export type { RangeInput } from './creation/host.js';
export { eye, identity, tri, tril, triu, diag, diagflat } from './creation/matrix.js';
export type { EyeOptions, IdentityOptions, TriOptions, DiagOptions } from './creation/matrix.js';
export { meshgrid } from './creation/grids.js';
export type { MeshgridOptions } from './creation/grids.js';
export { frombuffer, fromfunction } from './creation/functional.js';
export type { FrombufferOptions, FromfunctionOptions } from './creation/functional.js';
export { nanmean } from './reduce/mean.js';
export type { MeanOptions } from './reduce/mean.js';
export type { ReductionOptions, AxisOrOptions, Where } from './reduce/common.js';
export { var, std, nanvar, nanstd } from './reduce/var.js';
export type { VarOptions } from './reduce/var.js';
export { ptp } from './reduce/ptp.js';
export type { PtpOptions } from './reduce/ptp.js';
export { average } from './reduce/average.js';
export type { AverageOptions } from './reduce/average.js';
export { argmax, argmin, nanargmax, nanargmin } from './reduce/arg.js';
export type { ArgOptions } from './reduce/arg.js';
export { cumsum, cumprod, nancumsum, nancumprod } from './reduce/cumulative.js';
export type { CumulativeOptions } from './reduce/cumulative.js';
export { median, nanmedian, quantile, percentile, nanquantile, nanpercentile, QUANTILE_METHODS } from './reduce/quantile.js';
export type { MedianOptions, QuantileOptions, QuantileMethod, QuantileQ } from './reduce/quantile.js';
import './sorting/methods.js';
export { sort, argsort, lexsort, partition, argpartition, searchsorted, digitize, nonzero, flatnonzero, argwhere, extract } from './sorting/ops.js';
export { unique, unique_values, unique_counts, unique_inverse, unique_all, isin, intersect1d, union1d, setdiff1d, setxor1d } from './sorting/ops.js';
export { bincount, histogram, histogram_bin_edges } from './sorting/ops.js';
export type {
  SortOptions, SortKind, LexsortOptions, KthLike, PartitionOptions, SearchsortedOptions, DigitizeOptions, UniqueOptions,
  UniqueCountsResult, UniqueInverseResult, UniqueAllResult, IsinOptions, Intersect1dOptions, Setdiff1dOptions, Setxor1dOptions,
  BincountOptions, HistogramOptions, Bins,
} from './sorting/ops.js';
export { round, around } from './math/round.js';
export type { RoundOptions } from './math/round.js';
export { fix } from './math/fix.js';
export { isposinf } from './math/isposinf.js';
export { isneginf } from './math/isneginf.js';
export { nan_to_num } from './math/nan_to_num.js';
export type { NanToNumOptions } from './math/nan_to_num.js';
export { isclose, allclose } from './math/isclose.js';
export type { IscloseOptions } from './math/isclose.js';
export { array_equal, array_equiv } from './math/array_equal.js';
export type { UfuncOptions, Ufunc2Options } from './ufunc.js';
export * as random from './random/index.js';
export * from './linalg/index.js';
export * as linalg from './linalg/namespace.js';
export * from './manip/index.js';
export * from './indexing/index.js';
export * from './complex/index.js';
export * as fft from './fft/index.js';
