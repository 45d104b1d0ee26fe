// Reductions through the dispatch point: axes, keepdims, dtype, initial, out — NumPy's ufunc.reduce.
import type { Operand } from '../backends/backend.js';
import { castArray, castInto, fillScalar } from './apply.js';
import { beforeWrite, context } from './context.js';
import { backendOf } from './device.js';
import { type DType, canCastSafely } from './dtype.js';
import { NDArray, type Scalar } from './ndarray.js';
import { type Loop, type Op } from './op.js';
import { broadcastStrides, fmtShape, normalizeAxis, sizeOf } from './shape.js';

export type Axis = number | readonly number[] | null;

export interface ReduceOptions {
  axis?: Axis;
  keepdims?: boolean;
  dtype?: DType;
  out?: NDArray;
  initial?: Scalar;
}

/** Normalised, sorted reduction axes; NumPy's errors for bad or repeated axes. */
export function reduceAxes(axis: Axis | undefined, ndim: number, who: string): number[] {
  if (axis === null || axis === undefined) return [...Array(ndim).keys()];
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const out = list.map((a) => normalizeAxis(a, ndim, who));
  if (new Set(out).size !== out.length) throw new RangeError(`${who}: duplicate value in 'axis'`);
  return out.sort((a, b) => a - b);
}

function pickReduceLoop(op: Op<object>, input: DType, dtype: DType | undefined): Loop {
  const loops = op.parsedLoops;
  const l = dtype !== undefined
    ? loops.find((c) => c.inputs[0] === dtype && c.outputs[0] === dtype)
    : loops.find((c) => c.inputs[0] === input) ?? loops.find((c) => canCastSafely(input, c.inputs[0]!));
  if (!l) throw new TypeError(`${op.name}: no reduction loop for dtype ${dtype ?? input}`);
  return l;
}

export function applyReduce(op: Op<object>, x: NDArray, opts: ReduceOptions = {}): NDArray {
  const who = op.name;
  if (!(x instanceof NDArray)) throw new TypeError(`${who}: expected an NDArray`);
  x._check(who);
  const axes = reduceAxes(opts.axis, x.ndim, who);
  const loop = pickReduceLoop(op, x.dtype, opts.dtype);
  const keepShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outShape = opts.keepdims ? keepShape : x.shape.filter((_, i) => !axes.includes(i));
  const reducedEmpty = axes.some((a) => x.shape[a] === 0);
  const identity = op.reduce?.identity;
  if (reducedEmpty && identity === undefined && opts.initial === undefined) {
    throw new RangeError(`${who}: zero-size array to reduction operation ${who} which has no identity`);
  }
  if (opts.out) {
    opts.out._check(who);
    if (context.recorders.length) beforeWrite(op, [x], [opts.out]);
    if (opts.out.ndim !== outShape.length || opts.out.shape.some((d, i) => d !== outShape[i])) {
      throw new RangeError(`${who}: output parameter has shape ${fmtShape(opts.out.shape)}, expected ${fmtShape(outShape)}`);
    }
  }
  const backend = backendOf(x.device);
  if (!backend.reduce) throw new TypeError(`${who}: reductions are not supported on ${x.device.toString()} yet`);
  const acc = NDArray._empty(keepShape, loop.outputs[0]!, x.device);
  const temps: NDArray[] = [acc];
  try {
    if (opts.initial !== undefined) fillScalar(acc, opts.initial);
    else if (identity !== undefined) fillScalar(acc, acc.dtype === 'bool' ? identity !== 0 : identity);
    else if (sizeOf(keepShape) > 0) {
      // No identity (max, min): start from the first element along the reduced axes.
      const first = x._view(keepShape, x._strides, x._offset);
      temps.push(first);
      castInto(first, acc);
    }
    let src = x;
    if (x.dtype !== loop.inputs[0]) {
      src = castArray(x, loop.inputs[0]!);
      temps.push(src);
    }
    const input: Operand = { kind: 'buffer', handle: src._storage.handle, dtype: src.dtype, offset: src._offset, strides: src._strides };
    const output: Operand = { kind: 'buffer', handle: acc._storage.handle, dtype: acc.dtype, offset: 0, strides: broadcastStrides(keepShape, acc._strides, x.shape).map((s, i) => (axes.includes(i) ? 0 : s)) };
    backend.reduce({ op, loop, shape: x.shape, input, output, identity: identity === undefined ? undefined : acc.dtype === 'bool' ? identity !== 0 : identity });
    let result: NDArray;
    if (opts.out) {
      const v = acc._view(outShape, acc._strides.filter((_, i) => opts.keepdims || !axes.includes(i)), 0);
      temps.push(v);
      castInto(v, opts.out);
      result = opts.out;
    } else if (opts.keepdims) {
      temps.shift(); // acc is the result
      result = acc;
    } else {
      result = acc._view(outShape, acc._strides.filter((_, i) => !axes.includes(i)), 0);
    }
    if (context.recorders.length) {
      for (const r of context.recorders) r.record({ op, inputs: [x], attrs: { ...opts, axis: axes }, outputs: [result] });
    }
    return result;
  } finally {
    for (const t of temps) t.dispose();
  }
}
