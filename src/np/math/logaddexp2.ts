import type { X } from '../../core/expr.js';
import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { exp2 } from './exp2.js';
import { multiply } from './multiply.js';
import { subtract } from './subtract.js';

export const logaddexp2Op = defineOp({
  name: 'logaddexp2',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(FLOATS, 'TT->T'),
  // npy_logaddexp2: equal inputs (±inf too) give x + 1; NaN stays NaN.
  scalar: (x, y) => {
    const t = x.sub(y);
    const log2_1p = (v: X): X => v.log1p().mul(Math.LOG2E);
    return x.eq(y).select(x.add(1), t.gt(0).select(x.add(log2_1p(t.neg().exp2())), t.le(0).select(y.add(log2_1p(t.exp2())), t)));
  },
  vjp: ([g], { inputs: [x, y], outputs: [r], needs }) => [
    needs[0] ? multiply(g!, exp2(subtract(x!, r!))) : null,
    needs[1] ? multiply(g!, exp2(subtract(y!, r!))) : null,
  ],
});

/** np.logaddexp2: log2(2**x1 + 2**x2) without overflow. */
export const logaddexp2 = binary(logaddexp2Op);
