import { defineOp } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { powerVjp } from './power.js';

export const floatPowerOp = defineOp({
  name: 'float_power',
  kind: 'elementwise',
  nin: 2,
  loops: ['dd->d', 'DD->D'],
  scalar: (a, b) => a.power(b),
  vjp: (g, ctx) => powerVjp(float_power, g, ctx),
});

/** np.float_power: x1 ** x2, always in float64. */
export const float_power = binary(floatPowerOp);
