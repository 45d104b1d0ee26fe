// multinomial and multivariate_normal: one output row per Philox element (random_multi.cc).
import { castArray } from '../../core/apply.js';
import { defaults } from '../../core/dtype.js';
import { NDArray, type NestedList } from '../../core/ndarray.js';
import { scope } from '../../core/memory.js';
import { applyOpaque } from '../../core/opaque.js';
import { sizeOf } from '../../core/shape.js';
import { asarray } from '../creation/array.js';
import { reshape } from '../manip/views.js';
import { randomDirichletOp, randomMultinomialOp, randomMvnormalOp } from './ops.js';
import { HOST, finish, floatDType, parseArgs, targetDevice } from './params.js';
import type { Philox } from './philox.js';

function hostFloat64(x: unknown, who: string): { a: NDArray; v: Float64Array } {
  const src = x instanceof NDArray ? x : asarray(x as NestedList);
  src._check(who);
  const a = castArray(src, 'float64');
  if (src !== x) src.dispose();
  return { a, v: a._readRawSync(who) as Float64Array };
}

/** multinomial(n, pvals, size = null): int64 counts of shape [...size, len(pvals)]. */
export function sampleMultinomial(bg: Philox, args: readonly unknown[], who: string): NDArray {
  const { params, size, opts } = parseArgs(who, ['n', 'pvals'], args);
  const device = targetDevice(opts.device, who);
  const nArg = params.n;
  if (typeof nArg !== 'number' && typeof nArg !== 'bigint') throw new TypeError(`${who}: n must be an integer (array-valued n is not supported)`);
  const n = Math.trunc(Number(nArg));
  if (n < 0) throw new RangeError(`${who}: n < 0`);
  if (params.pvals === undefined) throw new TypeError(`${who}: missing required argument 'pvals'`);
  return scope(() => {
    const { a: p, v } = hostFloat64(params.pvals, who);
    if (p.ndim !== 1) throw new RangeError(`${who}: pvals must be a 1-d sequence`);
    if (v.some((x) => !(x >= 0 && x <= 1))) throw new RangeError(`${who}: pvals < 0, pvals > 1 or pvals contains NaNs`);
    let head = 0;
    for (let i = 0; i + 1 < v.length; i++) head += v[i]!;
    if (head > 1.0 + 1e-12) throw new RangeError(`${who}: sum(pvals[:-1]) > 1.0`);
    const shape = size ?? [];
    const rows = sizeOf(shape);
    const r = applyOpaque(randomMultinomialOp, [p], { ...bg._take(rows), rows, n }, HOST)[0]!;
    return finish(reshape(r, [...shape, p.shape[0]!]), 'int64', device, who);
  });
}

/** dirichlet(alpha, size = null, { dtype }): rows of shape [...size, len(alpha)] summing to 1. */
export function sampleDirichlet(bg: Philox, args: readonly unknown[], who: string): NDArray {
  const { params, size, opts } = parseArgs(who, ['alpha'], args);
  const device = targetDevice(opts.device, who);
  const dtype = floatDType(opts.dtype, who);
  if (params.alpha === undefined) throw new TypeError(`${who}: missing required argument 'alpha'`);
  return scope(() => {
    const { a: alpha, v } = hostFloat64(params.alpha, who);
    if (alpha.ndim !== 1) throw new RangeError(`${who}: alpha must be a 1-d sequence`);
    if (v.some((x) => !(x >= 0))) throw new RangeError(`${who}: alpha < 0`);
    const shape = size ?? [];
    const rows = sizeOf(shape);
    const r = applyOpaque(randomDirichletOp, [alpha], { ...bg._take(rows), rows, n: 0 }, HOST)[0]!;
    return finish(reshape(r, [...shape, alpha.shape[0]!]), dtype, device, who);
  });
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: returns (values, vectors
 * as columns of a row-major d x d array). The covariances here are small; this is exact enough.
 */
export function symmetricEigen(m: Float64Array, d: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const vecs = new Float64Array(d * d);
  for (let i = 0; i < d; i++) vecs[i * d + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) off += a[i * d + j]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * d + q]! - a[p * d + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p]!, akq = a[k * d + q]!;
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k]!, aqk = a[q * d + k]!;
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = vecs[k * d + p]!, vkq = vecs[k * d + q]!;
          vecs[k * d + p] = c * vkp - s * vkq;
          vecs[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(d);
  for (let i = 0; i < d; i++) values[i] = a[i * d + i]!;
  return { values, vectors: vecs };
}

/**
 * multivariate_normal(mean, cov, size = null, { check_valid = 'warn', tol = 1e-8, dtype }): rows
 * mean + A z with A = V sqrt(L) from cov's eigen-decomposition (NumPy factors cov by SVD; for a
 * symmetric PSD cov the result has the same distribution). Negative eigenvalues beyond tol warn,
 * raise or are ignored as check_valid says; they are clipped to 0.
 */
export function sampleMultivariateNormal(bg: Philox, args: readonly unknown[], who: string): NDArray {
  const { params, size, opts } = parseArgs(who, ['mean', 'cov'], args, ['check_valid', 'tol', 'method']);
  const device = targetDevice(opts.device, who);
  const dtype = opts.dtype === undefined ? defaults.float : floatDType(opts.dtype, who);
  const checkValid = (opts.check_valid ?? 'warn') as string;
  if (!['warn', 'raise', 'ignore'].includes(checkValid)) throw new RangeError(`${who}: check_valid must equal 'warn', 'raise', or 'ignore'`);
  const tol = Number(opts.tol ?? 1e-8);
  if (params.mean === undefined || params.cov === undefined) throw new TypeError(`${who}: missing required argument '${params.mean === undefined ? 'mean' : 'cov'}'`);
  return scope(() => {
    const { a: mean } = hostFloat64(params.mean, who);
    const { a: cov, v: cv } = hostFloat64(params.cov, who);
    if (mean.ndim !== 1) throw new RangeError(`${who}: mean must be 1 dimensional`);
    if (cov.ndim !== 2 || cov.shape[0] !== cov.shape[1]) throw new RangeError(`${who}: cov must be 2 dimensional and square`);
    const d = mean.shape[0]!;
    if (cov.shape[0] !== d) throw new RangeError(`${who}: mean and cov must have same length`);
    const { values, vectors } = symmetricEigen(cv, d);
    const big = Math.max(0, ...Array.from(values, Math.abs));
    if (checkValid !== 'ignore' && values.some((x) => x < -tol * Math.max(big, 1))) {
      const msg = `${who}: covariance is not symmetric positive-semidefinite.`;
      if (checkValid === 'raise') throw new RangeError(msg);
      console.warn(`RuntimeWarning: ${msg}`);
    }
    const fac = new Float64Array(d * d);
    for (let r = 0; r < d; r++) {
      for (let k = 0; k < d; k++) fac[r * d + k] = vectors[r * d + k]! * Math.sqrt(Math.max(values[k]!, 0));
    }
    const f = NDArray._fromStorageData(fac, [d, d], 'float64', HOST);
    const shape = size ?? [];
    const rows = sizeOf(shape);
    const r = applyOpaque(randomMvnormalOp, [mean, f], { ...bg._take(rows), rows, n: 0 }, HOST)[0]!;
    return finish(reshape(r, [...shape, d]), dtype, device, who);
  });
}
