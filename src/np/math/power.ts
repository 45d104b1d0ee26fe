import { COMPLEX, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import type { NDArray } from '../../core/ndarray.js';
import type { VjpContext } from '../../core/op.js';
import { type Binary, binary } from '../ufunc.js';
import { equal } from './equal.js';
import { greater_equal } from './greater_equal.js';
import { log } from './log.js';
import { logical_and } from './logical_and.js';
import { multiply } from './multiply.js';
import { subtract } from './subtract.js';
import { where } from './where.js';

export const powerOp = defineOp({
  name: 'power',
  kind: 'elementwise',
  nin: 2,
  loops: [...loopsOf(INTS, 'TT->T'), ...loopsOf(FLOATS + COMPLEX, 'TT->T')],
  scalar: (a, b) => a.power(b),
  vjp: (g, ctx) => powerVjp(power, g, ctx),
  vjpSaves: { inputs: true, outputs: true },
});

/** np.power (np.pow): x1 ** x2; integers to negative integer powers raise (RangeError, NumPy's ValueError). */
export const power = binary(powerOp);
export const pow = power;

/**
 * d(a**b) = b * a**(b-1) da + a**b * log(a) db, with PyTorch's zeros where the formula is 0 * inf:
 * b = 0 for da, and a = 0 with b >= 0 for db. `pow` is the op's own function (power, float_power).
 */
export function powerVjp(pow: Binary, [g]: readonly NDArray[], { inputs: [a, b], outputs: [y], needs }: VjpContext<object>): (NDArray | null)[] {
  return [
    needs[0] ? where(equal(b!, 0), 0, multiply(g!, multiply(b!, pow(a!, subtract(b!, 1))))) : null,
    needs[1] ? where(logical_and(equal(a!, 0), greater_equal(b!, 0)), 0, multiply(g!, multiply(y!, log(a!)))) : null,
  ];
}
