// The single dispatch point: every op call goes through apply(). It infers output metadata,
// resolves dtypes (NEP 50), allocates, picks the backend kernel, and tells the recorders.
import type { Device, Operand } from '../backends/backend.js';
import { context } from './context.js';
import { backendOf, defaultDevice } from './device.js';
import {
  type Casting, type DType, type WeakKind, canCast, intFits, isFloat, isInteger, kindOf, resultType,
} from './dtype.js';
import { NDArray, type Scalar } from './ndarray.js';
import { type Loop, type Op, resolveLoop } from './op.js';
import { broadcastShapes, broadcastStrides, fmtShapeC } from './shape.js';

export type Input = NDArray | Scalar;

export interface ElementwiseOptions {
  out?: NDArray;
  dtype?: DType;
  casting?: Casting;
}

/** NEP 50 kind of a JS scalar: bigints and integer-valued numbers within ±(2^53 − 1) are weak ints
 * (docs/np.md), other numbers (0.5, 1e300, NaN, ±Infinity) weak floats; booleans are strong bool. */
function weakKind(v: Scalar): WeakKind | undefined {
  if (typeof v === 'boolean') return undefined;
  if (typeof v === 'bigint') return 'int';
  return Number.isSafeInteger(v) ? 'int' : 'float';
}

/**
 * The dtype each input takes part with: arrays their own, JS scalars by NEP 50's weak rules.
 * Whether a weak int fits is checked later, against the loop's dtype (as NumPy does: int8 / 300
 * divides in float64, int8 + 300 raises).
 */
export function operandDTypes(who: string, inputs: readonly Input[]): DType[] {
  const strong: DType[] = [];
  const weak: WeakKind[] = [];
  for (const x of inputs) {
    if (x instanceof NDArray) strong.push(x.dtype);
    else if (typeof x === 'boolean') strong.push('bool');
    else if (typeof x === 'number' || typeof x === 'bigint') weak.push(weakKind(x)!);
    else throw new TypeError(`${who}: unsupported operand type ${typeof x}`);
  }
  const common = resultType(strong, weak);
  return inputs.map((x) => {
    if (x instanceof NDArray) return x.dtype;
    if (typeof x === 'boolean') return 'bool';
    if (weakKind(x) === 'float') return kindOf(common) === 'f' ? common : resultType([], ['float']);
    return common;
  });
}

/**
 * The dtype a cast check sees for input `x` going into a loop dtype `to`: a weak int converts to
 * any integer or float loop and a weak float to any float loop (their values are checked when
 * converted); otherwise they count as Python's int64 / float64, as in NumPy's messages.
 */
function castSource(x: Input, d: DType, to: DType): DType {
  if (x instanceof NDArray || typeof x === 'boolean') return d;
  const k = weakKind(x);
  if (k === 'int' && kindOf(to) !== 'b') return to;
  if (k === 'float' && kindOf(to) === 'f') return to;
  return k === 'int' ? 'int64' : 'float64';
}

function deviceOf(who: string, inputs: readonly Input[], out?: NDArray): Device {
  let d: Device | undefined;
  for (const x of out ? [...inputs, out] : inputs) {
    if (!(x instanceof NDArray)) continue;
    x._check(who);
    if (d === undefined) d = x.device;
    else if (d !== x.device) {
      throw new Error(`${who}: arrays are on different devices (${d.toString()} and ${x.device.toString()}); move one with to_device()`);
    }
  }
  return d ?? defaultDevice();
}

function noLoopError(op: Op<object>, dtypes: readonly DType[]): TypeError {
  if (op.name === 'subtract' && dtypes.every((d) => d === 'bool')) {
    return new TypeError('subtract: numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.');
  }
  if (op.name === 'negative' && dtypes[0] === 'bool') {
    return new TypeError('negative: The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.');
  }
  return new TypeError(`${op.name}: ufunc '${op.name}' did not contain a loop with signature matching types (${dtypes.join(', ')})`);
}

