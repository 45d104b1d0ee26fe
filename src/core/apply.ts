// The single dispatch point: every op call goes through apply(). It infers output metadata,
// resolves dtypes (NEP 50), allocates, picks the backend kernel, and tells the recorders.
import type { Device, Operand } from '../backends/backend.js';
import { beforeWrite, context } from './context.js';
import { backendOf, defaultDevice } from './device.js';
import {
  DTYPES, type Casting, type DType, type WeakKind, canCast, defaults, intFits, isFloat, isInteger, kindOf, resultType,
} from './dtype.js';
import { Complex } from './complex.js';
import { NDArray, type Scalar } from './ndarray.js';
import { type Loop, type Op, resolveLoop } from './op.js';
import { broadcastShapes, broadcastStrides, fmtShapeC } from './shape.js';

export type Input = NDArray | Scalar;

export interface ElementwiseOptions {
  /** Where to write the result: an array, or one entry per output (undefined: allocate). */
  out?: NDArray | readonly (NDArray | undefined)[];
  dtype?: DType;
  casting?: Casting;
  /**
   * NumPy's `where=` mask (a bool array broadcast with the inputs, or a JS boolean): elements where
   * it is false keep `out`'s values, or are left unspecified in a fresh result.
   */
  where?: NDArray | boolean;
}

/** NEP 50 kind of a JS scalar: bigints and integer-valued numbers within ±(2^53 − 1) are weak ints
 * (docs/np.md), other numbers (0.5, 1e300, NaN, ±Infinity) weak floats; booleans are strong bool. */
