// The weights' gradient of a weighted histogram (histogram_uniform / histogram_edges_weighted):
// each weight gets the output gradient of the bin its sample falls in (NumPy's bins: [e_i, e_i+1),
// the last one closed), nothing outside the edges. The samples and edges get none (the counts are
// piecewise constant in them).
import type { NDArray } from '../../core/ndarray.js';
import { clip } from '../math/clip.js';
import { equal } from '../math/equal.js';
import { greater_equal } from '../math/greater_equal.js';
import { less } from '../math/less.js';
import { logical_and } from '../math/logical_and.js';
import { where } from '../math/where.js';
import { searchsorted } from './searchsorted.js';

export function histogramWeightsGrad(g: NDArray, a: NDArray, edges: NDArray): (NDArray | null)[] {
  const nb = edges.size - 1;
  const i0 = searchsorted(edges, a, { side: 'right' }).sub(1);
  const idx = where(equal(a, edges.get(-1)), nb - 1, i0);
  const inside = logical_and(greater_equal(idx, 0), less(idx, nb));
  return [null, null, where(inside, g.get(clip(idx, 0, Math.max(nb - 1, 0))), 0)];
}
