import { NDArray } from '../../core/ndarray.js';
import { defineOp } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { scope } from '../../core/memory.js';
import { normalizeAxis } from '../../core/shape.js';
import { reshape } from '../manip/views.js';
import { argsortAlong } from './argsort.js';
import { type ArrayLike, checkOptions, flat, readInts, toArray } from './common.js';
import { sortOp } from './sort.js';

export interface UniqueGroupsAttrs { equal_nan: boolean }

/**
 * Groups of equal rows of input 0 (n, m) in sorted order (through the int64 permutation input 1 if
 * given): the group number of every sorted position (int64 n) and the number of groups (int64 [1]).
 */
export const uniqueGroupsOp = defineOp<UniqueGroupsAttrs>({
  name: 'unique_groups',
  kind: 'opaque',
  nin: 2,
  nout: 2,
  attrs: { equal_nan: true },
  infer: ([x]) => [{ shape: [x!.shape[0]!], dtype: 'int64' }, { shape: [1], dtype: 'int64' }],
});

export interface UniqueFillAttrs {
  /** The number of groups (unique rows). */
  count: number;
  values: boolean;
  index: boolean;
  inverse: boolean;
  counts: boolean;
}

/** The unique rows (k, m), first indices, inverse and counts (those asked for) from rows [, perm], groups. */
export const uniqueFillOp = defineOp<UniqueFillAttrs>({
  name: 'unique_fill',
  kind: 'opaque',
  nin: 3,
  nout: 4,
  attrs: { count: 0, values: true, index: false, inverse: false, counts: false },
  infer: ([x], a) => {
    const n = x!.shape[0]!, k = a.count;
    const out = [];
    if (a.values) out.push({ shape: [k, x!.shape[1]!], dtype: x!.dtype });
    if (a.index) out.push({ shape: [k], dtype: 'int64' as const });
    if (a.inverse) out.push({ shape: [n], dtype: 'int64' as const });
    if (a.counts) out.push({ shape: [k], dtype: 'int64' as const });
    return out;
  },
  // np.unique's values are constants for autograd (as torch.unique's): nothing differentiates them.
  stopsGradient: true,
});

export interface UniqueOptions {
  return_index?: boolean;
  return_inverse?: boolean;
  return_counts?: boolean;
  /** null (default) flattens; an axis finds unique slices along it. */
  axis?: number | null;
  /** Whether NaNs collapse into one (flattened input only, as in NumPy). */
  equal_nan?: boolean;
  /** Accepted for NumPy 2.3+ compatibility; the result is always sorted. */
  sorted?: boolean;
}

export interface UniqueParts {
  values: NDArray;
  index?: NDArray;
  inverse?: NDArray;
  counts?: NDArray;
}

/**
 * Stable order of the rows of (n, m): LSD passes over the columns, the first column primary. Rows
 * of unique(axis=...) compare field by field with NumPy's compare functions, whose float16 one
 * puts NaN first (the others put it last).
 */
function rowOrder(rows: NDArray, fields: boolean): NDArray {
  const [n, m] = rows.shape as [number, number];
  if (m === 0) return NDArray._fromStorageData(BigInt64Array.from({ length: n }, (_, i) => BigInt(i)), [n], 'int64', rows.device);
  let perm: NDArray | undefined;
  for (let c = m - 1; c >= 0; c--) {
    const col = rows._view([n], [rows._strides[0]!], rows._offset + c * rows._strides[1]!);
    const next = argsortAlong(col, 0, perm, fields && rows.dtype === 'float16');
    perm?.dispose();
    col.dispose();
    perm = next;
  }
  return perm!;
}

/** The unique rows of `rows` (n, m) and what else is asked for. Temporaries are freed by the caller's scope. */
function uniqueRows(rows: NDArray, want: { index: boolean; inverse: boolean; counts: boolean }, equal_nan: boolean, fields: boolean): UniqueParts {
  let sortedRows = rows;
  let perm: NDArray | undefined;
  if (want.index || want.inverse || fields) {
    perm = rowOrder(rows, fields);
  } else {
    sortedRows = applyOpaque(sortOp, [rows], { axis: 0, stable: false })[0]!;
  }
  const [gid, cnt] = applyOpaque(uniqueGroupsOp, perm ? [sortedRows, perm] : [sortedRows], { equal_nan });
  const count = readInts(cnt!)[0]!;
  const attrs = { count, values: true, ...want };
  const outs = applyOpaque(uniqueFillOp, perm ? [sortedRows, perm, gid!] : [sortedRows, gid!], attrs);
  let i = 0;
  const parts: UniqueParts = { values: outs[i++]! };
  if (want.index) parts.index = outs[i++]!;
  if (want.inverse) parts.inverse = outs[i++]!;
  if (want.counts) parts.counts = outs[i++]!;
  return parts;
}

