// np.concatenate / np.concat: one opaque op. The output is allocated once; the kernel copies (and
// converts) each input once into its slice of the output with the backend's strided cast kernel
// (on the CPU, a contiguous same-dtype input is copied row by row with memcpy). The kernel is
// backend-neutral: the CPU registers it, other backends run it through the same code (see run()).
import type { Backend, OpaqueLaunch, TensorView } from '../../backends/backend.js';
import { castInto } from '../../core/apply.js';
import { type Casting, type DType, type DTypeLike, canCast, resultType, toDType } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { type Op, defineOp, resolveLoop } from '../../core/op.js';
import { applyOpaque, tensorView } from '../../core/opaque.js';
import { context } from '../../core/context.js';
import { backendOf } from '../../core/device.js';
import { isCContiguous, normalizeAxis } from '../../core/shape.js';
import { astypeOp } from '../math/astype.js';
import { ravel } from './views.js';
import { applyMovement } from '../../core/movement.js';
import { axisSliceOp } from './ops.js';
import { type ArrayLike, sequenceOf, withTemps } from './common.js';

export interface ConcatenateOptions {
  /** The axis to join along (default 0); null joins the flattened inputs. */
  axis?: number | null;
  /** Writes the result here (its dtype is the one the inputs are cast to). */
  out?: NDArray;
  /** The result dtype (default: the inputs' result_type). Not together with `out`. */
  dtype?: DTypeLike;
  /** How the inputs may be cast to the result dtype (default 'same_kind'). */
  casting?: Casting;
}

/** Variadic (nin is not checked for opaque ops): inputs already validated and of one ndim. */
export const concatenateOp: Op<{ axis: number; dtype: DType }> = defineOp<{ axis: number; dtype: DType }>({
  name: 'concatenate',
  acceptsComplex: true, // strided cast kernel / byte row copies (native/src/copy_rows.cc)
  kind: 'opaque',
  nin: -1,
  attrs: { axis: 0, dtype: 'float32' },
  infer: (inputs, { axis, dtype }) => {
    const shape = [...inputs[0]!.shape];
    shape[axis] = inputs.reduce((n, x) => n + x.shape[axis]!, 0);
    return [{ shape, dtype }];
  },
  // Each input's gradient is its slice of g along the axis.
  vjp: ([g], { inputMeta, attrs: { axis }, needs }) => {
    let start = 0;
    return inputMeta.map((m, k) => {
      const length = m!.shape[axis]!;
      start += length;
      return needs[k] ? applyMovement(axisSliceOp, g!, { axis, start: start - length, length }) : null;
    });
  },
  vjpSaves: { inputs: false, outputs: false },
});

/**
 * A backend's copy of `rows` rows of `cols` contiguous elements: from a C-contiguous input `x`,
 * to `out` starting at element `offset` with rows `rowStride` elements apart (same dtype).
 */
export type RowCopy = (x: TensorView, out: TensorView, offset: number, rows: number, cols: number, rowStride: number) => void;

const prod = (xs: readonly number[]): number => xs.reduce((m, d) => m * d, 1);

/**
 * The kernel on any backend with an elementwise cast: input k goes to the slice of the output
 * starting at the running offset along `axis` (same strides as the output, offset moved). With
 * `rowCopy`, a C-contiguous input of the output's dtype is copied as rows instead: in a C-contiguous
 * output its slice is prod(shape[:axis]) rows of prod(shape[axis:]) elements.
 */
export function concatenateKernel(backend: Backend, { inputs, outputs, attrs }: OpaqueLaunch, rowCopy?: RowCopy): void {
  const { axis } = attrs as { axis: number };
  const out = outputs[0]!;
  const rows = rowCopy && isCContiguous(out.shape, out.strides) ? prod(out.shape.slice(0, axis)) : -1;
  const outRow = prod(out.shape.slice(axis));
  let pos = 0;
  for (const x of inputs) {
    const n = x.shape[axis]!;
    const offset = out.offset + pos * out.strides[axis]!;
    pos += n;
    if (n === 0 || !x.shape.every((d) => d > 0)) continue;
    if (rows >= 0 && x.dtype === out.dtype && isCContiguous(x.shape, x.strides)) {
      rowCopy!(x, out, offset, rows, prod(x.shape.slice(axis)), outRow);
      continue;
    }
    const loop = resolveLoop(astypeOp, [x.dtype], { dtype: out.dtype })!;
    if (!backend.supports(astypeOp as Op<object>, loop)) throw new TypeError(`concatenate: no ${backend.type} kernel to copy ${x.dtype} into ${out.dtype}`);
    backend.elementwise({
      op: astypeOp, loop, shape: x.shape,
      inputs: [{ kind: 'buffer', handle: x.handle, dtype: x.dtype, offset: x.offset, strides: x.strides }],
      outputs: [{ kind: 'buffer', handle: out.handle, dtype: out.dtype, offset, strides: out.strides }],
    });
  }
}

// NumPy's type numbers order the dtypes by how much each "knows" about promotion; half comes
// after all others (and ml_dtypes' bfloat16 after that).
const KNOWLEDGE: readonly DType[] = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64', 'float16', 'bfloat16'];

/**
 * np.result_type of several arrays (NumPy's PyArray_PromoteDTypeSequence): the most knowledgeable
 * dtype is promoted with each of the others. Not a pairwise left fold: uint8, int8, float16 give
 * float16 (not float32 via int16).
 */
export function promoteSequence(dtypes: readonly DType[]): DType {
  const main = dtypes.reduce((m, d) => (KNOWLEDGE.indexOf(d) > KNOWLEDGE.indexOf(m) ? d : m));
  let r = main;
  for (const d of dtypes) if (d !== r) r = resultType([r, d]);
  return r;
}

