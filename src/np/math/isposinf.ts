import type { Input } from '../../core/apply.js';
import { NDArray } from '../../core/ndarray.js';
import { iscomplexobj } from '../complex/parts.js';
import { invert } from './invert.js';
import { isinf } from './isinf.js';
import { logical_and } from './logical_and.js';
import { signbit } from './signbit.js';

/** np.isposinf(x, { out }): x is +inf (NumPy's isinf(x) & ~signbit(x)). */
export function isposinf(x: Input, options: { out?: NDArray } = {}): NDArray {
  if (iscomplexobj(x)) throw new TypeError('isposinf: This operation is not supported for complex values because it would be ambiguous.');
  const inf = isinf(x);
  const s = signbit(x);
  const pos = invert(s);
  try {
    return logical_and(inf, pos, { out: options.out });
  } finally {
    for (const t of [inf, s, pos]) t.dispose();
  }
}
