// np.cumsum / np.cumprod and the nan- forms: running sums and products along one axis (or of the
// flattened array) in NumPy's accumulation dtype, rounded to it at every step (native/src/scan.cc).
import { castArray } from '../../core/apply.js';
import { type DType, type DTypeLike, isComplex, isFloat, toDType } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { type OpSpec, defineOp, type TensorMeta } from '../../core/op.js';
import { isnan } from '../math/isnan.js';
import { where } from '../math/where.js';
import { applyOpaque } from '../../core/opaque.js';
import { normalizeAxis } from '../../core/shape.js';
import { astype, ravel } from '../manip/views.js';
import { checkOut, toOut } from './common.js';
import { replaceNaN } from './fill.js';

export interface ScanAttrs { axis: number; dtype: DType }

const infer = ([x]: readonly TensorMeta[], { dtype }: ScanAttrs): TensorMeta[] => [{ shape: x!.shape, dtype }];
const scanOp = (name: string, vjp: OpSpec<ScanAttrs>['vjp'], vjpSaves: OpSpec<ScanAttrs>['vjpSaves']) =>
  defineOp<ScanAttrs>({ name, kind: 'opaque', nin: 1, attrs: { axis: 0, dtype: 'float32' }, infer, vjp, vjpSaves, acceptsComplex: true });

/** The sums of g from each position to the end of the axis (cumsum's transpose). */
function reverseCumsum(g: NDArray, axis: number): NDArray {
  return g.sum({ axis, keepdims: true }).sub(g.cumsum(axis)).add(g);
}
/** cumprod's gradient: sum over j >= i of g_j * y_j / x_i (x must be nonzero: see docs/autograd.md). */
const prodGrad = (g: NDArray, x: NDArray, y: NDArray, axis: number): NDArray => reverseCumsum(g.mul(y), axis).div(x);

export const cumsumOp = scanOp('cumsum', ([g], { attrs }) => [reverseCumsum(g!, attrs.axis)], { inputs: false, outputs: false });
export const cumprodOp = scanOp('cumprod', ([g], { inputs: [x], outputs: [y], attrs }) => [prodGrad(g!, x as NDArray, y!, attrs.axis)], {});
/** NaN reads as 0 (nancumsum) / 1 (nancumprod); NaNs get no gradient. */
export const nancumsumOp = scanOp('nancumsum', ([g], { inputs: [x], attrs }) => {
  const nan = isnan(x!);
  return [where(nan, 0, reverseCumsum(g!, attrs.axis))];
}, { outputs: false });
export const nancumprodOp = scanOp('nancumprod', ([g], { inputs: [x], outputs: [y], attrs }) => {
  const nan = isnan(x!);
  return [where(nan, 0, prodGrad(g!, where(nan, 1, x!), y!, attrs.axis))];
}, {});

/** NumPy's default accumulation dtype of add/multiply: the platform integer for small integers. */
export function accumulationDtype(d: DType): DType {
  switch (d) {
    case 'bool': case 'int8': case 'int16': case 'int32': return 'int64';
    case 'uint8': case 'uint16': case 'uint32': return 'uint64';
    default: return d;
  }
}

export interface CumulativeOptions {
  /** An axis, or null (the default) for the flattened array. */
  axis?: number | null;
  dtype?: DTypeLike;
  out?: NDArray;
}

function scan(op: typeof cumsumOp, plain: typeof cumsumOp) {
  const who = op.name;
  return (a: NDArray, axisOrOptions?: number | null | CumulativeOptions): NDArray => {
    const o: CumulativeOptions = axisOrOptions === undefined || axisOrOptions === null || typeof axisOrOptions === 'number'
      ? { axis: axisOrOptions } : axisOrOptions;
    if (!(a instanceof NDArray)) throw new TypeError(`${who}: expected an NDArray`);
    a._check(who);
    const flat = o.axis === undefined || o.axis === null;
    const axis = flat ? 0 : normalizeAxis(o.axis!, a.ndim, who);
    const dtype = o.dtype === undefined ? accumulationDtype(a.dtype) : toDType(o.dtype, who);
    const x = flat ? ravel(a) : a;
    const temps: NDArray[] = [];
    try {
      checkOut(o.out, x.shape, who);
      const useNan = op !== plain && (isFloat(a.dtype) || isComplex(a.dtype));
      let src = x;
      // NumPy replaces NaNs before casting to an integer dtype=.
      if (useNan && !isFloat(dtype)) temps.push(src = replaceNaN(src, op === nancumsumOp ? 0 : 1));
      // The kernel reads the output dtype, or a small integer into (u)int64; others are cast first.
      if (src.dtype !== dtype && accumulationDtype(src.dtype) !== dtype) temps.push(src = astype(src, dtype)); // (recorded: autograd sees it)
      const r = applyOpaque(useNan ? op : plain, [src], { axis, dtype })[0]!;
      return toOut(r, o.out, who);
    } finally {
      for (const t of temps) t.dispose();
      if (x !== a) x.dispose();
    }
  };
}

/** np.cumsum(a, axis?) / np.cumsum(a, { axis, dtype, out }). */
export const cumsum = scan(cumsumOp, cumsumOp);
export const cumprod = scan(cumprodOp, cumprodOp);
/** np.nancumsum: NaNs count as zero. */
export const nancumsum = scan(nancumsumOp, cumsumOp);
/** np.nancumprod: NaNs count as one. */
export const nancumprod = scan(nancumprodOp, cumprodOp);
