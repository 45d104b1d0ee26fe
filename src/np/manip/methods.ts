// NDArray methods of the shape-manipulation family (declaration merging, as src/np/methods.ts does).
import { NDArray } from '../../core/ndarray.js';
import { matrix_transpose, swapaxes } from './axes.js';
import { type SqueezeOptions, squeeze } from './dims.js';
import { type RepeatOptions, repeat } from './repeat.js';

declare module '../../core/ndarray.js' {
  interface NDArray {
    /** ndarray.swapaxes(axis1, axis2): a view (np.swapaxes). */
    swapaxes(axis1: number, axis2: number): NDArray;
    /** ndarray.squeeze(axis?): a view without size-1 axes (np.squeeze). */
    squeeze(axis?: number | readonly number[] | null | SqueezeOptions): NDArray;
    /** ndarray.repeat(repeats, axis?): a copy (np.repeat). */
    repeat(repeats: number | readonly number[] | NDArray, axis?: number | null | RepeatOptions): NDArray;
    /** ndarray.mT: the last two axes swapped, a view (np.matrix_transpose). */
    readonly mT: NDArray;
  }
}

type P = NDArray;

Object.assign(NDArray.prototype, {
  swapaxes(this: P, a1: number, a2: number) { return swapaxes(this, a1, a2); },
  squeeze(this: P, axis?: number | readonly number[] | null | SqueezeOptions) { return squeeze(this, axis); },
  repeat(this: P, r: number | readonly number[] | NDArray, axis?: number | null | RepeatOptions) { return repeat(this, r, axis ?? null); },
});

Object.defineProperty(NDArray.prototype, 'mT', {
  get(this: P) { return matrix_transpose(this); },
  configurable: true,
});
