// a.get(...) / a.set(..., value): NumPy's a[index] and a[index] = value.
import { castInto } from '../../core/apply.js';
import { applyMovement } from '../../core/movement.js';
import { NDArray, type Scalar } from '../../core/ndarray.js';
import { applyOpaque } from '../../core/opaque.js';
import { broadcastStrides, fmtShapeC } from '../../core/shape.js';
import { context } from '../../core/context.js';
import { recordedIndexOperands } from './recorded.js';
import { recordedSet } from './set_grad.js';
import { isFloat } from '../../core/dtype.js';
import { guardWrite } from './write_guard.js';
import { type IndexArraysAttrs, basicIndexOp, gatherOp, placedShape, scatterOp } from './ops.js';
import { type IndexPart, basicView, indexOperands, prepareIndex, valueArray } from './prepare.js';

/** What `set` accepts as a value: an array, a JS scalar or a nested list. */
export type IndexValue = NDArray | Scalar | readonly unknown[];

function disposeAll(xs: readonly NDArray[]): void {
  for (const x of xs) x.dispose();
}

/**
 * a[index]: basic indexing (integers, slices, newaxis, ellipsis) gives a view; integer-array and
 * boolean indexing give a new array (one gather for all index arrays).
 */
export function getIndex(a: NDArray, parts: readonly IndexPart[], who = 'get'): NDArray {
  a._check(who);
  const plan = prepareIndex(a, parts, who);
  const temps = plan.temps;
  try {
    if (!plan.advanced) return applyMovement(basicIndexOp, a, { items: plan.basic });
    // (recorded views while recording, so that the gather's gradient reaches `a`)
    const { arr, idx } = context.recorders.length ? recordedIndexOperands(a, plan, temps) : indexOperands(temps[temps.push(basicView(a, plan.basic)) - 1]!, plan, temps);
    return gather(arr, idx, { mode: 'raise', bshape: plan.bshape, pos: plan.pos, axes: plan.axes }, who);
  } finally {
    disposeAll(temps);
  }
}

/** The gather op with the op's name on its errors. */
export function gather(arr: NDArray, idx: readonly NDArray[], attrs: IndexArraysAttrs, who: string): NDArray {
  if (idx.length > 14) throw new RangeError(`${who}: at most 14 index arrays are supported in one indexing operation`);
  try {
    return applyOpaque(gatherOp, [arr, ...idx], attrs)[0]!;
  } catch (e) {
    if (e instanceof RangeError && !e.message.startsWith(`${who}:`)) e.message = `${who}: ${e.message}`;
    throw e;
  }
}

/** The scatter op (writes `values`, shaped as the gather's result, into `arr`). */
export function scatter(arr: NDArray, values: NDArray, idx: readonly NDArray[], attrs: IndexArraysAttrs, who: string): void {
  if (idx.length > 14) throw new RangeError(`${who}: at most 14 index arrays are supported in one indexing operation`);
  try {
    applyOpaque(scatterOp, [arr, values, ...idx], attrs);
    arr._storage.version++; // a write: autograd sees the change (write_guard.ts)
  } catch (e) {
    if (e instanceof RangeError && !e.message.startsWith(`${who}:`)) e.message = `${who}: ${e.message}`;
    throw e;
  }
}

/** `value` with leading unit dimensions dropped down to `ndim` (NumPy's setitem allows them). */
function squeezeLeading(v: NDArray, ndim: number): NDArray {
  let k = 0;
  while (v.ndim - k > ndim && v.shape[k] === 1) k++;
  return k === 0 ? v : v._view(v.shape.slice(k), v._strides.slice(k), v._offset);
}

function broadcastsTo(from: readonly number[], to: readonly number[]): boolean {
  if (from.length > to.length) return false;
  const off = to.length - from.length;
  return from.every((d, i) => d === 1 || d === to[off + i]);
}

/**
 * a[index] = value, in place, with NumPy's broadcasting and unsafe casting. With repeated indices
 * in an index array the last write (in C order of the index arrays) wins, as NumPy does.
 */
export function setIndex(a: NDArray, parts: readonly IndexPart[], value: IndexValue, who = 'set'): void {
  a._check(who);
  // While recording, a float target is rebound to a differentiable index_set node (set_grad.ts).
  if (context.recorders.length && isFloat(a.dtype)) return recordedSet(a, parts, value, who, setRaw);
  guardWrite(a, [value, ...parts]);
  setRaw(a, parts, value, who);
}

/** The write itself (not recorded). */
function setRaw(a: NDArray, parts: readonly IndexPart[], value: IndexValue, who: string): void {
  const plan = prepareIndex(a, parts, who);
  const temps = plan.temps;
  try {
    const val = valueArray(a, value, who, temps);
    const v = basicView(a, plan.basic);
    temps.push(v);
    if (!plan.advanced) {
      const sq = squeezeLeading(val, v.ndim);
      if (sq !== val) temps.push(sq);
      if (!broadcastsTo(sq.shape, v.shape)) {
        throw new RangeError(`${who}: could not broadcast input array from shape ${fmtShapeC(val.shape)} into shape ${fmtShapeC(v.shape)}`);
      }
      castInto(sq, v);
      return;
    }
    const { arr, idx, rest } = indexOperands(v, plan, temps);
    const target = placedShape(rest, plan);
    const sq = squeezeLeading(val, target.length);
    if (sq !== val) temps.push(sq);
    if (!broadcastsTo(sq.shape, target)) {
      const n = target.reduce((p, q) => p * q, 1);
      throw new RangeError(
        plan.fullMask && sq.ndim === 1
          ? `${who}: NumPy boolean array indexing assignment cannot assign ${sq.shape[0]} input values to the ${n} output values where the mask is true`
          : `${who}: shape mismatch: value array of shape ${fmtShapeC(val.shape)} could not be broadcast to indexing result of shape ${fmtShapeC(target)}`,
      );
    }
    const bv = sq._view(target, broadcastStrides(sq.shape, sq._strides, target), sq._offset);
    temps.push(bv);
    scatter(arr, bv, idx, { mode: 'raise', bshape: plan.bshape, pos: plan.pos, axes: plan.axes }, who);
  } finally {
    disposeAll(temps);
  }
}
