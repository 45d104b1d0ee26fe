// NDArray.matmul / NDArray.dot (the `@` operator and ndarray.dot).
import { NDArray } from '../../core/ndarray.js';
import type { ArrayLike } from './common.js';
import { type MatmulOptions, matmul } from './matmul.js';
import { type DotOptions, dot } from './products.js';

declare module '../../core/ndarray.js' {
  interface NDArray {
    /** `a @ b` (np.matmul). */
    matmul(other: ArrayLike, options?: MatmulOptions): NDArray;
    /** ndarray.dot (np.dot). */
    dot(other: ArrayLike, options?: DotOptions): NDArray;
  }
}

NDArray.prototype.matmul = function (this: NDArray, other: ArrayLike, options?: MatmulOptions): NDArray {
  return matmul(this, other, options);
};
NDArray.prototype.dot = function (this: NDArray, other: ArrayLike, options?: DotOptions): NDArray {
  return dot(this, other, options);
};