/** The validated inputs, axis and dtype of a concatenation (NumPy's checks and messages). */
export function concatenateArgs(who: string, xs: readonly NDArray[], axis: number | null, o: ConcatenateOptions, owned: NDArray[]): { arrays: NDArray[]; axis: number; dtype: DType } {
  if (o.out !== undefined && o.dtype !== undefined) {
    throw new TypeError(`${who}: concatenate() only takes \`out\` or \`dtype\` as an argument, but both were provided.`);
  }
  if (xs.length === 0) throw new RangeError(`${who}: need at least one array to concatenate`);
  let arrays = [...xs];
  if (axis === null) {
    arrays = arrays.map((x) => {
      const r = ravel(x);
      owned.push(r);
      return r;
    });
    axis = 0;
  }
  const first = arrays[0]!;
  if (first.ndim === 0) throw new RangeError(`${who}: zero-dimensional arrays cannot be concatenated`);
  const ax = normalizeAxis(axis, first.ndim, who);
  arrays.forEach((x, k) => {
    if (x.ndim !== first.ndim) {
      throw new RangeError(`${who}: all the input arrays must have same number of dimensions, but the array at index 0 has ${first.ndim} dimension(s) and the array at index ${k} has ${x.ndim} dimension(s)`);
    }
    x.shape.forEach((d, i) => {
      if (i !== ax && d !== first.shape[i]) {
        throw new RangeError(`${who}: all the input array dimensions except for the concatenation axis must match exactly, but along dimension ${i}, the array at index 0 has size ${first.shape[i]} and the array at index ${k} has size ${d}`);
      }
    });
  });
  if (o.out) {
    const shape = [...first.shape];
    shape[ax] = arrays.reduce((n, x) => n + x.shape[ax]!, 0);
    if (shape.length !== o.out.ndim) throw new RangeError(`${who}: Output array has wrong dimensionality`);
    if (shape.some((d, i) => d !== o.out!.shape[i])) throw new RangeError(`${who}: Output array is the wrong shape`);
  }
  const dtype = o.out ? o.out.dtype : o.dtype !== undefined ? toDType(o.dtype, who) : promoteSequence(arrays.map((x) => x.dtype));
  const casting = o.casting ?? 'same_kind';
  if (!['no', 'equiv', 'safe', 'same_kind', 'unsafe'].includes(casting)) {
    throw new RangeError(`${who}: casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'`);
  }
  for (const x of arrays) {
    if (!canCast(x.dtype, dtype, casting)) {
      throw new TypeError(`${who}: Cannot cast array data from dtype('${x.dtype}') to dtype('${dtype}') according to the rule '${casting}'`);
    }
  }
  return { arrays, axis: ax, dtype };
}

/**
 * applyOpaque where the backend has a concatenate kernel (CPU); elsewhere (WebGPU) the same
 * backend-neutral kernel runs on that backend's strided copy, recorded like an opaque op.
 */
function run(arrays: readonly NDArray[], attrs: { axis: number; dtype: DType }): NDArray {
  const device = arrays[0]!.device;
  const backend = backendOf(device);
  if (backend.supportsOpaque?.(concatenateOp as Op<object>)) return applyOpaque(concatenateOp, arrays, attrs)[0]!;
  for (const x of arrays) {
    if (x.device !== device) {
      throw new Error(`concatenate: arrays are on different devices (${device.toString()} and ${x.device.toString()}); move one with to_device()`);
    }
  }
  const [meta] = concatenateOp.infer!(arrays.map((x) => ({ shape: x.shape, dtype: x.dtype })), attrs);
  const out = NDArray._empty(meta!.shape, meta!.dtype, device);
  try {
    concatenateKernel(backend, { op: concatenateOp as Op<object>, inputs: arrays.map(tensorView), outputs: [tensorView(out)], attrs });
  } catch (e) {
    out.dispose();
    throw e;
  }
  for (const rec of context.recorders) rec.record({ op: concatenateOp as Op<object>, inputs: arrays, attrs, outputs: [out] });
  return out;
}

/** Joins already-converted arrays (used by stack, hstack, …, which prepare their own inputs). */
export function concatArrays(who: string, xs: readonly NDArray[], axis: number | null, o: ConcatenateOptions): NDArray {
  return withTemps((owned) => {
    const { arrays, axis: ax, dtype } = concatenateArgs(who, xs, axis, o, owned);
    const r = run(arrays, { axis: ax, dtype });
    if (!o.out) return r;
    try {
      castInto(r, o.out);
    } finally {
      r.dispose();
    }
    return o.out;
  });
}

/** np.concatenate: joins arrays along an existing axis (axis null: their flattened values). */
export function concatenate(arrays: readonly ArrayLike[] | NDArray, options: number | null | ConcatenateOptions = {}): NDArray {
  const o = typeof options === 'number' || options === null ? { axis: options } : options;
  return withTemps((owned) => {
    const xs = sequenceOf(arrays, 'concatenate', owned);
    return concatArrays('concatenate', xs, o.axis === undefined ? 0 : o.axis, o);
  });
}

/** np.concat: the Array API name of concatenate. */
export function concat(arrays: readonly ArrayLike[] | NDArray, options: number | null | ConcatenateOptions = {}): NDArray {
  const o = typeof options === 'number' || options === null ? { axis: options } : options;
  return withTemps((owned) => {
    const xs = sequenceOf(arrays, 'concat', owned);
    return concatArrays('concat', xs, o.axis === undefined ? 0 : o.axis, o);
  });
}