function pickLoop(op: Op<object>, inputs: readonly Input[], dtypes: readonly DType[], attrs: object, dtype: DType | undefined, casting: Casting): Loop {
  if (dtype === undefined) {
    const l = resolveLoop(op, dtypes, attrs);
    if (!l) throw noLoopError(op, dtypes);
    return l;
  }
  // dtype= fixes the output dtype (NumPy's signature=(None, …, dtype)): the loop with that output,
  // preferably one the inputs cast to under `casting`; the input cast check reports the rest.
  const cands = op.parsedLoops.filter((c) => c.outputs.every((o) => o === dtype));
  const l = cands.find((c) => c.inputs.every((d, i) => canCast(castSource(inputs[i]!, dtypes[i]!, d), d, casting))) ?? cands[0];
  if (!l) throw new TypeError(`${op.name}: No loop matching the specified signature and casting was found for ufunc ${op.name}`);
  return l;
}

function operand(a: NDArray, shape: readonly number[]): Operand {
  return { kind: 'buffer', handle: a._storage.handle, dtype: a.dtype, offset: a._offset, strides: broadcastStrides(a.shape, a._strides, shape) };
}

/** Converts a JS scalar into an operand of `dtype` (NumPy's cast of a weak scalar). */
function scalarOperand(v: Scalar, dtype: DType, who = 'fill'): Operand {
  if (typeof v !== 'boolean') {
    const isInt = weakKind(v) === 'int';
    if (isInt && isInteger(dtype) && !intFits(v, dtype)) {
      throw new RangeError(`${who}: JS integer ${String(v)} out of bounds for ${dtype}`);
    }
    if (typeof v === 'bigint' && isFloat(dtype) && !Number.isFinite(Number(v))) {
      throw new RangeError(`${who}: JS integer ${String(v)} too large to convert to float`);
    }
  }
  return { kind: 'scalar', dtype, value: v };
}

/** Whether writing `out` while reading `a` could read elements already overwritten. */
function overlaps(a: NDArray, out: NDArray, shape: readonly number[]): boolean {
  if (a._storage !== out._storage) return false;
  if (a._offset !== out._offset) return true;
  const s = broadcastStrides(a.shape, a._strides, shape);
  return s.some((x, i) => x !== out._strides[i] && shape[i] !== 1);
}

