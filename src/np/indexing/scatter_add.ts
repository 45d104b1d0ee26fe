// The gradient of a gather: the output gradient added (not written: repeated indices accumulate,
// as np.add.at) into zeros of the source's shape. One bincount over the flat source position of
// every gathered element, so it is recorded (bincount's weights have a gradient: a gather again)
// and runs wherever bincount does.
import type { NDArray } from '../../core/ndarray.js';
import { arange } from '../creation/arange.js';
import { clip } from '../math/clip.js';
import { remainder } from '../math/remainder.js';
import { broadcast_to } from '../manip/broadcast.js';
import { ravel } from '../manip/views.js';
import { bincount } from '../sorting/bincount.js';
import type { IndexArraysAttrs } from './ops.js';

const prod = (xs: readonly number[]): number => xs.reduce((m, d) => m * d, 1);

/**
 * out = zeros(srcShape); out[idx_0, …, idx_{K-1}, rest…] += g, for `g` shaped as the gather's
 * result rest[:pos] + bshape + rest[pos:] (see IndexArraysAttrs); indices fixed by `mode` as the
 * gather read them.
 */
export function gatherGrad(g: NDArray, srcShape: readonly number[], idx: readonly NDArray[], { mode, bshape, pos }: Pick<IndexArraysAttrs, 'mode' | 'bshape' | 'pos'>): NDArray {
  const K = idx.length;
  const rest = srcShape.slice(K);
  let stride = prod(rest);
  let lin: NDArray | null = null;
  for (let k = K - 1; k >= 0; k--) {
    const n = srcShape[k]!;
    let i = idx[k]!.astype('int64');
    // 'raise': indices were checked to lie in [-n, n); Python's modulo maps them to [0, n) as 'wrap' does.
    if (n > 0) i = mode === 'clip' ? clip(i, 0, n - 1) : remainder(i, n);
    const term = stride === 1 ? i : i.mul(stride);
    lin = lin ? lin.add(term) : term;
    stride *= n;
  }
  const ones = (m: number): number[] => Array<number>(m).fill(1);
  const L = broadcast_to(lin!, bshape).reshape([...ones(pos), ...bshape, ...ones(rest.length - pos)]);
  const R = arange(prod(rest), { dtype: 'int64' }).reshape([...rest.slice(0, pos), ...ones(bshape.length), ...rest.slice(pos)]);
  const flat = ravel(broadcast_to(L.add(R), g.shape));
  return bincount(flat, { weights: ravel(g), minlength: prod(srcShape) }).reshape(srcShape);
}