function weakKind(v: Scalar): WeakKind | undefined {
  if (typeof v === 'boolean') return undefined;
  if (typeof v === 'bigint') return 'int';
  if (v instanceof Complex) return 'complex';
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
    else if (typeof x === 'number' || typeof x === 'bigint' || x instanceof Complex) weak.push(weakKind(x)!);
    else throw new TypeError(`${who}: unsupported operand type ${typeof x}`);
  }
  const common = resultType(strong, weak);
  return inputs.map((x) => {
    if (x instanceof NDArray) return x.dtype;
    if (typeof x === 'boolean') return 'bool';
    const k = weakKind(x);
    if (k === 'complex') return kindOf(common) === 'c' ? common : resultType([], ['complex']);
    if (k === 'float') return kindOf(common) === 'f' || kindOf(common) === 'c' ? common : resultType([], ['float']);
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
  if (k === 'float' && (kindOf(to) === 'f' || kindOf(to) === 'c')) return to;
  if (k === 'complex' && kindOf(to) === 'c') return to;
  return k === 'int' ? 'int64' : k === 'float' ? 'float64' : 'complex128';
}

function deviceOf(who: string, inputs: readonly Input[], more: readonly (NDArray | undefined)[] = []): Device {
  let d: Device | undefined;
  const n = inputs.length;
  for (let i = 0; i < n + more.length; i++) {
    const x = i < n ? inputs[i] : more[i - n];
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
  // The loop resolution would pick anyway, when it has that output (comparisons: dtype=bool).
  const natural = resolveLoop(op, dtypes, attrs);
  if (natural && natural.outputs.every((o) => o === dtype)) return natural;
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
  if (v instanceof Complex) {
    if (kindOf(dtype) !== 'c') throw new TypeError(`${who}: Cannot cast a complex scalar to ${dtype}`);
  } else if (typeof v !== 'boolean') {
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

/** The `out=` entries, one per output (undefined: allocate). */
const NO_OUTS: readonly (readonly undefined[])[] = [[], [undefined], [undefined, undefined], [undefined, undefined, undefined]];

function outsOf(who: string, out: ElementwiseOptions['out'], nout: number): readonly (NDArray | undefined)[] {
  if (out === undefined) return NO_OUTS[nout] ?? new Array<undefined>(nout).fill(undefined);
  if (out instanceof NDArray && nout === 1) return [out];
  const list = out instanceof NDArray ? [out] : Array.isArray(out) ? [...out] : [out as unknown];
  if (list.length !== nout) {
    throw new RangeError(`${who}: The 'out' tuple must have exactly ${nout} entr${nout === 1 ? 'y' : 'ies'}, one per ufunc output`);
  }
  return list.map((o) => {
    if (o !== undefined && o !== null && !(o instanceof NDArray)) throw new TypeError(`${who}: out must be an NDArray`);
    return (o ?? undefined) as NDArray | undefined;
  });
}

/** The where= mask: undefined when every element is written. */
function maskOf(who: string, where: ElementwiseOptions['where']): NDArray | boolean | undefined {
  if (where === undefined || where === true) return undefined;
  if (where === false) return false;
  if (!(where instanceof NDArray)) throw new TypeError(`${who}: where must be a bool NDArray or a boolean`);
  if (where.dtype !== 'bool') {
    throw new TypeError(`${who}: Cannot cast array data from dtype('${where.dtype}') to dtype('bool') according to the rule 'safe'`);
  }
  return where;
}

const truth = (v: number | bigint | Complex): boolean =>
  (typeof v === 'bigint' ? v !== 0n : v instanceof Complex ? v.re !== 0 || v.im !== 0 : v !== 0);

/** A native loop error ("ValueError: ...", e.g. integers to negative powers) as NumPy's exception. */
function kernelError(who: string, e: unknown): unknown {
  const m = e instanceof Error ? /^ValueError: (.*)$/.exec(e.message) : null;
  return m ? new RangeError(`${who}: ${m[1]}`) : e;
}

/** Runs an elementwise op (a NumPy ufunc) with one output: broadcasting, NEP 50 promotion, out=, where=. */
export function applyElementwise<A extends object>(op: Op<A>, inputs: readonly Input[], attrs: A, opts: ElementwiseOptions = {}): NDArray {
  return fastElementwise(op as Op<object>, inputs, attrs, opts) ?? applyElementwiseN(op, inputs, attrs, opts)[0]!;
}

// Loop resolution per op and input dtypes, for the fast path (it depends on nothing else but the
// default float dtype, which is part of the key).
const loopCache = new WeakMap<Op<object>, Map<number, Loop | null>>();

const dtypeIndex = new Map<DType, number>(DTYPES.map((d, i) => [d, i]));

function cachedLoop(op: Op<object>, dtypes: readonly DType[]): Loop | undefined {
  let m = loopCache.get(op);
  if (!m) loopCache.set(op, (m = new Map()));
  // A number, not a joined string: this runs on every small op.
  let key = defaults.float === 'float64' ? 1 : 0;
  for (const d of dtypes) key = key * 32 + 2 + dtypeIndex.get(d)!;
  let l = m.get(key);
  if (l === undefined) m.set(key, (l = resolveLoop(op, dtypes, {}) ?? null));
  return l ?? undefined;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The common case without the general machinery: array inputs of one shape and device whose dtypes
 * are exactly a loop's, no options, one output. Anything else (JS scalars, broadcasting, casts,
 * out/where/dtype/casting, disposed inputs) returns undefined and takes the full path, which
 * also produces every error message.
 */
function fastElementwise(op: Op<object>, inputs: readonly Input[], attrs: object, opts: ElementwiseOptions): NDArray | undefined {
  if (opts.out !== undefined || opts.where !== undefined || opts.dtype !== undefined || opts.casting !== undefined) return undefined;
  if (op.nout !== 1 || op.truthy || inputs.length !== op.nin) return undefined;
  for (const _ in attrs) return undefined;
  const first = inputs[0];
  if (!(first instanceof NDArray)) return undefined;
  const { shape, device } = first;
  const dtypes: DType[] = [];
  for (const x of inputs) {
    if (!(x instanceof NDArray) || x._disposed || x.device !== device || (x.shape !== shape && !sameShape(x.shape, shape))) return undefined;
    dtypes.push(x.dtype);
  }
  const loop = cachedLoop(op, dtypes);
  if (!loop || loop.inputs.some((d, i) => d !== dtypes[i])) return undefined;
  const backend = backendOf(device);
  if (!backend.supports(op, loop)) return undefined;
  const out = NDArray._empty(shape, loop.outputs[0]!, device);
  const view = (a: NDArray): Operand => ({ kind: 'buffer', handle: a._storage.handle, dtype: a.dtype, offset: a._offset, strides: a._strides });
  try {
    backend.elementwise({ op, loop, shape, inputs: (inputs as NDArray[]).map(view), outputs: [view(out)] });
  } catch (e) {
    out.dispose();
    throw kernelError(op.name, e);
  }
  if (context.recorders.length) for (const r of context.recorders) r.record({ op, inputs, attrs, outputs: [out] });
  return out;
}

/** Runs an elementwise op with any number of outputs (np.modf, np.divmod, …); returns them all. */
export function applyElementwiseN<A extends object>(op: Op<A>, inputs: readonly Input[], attrs: A, opts: ElementwiseOptions = {}): NDArray[] {
  const who = op.name;
  if (inputs.length !== op.nin) throw new TypeError(`${who}: expected ${op.nin} inputs, got ${inputs.length}`);
  // Logical ufuncs read JS scalars as truth values (NumPy: a Python scalar meets an array in '??->?',
  // an integer going through C long on the way).
  let tooLarge: bigint | undefined;
  if (op.truthy) {
    inputs = inputs.map((x) => {
      if (x instanceof NDArray || typeof x === 'boolean') return x;
      if (typeof x === 'bigint' && !intFits(x, 'int64')) tooLarge = x; // raised once the loop is known
      return truth(x);
    });
  }
  const outs = outsOf(who, opts.out, op.nout);
  const mask = maskOf(who, opts.where);
  const device = deviceOf(who, inputs, mask instanceof NDArray ? [mask, ...outs] : outs);
  const dtypes = operandDTypes(who, inputs);
  const casting = opts.casting ?? 'same_kind';
  const loop = pickLoop(op as Op<object>, inputs, dtypes, attrs, opts.dtype, casting);
  if (tooLarge !== undefined) throw new RangeError(`${who}: JS integer ${tooLarge} too large to convert to int64 (C long)`);
  // NumPy's order: JS scalars are converted to the loop's dtypes (out-of-bounds ints raise), then the
  // casts of inputs and outputs are validated, then shapes are broadcast.
  const scalars = inputs.map((x, i) => {
    if (x instanceof NDArray) return undefined;
    // NumPy 2: under 'equiv' a Python int only goes to int64, a Python float only to float64.
    const k = weakKind(x);
    const exempt = op.truthy || (op.comparesInts && k === 'int' && isInteger(loop.inputs[i]!));
    if (casting === 'equiv' && !exempt && k !== undefined && loop.inputs[i] !== (k === 'int' ? 'int64' : 'float64')) {
      throw new TypeError(`${who}: cannot cast Python ${k} to ${loop.inputs[i]} under the casting rule 'equiv'`);
    }
    return scalarOperand(x, loop.inputs[i]!, who);
  });
  dtypes.forEach((d, i) => {
    const to = loop.inputs[i]!;
    const from = castSource(inputs[i]!, d, to);
    if (!canCast(from, to, casting) && !(op.truthy && to === 'bool')) {
      throw new TypeError(`${who}: Cannot cast ufunc '${who}' input ${i} from dtype('${from}') to dtype('${to}') with casting rule '${casting}'`);
    }
  });
  outs.forEach((o, k) => {
    if (o && !canCast(loop.outputs[k]!, o.dtype, casting)) {
      const which = op.nout === 1 ? 'output' : `output ${k}`;
      throw new TypeError(`${who}: Cannot cast ufunc '${who}' ${which} from dtype('${loop.outputs[k]}') to dtype('${o.dtype}') with casting rule '${casting}'`);
    }
  });
  // Shapes as NumPy lists them in its error: every operand (JS scalars as ()), the mask, then out.
  const shapes = inputs.map((x) => (x instanceof NDArray ? x.shape : []));
  if (mask instanceof NDArray) shapes.push(mask.shape);
  const shape = broadcastShapes(shapes, who);
  for (const out of outs) {
    if (!out) continue;
    const full = broadcastShapes([...shapes, out.shape], who);
    if (full.length !== out.ndim || full.some((d, i) => d !== out.shape[i])) {
      throw new RangeError(`${who}: non-broadcastable output operand with shape ${fmtShapeC(out.shape)} doesn't match the broadcast shape ${fmtShapeC(shape)}`);
    }
  }
  let outShape: readonly number[] = shape;
  for (const o of outs) {
    if (!o) continue;
    if (outShape !== shape && (o.ndim !== outShape.length || o.shape.some((d, i) => d !== outShape[i]))) {
      throw new RangeError(`${who}: the output operands have different shapes`);
    }
    outShape = o.shape;
  }
  const backend = backendOf(device);
  if (!backend.supports(op as Op<object>, loop)) {
    throw new TypeError(`${who}: no ${device.type} kernel for loop ${loop.sig}`);
  }
  const written = outs.filter((o): o is NDArray => o !== undefined);
  if (context.recorders.length && (written.length || mask instanceof NDArray)) {
    beforeWrite(op as Op<object>, inputs, written, mask !== undefined);
  }
  const temps: NDArray[] = [];
  const fresh: NDArray[] = [];
  try {
    let finals: NDArray[];
    if (mask === false) {
      // Nothing is computed: out keeps its values, fresh outputs stay uninitialised (as NumPy).
      finals = outs.map((o, k) => o ?? NDArray._empty(outShape, loop.outputs[k]!, device));
    } else {
      // Inputs whose dtype differs from the loop's are cast first (NumPy casts them in buffers).
      const ins: Operand[] = inputs.map((x, i) => {
        const want = loop.inputs[i]!;
        if (!(x instanceof NDArray)) return scalars[i]!;
        if (x.dtype === want) return operand(x, outShape);
        const c = castArray(x, want);
        temps.push(c);
        return operand(c, outShape);
      });
      // Writing straight into `out` needs its dtype, no mask, and no input it overlaps in another
      // layout (NumPy computes as if the inputs were copied first).
      const results = outs.map((out, k) => {
        const direct = out !== undefined && mask === undefined && out.dtype === loop.outputs[k]
          && !inputs.some((x, i) => x instanceof NDArray && x.dtype === loop.inputs[i] && overlaps(x, out, outShape));
        if (direct) return out;
        const r = NDArray._empty(outShape, loop.outputs[k]!, device);
        (out ? temps : fresh).push(r);
        return r;
      });
      const outOps = results.map((r) => operand(r, outShape));
      try {
        backend.elementwise({ op: op as Op<object>, loop, shape: outShape, inputs: ins, outputs: outOps });
      } catch (e) {
        const err = kernelError(who, e);
        // NumPy never computes masked-off elements, so they cannot raise: run again with those
        // inputs zeroed (no loop raises on zeros) before believing the error.
        if (!(mask instanceof NDArray) || err === e) throw err;
        const zeroed = ins.map((o, i) => zeroMasked(o, mask, loop.inputs[i]!, outShape, temps));
        try {
          backend.elementwise({ op: op as Op<object>, loop, shape: outShape, inputs: zeroed, outputs: outOps });
        } catch (e2) {
          throw kernelError(who, e2);
        }
      }
      finals = results.map((r, k) => {
        const out = outs[k];
        if (!out || r === out) return r;
        if (mask instanceof NDArray) writeMasked(r, out, mask, temps);
        else castInto(r, out);
        return out;
      });
    }
    for (const o of written) o._storage.version++;
    if (context.recorders.length) {
      for (const rec of context.recorders) rec.record({ op: op as Op<object>, inputs, attrs, outputs: finals });
    }
    fresh.length = 0;
    return finals;
  } finally {
    for (const t of temps) t.dispose();
    for (const f of fresh) f.dispose(); // only when an error left them behind
  }
}

// np.where's op (select(cond, x, y)); the np layer registers it here so that where= can write
// through a mask: out = where(mask, result, out).
let selectOp: Op<object> | undefined;
export function registerSelectOp(op: Op<object>): void { selectOp = op; }

/** The operand with 0 where `mask` is false: where(mask, x, 0) in `dtype`, a temporary. */
function zeroMasked(x: Operand, mask: NDArray, dtype: DType, shape: readonly number[], temps: NDArray[]): Operand {
  const loop = selectOp!.parsedLoops.find((l) => l.inputs[1] === dtype && l.inputs[0] === 'bool')!;
  const z = NDArray._empty(shape, dtype, mask.device);
  temps.push(z);
  backendOf(mask.device).elementwise({
    op: selectOp!, loop, shape,
    inputs: [operand(mask, shape), x, { kind: 'scalar', dtype, value: 0 }], outputs: [operand(z, shape)],
  });
  return operand(z, shape);
}

/** out[mask] = r (broadcast), r converted to out's dtype first (NumPy's cast on store). */
function writeMasked(r: NDArray, out: NDArray, mask: NDArray, temps: NDArray[]): void {
  if (!selectOp) throw new Error('internal: where op not registered');
  let src = r;
  if (r.dtype !== out.dtype) {
    src = castArray(r, out.dtype);
    temps.push(src);
  }
  const loop = selectOp.parsedLoops.find((l) => l.inputs[1] === out.dtype && l.inputs[0] === 'bool');
  if (!loop) throw new Error(`internal: no where loop for ${out.dtype}`);
  const backend = backendOf(out.device);
  if (!backend.supports(selectOp, loop)) throw new TypeError(`where: no ${out.device.type} kernel for loop ${loop.sig}`);
  const o = operand(out, out.shape);
  backend.elementwise({
    op: selectOp, loop, shape: out.shape,
    inputs: [operand(mask, out.shape), operand(src, out.shape), o], outputs: [o],
  });
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

/**
 * Writes `src` (broadcast) into `dst`, converting dtype: NumPy's copyto with casting 'unsafe'.
 * Internal: not recorded (use copyInto for a write into an array the caller was given).
 */
export function castInto(src: NDArray, dst: NDArray): void {
  castLaunch(src, dst);
  dst._storage.version++;
}

/**
 * castInto for a user-visible write (out= of a composite function, in-place methods): recorded as
 * `dst = astype(src)`, so autograd and tracing see the new value of `dst`.
 */
export function copyInto(src: NDArray, dst: NDArray): void {
  if (!context.recorders.length) return castInto(src, dst);
  const op = castOp as unknown as Op<object>;
  beforeWrite(op, [src], [dst]);
  castInto(src, dst);
  for (const r of context.recorders) r.record({ op, inputs: [src], attrs: { dtype: dst.dtype }, outputs: [dst] });
}

/** Sets every element of `dst` to a JS scalar already checked to fit its dtype. */
export function fillScalar(dst: NDArray, value: Scalar): void {
  if (!castOp) throw new Error('internal: astype op not registered');
  const loop = resolveLoop(castOp, [dst.dtype], { dtype: dst.dtype })!;
  backendOf(dst.device).elementwise({
    op: castOp as Op<object>, loop, shape: dst.shape,
    inputs: [scalarOperand(value, dst.dtype, 'fill')], outputs: [operand(dst, dst.shape)],
  });
  dst._storage.version++;
}
