// Argument handling shared by every np.random function: NumPy's positional order with a trailing
// options object, `size` (null → a 0-d array), dtype and device, array-valued parameters
// broadcast like NumPy's, and parameter checks that name the function.
import type { Device } from '../../backends/backend.js';
import { castArray } from '../../core/apply.js';
import { device as deviceOf, parseDevice } from '../../core/device.js';
import { type DType, type DTypeLike, defaults, toDType } from '../../core/dtype.js';
import { NDArray, type NestedList } from '../../core/ndarray.js';
import { broadcastShapes, broadcastStrides, checkShape, fmtShapeC } from '../../core/shape.js';
import { asarray } from '../creation/array.js';
import { toDeviceCopy } from '../creation/transfer.js';

/** A distribution parameter: a number, a nested list or an NDArray (broadcast like NumPy's). */
export type ParamLike = number | NDArray | NestedList;
/** NumPy's `size`: an int, a shape, or null for one draw (a 0-d array here). */
export type SizeLike = number | readonly number[] | null;

export interface RandomOptions {
  size?: SizeLike;
  /** Result dtype (continuous: float16/bfloat16/float32/float64, default float32 or npx numpy mode's float64). */
  dtype?: DTypeLike;
  device?: Device | string;
}

/** True for the trailing options object (a plain object, not an array or NDArray). */
export function isOptions(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof NDArray) && !ArrayBuffer.isView(v);
}

export interface Parsed {
  /** Parameter values by name (undefined where neither given nor defaulted). */
  params: Record<string, unknown>;
  size: number[] | null;
  opts: Record<string, unknown>;
}

/**
 * Reads `args` as NumPy's signature `names` followed by `size` and then an options object that may
 * also name any of them (`normal(0, 1, [2, 3])`, `normal({ scale: 2, size: 3 })`,
 * `normal(0, 1, { size: 3, dtype: 'float64' })`). `extra` lists other option names; `after`, the
 * positional ones after size (choice's replace, p).
 */
export function parseArgs(
  who: string, names: readonly string[], args: readonly unknown[], extra: readonly string[] = [], after: readonly string[] = [],
): Parsed {
  let pos = [...args];
  while (pos.length > 0 && pos[pos.length - 1] === undefined) pos.pop();
  let opts: Record<string, unknown> = {};
  if (pos.length > 0 && isOptions(pos[pos.length - 1])) opts = pos.pop() as Record<string, unknown>;
  const all = [...names, 'size', ...after];
  if (pos.length > all.length) throw new TypeError(`${who}: takes at most ${all.length} positional arguments (${pos.length} given)`);
  const allowed = new Set([...all, 'dtype', 'device', ...extra]);
  for (const k of Object.keys(opts)) {
    if (!allowed.has(k)) throw new TypeError(`${who}: got an unexpected keyword argument '${k}'`);
  }
  const params: Record<string, unknown> = {};
  all.forEach((n, i) => {
    const p = i < pos.length ? pos[i] : undefined;
    if (p !== undefined && opts[n] !== undefined) throw new TypeError(`${who}: got multiple values for argument '${n}'`);
    params[n] = p !== undefined ? p : opts[n];
  });
  return { params, size: sizeArg(params.size, who), opts };
}

export function sizeArg(size: unknown, who: string): number[] | null {
  if (size === undefined || size === null) return null;
  if (typeof size === 'number') return checkShape([size], who);
  if (Array.isArray(size)) return checkShape(size as number[], who);
  throw new TypeError(`${who}: size must be an integer, a shape or null, got ${String(size)}`);
}

/** The float dtype of a continuous draw: the option, else the default float dtype. */
export function floatDType(dtype: unknown, who: string): DType {
  if (dtype === undefined || dtype === null) return defaults.float;
  const d = toDType(dtype as DTypeLike, who);
  if (d !== 'float16' && d !== 'bfloat16' && d !== 'float32' && d !== 'float64') {
    throw new TypeError(`${who}: Unsupported dtype dtype('${d}') for ${who}`);
  }
  return d;
}

/** A parameter read for sampling: a JS number, or a float64 CPU array with its values. */
export type Param = { scalar: number } | { array: NDArray; values: Float64Array };

/** Turns a parameter into a number or a float64 host-readable array (a new array the caller frees). */
export function toParam(v: unknown, name: string, who: string): Param {
  if (typeof v === 'number') return { scalar: v };
  if (typeof v === 'boolean') return { scalar: Number(v) };
  if (typeof v === 'bigint') return { scalar: Number(v) };
  let a: NDArray;
  try {
    a = v instanceof NDArray ? v : asarray(v as NestedList);
  } catch (e) {
    throw new TypeError(`${who}: ${name} must be a number or an array of numbers (${e instanceof Error ? e.message : String(e)})`);
  }
  a._check(who);
  if (!a._backend.readSync) {
    throw new Error(`${who}: array parameters must be host-readable (CPU) arrays; ${name} is on ${a.device.toString()}`);
  }
  const owned = a === v ? castArray(a, 'float64') : a.dtype === 'float64' ? a : castArray(a, 'float64');
  if (owned !== a && a !== v) a.dispose();
  return { array: owned, values: owned._readRawSync(who) as Float64Array };
}

export function freeParams(ps: readonly Param[]): void {
  for (const p of ps) if ('array' in p) p.array.dispose();
}

/** NumPy's check of a parameter: raises `${who}: ${msg}` when `bad` holds for any of its values. */
export function check(p: Param, bad: (x: number) => boolean, msg: string, who: string): void {
  const fail = 'scalar' in p ? bad(p.scalar) : p.values.some(bad);
  if (fail) throw new RangeError(`${who}: ${msg}`);
}

/**
 * The output shape: `size`, which the parameters must broadcast to, or their broadcast shape.
 * NumPy's message for a mismatch.
 */
export function outShape(ps: readonly Param[], size: number[] | null, who: string): number[] {
  const shapes = ps.flatMap((p) => ('array' in p ? [p.array.shape] : []));
  const fail = (): never => {
    throw new RangeError(`${who}: shape mismatch: objects cannot be broadcast to a single shape. Parameter shapes ${shapes.map(fmtShapeC).join(' ')}${size ? `, size ${fmtShapeC(size)}` : ''}`);
  };
  let b: number[];
  try {
    b = broadcastShapes(shapes);
  } catch {
    return fail();
  }
  if (size === null) return b;
  let all: number[];
  try {
    all = broadcastShapes([size, b]);
  } catch {
    return fail();
  }
  if (all.length !== size.length || all.some((d, i) => d !== size[i])) fail();
  return size;
}

/** @internal a stride-0 broadcast view of a parameter array (a temporary the caller frees). */
export function broadcastView(a: NDArray, shape: readonly number[]): NDArray {
  return a._view(shape, broadcastStrides(a.shape, a._strides, shape), a._offset);
}

/** Where draws are computed: on the CPU (the one backend with random kernels); then moved. */
export const HOST = deviceOf('cpu', 0);

export function targetDevice(d: unknown, who: string): Device {
  return parseDevice(d as Device | string | undefined, who);
}

/**
 * The user-facing result from a CPU draw: converted to `dtype` and moved to `device` where those
 * differ (the source is freed).
 */
export function finish(r: NDArray, dtype: DType, device: Device, who: string): NDArray {
  let out = r;
  if (out.dtype !== dtype) {
    const c = castArray(out, dtype);
    out.dispose();
    out = c;
  }
  if (out.device !== device) {
    const m = toDeviceCopy(out, device, who);
    out.dispose();
    out = m;
  }
  return out;
}
