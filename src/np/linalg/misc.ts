// np.linalg: matrix_power multi_dot tensorinv tensorsolve diagonal trace matrix_transpose, and the
// array-API variants of outer/cross (stricter than np.outer/np.cross, as NumPy's).
import { castArray } from '../../core/apply.js';
import { NDArray } from '../../core/ndarray.js';
import { type Op, defineOp } from '../../core/op.js';
import { viewGrad } from '../view_grad.js';
import { applyMovement } from '../../core/movement.js';
import { scope } from '../../core/memory.js';
import { normalizeAxis } from '../../core/shape.js';
import type { DTypeLike } from '../../core/dtype.js';
import { eye } from '../creation/matrix.js';
import { sum } from '../reduce/sum.js';
import { reshape, transpose } from '../manip/views.js';
import { type ArrayLike, LinAlgError, asArray, checkStacked } from './common.js';
import { broadcastCopy, invAs, solve } from './decomp.js';
import { matmulRaw } from './matmul.js';
import { type CrossOptions, cross as npCross, outer as npOuter } from './products.js';
import { swapLast } from './norms.js';

/** np.linalg.matrix_power: a square matrix (stack) to an integer power; negative powers invert first. */
export function matrix_power(a: ArrayLike, n: number): NDArray {
  const who = 'matrix_power';
  if (!Number.isInteger(n)) throw new TypeError(`${who}: exponent must be an integer`);
  const x0 = asArray(a, who);
  try {
    checkStacked(x0, true, who);
    if (n === 0) return broadcastCopy(castEye(x0), x0.shape);
    let base = n < 0 ? invAs(x0, who) : castArray(x0, x0.dtype);
    let k = Math.abs(n);
    let result: NDArray | undefined;
    // Binary decomposition of the exponent, as NumPy.
    while (k > 0) {
      if (k & 1) {
        const r = result ? matmulRaw(result, base) : castArray(base, base.dtype);
        result?.dispose();
        result = r;
      }
      k >>= 1;
      if (k > 0) {
        const b2 = matmulRaw(base, base);
        base.dispose();
        base = b2;
      }
    }
    base.dispose();
    return result!;
  } finally {
    if (!(a instanceof NDArray)) x0.dispose();
  }
}

function castEye(x: NDArray): NDArray {
  return eye(x.shape[x.ndim - 1]!, { dtype: x.dtype });
}

/** The cheapest multiplication order of a matrix chain (NumPy's _multi_dot_matrix_chain_order). */
function chainOrder(dims: readonly number[]): number[][] {
  const n = dims.length - 1;
  const m = [...Array(n)].map(() => new Array<number>(n).fill(0));
  const s = [...Array(n)].map(() => new Array<number>(n).fill(0));
  for (let l = 1; l < n; l++) {
    for (let i = 0; i < n - l; i++) {
      const j = i + l;
      m[i]![j] = Infinity;
      for (let k = i; k < j; k++) {
        const q = m[i]![k]! + m[k + 1]![j]! + dims[i]! * dims[k + 1]! * dims[j + 1]!;
        if (q < m[i]![j]!) {
          m[i]![j] = q;
          s[i]![j] = k;
        }
      }
    }
  }
  return s;
}

/** np.linalg.multi_dot: the product of a chain in the cheapest order (first/last may be 1-D). */
export function multi_dot(arrays: readonly ArrayLike[]): NDArray {
  const who = 'multi_dot';
  if (arrays.length < 2) throw new RangeError(`${who}: Expecting at least two arrays.`);
  return scope(() => {
    const xs = arrays.map((x) => asArray(x, who));
    if (xs.length === 2) return matmulRaw(xs[0]!, xs[1]!);
    const first = xs[0]!, last = xs[xs.length - 1]!;
    const mats = xs.map((x, i) => {
      if (i === 0 && x.ndim === 1) return reshape(x, [1, x.size]);
      if (i === xs.length - 1 && x.ndim === 1) return reshape(x, [x.size, 1]);
      if (x.ndim !== 2) throw new LinAlgError(who, `${x.ndim}-dimensional array given. Array must be two-dimensional`);
      return x;
    });
    const dims = [...mats.map((x) => x.shape[0]!), mats[mats.length - 1]!.shape[1]!];
    const s = chainOrder(dims);
    const prod = (i: number, j: number): NDArray => (i === j ? mats[i]! : matmulRaw(prod(i, s[i]![j]!), prod(s[i]![j]! + 1, j)));
    const r = prod(0, mats.length - 1);
    if (first.ndim === 1 && last.ndim === 1) return reshape(r, []);
    if (first.ndim === 1) return reshape(r, [r.shape[1]!]);
    if (last.ndim === 1) return reshape(r, [r.shape[0]!]);
    return r;
  });
}

