import { FLOATS, defineOp, loopsOf } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { exp } from './exp.js';
import { multiply } from './multiply.js';
import { subtract } from './subtract.js';

export const logaddexpOp = defineOp({
  name: 'logaddexp',
  kind: 'elementwise',
  nin: 2,
  loops: loopsOf(FLOATS, 'TT->T'),
  // npy_logaddexp: equal inputs (±inf too) give x + log(2); NaN stays NaN.
  scalar: (x, y) => {
    const t = x.sub(y);
    return x.eq(y).select(x.add(Math.LN2), t.gt(0).select(x.add(t.neg().exp().log1p()), t.le(0).select(y.add(t.exp().log1p()), t)));
  },
  vjp: ([g], { inputs: [x, y], outputs: [r], needs }) => [
    needs[0] ? multiply(g!, exp(subtract(x!, r!))) : null,
    needs[1] ? multiply(g!, exp(subtract(y!, r!))) : null,
  ],
});

/** np.logaddexp: log(exp(x1) + exp(x2)) without overflow. */
export const logaddexp = binary(logaddexpOp);
