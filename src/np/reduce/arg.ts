// np.argmax / np.argmin and the nan- forms: the first index of the extreme value along one axis
// (or of the flattened array), in int64. A native command per lane (native/src/argreduce.cc).
import { isFloat } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { defineOp, type TensorMeta } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { normalizeAxis } from '../../core/shape.js';
import { ravel, reshape } from '../manip/views.js';
import { checkOut, squeezeAxes, toOut } from './common.js';

export interface ArgAttrs { axis: number }

const infer = ([x]: readonly TensorMeta[], { axis }: ArgAttrs): TensorMeta[] =>
  [{ shape: x!.shape.map((d, i) => (i === axis ? 1 : d)), dtype: 'int64' }];

const argOp = (name: string) => defineOp<ArgAttrs>({ name, kind: 'opaque', nin: 1, attrs: { axis: 0 }, infer });
/** The first maximum; a NaN is the maximum (the first NaN wins). */
export const argmaxOp = argOp('argmax');
export const argminOp = argOp('argmin');
/** NaN reads as -inf (nanargmax) / +inf (nanargmin); an all-NaN lane raises. */
export const nanargmaxOp = argOp('nanargmax');
export const nanargminOp = argOp('nanargmin');

export interface ArgOptions {
  /** An axis, or null (the default) for the flattened array. */
  axis?: number | null;
  keepdims?: boolean;
  /** An int64 array of the result's shape. */
  out?: NDArray;
}

function argReduction(op: typeof argmaxOp, plain: typeof argmaxOp, what: 'argmax' | 'argmin') {
  const who = op.name;
  return (a: NDArray, axisOrOptions?: number | null | ArgOptions): NDArray => {
    const o: ArgOptions = axisOrOptions === undefined || axisOrOptions === null || typeof axisOrOptions === 'number'
      ? { axis: axisOrOptions } : axisOrOptions;
    if (!(a instanceof NDArray)) throw new TypeError(`${who}: expected an NDArray`);
    a._check(who);
    if (o.axis !== undefined && o.axis !== null && typeof o.axis !== 'number') {
      throw new TypeError(`${who}: 'tuple' object cannot be interpreted as an integer`);
    }
    const flat = o.axis === undefined || o.axis === null;
    // A 0-d array takes axis 0 or -1, as NumPy's PyArray_CheckAxis allows.
    const axis = flat ? 0 : normalizeAxis(o.axis!, Math.max(a.ndim, 1), who);
    const whole = flat || a.ndim === 0;
    const x = flat ? ravel(a) : a.ndim === 0 ? reshape(a, [1]) : a;
    try {
      if (x.shape[axis] === 0) throw new RangeError(`${who}: attempt to get ${what} of an empty sequence`);
      const shape = whole ? (o.keepdims ? a.shape.map(() => 1) : [])
        : a.shape.map((d, i) => (i === axis ? 1 : d)).filter((_, i) => o.keepdims || i !== axis);
      checkOut(o.out, shape, who);
      if (o.out && o.out.dtype !== 'int64') {
        throw new TypeError(`${who}: Cannot cast array data from dtype('int64') to dtype('${o.out.dtype}') according to the rule 'safe'`);
      }
      const r = applyOpaque(isFloat(a.dtype) ? op : plain, [x], { axis })[0]!;
      const v = whole ? r._view(shape, shape.map(() => 0), 0) : squeezeAxes(r, [axis], o.keepdims);
      if (v !== r) r.dispose();
      return toOut(v, o.out, who);
    } finally {
      if (x !== a) x.dispose();
    }
  };
}

/** np.argmax(a, axis?) / np.argmax(a, { axis, keepdims, out }). */
export const argmax = argReduction(argmaxOp, argmaxOp, 'argmax');
export const argmin = argReduction(argminOp, argminOp, 'argmin');
/** np.nanargmax: NaNs are ignored; a lane of NaNs only raises "All-NaN slice encountered". */
export const nanargmax = argReduction(nanargmaxOp, argmaxOp, 'argmax');
export const nanargmin = argReduction(nanargminOp, argminOp, 'argmin');
