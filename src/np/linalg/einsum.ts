// np.einsum: operands are contracted pairwise in the greedy order (einsum_path.ts); each pair
// becomes one batched matmul after a transpose/reshape (shared kept labels are the batch, shared
// dropped labels the inner dimension), so chains cost what their matrix products cost.
import { castArray } from '../../core/apply.js';
import { context } from '../../core/context.js';
import { broadcast_to } from '../manip/broadcast.js';
import { astype } from '../manip/views.js';
import { type DType } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { sum } from '../reduce/sum.js';
import { type ArrayLike, asArray, permuted, productDType, release, reshaped } from './common.js';
import { type EinsumPath, type EinsumSpec, greedyPath, parseEinsum, pathReport } from './einsum_path.js';
import { matmulRaw } from './matmul.js';

/** An operand during evaluation: an array (owned or borrowed) and one label per axis. */
interface Term {
  a: NDArray;
  labels: string[];
  owned: boolean;
}

export interface EinsumOptions {
  /**
   * The contraction order: NumPy's greedy path (true, 'greedy', 'optimal' — the greedy one is
   * used for both), false (left to right), or an explicit path as einsum_path returns it.
   */
  optimize?: boolean | 'greedy' | 'optimal' | EinsumPath | readonly (string | readonly number[])[];
  /** The result dtype (operands are cast to it). */
  dtype?: DType;
}

function take(t: Term, a: NDArray, labels: string[]): Term {
  if (t.owned && t.a !== a) t.a.dispose();
  return { a, labels, owned: true };
}

/** A copy in dtype `dt`: recorded (astype) while recording, so gradients flow through einsum. */
const cast = (x: NDArray, dt: DType): NDArray => (context.recorders.length ? astype(x, dt) : castArray(x, dt));

/** Repeated labels in one operand become their diagonal; size-1 broadcast axes are stretched. */
function normalise(t: Term, sizes: Map<string, number>): Term {
  const labels: string[] = [], shape: number[] = [], strides: number[] = [];
  t.labels.forEach((l, d) => {
    const i = labels.indexOf(l);
    const n = t.a.shape[d]!, s = n === 1 ? 0 : t.a._strides[d]!;
    if (i >= 0) {
      if (shape[i] !== n && n !== 1 && shape[i] !== 1) throw new RangeError(`einsum: dimensions in operand for collapsing index '${l}' don't match (${shape[i]} != ${n})`);
      strides[i] = strides[i]! + s;
      shape[i] = Math.max(shape[i]!, n);
    } else {
      labels.push(l);
      shape.push(n);
      strides.push(s);
    }
  });
  const full = labels.map((l) => sizes.get(l)!);
  if (labels.length === t.labels.length && full.every((n, i) => n === shape[i])) return t;
  if (context.recorders.length) {
    // Recorded: stretching size-1 axes is broadcast_to; a diagonal of repeated subscripts has no
    // recorded form here (its gradient would be lost), so it is refused while recording.
    if (labels.length !== t.labels.length) throw new Error("einsum: repeated subscripts in one operand are not supported while autograd records (use np.diagonal / np.trace, then einsum)");
    return take(t, broadcast_to(t.a, full), labels);
  }
  return take(t, t.a._view(full, strides, t.a._offset), labels);
}

/** Sums `t` over the labels not in `keep`, in dtype `dt`. */
function sumOut(t: Term, keep: Set<string>, dt: DType): Term {
  const axes = t.labels.flatMap((l, d) => (keep.has(l) ? [] : [d]));
  if (!axes.length) return t;
  const s = sum(t.a, { axis: axes });
  const c = s.dtype === dt ? s : cast(s, dt);
  if (c !== s) s.dispose();
  return take(t, c, t.labels.filter((l) => keep.has(l)));
}

