import type { Input } from '../../core/apply.js';
import { NDArray } from '../../core/ndarray.js';
import { iscomplexobj } from '../complex/parts.js';
import { isinf } from './isinf.js';
import { logical_and } from './logical_and.js';
import { signbit } from './signbit.js';

/** np.isneginf(x, { out }): x is -inf (NumPy's isinf(x) & signbit(x)). */
export function isneginf(x: Input, options: { out?: NDArray } = {}): NDArray {
  if (iscomplexobj(x)) throw new TypeError('isneginf: This operation is not supported for complex values because it would be ambiguous.');
  const inf = isinf(x);
  const s = signbit(x);
  try {
    return logical_and(inf, s, { out: options.out });
  } finally {
    inf.dispose();
    s.dispose();
  }
}
