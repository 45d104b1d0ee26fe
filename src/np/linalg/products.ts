// Products built on np.matmul's kernel: dot vdot inner outer tensordot kron cross vecdot.
// Contractions become one (batched) matmul after a transpose/reshape, so integer products stay exact.
import { castInto } from '../../core/apply.js';
import { canCast, isComplex } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { broadcastShapes, fmtShapeC, normalizeAxis, sizeOf } from '../../core/shape.js';
import { conjugate } from '../math/conjugate.js';
import { multiply } from '../math/multiply.js';
import { negative } from '../math/negative.js';
import { subtract } from '../math/subtract.js';
import { transpose } from '../manip/views.js';
import { stack } from '../manip/stack.js';
import { context } from '../../core/context.js';
import { type ArrayLike, asArray, finish, permuted, productDType, release, reshaped } from './common.js';
import { matmulRaw } from './matmul.js';

/** Runs fn on `xs` as NDArrays, freeing the ones made from JS values. */
function withArrays<T>(xs: readonly ArrayLike[], who: string, fn: (...a: NDArray[]) => T): T {
  const arrs = xs.map((x) => asArray(x, who));
  try {
    return fn(...arrs);
  } finally {
    arrs.forEach((a, i) => { if (!(xs[i] instanceof NDArray)) a.dispose(); });
  }
}

/** Writes `r` into `out` (NumPy's out=), freeing `r`. */
function into(r: NDArray, out: NDArray | undefined, who: string): NDArray {
  if (!out) return r;
  try {
    out._check(who);
    if (out.shape.length !== r.shape.length || out.shape.some((d, i) => d !== r.shape[i])) {
      throw new RangeError(`${who}: output array has wrong shape ${fmtShapeC(out.shape)}, expected ${fmtShapeC(r.shape)}`);
    }
    if (!canCast(r.dtype, out.dtype, 'same_kind')) throw new TypeError(`${who}: output array has dtype ${out.dtype}, cannot hold ${r.dtype}`);
    castInto(r, out);
    return out;
  } finally {
    r.dispose();
  }
}

export type TensordotAxes = number | readonly [number | readonly number[], number | readonly number[]];

function tensordotCore(a: NDArray, b: NDArray, axesA: readonly number[], axesB: readonly number[], who: string): NDArray {
  const na = axesA.map((x) => normalizeAxis(x, a.ndim, who)), nb = axesB.map((x) => normalizeAxis(x, b.ndim, who));
  if (na.length !== nb.length) throw new RangeError(`${who}: shape-mismatch for sum`);
  for (let i = 0; i < na.length; i++) {
    if (a.shape[na[i]!] !== b.shape[nb[i]!]) throw new RangeError(`${who}: shape-mismatch for sum`);
  }
  const freeA = [...Array(a.ndim).keys()].filter((d) => !na.includes(d));
  const freeB = [...Array(b.ndim).keys()].filter((d) => !nb.includes(d));
  const M = sizeOf(freeA.map((d) => a.shape[d]!)), N = sizeOf(freeB.map((d) => b.shape[d]!));
  const K = sizeOf(na.map((d) => a.shape[d]!));
  const pa = permuted(a, [...freeA, ...na]), pb = permuted(b, [...nb, ...freeB]);
  const A2 = reshaped(pa, [M, K]), B2 = reshaped(pb, [K, N]);
  try {
    const r = matmulRaw(A2, B2, productDType(a.dtype, b.dtype));
    return finish(r, [...freeA.map((d) => a.shape[d]!), ...freeB.map((d) => b.shape[d]!)]);
  } finally {
    release([pa, pb, A2, B2]);
  }
}

/** np.tensordot: sums products over `axes` (N: the last N of a with the first N of b; or two lists). */
export function tensordot(a: ArrayLike, b: ArrayLike, axes: TensordotAxes = 2): NDArray {
  return withArrays([a, b], 'tensordot', (x, y) => {
    let axA: number[], axB: number[];
    if (typeof axes === 'number') {
      if (axes < 0 || axes > x.ndim || axes > y.ndim) throw new RangeError('tensordot: shape-mismatch for sum');
      axA = [...Array(axes).keys()].map((i) => x.ndim - axes + i);
      axB = [...Array(axes).keys()];
    } else {
      const [p, q] = axes;
      axA = typeof p === 'number' ? [p] : [...p];
      axB = typeof q === 'number' ? [q] : [...q];
    }
    return tensordotCore(x, y, axA, axB, 'tensordot');
  });
}

export interface DotOptions {
  out?: NDArray;
}