/** Contracts two terms into one whose labels are (batch, a-only, b-only). */
function contractPair(x: Term, y: Term, keep: Set<string>, sizes: Map<string, number>, dt: DType): Term {
  const inY = new Set(y.labels), inX = new Set(x.labels);
  const batch = x.labels.filter((l) => inY.has(l) && keep.has(l));
  const inner = x.labels.filter((l) => inY.has(l) && !keep.has(l));
  const xo = x.labels.filter((l) => !inY.has(l)), yo = y.labels.filter((l) => !inX.has(l));
  const sz = (ls: string[]) => ls.map((l) => sizes.get(l)!);
  const prod = (ls: string[]) => sz(ls).reduce((p, n) => p * n, 1);
  const px = permuted(x.a, [...batch, ...xo, ...inner].map((l) => x.labels.indexOf(l)));
  const py = permuted(y.a, [...batch, ...inner, ...yo].map((l) => y.labels.indexOf(l)));
  const A = reshaped(px, [...sz(batch), prod(xo), prod(inner)]);
  const B = reshaped(py, [...sz(batch), prod(inner), prod(yo)]);
  try {
    const r = matmulRaw(A, B, dt);
    const labels = [...batch, ...xo, ...yo];
    const v = reshaped(r, sz(labels));
    if (v !== r) r.dispose();
    return { a: v, labels, owned: true };
  } finally {
    release([px, py, A, B]);
  }
}

/**
 * Whether contracting (y, x) rather than (x, y) puts the free labels in the output's order: the
 * product's labels are (batch, x-only, y-only), so the operand whose own labels come first in the
 * output goes first. Otherwise a chain like 'ij,jk,kl->il' multiplies transposed views and copies
 * its result into place at the end (512³: 3.4 ms instead of 2.6 for the two products).
 */
function outputFirst(output: readonly string[], y: Term, x: Term): boolean {
  const inX = new Set(x.labels), inY = new Set(y.labels);
  const xo = x.labels.find((l) => !inY.has(l)), yo = y.labels.find((l) => !inX.has(l));
  if (xo === undefined || yo === undefined) return false;
  // (a label the output lacks is still to be contracted later: it ranks last)
  const rank = (l: string) => (output.includes(l) ? output.indexOf(l) : output.length);
  return rank(yo) < rank(xo);
}

function toPath(spec: EinsumSpec, optimize: EinsumOptions['optimize']): EinsumPath {
  const n = spec.inputs.length;
  if (Array.isArray(optimize)) {
    const list = optimize as readonly (string | readonly number[])[];
    const steps = list.filter((s): s is readonly number[] => typeof s !== 'string');
    return steps.map((s) => [...s]);
  }
  if (optimize === false) return n === 1 ? [[0]] : [...Array(n - 1)].map(() => [0, 1]);
  return greedyPath(spec);
}

