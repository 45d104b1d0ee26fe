// np.flip, flipud, fliplr and rot90: views with negative strides, as NumPy makes them.
import { applyMovement } from '../../core/movement.js';
import type { NDArray } from '../../core/ndarray.js';
import { type ArrayLike, arraysOf, axisTuple, wholeView, withTemps } from './common.js';
import { flipOp } from './ops.js';
import { transposeOp } from './views.js';

export interface FlipOptions {
  axis?: number | readonly number[] | null;
}

function flipAxes(a: NDArray, axes: readonly number[]): NDArray {
  return applyMovement(flipOp, a, { axes });
}

/** np.flip: reverses the order of elements along `axis` (all axes when omitted). */
export function flip(m: ArrayLike, options?: number | readonly number[] | null | FlipOptions): NDArray {
  const axis = options !== null && typeof options === 'object' && !Array.isArray(options) ? (options as FlipOptions).axis : (options as number | readonly number[] | null | undefined);
  return withTemps((owned) => {
    const [a] = arraysOf([m], 'flip', owned);
    const axes = axis === undefined || axis === null ? [...a!.shape.keys()] : axisTuple(axis, a!.ndim, 'flip');
    return flipAxes(a!, axes);
  });
}

/** np.flipud: flips axis 0 (the array must be at least 1-D). */
export function flipud(m: ArrayLike): NDArray {
  return withTemps((owned) => {
    const [a] = arraysOf([m], 'flipud', owned);
    if (a!.ndim < 1) throw new RangeError('flipud: Input must be >= 1-d.');
    return flipAxes(a!, [0]);
  });
}

/** np.fliplr: flips axis 1 (the array must be at least 2-D). */
export function fliplr(m: ArrayLike): NDArray {
  return withTemps((owned) => {
    const [a] = arraysOf([m], 'fliplr', owned);
    if (a!.ndim < 2) throw new RangeError('fliplr: Input must be >= 2-d.');
    return flipAxes(a!, [1]);
  });
}

export interface Rot90Options {
  /** Number of quarter turns (default 1; negative turns the other way). */
  k?: number;
  /** The plane to rotate in, from the first axis towards the second (default [0, 1]). */
  axes?: readonly [number, number] | readonly number[];
}

/** np.rot90: a view rotated by 90° `k` times in the plane `axes` (flips and a transpose). */
export function rot90(m: ArrayLike, options: number | Rot90Options = {}): NDArray {
  const o = typeof options === 'number' ? { k: options } : options;
  return withTemps((owned) => {
    const [a] = arraysOf([m], 'rot90', owned);
    const axes = [...(o.axes ?? [0, 1])];
    const nd = a!.ndim;
    if (axes.length !== 2) throw new RangeError('rot90: len(axes) must be 2.');
    const [a0, a1] = axes as [number, number];
    if (a0 === a1 || Math.abs(a0 - a1) === nd) throw new RangeError('rot90: Axes must be different.');
    if (a0 >= nd || a0 < -nd || a1 >= nd || a1 < -nd) {
      throw new RangeError(`rot90: Axes=(${a0}, ${a1}) out of range for array of ndim=${nd}.`);
    }
    const k = (((o.k ?? 1) % 4) + 4) % 4;
    const [x0, x1] = [a0 < 0 ? a0 + nd : a0, a1 < 0 ? a1 + nd : a1];
    if (k === 0) return wholeView(a!);
    if (k === 2) return flipAxes(a!, [x0, x1]);
    const perm = [...Array(nd).keys()];
    [perm[x0], perm[x1]] = [perm[x1]!, perm[x0]!];
    if (k === 1) {
      const f = flipAxes(a!, [x1]);
      owned.push(f);
      return applyMovement(transposeOp, f, { axes: perm });
    }
    const t = applyMovement(transposeOp, a!, { axes: perm });
    owned.push(t);
    return flipAxes(t, [x1]);
  });
}
