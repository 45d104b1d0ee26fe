// The tape: every op applied while recording becomes a Node holding what its vjp needs; arrays
// point at the node (and output index) that made them, or at their variable (Leaf). Nodes are
// reference counted by the arrays bound to them and by the nodes that use their outputs, so a
// graph is freed as soon as nothing can reach it (np.scope, dispose) — or after backward.
import { castArray } from '../core/apply.js';
import { type ApplyRecord, type ArrayGradState, NO_GRAD, type Recorder } from '../core/context.js';
import { isFloat } from '../core/dtype.js';
import { type Storage, unscoped } from '../core/memory.js';
import { NDArray, type Scalar } from '../core/ndarray.js';
import type { Op, TensorMeta, VjpContext } from '../core/op.js';
import { currentMode } from './mode.js';

export type GradReq = 'write' | 'add' | 'null';

/** A variable: an array with attach_grad() (or autograd.mark_variables). */
export class Leaf {
  constructor(public gradReq: GradReq, public grad: NDArray | undefined, public ownsGrad: boolean) {}
  /** Frees the gradient buffer the variable owns. */
  release(): void {
    if (this.ownsGrad) this.grad?.dispose();
    this.grad = undefined;
  }
}

/** The binding of a variable (owner) or of a saved copy of one. */
export class LeafRef implements ArrayGradState {
  constructor(readonly leaf: Leaf, readonly owner: boolean) {}
  disposed(): void {
    if (this.owner) this.leaf.release();
  }
}

export type VjpFn = (grads: readonly NDArray[], ctx: VjpContext<object>) => readonly (NDArray | null | undefined)[];

/** Where an input's gradient goes: the node (and output) that made it, or a variable. */
export type Edge = { readonly node: Node; readonly index: number } | { readonly leaf: Leaf };

export class Node {
  /** Arrays bound to this node plus nodes with an edge to it. */
  refs = 0;
  /** The saved arrays were freed (after backward without retain_graph, or when unreachable). */
  released = false;
  /** Every array the node keeps alive (saved inputs, outputs, custom Function tensors), with their versions. */
  readonly saved: NDArray[] = [];
  readonly versions: number[] = [];
  inputs: (NDArray | Scalar)[] = [];
  outputs: NDArray[] = [];
  constructor(
    readonly name: string,
    readonly vjp: VjpFn | undefined,
    readonly attrs: object,
    readonly inputMeta: readonly (TensorMeta | null)[],
    readonly outputMeta: readonly TensorMeta[],
    readonly edges: readonly (Edge | null)[],
  ) {
    for (const e of edges) if (e && 'node' in e) e.node.refs++;
  }
}

/** The binding of an array made by a recorded op (counted: it holds a reference to the node). */
export class OutRef implements ArrayGradState {
  constructor(readonly node: Node, readonly index: number, readonly version: number, readonly counted: boolean) {}
  disposed(): void {
    if (this.counted) unref(this.node);
  }
}

/** An array cut off from the graph (detach, stop_gradient): a constant even if it views a variable. */
export const CONSTANT: ArrayGradState = NO_GRAD;

/** Storages of variables and of recorded outputs: an unrecorded view of one can't be differentiated. */
const gradStorages = new WeakSet<Storage>();
const leafStorages = new WeakSet<Storage>();

export function markLeafStorage(s: Storage): void {
  gradStorages.add(s);
  leafStorages.add(s);
}

export function releaseSaved(n: Node): void {
  if (n.released) return;
  n.released = true;
  for (const s of n.saved) s.dispose();
  n.saved.length = 0;
  n.inputs = [];
  n.outputs = [];
}

export function unref(n: Node): void {
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (--x.refs > 0) continue;
    releaseSaved(x);
    for (const e of x.edges) if (e && 'node' in e) stack.push(e.node);
  }
}

/** Rebinds `a` (an out= target or a fresh output) to `state`, letting go of its previous node. */
export function rebind(a: NDArray, state: ArrayGradState | undefined): void {
  const old = a._ag;
  a._ag = state;
  if (old instanceof OutRef && old.counted) unref(old.node);
}

/** The edge an input array contributes (null: a constant). */
export function edgeOf(a: NDArray, who: string): Edge | null {
  const b = a._ag;
  if (b instanceof LeafRef) return b.leaf.gradReq === 'null' ? null : { leaf: b.leaf };
  if (b instanceof OutRef) {
    if (a._storage.version !== b.version) {
      throw new Error(`${who}: an input was modified in place (out=, an in-place method, or a write through a view) after autograd recorded it, so its gradient would be wrong; compute it again inside autograd.record, or detach() it`);
    }
    return { node: b.node, index: b.index };
  }
  if (b === undefined && isFloat(a.dtype) && gradStorages.has(a._storage)) {
    throw new Error(`${who}: an input shares memory with an array that requires gradient but was not made by a recorded op (a view made outside autograd.record?); make it inside autograd.record, or detach() it`);
  }
  return null;
}

/** The binding a saved copy of `a` carries: the same place in the graph, without a reference. */
function savedBinding(a: NDArray, version: number): ArrayGradState | undefined {
  const b = a._ag;
  if (b instanceof LeafRef) return new LeafRef(b.leaf, false);
  if (b instanceof OutRef) return new OutRef(b.node, b.index, version, false);
  return b;
}

