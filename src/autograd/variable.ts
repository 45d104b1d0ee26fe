// Variables and the NDArray methods of autograd: attach_grad, .grad, detach, backward; and
// autograd.mark_variables / backward / grad.
import { isFloat } from '../core/dtype.js';
import { unscoped } from '../core/memory.js';
import { NDArray } from '../core/ndarray.js';
import { zeros, zeros_like } from '../np/creation/basic.js';
import { detachOp, stopGradient } from '../npx/stop_gradient.js';
import { type BackwardOptions, runBackward, storeLeafGrads } from './backward.js';
import { type GradReq, Leaf, LeafRef, type Node, OutRef, markLeafStorage } from './tape.js';

export type { GradReq } from './tape.js';

export interface AttachGradOptions {
  /** 'write' (default): backward overwrites .grad; 'add': it accumulates; 'null': no gradient. */
  grad_req?: GradReq;
}

export interface ArrayBackwardOptions {
  /** The gradient of the head (default: ones of its shape, for any shape as MXNet). */
  out_grad?: NDArray;
  retain_graph?: boolean;
  train_mode?: boolean;
}

declare module '../core/ndarray.js' {
  interface NDArray {
    /** Makes this array a variable: backward writes its gradient into `.grad` (zeros until then). */
    attach_grad(options?: AttachGradOptions): void;
    /** The gradient buffer of a variable (undefined without attach_grad or with grad_req 'null'). */
    readonly grad: NDArray | undefined;
    /** The variable's grad_req, or undefined for an array that is no variable. */
    readonly grad_req: GradReq | undefined;
    /** A view of the same data cut off from the graph (no gradient flows through it). */
    detach(): NDArray;
    /** Backpropagates from this array into the variables' .grad (MXNet's NDArray.backward). */
    backward(options?: ArrayBackwardOptions): void;
  }
}

const GRAD_REQS: readonly GradReq[] = ['write', 'add', 'null'];

function checkReq(r: unknown, who: string): GradReq {
  if (!GRAD_REQS.includes(r as GradReq)) throw new RangeError(`${who}: grad_req must be 'write', 'add' or 'null', got '${String(r)}'`);
  return r as GradReq;
}

function makeVariable(a: NDArray, req: GradReq, grad: NDArray | undefined, owns: boolean): void {
  const old = a._ag;
  const leaf = new Leaf(req, grad, owns);
  a._ag = new LeafRef(leaf, true);
  if (old instanceof LeafRef && old.owner) old.leaf.release();
  else old?.disposed(a);
  markLeafStorage(a._storage);
}

function attachGrad(a: NDArray, options: AttachGradOptions = {}): void {
  const who = 'attach_grad';
  a._check(who);
  const req = checkReq(options.grad_req ?? 'write', who);
  if (!isFloat(a.dtype)) throw new TypeError(`${who}: only floating-point arrays can have gradients, got ${a.dtype}`);
  // The buffer belongs to the variable (freed with it), not to an enclosing np.scope.
  const grad = req === 'null' ? undefined : unscoped(() => zeros(a.shape, { dtype: a.dtype, device: a.device }));
  makeVariable(a, req, grad, true);
}

/**
 * autograd.mark_variables(variables, gradients, grad_reqs): makes the arrays variables whose
 * gradients go into the given buffers (which stay the caller's).
 */
export function mark_variables(variables: NDArray | readonly NDArray[], gradients: NDArray | readonly NDArray[], grad_reqs: GradReq | readonly GradReq[] = 'write'): void {
  const who = 'mark_variables';
  const vs = variables instanceof NDArray ? [variables] : [...variables];
  const gs = gradients instanceof NDArray ? [gradients] : [...gradients];
  const rs = typeof grad_reqs === 'string' ? vs.map(() => grad_reqs) : [...grad_reqs];
  if (gs.length !== vs.length || rs.length !== vs.length) throw new RangeError(`${who}: variables, gradients and grad_reqs must have the same length`);
  vs.forEach((v, i) => {
    const g = gs[i]!;
    v._check(who);
    g._check(who);
    if (!isFloat(v.dtype)) throw new TypeError(`${who}: only floating-point arrays can have gradients, got ${v.dtype}`);
    if (g.ndim !== v.ndim || g.shape.some((d, k) => d !== v.shape[k])) throw new RangeError(`${who}: gradient ${i} has shape (${g.shape.join(', ')}), its variable (${v.shape.join(', ')})`);
    makeVariable(v, checkReq(rs[i], who), g, false);
  });
}

