// Axis permutations, all views through the transpose movement op: permute_dims, matrix_transpose,
// swapaxes, moveaxis, rollaxis.
import { applyMovement } from '../../core/movement.js';
import type { NDArray } from '../../core/ndarray.js';
import { normalizeAxis } from '../../core/shape.js';
import { type ArrayLike, axisTuple, withTemps, arraysOf, wholeView } from './common.js';
import { transpose, transposeOp } from './views.js';

const permuted = (a: ArrayLike, who: string, perm: (x: NDArray) => number[] | null): NDArray =>
  withTemps((owned) => {
    const [x] = arraysOf([a], who, owned);
    const p = perm(x!);
    return p === null ? wholeView(x!) : applyMovement(transposeOp, x!, { axes: p });
  });

/** np.permute_dims (the Array API's transpose): axes reversed when omitted. */
export function permute_dims(a: ArrayLike, axes?: readonly number[] | null): NDArray {
  return withTemps((owned) => {
    const [x] = arraysOf([a], 'permute_dims', owned);
    return transpose(x!, axes ?? undefined, 'permute_dims');
  });
}

/** np.matrix_transpose: swaps the last two axes. */
export function matrix_transpose(a: ArrayLike): NDArray {
  return permuted(a, 'matrix_transpose', (x) => {
    const nd = x.ndim;
    if (nd < 2) throw new RangeError(`matrix_transpose: Input array must be at least 2-dimensional, but it is ${nd}`);
    const p = [...Array(nd).keys()];
    [p[nd - 2], p[nd - 1]] = [p[nd - 1]!, p[nd - 2]!];
    return p;
  });
}

/** np.swapaxes: a view with two axes interchanged. */
export function swapaxes(a: ArrayLike, axis1: number, axis2: number): NDArray {
  return permuted(a, 'swapaxes', (x) => {
    const i = normalizeAxis(axis1, x.ndim, 'swapaxes'), j = normalizeAxis(axis2, x.ndim, 'swapaxes');
    const p = [...Array(x.ndim).keys()];
    [p[i], p[j]] = [j, i];
    return p;
  });
}

/** np.moveaxis: moves axes `source` to positions `destination`, the others keep their order. */
export function moveaxis(a: ArrayLike, source: number | readonly number[], destination: number | readonly number[]): NDArray {
  return permuted(a, 'moveaxis', (x) => {
    const nd = x.ndim;
    const src = axisTuple(source, nd, 'moveaxis', 'source');
    const dst = axisTuple(destination, nd, 'moveaxis', 'destination');
    if (src.length !== dst.length) {
      throw new RangeError('moveaxis: `source` and `destination` arguments must have the same number of elements');
    }
    const order = [...Array(nd).keys()].filter((n) => !src.includes(n));
    [...dst.keys()].sort((p, q) => dst[p]! - dst[q]!).forEach((k) => order.splice(dst[k]!, 0, src[k]!));
    return order;
  });
}

/** np.rollaxis: moves `axis` back until it lies before `start` (NumPy's older moveaxis). */
export function rollaxis(a: ArrayLike, axis: number, start = 0): NDArray {
  return permuted(a, 'rollaxis', (x) => {
    const n = x.ndim;
    const ax = normalizeAxis(axis, n, 'rollaxis');
    let st = start < 0 ? start + n : start;
    if (!Number.isInteger(start) || !(st >= 0 && st < n + 1)) {
      throw new RangeError(`rollaxis: 'start' arg requires ${-n} <= start < ${n + 1}, but ${start} was passed in`);
    }
    if (ax < st) st -= 1;
    if (ax === st) return null;
    const p = [...Array(n).keys()].filter((i) => i !== ax);
    p.splice(st, 0, ax);
    return p;
  });
}