/** Keeps `a`'s current value for the node: a view of it owned by the tape (no np.scope frees it). */
export function saveArray(n: Node, a: NDArray, from: NDArray = a): NDArray {
  const v = a === from ? unscoped(() => a._view(a.shape, a._strides, a._offset)) : a;
  const version = v._storage.version;
  v._ag = savedBinding(from, version);
  n.saved.push(v);
  n.versions.push(version);
  return v;
}

/** Binds a fresh output (or out= target) to output `k` of `n`. */
export function bindOutput(a: NDArray, n: Node, k: number): void {
  const ref = new OutRef(n, k, a._storage.version, true);
  n.refs++;
  rebind(a, ref);
  gradStorages.add(a._storage);
}

const meta = (x: NDArray | Scalar): TensorMeta | null => (x instanceof NDArray ? { shape: x.shape, dtype: x.dtype } : null);

// beforeWrite → record hand-over: the inputs' edges as they were before the write, and copies of
// inputs the write overwrites (the vjp needs their old values).
const pendingEdges = new Map<NDArray, Edge | null>();
const pendingCopies = new Map<NDArray, NDArray>();

function clearPending(): void {
  pendingEdges.clear();
  for (const c of pendingCopies.values()) c.dispose();
  pendingCopies.clear();
}

export const tape: Recorder = {
  beforeWrite(op: Op<object>, inputs: readonly (NDArray | Scalar)[], targets: readonly NDArray[], masked: boolean): void {
    if (!currentMode().recording) return;
    clearPending();
    for (const t of targets) {
      if (t._ag instanceof LeafRef || leafStorages.has(t._storage)) {
        throw new Error(`${op.name}: an array with attach_grad() (or a view of one) can't be written in place while recording; write into a copy, or update it under autograd.pause()`);
      }
    }
    let grads = false;
    for (const x of inputs) {
      if (!(x instanceof NDArray)) continue;
      const e = edgeOf(x, op.name);
      pendingEdges.set(x, e);
      if (e) grads = true;
    }
    if (grads && !op.vjp && !op.stopsGradient && targets.some((t) => isFloat(t.dtype))) {
      throw new Error(`${op.name}: writing an array that requires gradient into another array this way is not differentiable; build the result with recorded ops (np.where, np.concatenate, np.stack, copyto without where) or detach() the value`);
    }
    if (grads && masked) {
      throw new Error(`${op.name}: where= is not differentiable while recording; use np.where(mask, result, out) instead`);
    }
    if (grads && op.vjpSaves?.inputs !== false) {
      for (const x of inputs) {
        if (x instanceof NDArray && !pendingCopies.has(x) && targets.some((t) => t._storage === x._storage)) {
          pendingCopies.set(x, unscoped(() => castArray(x, x.dtype)));
        }
      }
    }
  },

  record({ op, inputs, attrs, outputs }: ApplyRecord): void {
    if (!currentMode().recording) return;
    if (op.stopsGradient) {
      for (const o of outputs) rebind(o, CONSTANT);
      return;
    }
    // An op without outputs is a write into its first input (index_scatter): beforeWrite has
    // checked it, and its version bump makes a recorded target raise where it is used next.
    if (outputs.length === 0) return clearPending();
    try {
      const edges = inputs.map((x) => (!(x instanceof NDArray) ? null : pendingEdges.has(x) ? pendingEdges.get(x)! : edgeOf(x, op.name)));
      const differentiable = edges.some((e) => e !== null);
      if (!differentiable || !outputs.some((o) => isFloat(o.dtype))) {
        // A constant result; an out= target that had a graph no longer has one, and a recorded
        // view of a constant (a detach()ed variable) is one too, though it shares the variable's memory.
        for (const o of outputs) if (o._ag instanceof OutRef || (o._ag === undefined && gradStorages.has(o._storage))) rebind(o, CONSTANT);
        return;
      }
      const n = new Node(op.name, op.vjp as VjpFn | undefined, attrs, inputs.map(meta), outputs.map(meta) as TensorMeta[], edges);
      const saves = op.vjpSaves ?? {};
      if (saves.inputs !== false) {
        const saved = new Map<NDArray, NDArray>(); // an array given twice (x * x) is saved once
        n.inputs = inputs.map((x) => {
          if (!(x instanceof NDArray)) return x;
          let v = saved.get(x);
          if (v) return v;
          const copy = pendingCopies.get(x);
          if (copy) pendingCopies.delete(x);
          saved.set(x, (v = saveArray(n, copy ?? x, x)));
          return v;
        });
      }
      outputs.forEach((o, k) => {
        if (isFloat(o.dtype)) bindOutput(o, n, k);
        else if (o._ag instanceof OutRef) rebind(o, CONSTANT);
      });
      if (saves.outputs !== false) n.outputs = outputs.map((o) => saveArray(n, o));
      // A node nothing refers to (all outputs non-float) is freed at once.
      if (n.refs === 0) {
        n.refs = 1;
        unref(n);
      }
    } finally {
      clearPending();
    }
  },
};
