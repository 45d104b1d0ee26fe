// np.take, np.take_along_axis, np.put_along_axis: the gather/scatter along one axis.
import { guardWrite } from './write_guard.js';
import { castArray, castInto } from '../../core/apply.js';
import { isInteger } from '../../core/dtype.js';
import type { NDArray } from '../../core/ndarray.js';
import { broadcastStrides, fmtShapeC, normalizeAxis } from '../../core/shape.js';
import { arange } from '../creation/arange.js';
import { ravel } from '../manip/views.js';
import type { ArrayLike } from '../sorting/common.js';
import { arrayOf, axisFirst, checkMode, flatView, indexArrayOf, intoOut, withTemps } from './common.js';
import { type IndexValue, gather, scatter } from './get.js';
import type { IndexMode } from './ops.js';
import { valueArray } from './prepare.js';

export interface TakeOptions {
  /** The axis to take along; null (default) takes from the flattened array. */
  axis?: number | null;
  mode?: IndexMode;
  out?: NDArray;
}

/**
 * np.take(a, indices, { axis, mode, out }): the elements of `a` at `indices` along `axis`; the
 * result's shape is a.shape[:axis] + indices.shape + a.shape[axis+1:]. mode 'raise' (default)
 * checks bounds (negative indices count from the end), 'wrap' wraps, 'clip' clips (and so no
 * index counts from the end).
 */
export function take(a: NDArray, indices: ArrayLike, opts: TakeOptions = {}): NDArray {
  const who = 'take';
  a._check(who);
  const mode = checkMode(opts.mode, who);
  const result = withTemps((temps) => {
    let x = a;
    if (opts.axis === null || opts.axis === undefined) {
      x = ravel(a);
      temps.push(x);
    }
    const ax = opts.axis === null || opts.axis === undefined ? 0 : normalizeAxis(opts.axis, a.ndim, who);
    const idx = indexArrayOf(indices, who, temps, 'same_kind');
    // NumPy's take loops over the axes before `axis` outside the index check: none, no check.
    const before = x.shape.slice(0, ax).reduce((p, q) => p * q, 1);
    return gather(axisFirst(x, ax, temps), [idx], { mode: before === 0 ? 'wrap' : mode, bshape: idx.shape, pos: ax, axes: [ax] }, who);
  });
  return opts.out ? intoOut(result, opts.out, who) : result;
}

/**
 * The index arrays NumPy's _make_along_axis_idx builds: `indices` for `axis`, aranges shaped to
 * broadcast along every other axis.
 */
function alongAxis(arr: NDArray, indices: NDArray, axis: number, temps: NDArray[]): NDArray[] {
  const nd = arr.ndim;
  return [...Array(nd).keys()].map((d) => {
    if (d === axis) return indices;
    const r = arange(arr.shape[d]!, { dtype: 'int64' });
    temps.push(r);
    const shape = Array<number>(nd).fill(1);
    shape[d] = arr.shape[d]!;
    const v = r._view(shape, shape.map((_, i) => (i === d ? 1 : 0)), 0);
    temps.push(v);
    return v;
  });
}

interface Along { arr: NDArray; idx: NDArray[]; bshape: number[]; axes: number[] }

function prepareAlong(arr: NDArray, indices: ArrayLike, axis: number | null, who: string, temps: NDArray[]): Along {
  arr._check(who);
  let x = arr;
  const ind = arrayOf(indices, who, temps);
  if (!isInteger(ind.dtype)) {
    throw new RangeError(`${who}: \`indices\` must be an integer array`);
  }
  let ax: number;
  if (axis === null) {
    if (ind.ndim !== 1) throw new RangeError(`${who}: when axis=None, \`indices\` must have a single dimension.`);
    x = ravel(arr);
    temps.push(x);
    ax = 0;
  } else {
    ax = normalizeAxis(axis, arr.ndim, who);
    if (ind.ndim !== arr.ndim) throw new RangeError(`${who}: \`indices\` and \`arr\` must have the same number of dimensions`);
  }
  const idx = alongAxis(x, ind, ax, temps);
  // The broadcast of the index arrays (NumPy's fancy indexing message on mismatch).
  const shapes = idx.map((i) => i.shape);
  const nd = x.ndim;
  const bshape = [...Array(nd).keys()].map((d) => shapes.find((s) => s[d] !== 1)?.[d] ?? 1);
  for (const s of shapes) {
    if (s.some((v, d) => v !== 1 && v !== bshape[d])) {
      throw new RangeError(`${who}: shape mismatch: indexing arrays could not be broadcast together with shapes ${shapes.map(fmtShapeC).join(' ')}`);
    }
  }
  const b = idx.map((i) => {
    const v = i._view(bshape, broadcastStrides(i.shape, i._strides, bshape), i._offset);
    temps.push(v);
    return v;
  });
  return { arr: x, idx: b, bshape, axes: [...Array(nd).keys()] };
}

/** np.take_along_axis(arr, indices, { axis }) (axis default -1; null: the flattened array). */
export function take_along_axis(arr: NDArray, indices: ArrayLike, opts: { axis?: number | null } = {}): NDArray {
  const who = 'take_along_axis';
  return withTemps((temps) => {
    const p = prepareAlong(arr, indices, opts.axis === undefined ? -1 : opts.axis, who, temps);
    return gather(p.arr, p.idx, { mode: 'raise', bshape: p.bshape, pos: 0, axes: p.axes }, who);
  });
}

/** np.put_along_axis(arr, indices, values, { axis }): arr[along-axis indices] = values, in place. */
export function put_along_axis(arr: NDArray, indices: ArrayLike, values: IndexValue, opts: { axis?: number | null } = {}): void {
  const who = 'put_along_axis';
  arr._check(who);
  guardWrite(arr, [values]);
  withTemps((temps) => {
    const axis = opts.axis === undefined ? -1 : opts.axis;
    // axis=null writes through arr's flat view: a C-contiguous copy written back when arr is not.
    const copyBack = axis === null && !arr.flags.c_contiguous;
    const target = copyBack ? castArray(arr, arr.dtype) : arr;
    if (copyBack) temps.push(target);
    const p = prepareAlong(target, indices, axis, who, temps);
    const dst = axis === null ? flatView(target, temps) : target;
    const val = valueArray(arr, values, who, temps);
    const bs = p.bshape;
    if (val.ndim > bs.length || val.shape.some((d, i) => d !== 1 && d !== bs[bs.length - val.ndim + i])) {
      throw new RangeError(`${who}: shape mismatch: value array of shape ${fmtShapeC(val.shape)} could not be broadcast to indexing result of shape ${fmtShapeC(bs)}`);
    }
    const bv = val._view(bs, broadcastStrides(val.shape, val._strides, bs), val._offset);
    temps.push(bv);
    scatter(dst, bv, p.idx, { mode: 'raise', bshape: bs, pos: 0, axes: p.axes }, who);
    if (copyBack) castInto(target, arr);
  });
}