/** Runs an elementwise op (a NumPy ufunc) with broadcasting, NEP 50 promotion and `out=`. */
export function applyElementwise<A extends object>(op: Op<A>, inputs: readonly Input[], attrs: A, opts: ElementwiseOptions = {}): NDArray {
  const who = op.name;
  if (inputs.length !== op.nin) throw new TypeError(`${who}: expected ${op.nin} inputs, got ${inputs.length}`);
  const out = opts.out;
  const device = deviceOf(who, inputs, out);
  const dtypes = operandDTypes(who, inputs);
  const casting = opts.casting ?? 'same_kind';
  const loop = pickLoop(op as Op<object>, inputs, dtypes, attrs, opts.dtype, casting);
  // NumPy's order: JS scalars are converted to the loop's dtypes (out-of-bounds ints raise), then the
  // casts of inputs and output are validated, then shapes are broadcast.
  const scalars = inputs.map((x, i) => (x instanceof NDArray ? undefined : scalarOperand(x, loop.inputs[i]!, who)));
  dtypes.forEach((d, i) => {
    const to = loop.inputs[i]!;
    const from = castSource(inputs[i]!, d, to);
    if (!canCast(from, to, casting)) {
      throw new TypeError(`${who}: Cannot cast ufunc '${who}' input ${i} from dtype('${from}') to dtype('${to}') with casting rule '${casting}'`);
    }
  });
  if (out) {
    if (!(out instanceof NDArray)) throw new TypeError(`${who}: out must be an NDArray`);
    if (!canCast(loop.outputs[0]!, out.dtype, casting)) {
      throw new TypeError(`${who}: Cannot cast ufunc '${who}' output from dtype('${loop.outputs[0]}') to dtype('${out.dtype}') with casting rule '${casting}'`);
    }
  }
  // Shapes as NumPy lists them in its error: every operand (JS scalars as ()), then out.
  const shapes = inputs.map((x) => (x instanceof NDArray ? x.shape : []));
  const shape = broadcastShapes(shapes, who);
  if (out) {
    const full = broadcastShapes([...shapes, out.shape], who);
    if (full.length !== out.ndim || full.some((d, i) => d !== out.shape[i])) {
      throw new RangeError(`${who}: non-broadcastable output operand with shape ${fmtShapeC(out.shape)} doesn't match the broadcast shape ${fmtShapeC(shape)}`);
    }
  }
  const outShape = out ? out.shape : shape;
  const backend = backendOf(device);
  const temps: NDArray[] = [];
  try {
    // Inputs whose dtype differs from the loop's are cast first (NumPy casts them in buffers).
    const ins: Operand[] = inputs.map((x, i) => {
      const want = loop.inputs[i]!;
      if (!(x instanceof NDArray)) return scalars[i]!;
      if (x.dtype === want) return operand(x, outShape);
      const c = castArray(x, want);
      temps.push(c);
      return operand(c, outShape);
    });
    // Writing straight into `out` needs its dtype, and no input it overlaps in another layout
    // (NumPy computes as if the inputs were copied first).
    const direct = out !== undefined && out.dtype === loop.outputs[0]
      && !inputs.some((x, i) => x instanceof NDArray && x.dtype === loop.inputs[i] && overlaps(x, out, outShape));
    const result = direct ? out : NDArray._empty(outShape, loop.outputs[0]!, device);
    if (!backend.supports(op as Op<object>, loop)) {
      throw new TypeError(`${who}: no ${device.type} kernel for loop ${loop.sig}`);
    }
    backend.elementwise({ op: op as Op<object>, loop, shape: outShape, inputs: ins, outputs: [operand(result, outShape)] });
    let final = result;
    if (out && result !== out) {
      temps.push(result);
      castInto(result, out);
      final = out;
    }
    if (context.recorders.length) {
      for (const r of context.recorders) r.record({ op: op as Op<object>, inputs, attrs, outputs: [final] });
    }
    return final;
  } finally {
    for (const t of temps) t.dispose();
  }
}

// astype is itself an elementwise op; the np layer registers it here so apply can cast inputs.
let castOp: Op<{ dtype: DType }> | undefined;
export function registerCastOp(op: Op<{ dtype: DType }>): void { castOp = op; }

function castLaunch(src: NDArray, dst: NDArray): void {
  if (!castOp) throw new Error('internal: astype op not registered');
  const loop = resolveLoop(castOp, [src.dtype], { dtype: dst.dtype })!;
  backendOf(dst.device).elementwise({
    op: castOp as Op<object>, loop, shape: dst.shape, inputs: [operand(src, dst.shape)], outputs: [operand(dst, dst.shape)],
  });
}

/** A new C-contiguous array holding `src` converted to `dtype`. */
export function castArray(src: NDArray, dtype: DType): NDArray {
  const dst = NDArray._empty(src.shape, dtype, src.device);
  castLaunch(src, dst);
  return dst;
}

/** Writes `src` (broadcast) into `dst`, converting dtype: NumPy's copyto with casting 'unsafe'. */
export function castInto(src: NDArray, dst: NDArray): void {
  castLaunch(src, dst);
}

/** Sets every element of `dst` to a JS scalar already checked to fit its dtype. */
export function fillScalar(dst: NDArray, value: Scalar): void {
  if (!castOp) throw new Error('internal: astype op not registered');
  const loop = resolveLoop(castOp, [dst.dtype], { dtype: dst.dtype })!;
  backendOf(dst.device).elementwise({
    op: castOp as Op<object>, loop, shape: dst.shape,
    inputs: [scalarOperand(value, dst.dtype, 'fill')], outputs: [operand(dst, dst.shape)],
  });
}
