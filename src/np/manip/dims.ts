// Adding and removing size-1 axes, all views: expand_dims (NumPy reshapes), squeeze (NumPy drops
// the axes keeping the other strides), atleast_1d/2d/3d.
import { applyMovement } from '../../core/movement.js';
import type { NDArray } from '../../core/ndarray.js';

import { type ArrayLike, arraysOf, axisTuple, viewAs, withTemps } from './common.js';
import { squeezeOp } from './ops.js';

/** np.expand_dims: size-1 axes inserted at `axis` (positions in the result). */
export function expand_dims(a: ArrayLike, axis: number | readonly number[]): NDArray {
  return withTemps((owned) => {
    const [x] = arraysOf([a], 'expand_dims', owned);
    const outNd = (typeof axis === 'number' ? 1 : axis.length) + x!.ndim;
    const axes = axisTuple(axis, outNd, 'expand_dims');
    let k = 0;
    const shape = [...Array(outNd).keys()].map((i) => (axes.includes(i) ? 1 : x!.shape[k++]!));
    return viewAs(x!, shape);
  });
}

export interface SqueezeOptions {
  axis?: number | readonly number[] | null;
}

/** np.squeeze: removes size-1 axes (all of them, or those in `axis`, which must have size 1). */
export function squeeze(a: ArrayLike, axis?: number | readonly number[] | null | SqueezeOptions): NDArray {
  const ax = axis !== null && typeof axis === 'object' && !Array.isArray(axis) ? (axis as SqueezeOptions).axis : (axis as number | readonly number[] | null | undefined);
  return withTemps((owned) => {
    const [x] = arraysOf([a], 'squeeze', owned);
    let axes: number[];
    if (ax === undefined || ax === null) axes = [...x!.shape.keys()].filter((i) => x!.shape[i] === 1);
    else if (x!.ndim === 0 && (ax === 0 || ax === -1)) axes = []; // NumPy accepts these for 0-d arrays
    else {
      axes = axisTuple(ax, x!.ndim, 'squeeze');
      if (axes.some((i) => x!.shape[i] !== 1)) {
        throw new RangeError('squeeze: cannot select an axis to squeeze out which has size not equal to one');
      }
    }
    return applyMovement(squeezeOp, x!, { axes });
  });
}

/** The shape NumPy's atleast_Nd gives an array of shape `s`. */
function atleastShape(s: readonly number[], n: 1 | 2 | 3): number[] {
  if (s.length >= n) return [...s];
  if (n === 1) return [1];
  if (n === 2) return s.length === 0 ? [1, 1] : [1, s[0]!];
  if (s.length === 0) return [1, 1, 1];
  if (s.length === 1) return [1, s[0]!, 1];
  return [s[0]!, s[1]!, 1];
}

function atleast(n: 1 | 2 | 3, arys: readonly ArrayLike[]): NDArray | NDArray[] {
  const who = `atleast_${n}d`;
  const out = withTemps((owned) => {
    const xs = arraysOf(arys, who, owned);
    const res: NDArray[] = [];
    try {
      for (const x of xs) res.push(viewAs(x, atleastShape(x.shape, n)));
    } catch (e) {
      for (const r of res) r.dispose();
      throw e;
    }
    return res;
  });
  return out.length === 1 ? out[0]! : out;
}

/** np.atleast_1d: views with at least one dimension (an array of them for several inputs). */
export function atleast_1d(a: ArrayLike): NDArray;
export function atleast_1d(...arys: ArrayLike[]): NDArray | NDArray[];
export function atleast_1d(...arys: ArrayLike[]): NDArray | NDArray[] { return atleast(1, arys); }

/** np.atleast_2d: views with at least two dimensions (a 1-D array becomes a row). */
export function atleast_2d(a: ArrayLike): NDArray;
export function atleast_2d(...arys: ArrayLike[]): NDArray | NDArray[];
export function atleast_2d(...arys: ArrayLike[]): NDArray | NDArray[] { return atleast(2, arys); }

/** np.atleast_3d: views with at least three dimensions ((N,) → (1, N, 1), (M, N) → (M, N, 1)). */
export function atleast_3d(a: ArrayLike): NDArray;
export function atleast_3d(...arys: ArrayLike[]): NDArray | NDArray[];
export function atleast_3d(...arys: ArrayLike[]): NDArray | NDArray[] { return atleast(3, arys); }

/** Internal: the views atleast_Nd gives, always as a list (for the stacking functions). */
export function atleastList(n: 1 | 2 | 3, xs: readonly NDArray[]): NDArray[] {
  const out = atleast(n, xs);
  return Array.isArray(out) ? out : [out];
}

