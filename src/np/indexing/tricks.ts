// NumPy's index tricks: ravel_multi_index, unravel_index, indices, ix_, the tril/triu/diag index
// helpers. They build small integer arrays from shapes and host-side index arithmetic (CPU).
import type { Device } from '../../backends/backend.js';
import { castArray, castInto } from '../../core/apply.js';
import { type DTypeLike, isInteger, toDType } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { broadcastShapes, broadcastStrides, fmtShapeC, sizeOf } from '../../core/shape.js';
import { arange } from '../creation/arange.js';
import { flatnonzero } from '../sorting/nonzero.js';
import type { ArrayLike } from '../sorting/common.js';
import { arrayOf, withTemps } from './common.js';
import type { IndexMode } from './ops.js';

type Order = 'C' | 'F';

function checkDims(dims: number | readonly number[], who: string): number[] {
  const d = typeof dims === 'number' ? [dims] : [...dims];
  for (const n of d) if (!Number.isInteger(n) || n < 0) throw new RangeError(`${who}: dimensions must be non-negative integers, got ${fmtShapeC(d)}`);
  return d;
}

/** Row-major (C) or column-major (F) element strides of `dims`. */
function unitStrides(dims: readonly number[], order: Order): number[] {
  const s = new Array<number>(dims.length).fill(1);
  if (order === 'C') for (let i = dims.length - 2; i >= 0; i--) s[i] = s[i + 1]! * dims[i + 1]!;
  else for (let i = 1; i < dims.length; i++) s[i] = s[i - 1]! * dims[i - 1]!;
  return s;
}

/** The values of `a` broadcast to `shape`, C order, as numbers. */
function hostInts(a: NDArray, shape: readonly number[], temps: NDArray[]): number[] {
  const c = a.dtype === 'int64' ? a : castArray(a, 'int64');
  if (c !== a) temps.push(c);
  const v = c._view(shape, broadcastStrides(c.shape, c._strides, shape), c._offset);
  temps.push(v);
  return [...(v.dataSync() as BigInt64Array)].map(Number);
}

function intArray(values: readonly number[], shape: readonly number[], device?: Device): NDArray {
  return NDArray._fromStorageData(BigInt64Array.from(values, (x) => BigInt(x)), shape, 'int64', device);
}

export interface RavelMultiIndexOptions {
  mode?: IndexMode | readonly IndexMode[];
  order?: Order;
}

/** np.ravel_multi_index(multi_index, dims, { mode, order }): flat indices of coordinate arrays. */
export function ravel_multi_index(multi_index: readonly ArrayLike[], dims: number | readonly number[], opts: RavelMultiIndexOptions = {}): NDArray {
  const who = 'ravel_multi_index';
  const d = checkDims(dims, who);
  if (multi_index.length !== d.length) throw new RangeError(`${who}: parameter multi_index must be a sequence of length ${d.length}`);
  const modes = typeof opts.mode === 'string' || opts.mode === undefined ? d.map(() => (opts.mode as IndexMode | undefined) ?? 'raise') : [...opts.mode];
  if (modes.length !== d.length) throw new RangeError(`${who}: mode must have one entry per dimension`);
  const strides = unitStrides(d, opts.order ?? 'C');
  return withTemps((temps) => {
    const arrs = multi_index.map((m) => arrayOf(m, who, temps));
    for (const a of arrs) if (!isInteger(a.dtype)) throw new TypeError(`${who}: only int indices permitted`);
    const shape = broadcastShapes(arrs.map((a) => a.shape), who);
    const cols = arrs.map((a) => hostInts(a, shape, temps));
    const n = sizeOf(shape);
    const out = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let flat = 0;
      for (let k = 0; k < d.length; k++) {
        let v = cols[k]![i]!;
        const m = d[k]!;
        if (modes[k] === 'wrap') v = ((v % m) + m) % m;
        else if (modes[k] === 'clip') v = Math.min(Math.max(v, 0), m - 1);
        else if (v < 0 || v >= m) throw new RangeError(`${who}: invalid entry in coordinates array`);
        flat += v * strides[k]!;
      }
      out[i] = flat;
    }
    return intArray(out, shape, arrs[0]?.device);
  });
}

/** np.unravel_index(indices, shape, { order }): one coordinate array per dimension. */
export function unravel_index(indices: ArrayLike, shape: number | readonly number[], opts: { order?: Order } = {}): NDArray[] {
  const who = 'unravel_index';
  const d = checkDims(shape, who);
  const strides = unitStrides(d, opts.order ?? 'C');
  const size = sizeOf(d);
  return withTemps((temps) => {
    const a = arrayOf(indices, who, temps);
    if (!isInteger(a.dtype)) throw new TypeError(`${who}: only int indices permitted`);
    const vals = hostInts(a, a.shape, temps);
    const cols = d.map(() => new Array<number>(vals.length));
    vals.forEach((v, i) => {
      if (v < 0 || v >= size) throw new RangeError(`${who}: index ${v} is out of bounds for array with size ${size}`);
      d.forEach((m, k) => { cols[k]![i] = Math.floor(v / strides[k]!) % m; });
    });
    return cols.map((c) => intArray(c, a.shape, a.device));
  });
}

