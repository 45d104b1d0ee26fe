// choice, permutation and shuffle. Permutations are an argsort of independent 64-bit Philox keys
// (one per element, so counter-based like every other draw); weighted sampling without replacement
// takes the k smallest E_i / p_i (E_i standard exponential: Efraimidis & Spirakis), which has the
// distribution of drawing one at a time proportionally to p without replacement, as NumPy does.
import { castArray, castInto } from '../../core/apply.js';
import { NDArray, type NestedList } from '../../core/ndarray.js';
import { scope } from '../../core/memory.js';
import { normalizeAxis, sizeOf } from '../../core/shape.js';
import { asarray } from '../creation/array.js';
import { reshape, ravel } from '../manip/views.js';
import { argsortAlong } from '../sorting/argsort.js';
import { take1d } from '../sorting/common.js';
import { searchsortedCore } from '../sorting/searchsorted.js';
import { drawDist, drawIntegers } from './draw.js';
import { HOST, finish, parseArgs, targetDevice } from './params.js';
import type { Philox } from './philox.js';

/** A uniformly random permutation of 0..n-1 (int64, on the CPU): argsort of n random 64-bit keys. */
export function randomPerm(bg: Philox, n: number, who: string): NDArray {
  const keys = drawDist(bg, who, 'bits', [], [n], 'uint64', HOST);
  try {
    return argsortAlong(keys, 0);
  } finally {
    keys.dispose();
  }
}

/** `a` with its first-axis entries reordered by the int64 indices `idx` (a new C-contiguous array). */
function takeRows(a: NDArray, idx: NDArray): NDArray {
  if (a.ndim === 1) return take1d(a, idx);
  const rows = idx.size, row = a.shape.slice(1).reduce((x, y) => x * y, 1);
  const src = idx._readRawSync('take') as BigInt64Array;
  const flatIdx = new BigInt64Array(rows * row);
  for (let i = 0; i < rows; i++) {
    const base = src[i]! * BigInt(row);
    for (let j = 0; j < row; j++) flatIdx[i * row + j] = base + BigInt(j);
  }
  return scope(() => {
    const fi = NDArray._fromStorageData(flatIdx, [rows * row], 'int64', a.device);
    return reshape(take1d(ravel(a), fi), [...idx.shape, ...a.shape.slice(1)]);
  });
}

function toNDArray(x: unknown, who: string): NDArray {
  if (x instanceof NDArray) {
    x._check(who);
    return x;
  }
  return asarray(x as NestedList);
}

/** permutation(x): a permuted arange(x) for an integer, else a shuffled copy along axis 0. */
export function samplePermutation(bg: Philox, x: unknown, who: string): NDArray {
  if (typeof x === 'number' || typeof x === 'bigint') {
    const n = Number(x);
    if (!Number.isInteger(n)) throw new TypeError(`${who}: x must be an integer or at least 1-dimensional`);
    if (n < 0) throw new RangeError(`${who}: negative dimensions are not allowed`);
    return randomPerm(bg, n, who);
  }
  const a = toNDArray(x, who);
  return scope(() => {
    if (a.ndim === 0) throw new TypeError(`${who}: x must be an integer or at least 1-dimensional`);
    return takeRows(a, randomPerm(bg, a.shape[0]!, who));
  });
}

/** shuffle(x): permutes an NDArray in place along axis 0 (through a shuffled copy written back). */
export function sampleShuffle(bg: Philox, x: unknown, who: string): void {
  if (!(x instanceof NDArray)) throw new TypeError(`${who}: x must be an NDArray (it is shuffled in place)`);
  x._check(who);
  if (x.ndim === 0) throw new TypeError(`${who}: len() of unsized object`);
  scope(() => {
    const y = takeRows(x, randomPerm(bg, x.shape[0]!, who));
    castInto(y, x);
  });
}

/** NumPy's tolerance for sum(p) == 1: the square root of p's float eps (float64's for other dtypes). */
function sumTolerance(p: NDArray): number {
  const eps: Record<string, number> = { float16: 2 ** -10, bfloat16: 2 ** -7, float32: 2 ** -23 };
  return Math.sqrt(eps[p.dtype] ?? 2 ** -52);
}

/**
 * choice(a, size = null, replace = true, p = null): samples from arange(a) (a an integer) or the
 * entries of the 1-D array a, uniformly or with probabilities p.
 */
