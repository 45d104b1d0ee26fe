// np.roll: a copy with elements shifted cyclically; per rolled axis one concatenate of two slices.
import type { NDArray } from '../../core/ndarray.js';
import { normalizeAxis } from '../../core/shape.js';
import { type ArrayLike, arraysOf, intsOf, sliceAxis, withTemps } from './common.js';
import { concatArrays } from './concatenate.js';
import { copy, ravel, reshape } from './views.js';

export interface RollOptions {
  /** Axes to roll (shifts and axes broadcast together; repeated axes add up); null rolls the flattened array. */
  axis?: number | readonly number[] | null;
}

/** np.roll: elements shifted by `shift` positions along the axes, wrapping around. */
export function roll(a: ArrayLike, shift: number | readonly number[], options: number | readonly number[] | null | RollOptions = {}): NDArray {
  const o = typeof options === 'number' || options === null || Array.isArray(options) ? { axis: options as number | readonly number[] | null } : options as RollOptions;
  const who = 'roll';
  return withTemps((owned) => {
    const [x] = arraysOf([a], who, owned);
    const sh = intsOf(shift, who, 'shift');
    if (o.axis === undefined || o.axis === null) {
      const flat = ravel(x!);
      owned.push(flat);
      const r = rollAxes(flat, sh.values, [0], sh.scalar, true, owned);
      owned.push(r);
      return reshape(r, x!.shape, who);
    }
    const axScalar = typeof o.axis === 'number';
    const axes = (axScalar ? [o.axis as number] : [...(o.axis as readonly number[])]).map((v) => normalizeAxis(v, x!.ndim, who));
    return rollAxes(x!, sh.values, axes, sh.scalar, axScalar, owned);
  });
}

function rollAxes(x: NDArray, shifts: number[], axes: number[], shiftScalar: boolean, axisScalar: boolean, owned: NDArray[]): NDArray {
  // np.broadcast(shift, axis): two 1-D sequences must have equal lengths (or one of length 1).
  let n = Math.max(shifts.length, axes.length);
  if (shiftScalar && axisScalar) n = 1;
  const fit = (v: number[], scalar: boolean): number[] => {
    if (scalar || v.length === 1) return Array(n).fill(v[0]!);
    if (v.length !== n) throw new RangeError('roll: shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 and arg 1.');
    return v;
  };
  const s = fit(shifts, shiftScalar), ax = fit(axes, axisScalar);
  const total = new Array<number>(x.ndim).fill(0);
  ax.forEach((a, i) => { total[a] = total[a]! + s[i]!; });
  let cur = x;
  let rolled = false;
  total.forEach((t, axis) => {
    const len = cur.shape[axis]!;
    if (len === 0) return;
    const off = ((t % len) + len) % len;
    if (off === 0) return;
    const tail = sliceAxis(cur, axis, len - off, null), head = sliceAxis(cur, axis, 0, len - off);
    owned.push(tail, head);
    const next = concatArrays('roll', [tail, head], axis, {});
    if (rolled) owned.push(cur);
    cur = next;
    rolled = true;
  });
  return rolled ? cur : copy(x);
}
