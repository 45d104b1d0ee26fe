import { isInexact } from '../../core/dtype.js';
import { defineOp, floatLoops, linearSearch } from '../../core/op.js';
import { binary } from '../ufunc.js';
import { multiply } from './multiply.js';
import { negative } from './negative.js';

export const trueDivideOp = defineOp({
  name: 'true_divide',
  kind: 'elementwise',
  nin: 2,
  loops: [...floatLoops, 'FF->F', 'DD->D'],
  // NumPy's true-division resolver: integer and bool inputs divide in float64 (then the
  // default-float rule of src/core/op.ts applies).
  resolve: (inputs, _attrs, op) =>
    inputs.some(isInexact) ? linearSearch(op.parsedLoops, inputs) : op.parsedLoops.find((l) => l.sig === 'dd->d'),
  scalar: (a, b) => a.div(b),
  vjp: ([g], { inputs: [a, b], needs }) => {
    const ga = true_divide(g!, b!);
    return [ga, needs[1] ? negative(true_divide(multiply(ga, a!), b!)) : null];
  },
  vjpSaves: { outputs: false },
});

export const true_divide = binary(trueDivideOp);
export const divide = true_divide;
