import { defineOp } from '../../core/op.js';
import { binary } from '../ufunc.js';

export const ldexpOp = defineOp({
  name: 'ldexp',
  kind: 'elementwise',
  nin: 2,
  loops: ['ei->e', 'Ei->E', 'fi->f', 'eq->e', 'Eq->E', 'fq->f', 'di->d', 'dq->d'],
  scalar: (x, e) => x.ldexp(e),
  vjp: ([g], { inputs: [, e] }) => [ldexp(g!, e!), null],
  vjpSaves: { outputs: false },
});

/** np.ldexp: x1 * 2**x2 (x2 an integer array). */
export const ldexp = binary(ldexpOp);
