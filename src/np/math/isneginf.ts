import type { Input } from '../../core/apply.js';
import type { NDArray } from '../../core/ndarray.js';
import { isinf } from './isinf.js';
import { logical_and } from './logical_and.js';
import { signbit } from './signbit.js';

/** np.isneginf(x, { out }): x is -inf (NumPy's isinf(x) & signbit(x)). */
export function isneginf(x: Input, options: { out?: NDArray } = {}): NDArray {
  const inf = isinf(x);
  const s = signbit(x);
  try {
    return logical_and(inf, s, { out: options.out });
  } finally {
    inf.dispose();
    s.dispose();
  }
}