/** unique() without the tuple packing: every part asked for, named. */
export function uniqueParts(ar: ArrayLike, opts: UniqueOptions, who: string): UniqueParts {
  const want = { index: !!opts.return_index, inverse: !!opts.return_inverse, counts: !!opts.return_counts };
  const equal_nan = opts.equal_nan ?? true;
  return scope(() => {
    const x = toArray(ar, who);
    const axis = opts.axis ?? null;
    if (axis === null || x.ndim === 1) {
      if (axis !== null) normalizeAxis(axis, x.ndim, who);
      const f = flat(x);
      const rows = f._view([f.size, 1], [f._strides[0] ?? 1, 1], f._offset);
      const p = uniqueRows(rows, want, equal_nan, false);
      const values = reshape(p.values, [p.values.shape[0]!]);
      const inverse = p.inverse && reshape(p.inverse, x.shape);
      return { ...p, values, ...(inverse ? { inverse } : {}) };
    }
    const ax = normalizeAxis(axis, x.ndim, who);
    const order = [ax, ...[...x.shape.keys()].filter((d) => d !== ax)];
    const moved = x.transpose(order);
    const rest = moved.shape.slice(1);
    const rows = reshape(moved, [moved.shape[0]!, rest.reduce((a, b) => a * b, 1)]);
    // Rows compare field by field as NumPy's structured view does: NaN never equals NaN.
    const p = uniqueRows(rows, want, false, true);
    const k = p.values.shape[0]!;
    const u = reshape(p.values, [k, ...rest]);
    const back = [...Array(x.ndim).keys()].slice(1);
    back.splice(ax, 0, 0);
    return { ...p, values: u.transpose(back) };
  });
}

/**
 * np.unique: the sorted unique elements of `ar` (flattened, or the unique slices along `axis`),
 * plus, as asked, the first index of each, the inverse (indices that rebuild `ar`: `ar`'s shape
 * for a flattened call, 1-D with `axis`, as NumPy 2) and the counts. Returns the values alone, or
 * [values, ...parts] in NumPy's order. NaNs collapse into one unless `equal_nan` is false.
 */
export function unique(ar: ArrayLike, opts?: UniqueOptions & { return_index?: false; return_inverse?: false; return_counts?: false }): NDArray;
export function unique(ar: ArrayLike, opts: UniqueOptions): NDArray | NDArray[];
export function unique(ar: ArrayLike, opts: UniqueOptions = {}): NDArray | NDArray[] {
  const who = 'unique';
  checkOptions(opts, ['return_index', 'return_inverse', 'return_counts', 'axis', 'equal_nan', 'sorted'], who);
  const p = uniqueParts(ar, opts, who);
  const out = [p.values, p.index, p.inverse, p.counts].filter((a): a is NDArray => a !== undefined);
  return out.length === 1 ? out[0]! : out;
}

/** np.unique_values (Array API): the unique elements, NaNs kept apart. Sorted here (NumPy may not sort). */
export function unique_values(x: ArrayLike): NDArray {
  return uniqueParts(x, { equal_nan: false }, 'unique_values').values;
}

export interface UniqueCountsResult { values: NDArray; counts: NDArray }
export interface UniqueInverseResult { values: NDArray; inverse_indices: NDArray }
export interface UniqueAllResult { values: NDArray; indices: NDArray; inverse_indices: NDArray; counts: NDArray }

/** np.unique_counts (Array API): { values, counts }, NaNs kept apart. */
export function unique_counts(x: ArrayLike): UniqueCountsResult {
  const p = uniqueParts(x, { return_counts: true, equal_nan: false }, 'unique_counts');
  return { values: p.values, counts: p.counts! };
}

/** np.unique_inverse (Array API): { values, inverse_indices } (inverse has x's shape), NaNs kept apart. */
export function unique_inverse(x: ArrayLike): UniqueInverseResult {
  const p = uniqueParts(x, { return_inverse: true, equal_nan: false }, 'unique_inverse');
  return { values: p.values, inverse_indices: p.inverse! };
}

/** np.unique_all (Array API): { values, indices, inverse_indices, counts }, NaNs kept apart. */
export function unique_all(x: ArrayLike): UniqueAllResult {
  const p = uniqueParts(x, { return_index: true, return_inverse: true, return_counts: true, equal_nan: false }, 'unique_all');
  return { values: p.values, indices: p.index!, inverse_indices: p.inverse!, counts: p.counts! };
}