/** Evaluates `spec` on `arrays` along `path`. */
function evaluate(spec: EinsumSpec, arrays: readonly NDArray[], path: EinsumPath, dt: DType): NDArray {
  let terms: Term[] = [];
  try {
    terms = arrays.map((a, i) => {
      const c = a.dtype === dt ? a : cast(a, dt);
      return normalise({ a: c, labels: [...spec.inputs[i]!], owned: c !== a }, spec.sizes);
    });
    const keepFor = (skip: Set<number>) => {
      const k = new Set(spec.output);
      terms.forEach((t, i) => { if (!skip.has(i)) for (const l of t.labels) k.add(l); });
      return k;
    };
    // Labels only one operand has, and the output lacks, are summed first.
    terms = terms.map((t, i) => sumOut(t, keepFor(new Set([i])), dt));
    for (const step of path) {
      const picked = [...step].sort((a, b) => a - b);
      if (picked.some((i) => i < 0 || i >= terms.length) || new Set(picked).size !== picked.length) {
        throw new RangeError('einsum: invalid contraction path');
      }
      const rest = terms.filter((_, i) => !picked.includes(i));
      let acc = terms[step[0]!]!;
      const skip = new Set(picked);
      const keep = keepFor(skip);
      for (let s = 1; s < step.length; s++) {
        const other = terms[step[s]!]!;
        // Inside a multi-operand step, labels of the step's later operands are still needed.
        const k = new Set(keep);
        for (const j of step.slice(s + 1)) for (const l of terms[j]!.labels) k.add(l);
        const next = outputFirst(spec.output, other, acc) ? contractPair(other, acc, k, spec.sizes, dt) : contractPair(acc, other, k, spec.sizes, dt);
        if (acc.owned) acc.a.dispose();
        if (other.owned) other.a.dispose();
        acc = next;
      }
      acc = sumOut(acc, keep, dt);
      terms = [...rest, acc];
    }
    if (terms.length !== 1) throw new RangeError('einsum: invalid contraction path');
    const last = sumOut(terms[0]!, new Set(spec.output), dt);
    terms = [last];
    const a = last.a;
    if (!context.recorders.length && last.owned && last.labels.every((l, i) => l === spec.output[i]) && a._offset === 0 && a.flags.c_contiguous && a.nbytes === a._storage.nbytes) {
      // The last product already is the result: hand its buffer over (a new array owning it).
      terms = [];
      const own = new NDArray(a._storage, a.dtype, a.shape, a._strides, 0, null);
      a.dispose();
      return own;
    }
    const pv = permuted(a, spec.output.map((l) => last.labels.indexOf(l)));
    const out = cast(pv, dt);
    pv.dispose();
    return out;
  } finally {
    for (const t of terms) if (t.owned) t.a.dispose();
  }
}

/** A trailing plain options object (not an array, typed array or NDArray operand). */
const isOptions = (x: unknown): boolean =>
  typeof x === 'object' && x !== null && !(x instanceof NDArray) && !Array.isArray(x) && !ArrayBuffer.isView(x);

/**
 * np.einsum(subscripts, ...operands[, options]): Einstein summation with NumPy's subscripts
 * ('ij,jk->ik', '...' broadcasting, implicit output in alphabetical order, repeated labels for
 * diagonals). The result is always a new array (NumPy returns views for some pure relabelings).
 */
export function einsum(subscripts: string, ...args: (ArrayLike | EinsumOptions)[]): NDArray {
  const who = 'einsum';
  const last = args[args.length - 1];
  const opts = isOptions(last) ? (args.pop() as EinsumOptions) : {};
  const operands = args as ArrayLike[];
  const arrays = operands.map((x) => asArray(x, who));
  try {
    const spec = parseEinsum(subscripts, arrays.map((a) => a.shape), who);
    const dt = opts.dtype ?? arrays.map((a) => a.dtype).reduce((p, d) => productDType(p, d));
    return evaluate(spec, arrays, toPath(spec, opts.optimize), dt);
  } finally {
    arrays.forEach((a, i) => { if (!(operands[i] instanceof NDArray)) a.dispose(); });
  }
}

export interface EinsumPathOptions {
  /** 'greedy' (default, also for true / 'optimal'), false (one step), or an explicit path. */
  optimize?: EinsumOptions['optimize'];
}

/** np.einsum_path: [['einsum_path', ...steps], report] — the contraction order einsum uses. */
export function einsum_path(subscripts: string, ...args: (ArrayLike | EinsumPathOptions)[]): [(string | number[])[], string] {
  const who = 'einsum_path';
  const last = args[args.length - 1];
  const opts = isOptions(last) ? (args.pop() as EinsumPathOptions) : {};
  const operands = args as ArrayLike[];
  const arrays = operands.map((x) => asArray(x, who));
  try {
    const spec = parseEinsum(subscripts, arrays.map((a) => a.shape), who);
    const o = opts.optimize ?? 'greedy';
    const path = o === false ? [[...Array(arrays.length).keys()]] : toPath(spec, o);
    return [['einsum_path', ...path], pathReport(spec, path)];
  } finally {
    arrays.forEach((a, i) => { if (!(operands[i] instanceof NDArray)) a.dispose(); });
  }
}
