// np.diagonal (a view, as NumPy >= 1.9), np.trace, np.fill_diagonal.
import type { DTypeLike } from '../../core/dtype.js';
import { applyMovement } from '../../core/movement.js';
import { NDArray } from '../../core/ndarray.js';
import { type Op, defineOp } from '../../core/op.js';
import { viewGrad } from '../view_grad.js';
import { guardWrite } from './write_guard.js';
import { normalizeAxis } from '../../core/shape.js';
import { sum } from '../reduce/sum.js';
import { cyclic, withTemps } from './common.js';
import { type IndexValue, scatter } from './get.js';
import { valueArray } from './prepare.js';

export interface DiagonalAttrs {
  offset: number;
  /** Normalised, distinct axes. */
  axis1: number;
  axis2: number;
}

/** The diagonal as a view: axis1 and axis2 removed, the diagonal appended as the last axis. */
export const diagonalOp: Op<DiagonalAttrs> = defineOp<DiagonalAttrs>({
  name: 'diagonal',
  kind: 'movement',
  nin: 1,
  attrs: { offset: 0, axis1: 0, axis2: 1 },
  view: (x, { offset, axis1, axis2 }) => {
    const n1 = x.shape[axis1]!;
    const n2 = x.shape[axis2]!;
    const s1 = x.strides[axis1]!;
    const s2 = x.strides[axis2]!;
    const len = Math.max(0, offset >= 0 ? Math.min(n1, n2 - offset) : Math.min(n1 + offset, n2));
    const shape: number[] = [];
    const strides: number[] = [];
    x.shape.forEach((n, d) => {
      if (d !== axis1 && d !== axis2) {
        shape.push(n);
        strides.push(x.strides[d]!);
      }
    });
    shape.push(len);
    strides.push(s1 + s2);
    const start = len === 0 ? 0 : offset >= 0 ? offset * s2 : -offset * s1;
    return { shape, strides, offset: shape.includes(0) ? 0 : x.offset + start, dtype: x.dtype };
  },
  vjp: ([g], { attrs, inputMeta }) => [viewGrad(diagonalOp as Op<object>, attrs, g!, inputMeta[0]!.shape)],
  vjpSaves: { inputs: false, outputs: false },
});

export interface DiagonalOptions {
  offset?: number;
  axis1?: number;
  axis2?: number;
}

function diagAttrs(a: NDArray, o: DiagonalOptions, who: string): DiagonalAttrs {
  if (a.ndim < 2) throw new RangeError(`${who}: diag requires an array of at least two dimensions`);
  const axis1 = normalizeAxis(o.axis1 ?? 0, a.ndim, who);
  const axis2 = normalizeAxis(o.axis2 ?? 1, a.ndim, who);
  if (axis1 === axis2) throw new RangeError(`${who}: axis1 and axis2 cannot be the same`);
  const offset = o.offset ?? 0;
  if (!Number.isInteger(offset)) throw new TypeError(`${who}: offset must be an integer, got ${offset}`);
  return { offset, axis1, axis2 };
}

/**
 * np.diagonal(a, { offset, axis1, axis2 }): a view of the diagonal (NumPy's is read-only; this one
 * is writeable, see docs/np.md).
 */
export function diagonal(a: NDArray, opts: DiagonalOptions = {}): NDArray {
  a._check('diagonal');
  return applyMovement(diagonalOp, a, diagAttrs(a, opts, 'diagonal'));
}

export interface TraceOptions extends DiagonalOptions {
  dtype?: DTypeLike;
  out?: NDArray;
}

/** np.trace: the sum along the diagonal (per the remaining axes). */
export function trace(a: NDArray, opts: TraceOptions = {}): NDArray {
  a._check('trace');
  const d = applyMovement(diagonalOp, a, diagAttrs(a, opts, 'trace'));
  try {
    return sum(d, { axis: -1, dtype: opts.dtype, out: opts.out });
  } finally {
    d.dispose();
  }
}

/**
 * np.fill_diagonal(a, val, { wrap }): in place, a.flat[::step] = val (repeated as needed) over the
 * main diagonal; for a tall 2-D array `wrap` continues the diagonal after each N columns, as NumPy.
 */
export function fill_diagonal(a: NDArray, val: IndexValue, opts: { wrap?: boolean } = {}): void {
  const who = 'fill_diagonal';
  a._check(who);
  guardWrite(a, [val]);
  if (a.ndim < 2) throw new RangeError(`${who}: array must be at least 2-d`);
  let step: number;
  let end = a.size;
  if (a.ndim === 2) {
    step = a.shape[1]! + 1;
    if (!opts.wrap) end = Math.min(end, a.shape[1]! * a.shape[1]!);
  } else {
    if (a.shape.some((n) => n !== a.shape[0])) throw new RangeError(`${who}: All dimensions of input must be of equal length`);
    let p = 1;
    step = 1;
    for (const n of a.shape.slice(0, -1)) {
      p *= n;
      step += p;
    }
  }
  const m = end > 0 ? Math.ceil(end / step) : 0;
  withTemps((temps) => {
    const v = valueArray(a, val, who, temps);
    if (m === 0 || v.size === 0) return;
    // The flat positions as one index array per axis (C order), so `a` may have any layout.
    const cols = a.shape.map(() => new BigInt64Array(m));
    for (let k = 0; k < m; k++) {
      let pos = k * step;
      for (let d = a.ndim - 1; d >= 0; d--) {
        const n = a.shape[d]!;
        cols[d]![k] = BigInt(pos % n);
        pos = Math.floor(pos / n);
      }
    }
    const idx = cols.map((c) => {
      const t = NDArray._fromStorageData(c, [m], 'int64', a.device);
      temps.push(t);
      return t;
    });
    const flatVals = v.flags.c_contiguous ? v._view([v.size], [1], v._offset) : null;
    if (flatVals) temps.push(flatVals);
    const vals = cyclic(flatVals ?? v, m, who, temps);
    scatter(a, vals, idx, { mode: 'raise', bshape: [m], pos: 0, axes: [...a.shape.keys()] }, who);
  });
}
