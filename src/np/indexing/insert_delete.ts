// np.insert and np.delete, written as NumPy writes them: index arithmetic on the host, then
// indexed reads and writes (get/set) into a new array.
import { castArray } from '../../core/apply.js';
import { isInteger } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { normalizeAxis } from '../../core/shape.js';
import { ravel } from '../manip/views.js';
import type { ArrayLike } from '../sorting/common.js';
import { arrayOf, withTemps } from './common.js';
import { type IndexValue, getIndex, setIndex } from './get.js';
import { outOfBounds } from './ops.js';
import type { IndexPart } from './prepare.js';
import { Slice, sliceIndices } from './slice.js';
import { array } from '../creation/array.js';

export type InsertIndex = number | Slice | ArrayLike;

const ALL = new Slice(null, null, null);

/** The index parts selecting `part` along `axis`. */
const along = (axis: number, part: IndexPart): IndexPart[] => [...Array<IndexPart>(axis).fill(ALL), part];

/** Host copies of an integer (or bool) index array's values. */
function hostInts(a: NDArray): number[] {
  return [...(castArray(a, 'int64').dataSync() as BigInt64Array)].map(Number);
}

function flatAxis(arr: NDArray, axis: number | null | undefined, who: string, temps: NDArray[]): [NDArray, number] {
  if (axis === null || axis === undefined) {
    const r = ravel(arr);
    temps.push(r);
    return [r, 0];
  }
  return [arr, normalizeAxis(axis, arr.ndim, who)];
}

/** np.delete(arr, obj, { axis }): a new array without the entries `obj` along `axis` (null: flattened). */
export function delete_(arr: ArrayLike, obj: InsertIndex, opts: { axis?: number | null } = {}): NDArray {
  const who = 'delete';
  return withTemps((temps) => {
    const [a, axis] = flatAxis(arrayOf(arr, who, temps), opts.axis, who, temps);
    const n = a.shape[axis]!;
    const keep = new Uint8Array(n).fill(1);
    if (obj instanceof Slice) {
      const [start, step, len] = sliceIndices(obj, n, who);
      for (let k = 0; k < len; k++) keep[start + k * step] = 0;
    } else {
      const o = arrayOf(obj as ArrayLike, who, temps);
      if (o.dtype === 'bool') {
        if (o.ndim !== 1 || o.shape[0] !== n) {
          throw new RangeError(`${who}: boolean array argument obj to delete must be one dimensional and match the axis length of ${n}`);
        }
        const m = o.dataSync();
        for (let i = 0; i < n; i++) if (m[i]) keep[i] = 0;
      } else {
        if (!isInteger(o.dtype)) throw new RangeError(`${who}: arrays used as indices must be of integer (or boolean) type`);
        for (const v of hostInts(o)) {
          if (v < -n || v >= n) throw new RangeError(`${who}: ${outOfBounds(v, axis, n)}`);
          keep[v < 0 ? v + n : v] = 0;
        }
      }
    }
    const mask = NDArray._fromStorageData(keep, [n], 'bool', a.device);
    temps.push(mask);
    return getIndex(a, along(axis, mask), who);
  });
}

/** np.insert(arr, obj, values, { axis }): a new array with `values` inserted before `obj` along `axis`. */
export function insert(arr: ArrayLike, obj: InsertIndex, values: IndexValue, opts: { axis?: number | null } = {}): NDArray {
  const who = 'insert';
  return withTemps((temps) => {
    const [a, axis] = flatAxis(arrayOf(arr, who, temps), opts.axis, who, temps);
    const n = a.shape[axis]!;
    let indices: number[];
    let scalar = false;
    if (obj instanceof Slice) {
      const [start, step, len] = sliceIndices(obj, n, who);
      indices = Array.from({ length: len }, (_, k) => start + k * step);
    } else {
      const o = arrayOf(obj as ArrayLike, who, temps);
      if (o.ndim > 1) throw new RangeError(`${who}: index array argument obj to insert must be one dimensional or scalar`);
      if (!isInteger(o.dtype) && o.dtype !== 'bool' && o.size > 0) throw new RangeError(`${who}: arrays used as indices must be of integer (or boolean) type`);
      indices = o.size === 0 ? [] : hostInts(o);
      scalar = o.ndim === 0;
    }
    const newShape = [...a.shape];
    if (indices.length === 1) {
      let index = indices[0]!;
      if (index < -n || index > n) throw new RangeError(`${who}: index ${scalar ? index : `[${index}]`} is out of bounds for axis ${axis} with size ${n}`);
      if (index < 0) index += n;
      // values as an array of arr's dtype with at least arr.ndim dimensions (leading 1s)
      let v = values instanceof NDArray ? castArray(values, a.dtype) : array(values as never, { dtype: a.dtype, device: a.device });
      temps.push(v);
      if (v.ndim < a.ndim) {
        const pad = a.ndim - v.ndim;
        v = v._view([...Array<number>(pad).fill(1), ...v.shape], [...Array<number>(pad).fill(0), ...v._strides], v._offset);
        temps.push(v);
      }
      if (scalar) {
        // As NumPy: a scalar obj inserts like a[:, i] = v would broadcast (values' first axis moves to `axis`).
        const order = [...Array(v.ndim).keys()].slice(1);
        order.splice(axis, 0, 0);
        v = v._view(order.map((d) => v.shape[d]!), order.map((d) => v._strides[d]!), v._offset);
        temps.push(v);
      }
      const numnew = v.shape[axis]!;
      newShape[axis] = n + numnew;
      const out = NDArray._empty(newShape, a.dtype, a.device);
      try {
        const left = getIndex(a, along(axis, new Slice(null, index, null)), who);
        temps.push(left);
        setIndex(out, along(axis, new Slice(null, index, null)), left, who);
        setIndex(out, along(axis, new Slice(index, index + numnew, null)), v, who);
        const right = getIndex(a, along(axis, new Slice(index, null, null)), who);
        temps.push(right);
        setIndex(out, along(axis, new Slice(index + numnew, null, null)), right, who);
        return out;
      } catch (e) {
        out.dispose();
        throw e;
      }
    }
    const numnew = indices.length;
    const fixed = indices.map((i) => (i < 0 ? i + n : i));
    const order = [...fixed.keys()].sort((p, q) => fixed[p]! - fixed[q]! || p - q); // stable
    order.forEach((p, k) => { fixed[p] = fixed[p]! + k; });
    newShape[axis] = n + numnew;
    const oldMask = new Uint8Array(newShape[axis]!).fill(1);
    for (const i of fixed) {
      if (i < -newShape[axis]! || i >= newShape[axis]!) throw new RangeError(`${who}: ${outOfBounds(i, axis, newShape[axis]!)}`);
      oldMask[i < 0 ? i + newShape[axis]! : i] = 0;
    }
    const out = NDArray._empty(newShape, a.dtype, a.device);
    try {
      if (numnew > 0) {
        const idx = NDArray._fromStorageData(BigInt64Array.from(fixed, BigInt), [numnew], 'int64', a.device);
        temps.push(idx);
        setIndex(out, along(axis, idx), values, who);
      }
      const mask = NDArray._fromStorageData(oldMask, [newShape[axis]!], 'bool', a.device);
      temps.push(mask);
      setIndex(out, along(axis, mask), a, who);
      return out;
    } catch (e) {
      out.dispose();
      throw e;
    }
  });
}