/** np.indices(dimensions, { dtype, sparse }): the grid of indices, (N, *dims) or N sparse arrays. */
export function indices(dimensions: readonly number[], opts: { dtype?: DTypeLike; sparse?: boolean } = {}): NDArray | NDArray[] {
  const who = 'indices';
  const d = checkDims(dimensions, who);
  const dtype = opts.dtype === undefined ? 'int64' : toDType(opts.dtype, who);
  const parts = d.map((n, k) => {
    const r = arange(n, { dtype });
    const shape = d.map((m, j) => (opts.sparse ? (j === k ? m : 1) : m));
    const v = r._view(shape, shape.map((_, j) => (j === k ? 1 : 0)), 0);
    r.dispose();
    return v;
  });
  if (opts.sparse) {
    // Own each sparse array (a C-contiguous copy of the reshaped arange).
    return parts.map((p) => {
      const c = castArray(p, dtype);
      p.dispose();
      return c;
    });
  }
  const out = NDArray._empty([d.length, ...d], dtype);
  parts.forEach((p, k) => {
    const slot = out._view(d, out._strides.slice(1), k * (out._strides[0] ?? 0));
    castInto(p, slot);
    slot.dispose();
    p.dispose();
  });
  return out;
}


/** np.ix_(...seqs): open-mesh index arrays (bool sequences become their nonzero indices). */
export function ix_(...seqs: ArrayLike[]): NDArray[] {
  const who = 'ix_';
  const n = seqs.length;
  return withTemps((temps) => seqs.map((s, k) => {
    let a = arrayOf(s, who, temps);
    if (a.ndim !== 1) throw new RangeError(`${who}: Cross index must be 1 dimensional`);
    if (a.dtype === 'bool') {
      a = flatnonzero(a);
      temps.push(a);
    }
    const shape = Array<number>(n).fill(1);
    shape[k] = a.shape[0]!;
    const c = castArray(a, a.dtype);
    const out = c._view(shape, shape.map((_, j) => (j === k ? 1 : 0)), 0);
    c.dispose();
    return out;
  }));
}

function triIndices(n: number, k: number, m: number | undefined, upper: boolean, who: string): NDArray[] {
  const cols = m ?? n;
  if (!Number.isInteger(n) || !Number.isInteger(cols) || !Number.isInteger(k)) throw new TypeError(`${who}: n, k and m must be integers`);
  const rows: number[] = [];
  const cs: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < cols; j++) {
      if (upper ? j - i >= k : j - i <= k) {
        rows.push(i);
        cs.push(j);
      }
    }
  }
  return [intArray(rows, [rows.length]), intArray(cs, [cs.length])];
}

/** np.tril_indices(n, k = 0, m = n): the indices of the lower triangle of an (n, m) array. */
export function tril_indices(n: number, k = 0, m?: number): NDArray[] { return triIndices(n, k, m, false, 'tril_indices'); }
/** np.triu_indices(n, k = 0, m = n): the indices of the upper triangle of an (n, m) array. */
export function triu_indices(n: number, k = 0, m?: number): NDArray[] { return triIndices(n, k, m, true, 'triu_indices'); }

function from2d(arr: NDArray, who: string): [number, number] {
  arr._check(who);
  if (arr.ndim !== 2) throw new RangeError(`${who}: input array must be 2-d`);
  return [arr.shape[0]!, arr.shape[1]!];
}

export function tril_indices_from(arr: NDArray, k = 0): NDArray[] {
  const [n, m] = from2d(arr, 'tril_indices_from');
  return triIndices(n, k, m, false, 'tril_indices_from');
}

export function triu_indices_from(arr: NDArray, k = 0): NDArray[] {
  const [n, m] = from2d(arr, 'triu_indices_from');
  return triIndices(n, k, m, true, 'triu_indices_from');
}

/** np.diag_indices(n, ndim = 2): ndim copies of arange(n) (separate arrays here; NumPy repeats one). */
export function diag_indices(n: number, ndim = 2): NDArray[] {
  return Array.from({ length: ndim }, () => arange(n, { dtype: 'int64' }));
}

export function diag_indices_from(arr: NDArray): NDArray[] {
  const who = 'diag_indices_from';
  arr._check(who);
  if (arr.ndim < 2) throw new RangeError(`${who}: input array must be at least 2-d`);
  if (arr.shape.some((d) => d !== arr.shape[0])) throw new RangeError(`${who}: All dimensions of input must be of equal length`);
  return diag_indices(arr.shape[0]!, arr.ndim);
}