/** autograd.backward(heads, head_grads, { retain_graph, train_mode }): into the variables' .grad. */
export function backward(heads: NDArray | readonly NDArray[], head_grads?: NDArray | readonly (NDArray | null | undefined)[] | null, options: Omit<BackwardOptions, 'create_graph'> = {}): void {
  const hs = heads instanceof NDArray ? [heads] : [...heads];
  const gs = head_grads === undefined || head_grads === null ? hs.map(() => undefined) : head_grads instanceof NDArray ? [head_grads] : [...head_grads];
  const r = runBackward('backward', hs, gs, options);
  storeLeafGrads(r.leaves, r.foreign);
}

export interface GradOptions extends BackwardOptions {
  head_grads?: NDArray | readonly (NDArray | null | undefined)[] | null;
}

/**
 * autograd.grad(heads, variables, { head_grads, retain_graph, create_graph, train_mode }): the
 * gradients of the heads with respect to `variables` (variables or any recorded array), returned
 * instead of written to .grad. With create_graph they are recorded and can be differentiated again
 * (retain_graph then defaults to true, as in PyTorch).
 */
export function grad(heads: NDArray | readonly NDArray[], variables: NDArray, options?: GradOptions): NDArray;
export function grad(heads: NDArray | readonly NDArray[], variables: readonly NDArray[], options?: GradOptions): NDArray[];
export function grad(heads: NDArray | readonly NDArray[], variables: NDArray | readonly NDArray[], options: GradOptions = {}): NDArray | NDArray[] {
  const who = 'grad';
  const hs = heads instanceof NDArray ? [heads] : [...heads];
  const hg = options.head_grads;
  const gs = hg === undefined || hg === null ? hs.map(() => undefined) : hg instanceof NDArray ? [hg] : [...hg];
  const vs = variables instanceof NDArray ? [variables] : [...variables];
  const targets = vs.map((v): { leaf: Leaf } | { node: Node; index: number } => {
    if (!(v instanceof NDArray)) throw new TypeError(`${who}: variables must be NDArrays`);
    v._check(who);
    const b = v._ag;
    if (b instanceof LeafRef) return { leaf: b.leaf };
    if (b instanceof OutRef) return { node: b.node, index: b.index };
    throw new Error(`${who}: variable ${vs.indexOf(v)} has no attach_grad() and was not computed while recording`);
  });
  const r = runBackward(who, hs, gs, { ...options, retain_graph: options.retain_graph ?? options.create_graph ?? false }, targets);
  const taken = new Set<NDArray>();
  const out = targets.map((t, i) => {
    const g = 'leaf' in t ? r.leaves.get(t.leaf) : r.captured.get(t.node)?.[t.index];
    // A variable the heads don't depend on gets zeros (MXNet); the same gradient twice is copied.
    if (!g) return zeros_like(vs[i]!);
    if (taken.has(g)) return g.copy();
    taken.add(g);
    return g;
  });
  for (const g of r.leaves.values()) if (g && !taken.has(g) && !r.foreign.has(g)) g.dispose();
  for (const gs2 of r.captured.values()) for (const g of gs2) if (g && !taken.has(g) && !r.foreign.has(g)) g.dispose();
  return variables instanceof NDArray ? out[0]! : out;
}

Object.assign(NDArray.prototype, {
  attach_grad(this: NDArray, o?: AttachGradOptions) { attachGrad(this, o); },
  detach(this: NDArray) {
    this._check('detach');
    return stopGradient(this, detachOp);
  },
  backward(this: NDArray, o: ArrayBackwardOptions = {}) {
    backward([this], [o.out_grad], { retain_graph: o.retain_graph, train_mode: o.train_mode });
  },
});

Object.defineProperty(NDArray.prototype, 'grad', {
  get(this: NDArray) {
    const b = this._ag;
    return b instanceof LeafRef && b.owner ? b.leaf.grad : undefined;
  },
  configurable: true,
});

Object.defineProperty(NDArray.prototype, 'grad_req', {
  get(this: NDArray) {
    const b = this._ag;
    return b instanceof LeafRef && b.owner ? b.leaf.gradReq : undefined;
  },
  configurable: true,
});
