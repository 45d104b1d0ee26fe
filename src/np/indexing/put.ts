// np.put, np.putmask, np.place: flat-index writes, values repeated cyclically as NumPy reads them.
import { guardWrite } from './write_guard.js';
import { castArray, castInto } from '../../core/apply.js';
import { NDArray } from '../../core/ndarray.js';
import { flatnonzero } from '../sorting/nonzero.js';
import type { ArrayLike } from '../sorting/common.js';
import { arrayOf, checkMode, cyclic, flatView, indexArrayOf, withTemps } from './common.js';
import { type IndexValue, scatter } from './get.js';
import type { IndexMode } from './ops.js';
import { valueArray } from './prepare.js';

/**
 * Runs `write` on a flat view of `a`: `a` itself when C-contiguous, else a copy written back after
 * (NumPy's WRITEBACKIFCOPY).
 */
function onFlat(a: NDArray, temps: NDArray[], write: (flat: NDArray) => void): void {
  const contiguous = a.flags.c_contiguous;
  const target = contiguous ? a : castArray(a, a.dtype);
  if (!contiguous) temps.push(target);
  write(flatView(target, temps));
  if (!contiguous) castInto(target, a);
}

function raveledValues(a: NDArray, v: IndexValue, who: string, temps: NDArray[]): NDArray {
  const val = valueArray(a, v, who, temps);
  if (val.flags.c_contiguous) {
    const f = val._view([val.size], [1], val._offset);
    temps.push(f);
    return f;
  }
  const c = castArray(val, val.dtype);
  temps.push(c);
  return c._view([c.size], [1], 0);
}

/**
 * np.put(a, ind, v, { mode }): a.flat[ind] = v in place, v repeated as needed. Repeated indices:
 * the last one wins.
 */
export function put(a: NDArray, ind: ArrayLike, v: IndexValue, opts: { mode?: IndexMode } = {}): void {
  const who = 'put';
  a._check(who);
  guardWrite(a, [ind, v]);
  const mode = checkMode(opts.mode, who);
  withTemps((temps) => {
    const idx = indexArrayOf(ind, who, temps);
    const vals = raveledValues(a, v, who, temps);
    if (idx.size === 0 || vals.size === 0) return;
    const values = cyclic(vals, idx.size, who, temps);
    let flatIdx = idx;
    if (idx.ndim !== 1) {
      const c = idx.flags.c_contiguous ? idx : castArray(idx, idx.dtype);
      if (c !== idx) temps.push(c);
      flatIdx = c._view([idx.size], [1], c._offset);
      temps.push(flatIdx);
    }
    if (a.size === 0) throw new RangeError(`${who}: cannot replace elements of an empty array`);
    onFlat(a, temps, (flat) => scatter(flat, values, [flatIdx], { mode, bshape: [idx.size], pos: 0, axes: [0] }, who));
  });
}

/** The flat positions where `mask` (the same size as `a`) is true. */
function maskPositions(a: NDArray, mask: ArrayLike, who: string, temps: NDArray[]): NDArray {
  const m = arrayOf(mask, who, temps);
  if (m.size !== a.size) throw new RangeError(`${who}: mask and data must be the same size`);
  const pos = flatnonzero(m);
  temps.push(pos);
  return pos;
}

/** np.putmask(a, mask, values): a.flat[n] = values.flat[n % values.size] where mask.flat[n], in place. */
export function putmask(a: NDArray, mask: ArrayLike, values: IndexValue): void {
  const who = 'putmask';
  a._check(who);
  guardWrite(a, [values]);
  withTemps((temps) => {
    const pos = maskPositions(a, mask, who, temps);
    const vals = raveledValues(a, values, who, temps);
    if (pos.size === 0 || vals.size === 0) return;
    const v = cyclic(vals, pos.size, who, temps, pos);
    onFlat(a, temps, (flat) => scatter(flat, v, [pos], { mode: 'raise', bshape: [pos.size], pos: 0, axes: [0] }, who));
  });
}

/** np.place(arr, mask, vals): the true positions of mask get vals in order, repeated as needed. */
export function place(arr: NDArray, mask: ArrayLike, vals: IndexValue): void {
  const who = 'place';
  arr._check(who);
  guardWrite(arr, [vals]);
  withTemps((temps) => {
    const pos = maskPositions(arr, mask, who, temps);
    const v0 = raveledValues(arr, vals, who, temps);
    if (pos.size === 0) return;
    if (v0.size === 0) throw new RangeError(`${who}: Cannot insert from an empty array!`);
    const v = cyclic(v0, pos.size, who, temps);
    onFlat(arr, temps, (flat) => scatter(flat, v, [pos], { mode: 'raise', bshape: [pos.size], pos: 0, axes: [0] }, who));
  });
}