/**
 * np.dot: scalars multiply; 1-D·1-D inner product; 2-D matrix product; N-D·1-D sums over the last
 * axis; N-D·M-D sums over a's last and b's second-to-last axis.
 */
export function dot(a: ArrayLike, b: ArrayLike, opts: DotOptions = {}): NDArray {
  const who = 'dot';
  return withArrays([a, b], who, (x, y) => {
    if (x.ndim === 0 || y.ndim === 0) return into(multiply(x, y), opts.out, who);
    const ka = x.shape[x.ndim - 1]!, kbAxis = y.ndim === 1 ? 0 : y.ndim - 2, kb = y.shape[kbAxis]!;
    if (ka !== kb) {
      throw new RangeError(`${who}: shapes ${fmtShapeC(x.shape)} and ${fmtShapeC(y.shape)} not aligned: ${ka} (dim ${x.ndim - 1}) != ${kb} (dim ${kbAxis})`);
    }
    const r = y.ndim <= 2 ? matmulRaw(x, y) : tensordotCore(x, y, [x.ndim - 1], [y.ndim - 2], who);
    return into(r, opts.out, who);
  });
}

/** np.vdot: the dot product of the flattened inputs (same size). */
export function vdot(a: ArrayLike, b: ArrayLike): NDArray {
  return withArrays([a, b], 'vdot', (x, y) => {
    if (x.size !== y.size) throw new RangeError(`vdot: cannot take the dot product of arrays of sizes ${x.size} and ${y.size}`);
    // NumPy conjugates the first argument.
    const cx = isComplex(x.dtype) ? conjugate(x) : x;
    const fx = reshaped(cx, [x.size]), fy = reshaped(y, [y.size]);
    try {
      return matmulRaw(fx, fy);
    } finally {
      release([fx, fy, cx], x);
    }
  });
}

/** np.inner: sums products over the last axes (scalars multiply). */
export function inner(a: ArrayLike, b: ArrayLike): NDArray {
  return withArrays([a, b], 'inner', (x, y) => {
    if (x.ndim === 0 || y.ndim === 0) return multiply(x, y);
    const ka = x.shape[x.ndim - 1]!, kb = y.shape[y.ndim - 1]!;
    if (ka !== kb) throw new RangeError(`inner: shapes ${fmtShapeC(x.shape)} and ${fmtShapeC(y.shape)} not aligned: ${ka} (dim ${x.ndim - 1}) != ${kb} (dim ${y.ndim - 1})`);
    return tensordotCore(x, y, [x.ndim - 1], [y.ndim - 1], 'inner');
  });
}

/** np.outer: out[i, j] = a.ravel()[i] * b.ravel()[j]. */
export function outer(a: ArrayLike, b: ArrayLike): NDArray {
  return withArrays([a, b], 'outer', (x, y) => {
    const fx = reshaped(x, [x.size, 1]), fy = reshaped(y, [1, y.size]);
    try {
      return multiply(fx, fy);
    } finally {
      release([fx, fy]);
    }
  });
}

/** np.kron: the Kronecker product (block array of a[i] * b). */
export function kron(a: ArrayLike, b: ArrayLike): NDArray {
  return withArrays([a, b], 'kron', (x, y) => {
    const nd = Math.max(x.ndim, y.ndim);
    const sa = [...Array(nd - x.ndim).fill(1), ...x.shape], sb = [...Array(nd - y.ndim).fill(1), ...y.shape];
    const ra = reshaped(x, sa), rb = reshaped(y, sb);
    // a as (a0, 1, a1, 1, …) and b as (1, b0, 1, b1, …): their product interleaves the axes.
    const va = reshaped(ra, sa.flatMap((d) => [d, 1]));
    const vb = reshaped(rb, sb.flatMap((d) => [1, d]));
    try {
      return finish(multiply(va, vb), sa.map((d, i) => d * sb[i]!));
    } finally {
      release([ra, rb, va, vb]);
    }
  });
}

export interface VecdotOptions {
  /** The axis of the vectors (default -1). */
  axis?: number;
}

