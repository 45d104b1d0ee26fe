// np.resize (the flattened values repeated cyclically into a new shape, a copy) and np.trim_zeros
// (a view without the leading/trailing zeros).
import { NDArray } from '../../core/ndarray.js';
import { zeros } from '../creation/basic.js';
import { type ArrayLike, arraysOf, leaves, axisTuple, sliceAxis, viewAs, withTemps } from './common.js';
import { tile } from './repeat.js';
import { ravel } from './views.js';

/** np.resize: a new array of `new_shape` filled with `a`'s values repeated in C order. */
export function resize(a: ArrayLike, new_shape: number | readonly number[]): NDArray {
  const who = 'resize';
  const shape = typeof new_shape === 'number' ? [new_shape] : [...new_shape];
  for (const d of shape) if (!Number.isInteger(d)) throw new TypeError(`${who}: new_shape entries must be integers, got ${d}`);
  if (shape.some((d) => d < 0)) throw new RangeError(`${who}: all elements of \`new_shape\` must be non-negative`);
  return withTemps((owned) => {
    const [x] = arraysOf([a], who, owned);
    const size = shape.reduce((m, d) => m * d, 1);
    if (x!.size === 0 || size === 0) return zeros(shape, { dtype: x!.dtype, device: x!.device });
    const flat = ravel(x!);
    owned.push(flat);
    const reps = Math.ceil(size / x!.size);
    const t = tile(flat, reps);
    owned.push(t);
    const part = sliceAxis(t, 0, 0, size);
    owned.push(part);
    return viewAs(part, shape);
  });
}

/** np.trim_zeros: `filt` without its leading ('f') and/or trailing ('b') zeros, along every axis or one. */
export function trim_zeros(filt: ArrayLike, trim = 'fb', options: { axis?: number | readonly number[] | null } = {}): NDArray {
  const who = 'trim_zeros';
  const t = trim.toLowerCase();
  if (!['fb', 'bf', 'f', 'b'].includes(t)) throw new RangeError(`${who}: unexpected character(s) in \`trim\`: '${trim}'`);
  return withTemps((owned) => {
    const [x] = arraysOf([filt], who, owned);
    const a = x!;
    const nd = a.ndim;
    const axes = options.axis === undefined || options.axis === null ? null : axisTuple(options.axis, nd, who);
    // Bounds of the nonzero elements per axis, from the values read on the host.
    const vals = a.size === 0 ? [] : leaves(a.tolist());
    const lo = new Array<number>(nd).fill(Infinity), hi = new Array<number>(nd).fill(-1);
    const idx = new Array<number>(nd).fill(0);
    for (let k = 0; k < vals.length; k++) {
      const v = vals[k];
      if (v !== 0 && v !== 0n && v !== false) {
        for (let d = 0; d < nd; d++) {
          if (idx[d]! < lo[d]!) lo[d] = idx[d]!;
          if (idx[d]! > hi[d]!) hi[d] = idx[d]!;
        }
      }
      for (let d = nd - 1; d >= 0; d--) {
        if (++idx[d]! < a.shape[d]!) break;
        idx[d] = 0;
      }
    }
    const none = hi.every((h) => h < 0) || nd === 0;
    let cur = a;
    for (let d = 0; d < nd; d++) {
      if (axes !== null && !axes.includes(d)) continue;
      // All zeros: an empty slice whichever ends are trimmed (as NumPy).
      const start = none ? 0 : !t.includes('f') ? null : lo[d]!;
      const stop = none ? 0 : !t.includes('b') ? null : hi[d]! + 1;
      cur = sliceAxis(cur, d, start, stop);
      owned.push(cur);
    }
    if (cur === a) return viewAs(a, a.shape);
    owned.splice(owned.indexOf(cur), 1);
    return cur;
  });
}
