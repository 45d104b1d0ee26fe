import type { Input } from '../../core/apply.js';
import type { NDArray } from '../../core/ndarray.js';
import { ceil } from './ceil.js';
import { floor } from './floor.js';
import { greater_equal } from './greater_equal.js';

/** np.fix(x, { out }): rounds toward zero, as NumPy composes it: ceil(x), then floor where x >= 0. */
export function fix(x: Input, options: { out?: NDArray } = {}): NDArray {
  const res = ceil(x, { out: options.out });
  const pos = greater_equal(x, 0);
  try {
    return floor(x, { out: res, where: pos });
  } finally {
    pos.dispose();
  }
}