export function sampleChoice(bg: Philox, args: readonly unknown[], legacy: boolean, who: string): NDArray {
  const { params, size, opts } = parseArgs(who, ['a'], args, ['shuffle', 'axis'], ['replace', 'p']);
  const replace = params.replace === undefined ? true : Boolean(params.replace);
  const pArg = params.p;
  if (opts.axis !== undefined && opts.axis !== 0) throw new RangeError(`${who}: only axis=0 is supported`);
  const device = targetDevice(opts.device, who);
  const aArg = params.a;
  const shape = size ?? [];
  const k = sizeOf(shape);
  return scope(() => {
    let pop: number;
    let arr: NDArray | undefined;
    if (typeof aArg === 'number' || typeof aArg === 'bigint') {
      pop = Number(aArg);
      if (!Number.isInteger(pop)) throw new TypeError(`${who}: a must be an integer or a 1-D array`);
      if (pop < 0) throw new RangeError(legacy ? `${who}: a must be greater than 0 unless no samples are taken` : `${who}: a must be a positive integer unless no samples are taken`);
    } else {
      arr = toNDArray(aArg, who);
      if (arr.ndim !== 1) throw new RangeError(`${who}: a must be 1-dimensional${legacy ? '' : ' or an integer'}`);
      pop = arr.shape[0]!;
    }
    if (pop === 0 && k > 0) {
      throw new RangeError(`${who}: ${legacy ? "'a'" : 'a'} cannot be empty unless no samples are taken`);
    }
    let pv: Float64Array | undefined;
    if (pArg !== undefined && pArg !== null) {
      const p = toNDArray(pArg, who);
      if (p.ndim !== 1) throw new RangeError(legacy ? `${who}: 'p' must be 1-dimensional` : `${who}: p must be 1-dimensional`);
      if (p.size !== pop) throw new RangeError(legacy ? `${who}: 'a' and 'p' must have same size` : `${who}: a and p must have same size`);
      const pf = castArray(p, 'float64');
      pv = pf._readRawSync(who) as Float64Array;
      if (pv.some((x) => !Number.isFinite(x))) throw new RangeError(`${who}: ${legacy ? 'p' : 'P'}robabilities contain NaN`);
      if (pv.some((x) => x < 0)) throw new RangeError(`${who}: ${legacy ? 'p' : 'P'}robabilities are not non-negative`);
      const sum = pv.reduce((s, x) => s + x, 0);
      if (Math.abs(sum - 1) > sumTolerance(p)) {
        throw new RangeError(legacy ? `${who}: probabilities do not sum to 1` : `${who}: Probabilities do not sum to 1. See Notes section of docstring for more information.`);
      }
    }
    if (!replace && k > pop) {
      throw new RangeError(legacy ? `${who}: Cannot take a larger sample than population when 'replace=False'` : `${who}: Cannot take a larger sample than population when replace is False`);
    }
    if (!replace && pv && pv.filter((x) => x > 0).length < k) throw new RangeError(`${who}: Fewer non-zero entries in p than size`);

    let idx: NDArray;
    if (replace && !pv) {
      idx = drawIntegers(bg, who, { low: 0n, range: BigInt(Math.max(pop - 1, 0)) }, shape, 'int64', HOST);
    } else if (replace && pv) {
      // Inverse CDF: the first index whose cumulative probability exceeds u.
      const cdf = new Float64Array(pop);
      let acc = 0;
      for (let i = 0; i < pop; i++) cdf[i] = acc += pv[i]!;
      for (let i = 0; i < pop; i++) cdf[i] = cdf[i]! / acc;
      const c = NDArray._fromStorageData(cdf, [pop], 'float64', HOST);
      const u = drawDist(bg, who, 'uniform', [{ scalar: 0 }, { scalar: 1 }], shape, 'float64', HOST);
      idx = searchsortedCore(c, u, true);
    } else {
      let order: number[];
      if (pv) {
        const e = drawDist(bg, who, 'exponential', [{ scalar: 1 }], [pop], 'float64', HOST);
        const ev = e._readRawSync(who) as Float64Array;
        const keys = Array.from(ev, (x, i) => x / pv![i]!);
        order = keys.map((_, i) => i).sort((x, y) => keys[x]! - keys[y]! || x - y);
      } else {
        const perm = randomPerm(bg, pop, who)._readRawSync(who) as BigInt64Array;
        order = Array.from(perm.subarray(0, k), Number);
      }
      const picked = BigInt64Array.from(order.slice(0, k), (x) => BigInt(x));
      idx = NDArray._fromStorageData(picked, shape, 'int64', HOST);
    }
    const out = arr ? reshape(take1d(arr, ravel(idx)), shape) : idx;
    return finish(out, out.dtype, device, who);
  });
}

/**
 * permuted(x, { axis = null }): a copy of x with every 1-D slice along `axis` shuffled
 * independently (axis null: the flattened array, reshaped back). One random key per element,
 * argsorted along the axis.
 */
export function samplePermuted(bg: Philox, x: unknown, axis: number | null, who: string): NDArray {
  const a = toNDArray(x, who);
  return scope(() => {
    if (axis === null) {
      const flatA = ravel(a);
      return reshape(take1d(flatA, randomPerm(bg, flatA.size, who)), a.shape);
    }
    const ax = normalizeAxis(axis, a.ndim, who);
    const keys = drawDist(bg, who, 'bits', [], [...a.shape], 'uint64', HOST);
    const order = argsortAlong(keys, ax)._readRawSync(who) as BigInt64Array;
    // Flat source index of every output element: its own index with the axis coordinate replaced.
    const shape = a.shape, n = order.length;
    const stride = shape.slice(ax + 1).reduce((p, d) => p * d, 1);
    const len = shape[ax]!;
    const idx = new BigInt64Array(n);
    for (let i = 0; i < n; i++) {
      const coord = Math.floor(i / stride) % len;
      idx[i] = BigInt(i + (Number(order[i]!) - coord) * stride);
    }
    const fi = NDArray._fromStorageData(idx, [n], 'int64', a.device);
    return reshape(take1d(ravel(a), fi), shape);
  });
}
