// Generator.integers / randint: uniform integers in [low, high) (or [low, high] with endpoint),
// exact for every integer dtype up to uint64/int64 (bounds as numbers or BigInts, or arrays of them).
import { type DType, isInteger, itemsize, kindOf, toDType, type DTypeLike } from '../../core/dtype.js';
import { NDArray, type NestedList } from '../../core/ndarray.js';
import { broadcastShapes } from '../../core/shape.js';
import { asarray } from '../creation/array.js';
import { drawIntegers, type IntBounds } from './draw.js';
import { parseArgs, targetDevice } from './params.js';
import type { Philox } from './philox.js';

/** Integer bounds as NumPy accepts them: numbers, BigInts, or arrays / nested lists of them. */
export type IntLike = number | bigint | NDArray | NestedList;

function dtypeBounds(d: DType): [bigint, bigint] {
  if (d === 'bool') return [0n, 1n];
  const bits = BigInt(8 * itemsize(d));
  return kindOf(d) === 'u' ? [0n, 2n ** bits - 1n] : [-(2n ** (bits - 1n)), 2n ** (bits - 1n) - 1n];
}

/** Values as BigInts with their shape; floats truncate toward zero as NumPy's int cast does. */
function bigValues(v: unknown, name: string, who: string): { vals: bigint[]; shape: number[] } {
  const one = (x: unknown): bigint => {
    if (typeof x === 'bigint') return x;
    if (typeof x === 'boolean') return x ? 1n : 0n;
    if (typeof x === 'number' && Number.isFinite(x)) return BigInt(Math.trunc(x));
    throw new TypeError(`${who}: ${name} must be an integer, got ${String(x)}`);
  };
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return { vals: [one(v)], shape: [] };
  const a = v instanceof NDArray ? v : asarray(v as NestedList);
  try {
    const flat = (x: NestedList): NestedList[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);
    return { vals: flat(a.tolist()).map(one), shape: [...a.shape] };
  } finally {
    if (a !== v) a.dispose();
  }
}

/** Source index in a C-contiguous `src` shape of flat index i of its broadcast to `shape`. */
function sourceIndex(i: number, src: readonly number[], shape: readonly number[]): number {
  let s = 0, mul = 1;
  const off = shape.length - src.length;
  for (let d = shape.length - 1; d >= 0; d--) {
    const idx = i % shape[d]!;
    i = Math.floor(i / shape[d]!);
    const sd = d - off;
    if (sd >= 0) {
      if (src[sd] !== 1) s += idx * mul;
      mul *= src[sd]!;
    }
  }
  return s;
}

/**
 * integers(low, high = null, size = null, { dtype = 'int64', endpoint = false }); with high null
 * the range is [0, low). `who` is 'integers' or 'randint' (NumPy's messages name either).
 */
export function sampleIntegers(bg: Philox, who: string, args: readonly unknown[], endpointDefault = false): NDArray {
  const { params, size, opts } = parseArgs(who, ['low', 'high'], args, ['endpoint']);
  const dtype = toDType((opts.dtype ?? 'int64') as DTypeLike, who);
  if (!isInteger(dtype) && dtype !== 'bool') throw new TypeError(`${who}: Unsupported dtype dtype('${dtype}') for ${who}`);
  const endpoint = Boolean(opts.endpoint ?? endpointDefault);
  const device = targetDevice(opts.device, who);
  if (params.low === undefined) throw new TypeError(`${who}: missing required argument 'low'`);
  let lowV = bigValues(params.low, 'low', who);
  let highV: { vals: bigint[]; shape: number[] };
  if (params.high === undefined || params.high === null) {
    highV = lowV;
    lowV = { vals: [0n], shape: [] };
    // NumPy's message when the single bound is the (exclusive) high and empty.
    if (!endpoint && highV.vals.some((h) => h <= 0n)) throw new RangeError(`${who}: high <= 0`);
  } else {
    highV = bigValues(params.high, 'high', who);
  }
  const [dmin, dmax] = dtypeBounds(dtype);
  const hmax = endpoint ? dmax : dmax + 1n;
  if (lowV.vals.some((l) => l < dmin || l > dmax)) throw new RangeError(`${who}: low is out of bounds for ${dtype}`);
  if (highV.vals.some((h) => h > hmax || h < dmin)) throw new RangeError(`${who}: high is out of bounds for ${dtype}`);
  let bshape: number[];
  try {
    bshape = broadcastShapes([lowV.shape, highV.shape]);
  } catch {
    throw new RangeError(`${who}: shape mismatch: objects cannot be broadcast to a single shape`);
  }
  const n = bshape.reduce((a, b) => a * b, 1);
  const lows = new BigUint64Array(n), ranges = new BigUint64Array(n);
  for (let i = 0; i < n; i++) {
    const l = lowV.vals[sourceIndex(i, lowV.shape, bshape)]!, h = highV.vals[sourceIndex(i, highV.shape, bshape)]!;
    if (endpoint ? l > h : l >= h) throw new RangeError(`${who}: ${endpoint ? 'low > high' : 'low >= high'}`);
    lows[i] = BigInt.asUintN(64, l);
    ranges[i] = BigInt.asUintN(64, h - l - (endpoint ? 0n : 1n));
  }
  let shape = bshape;
  if (size !== null) {
    let all: number[] | undefined;
    try {
      all = broadcastShapes([size, bshape]);
    } catch { /* reported below */ }
    if (!all || all.length !== size.length || all.some((d, i) => d !== size[i])) {
      throw new RangeError(`${who}: shape mismatch: objects cannot be broadcast to a single shape`);
    }
    shape = size;
  }
  const b: IntBounds = bshape.length === 0 ? { low: lows[0]!, range: ranges[0]! } : { lows, ranges, shape: bshape };
  return drawIntegers(bg, who, b, shape, dtype, device);
}
