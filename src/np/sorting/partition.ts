import { isInteger } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { type Op, defineOp } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { normalizeAxis } from '../../core/shape.js';
import { ravel } from '../manip/views.js';
import { type ArrayLike, checkOptions, toArray } from './common.js';
import { scatterBack } from './sort.js';

export interface PartitionAttrs { axis: number; arg: boolean }

/** Partition (or argpartition, `arg`) of every lane around the kth positions of input 2 (int64, sorted). */
export const partitionOp: Op<PartitionAttrs> = defineOp<PartitionAttrs>({
  name: 'partition',
  kind: 'opaque',
  nin: 2,
  attrs: { axis: -1, arg: false },
  infer: ([x], { arg }) => [{ shape: x!.shape, dtype: arg ? 'int64' : x!.dtype }],
  // The values are x taken through argpartition's indices (the same kernel with `arg`).
  vjp: ([g], { inputs: [x, kth], attrs }): (NDArray | null)[] =>
    [scatterBack(g!, applyOpaque(partitionOp, [x as NDArray, kth as NDArray], { ...attrs, arg: true })[0]!, attrs.axis), null],
  vjpSaves: { outputs: false },
});

export type KthLike = number | bigint | readonly (number | bigint)[] | NDArray;

export interface PartitionOptions {
  /** null partitions the flattened array. */
  axis?: number | null;
  kind?: 'introselect';
}

/** kth as NumPy reads it (np.asarray(kth)): integers, not booleans, at most 1-D; [] is float64 there. */
function kthValues(kth: KthLike, who: string): (number | bigint)[] {
  let vals: unknown[];
  if (kth instanceof NDArray) {
    kth._check(who);
    if (kth.ndim > 1) throw new RangeError(`${who}: object too deep for desired array`);
    if (kth.dtype === 'bool') throw new RangeError(`${who}: Booleans unacceptable as partition index`);
    if (!isInteger(kth.dtype)) throw new TypeError(`${who}: Partition index must be integer`);
    vals = kth.ndim === 0 ? [kth.item()] : (kth.tolist() as unknown[]);
  } else if (Array.isArray(kth)) {
    vals = [...(kth as unknown[])];
    if (vals.some((v) => Array.isArray(v))) throw new RangeError(`${who}: object too deep for desired array`);
    if (vals.length === 0) throw new TypeError(`${who}: Partition index must be integer`);
  } else {
    vals = [kth];
  }
  if (vals.some((v) => typeof v === 'boolean')) throw new RangeError(`${who}: Booleans unacceptable as partition index`);
  for (const v of vals) {
    const ok = typeof v === 'bigint' ? v >= -(2n ** 63n) && v < 2n ** 63n : typeof v === 'number' && Number.isSafeInteger(v);
    if (!ok) throw new TypeError(`${who}: Partition index must be integer`);
  }
  return vals as (number | bigint)[];
}

/** kth positions normalised into [0, n) (NumPy's message names kth after adding n), ascending. */
function kthPositions(vals: readonly (number | bigint)[], n: number, who: string): number[] {
  const out = vals.map((v) => {
    const k = typeof v === 'bigint' ? (v < 0n ? v + BigInt(n) : v) : v < 0 ? v + n : v;
    if (k < 0 || k >= n) throw new RangeError(`${who}: kth(=${k}) out of bounds (${n})`);
    return Number(k);
  });
  return out.sort((a, b) => a - b);
}

function run(a: ArrayLike, kth: KthLike, opts: PartitionOptions, arg: boolean): NDArray {
  const who = arg ? 'argpartition' : 'partition';
  checkOptions(opts, ['axis', 'kind'], who);
  if (opts.kind !== undefined && opts.kind !== 'introselect') {
    throw new RangeError(`${who}: select kind must be 'introselect' (got '${String(opts.kind)}')`);
  }
  const x = toArray(a, who);
  const temps: NDArray[] = [];
  try {
    let arr = x;
    let axis: number;
    // axis=None flattens; NumPy's argpartition also treats a 0-d array as one element.
    if (opts.axis === null || (arg && x.ndim === 0)) {
      if (x.ndim === 0 && opts.axis !== null) normalizeAxis(opts.axis ?? -1, 1, who);
      arr = ravel(x);
      temps.push(arr);
      axis = 0;
    } else {
      axis = normalizeAxis(opts.axis ?? -1, x.ndim, who);
    }
    const vals = kthValues(kth, who);
    // NumPy checks kth against the axis length only when there is something to partition.
    const ks = arr.size === 0 ? [] : kthPositions(vals, arr.shape[axis]!, who);
    const kt = NDArray._fromStorageData(BigInt64Array.from(ks.map(BigInt)), [ks.length], 'int64', arr.device);
    temps.push(kt);
    return applyOpaque(partitionOp, [arr, kt], { axis, arg })[0]!;
  } finally {
    for (const t of temps) t.dispose();
    if (x !== a) x.dispose();
  }
}

/**
 * np.partition: a copy whose kth elements (along `axis`, default -1) are where a full sort would
 * put them, smaller-or-equal ones before and greater-or-equal ones after (NaN counts as largest).
 * `kth` is an integer or a list of them (negative counts from the end).
 */
export function partition(a: ArrayLike, kth: KthLike, opts: PartitionOptions = {}): NDArray {
  return run(a, kth, opts, false);
}

/** np.argpartition: the int64 indices that would partition `a` (see partition). */
export function argpartition(a: ArrayLike, kth: KthLike, opts: PartitionOptions = {}): NDArray {
  return run(a, kth, opts, true);
}