/** np.linalg.tensorinv: the inverse of `a` read as a matrix of its first `ind` axes × the rest. */
export function tensorinv(a: ArrayLike, ind = 2): NDArray {
  const who = 'tensorinv';
  if (!Number.isInteger(ind) || ind <= 0) throw new RangeError(`${who}: Invalid ind argument.`);
  return scope(() => {
    const x = asArray(a, who);
    const old = x.shape;
    const prodHead = old.slice(0, ind).reduce((p, d) => p * d, 1);
    const invshape = [...old.slice(ind), ...old.slice(0, ind)];
    const rest = old.slice(ind).reduce((p, d) => p * d, 1);
    if (prodHead !== rest) throw new LinAlgError(who, 'Last 2 dimensions of the array must be square');
    return reshape(invAs(reshape(x, [prodHead, rest]), who), invshape);
  });
}

/** np.linalg.tensorsolve: x with tensordot(a, x, x.ndim) = b. */
export function tensorsolve(a: ArrayLike, b: ArrayLike, axes: readonly number[] | null = null): NDArray {
  const who = 'tensorsolve';
  return scope(() => {
    let x = asArray(a, who);
    const y = asArray(b, who);
    if (axes) {
      const all = [...Array(x.ndim).keys()].filter((d) => !axes.map((k) => normalizeAxis(k, x.ndim, who)).includes(d));
      x = transpose(x, [...all, ...axes.map((k) => normalizeAxis(k, x.ndim, who))]);
    }
    const q = x.shape.slice(x.ndim - (x.ndim - y.ndim));
    const prodQ = q.reduce((p, d) => p * d, 1);
    if (prodQ !== y.size) throw new LinAlgError(who, `Input arrays must satisfy the requirement prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])`);
    return reshape(solve(reshape(x, [y.size, prodQ]), reshape(y, [y.size])), q);
  });
}

/** The diagonal of the last two axes as a view (offset k: above the main diagonal when positive). */
export const diagonalOp: Op<{ offset: number }> = defineOp<{ offset: number }>({
  name: 'linalg_diagonal',
  kind: 'movement',
  nin: 1,
  attrs: { offset: 0 },
  view: (x, { offset }) => {
    const nd = x.shape.length;
    const r = x.shape[nd - 2]!, c = x.shape[nd - 1]!, sr = x.strides[nd - 2]!, sc = x.strides[nd - 1]!;
    const len = Math.max(0, offset >= 0 ? Math.min(r, c - offset) : Math.min(r + offset, c));
    const start = len === 0 ? 0 : offset >= 0 ? offset * sc : -offset * sr;
    return { shape: [...x.shape.slice(0, -2), len], strides: [...x.strides.slice(0, -2), sr + sc], offset: x.offset + start, dtype: x.dtype };
  },
  vjp: ([g], { attrs, inputMeta }) => [viewGrad(diagonalOp as Op<object>, attrs, g!, inputMeta[0]!.shape)],
  vjpSaves: { inputs: false, outputs: false },
});

export interface DiagonalOptions {
  offset?: number;
}

/** np.linalg.diagonal: the diagonals of the last two axes (a view, as NumPy's). */
export function diagonal(x: NDArray, opts: DiagonalOptions = {}): NDArray {
  x._check('diagonal');
  if (x.ndim < 2) throw new LinAlgError('diagonal', `${x.ndim}-dimensional array given. Array must be at least two-dimensional`);
  return applyMovement(diagonalOp, x, { offset: opts.offset ?? 0 });
}

export interface TraceOptions {
  offset?: number;
  dtype?: DTypeLike;
}

/** np.linalg.trace: sums of the diagonals of the last two axes. */
export function trace(x: NDArray, opts: TraceOptions = {}): NDArray {
  const d = diagonal(x, { offset: opts.offset });
  try {
    return sum(d, { axis: -1, dtype: opts.dtype });
  } finally {
    d.dispose();
  }
}

/** np.linalg.matrix_transpose: swaps the last two axes (a view). */
export function matrix_transpose(x: NDArray): NDArray {
  x._check('matrix_transpose');
  if (x.ndim < 2) throw new RangeError(`matrix_transpose: Input array must be at least 2-dimensional, but it is ${x.ndim}`);
  return transpose(x, swapLast(x.ndim));
}

/** np.linalg.outer: the outer product of two 1-D arrays. */
export function outer(x1: NDArray, x2: NDArray): NDArray {
  for (const [i, x] of [x1, x2].entries()) {
    if (x.ndim !== 1) throw new RangeError(`outer: Input arrays must be one-dimensional, but x${i + 1}.ndim=${x.ndim}`);
  }
  return npOuter(x1, x2);
}

/** np.linalg.cross: cross products of 3-element vectors along `axis` (default -1). */
export function cross(x1: NDArray, x2: NDArray, opts: { axis?: number } = {}): NDArray {
  const ax = opts.axis ?? -1;
  for (const x of [x1, x2]) {
    const d = normalizeAxis(ax, x.ndim, 'cross');
    if (x.shape[d] !== 3) {
      throw new RangeError(`cross: Both input arrays must be (arrays of) 3-dimensional vectors, but they are ${x1.shape[normalizeAxis(ax, x1.ndim, 'cross')]} and ${x2.shape[normalizeAxis(ax, x2.ndim, 'cross')]} dimensional instead.`);
    }
  }
  const o: CrossOptions = { axis: ax };
  return npCross(x1, x2, o);
}

