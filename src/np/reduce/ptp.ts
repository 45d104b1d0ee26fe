import type { NDArray } from '../../core/ndarray.js';
import { subtract } from '../math/subtract.js';
import { type Axis, optionsOf } from './common.js';
import { max } from './max.js';
import { min } from './min.js';

export interface PtpOptions {
  axis?: Axis;
  keepdims?: boolean;
  out?: NDArray;
}

/** np.ptp: max - min in the input's dtype (integers wrap, bool raises, as NumPy). */
export function ptp(a: NDArray, axisOrOptions?: Axis | PtpOptions): NDArray {
  const o = optionsOf<PtpOptions>(axisOrOptions);
  const hi = max(a, { axis: o.axis, keepdims: o.keepdims });
  try {
    const lo = min(a, { axis: o.axis, keepdims: o.keepdims });
    try {
      return subtract(hi, lo, o.out ? { out: o.out } : undefined);
    } finally {
      lo.dispose();
    }
  } finally {
    hi.dispose();
  }
}