/** np.vecdot / np.linalg.vecdot: sum(x1 * x2) over `axis`, batch dims broadcast. */
export function vecdot(x1: ArrayLike, x2: ArrayLike, opts: VecdotOptions = {}): NDArray {
  const who = 'vecdot';
  return withArrays([x1, x2], who, (x, y) => {
    for (const [i, t] of [x, y].entries()) {
      if (t.ndim < 1) throw new RangeError(`${who}: Input operand ${i} does not have enough dimensions (has 0, gufunc core with signature (n),(n)->() requires 1)`);
    }
    const ax = opts.axis ?? -1;
    const temps: NDArray[] = [];
    const mv = (t: NDArray) => {
      const d = normalizeAxis(ax, t.ndim, who);
      return permuted(t, [...[...Array(t.ndim).keys()].filter((i) => i !== d), d]);
    };
    const px0 = mv(x), py = mv(y);
    temps.push(px0);
    // NumPy conjugates the first argument.
    const px = isComplex(x.dtype) ? conjugate(px0) : px0;
    const n = px.shape[px.ndim - 1]!, m = py.shape[py.ndim - 1]!;
    const vx = reshaped(px, [...px.shape.slice(0, -1), 1, n]);
    const vy = reshaped(py, [...py.shape.slice(0, -1), m, 1]);
    try {
      if (n !== m) throw new RangeError(`${who}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n),(n)->() (size ${m} is different from ${n})`);
      const batch = broadcastShapes([px.shape.slice(0, -1), py.shape.slice(0, -1)], who);
      return finish(matmulRaw(vx, vy), batch);
    } finally {
      release([px, py, vx, vy, ...temps]);
    }
  });
}

export interface CrossOptions {
  axisa?: number;
  axisb?: number;
  axisc?: number;
  /** Sets axisa, axisb and axisc at once. */
  axis?: number;
}

/** np.cross: cross products of 2- or 3-element vectors along the given axes (2-D vectors give the z component). */
export function cross(a: ArrayLike, b: ArrayLike, opts: CrossOptions = {}): NDArray {
  const who = 'cross';
  return withArrays([a, b], who, (x, y) => {
    const axa = opts.axis ?? opts.axisa ?? -1, axb = opts.axis ?? opts.axisb ?? -1;
    const toEnd = (t: NDArray, ax: number) => {
      const d = normalizeAxis(ax, t.ndim, who);
      return permuted(t, [...[...Array(t.ndim).keys()].filter((i) => i !== d), d]);
    };
    if (x.ndim < 1 || y.ndim < 1) throw new RangeError(`${who}: axis -1 is out of bounds for array of dimension 0`);
    const px = toEnd(x, axa), py = toEnd(y, axb);
    const temps: NDArray[] = [px, py];
    try {
      const nx = px.shape[px.ndim - 1]!, ny = py.shape[py.ndim - 1]!;
      if ((nx !== 2 && nx !== 3) || (ny !== 2 && ny !== 3)) {
        throw new RangeError(`${who}: incompatible dimensions for cross product\n(dimension must be 2 or 3)`);
      }
      const comp = (t: NDArray, i: number) => {
        const v = context.recorders.length ? t.get(`..., ${i}`) // (recorded while recording)
          : t._view(t.shape.slice(0, -1), t._strides.slice(0, -1), t._offset + i * t._strides[t.ndim - 1]!);
        temps.push(v);
        return v;
      };
      const [a0, a1] = [comp(px, 0), comp(px, 1)], [b0, b1] = [comp(py, 0), comp(py, 1)];
      const mul = (p: NDArray, q: NDArray) => { const r = multiply(p, q); temps.push(r); return r; };
      const sub = (p: NDArray, q: NDArray) => { const r = subtract(p, q); temps.push(r); return r; };
      const neg = (p: NDArray) => { const r = negative(p); temps.push(r); return r; };
      const z = sub(mul(a0, b1), mul(a1, b0));
      if (nx === 2 && ny === 2) {
        temps.splice(temps.indexOf(z), 1);
        return z;
      }
      // Missing z components are zero.
      const a2 = nx === 3 ? comp(px, 2) : undefined, b2 = ny === 3 ? comp(py, 2) : undefined;
      const c0 = a2 && b2 ? sub(mul(a1, b2), mul(a2, b1)) : a2 ? neg(mul(a2, b1)) : mul(a1, b2!);
      const c1 = a2 && b2 ? sub(mul(a2, b0), mul(a0, b2)) : a2 ? mul(a2, b0) : neg(mul(a0, b2!));
      const bshape = z.shape;
      const n = bshape.length + 1;
      const axc = normalizeAxis(opts.axis ?? opts.axisc ?? -1, n, who);
      if (context.recorders.length) return stack([c0, c1, z], { axis: axc }); // (recorded)
      const out = NDArray._empty([...bshape, 3], z.dtype, z.device);
      [c0, c1, z].forEach((c, i) => {
        const dst = out._view(bshape, out._strides.slice(0, -1), i);
        castInto(c, dst);
        dst.dispose();
      });
      if (axc === n - 1) return out;
      const perm = [...Array(n - 1).keys()];
      perm.splice(axc, 0, n - 1);
      const t = transpose(out, perm);
      out.dispose();
      return t;
    } finally {
      release(temps);
    }
  });
}
