import { type Input, operandDTypes, registerSelectOp } from '../../core/apply.js';
import { type DType, intFits, isInteger, itemsize, kindOf, promoteTypes } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { COMPLEX, BOOL, FLOATS, INTS, defineOp, loopsOf } from '../../core/op.js';
import { type ArrayLike } from '../sorting/common.js';
import { nonzero } from '../sorting/nonzero.js';
import { ternary } from '../ufunc.js';

/** select(condition, x, y): the 3-input elementwise op behind np.where and ufuncs' where=. */
export const whereOp = defineOp({
  name: 'where',
  kind: 'elementwise',
  nin: 3,
  loops: loopsOf(BOOL + INTS + FLOATS + COMPLEX, '?TT->T'),
  // np.where's result dtype is result_type(x, y) (JS scalars weak, as NEP 50 says).
  resolve: (inputs, _attrs, op) => {
    const t = promoteTypes(inputs[1]!, inputs[2]!);
    return inputs[0] === 'bool' ? op.parsedLoops.find((l) => l.inputs[1] === t) : undefined;
  },
  scalar: (c, x, y) => c.select(x, y),
  vjp: ([g], { inputs: [c], needs }) => [null, needs[1] ? where(c!, g!, 0) : null, needs[2] ? where(c!, 0, g!) : null],
  vjpSaves: { outputs: false },
});
registerSelectOp(whereOp);

const select = ternary(whereOp);

/**
 * np.where casts x and y to their result dtype unsafely (it is no ufunc): a JS integer beyond an
 * integer result dtype wraps (np.where(c, int8_array, 300) holds 44) instead of raising.
 */
function wrapped(v: Input, to: DType): Input {
  if (!isInteger(to) || !(typeof v === 'bigint' || (typeof v === 'number' && Number.isSafeInteger(v))) || intFits(v, to)) return v;
  const bits = itemsize(to) * 8;
  return kindOf(to) === 'u' ? BigInt.asUintN(bits, BigInt(v)) : BigInt.asIntN(bits, BigInt(v));
}

/**
 * np.where(condition, x, y): x where condition is true (nonzero; NaN counts as true), else y,
 * broadcast together. np.where(condition) alone is np.nonzero(condition), as in NumPy.
 */
export function where(condition: NDArray | ArrayLike): NDArray[];
export function where(condition: Input, x: Input, y: Input): NDArray;
export function where(condition: Input | ArrayLike, x?: Input, y?: Input): NDArray | NDArray[] {
  if (x === undefined && y === undefined) return nonzero(condition as ArrayLike);
  if (x === undefined || y === undefined) throw new TypeError('where: either both or neither of x and y should be given');
  const [, dx, dy] = operandDTypes('where', [true, x, y]);
  const t = promoteTypes(dx!, dy!);
  x = wrapped(x, t);
  y = wrapped(y, t);
  if (condition instanceof NDArray) {
    if (condition.dtype === 'bool') return select(condition, x, y);
    const c = condition.astype('bool');
    try {
      return select(c, x, y);
    } finally {
      c.dispose();
    }
  }
  const truth = typeof condition === 'bigint' ? condition !== 0n : typeof condition === 'number' ? condition !== 0 : Boolean(condition);
  return select(truth, x, y);
}
