// Reverse mode over the tape: topological order from the heads, each node's vjp (inside np.scope,
// recorded when create_graph), gradients summed to each input's shape and dtype and accumulated.
import { castInto } from '../core/apply.js';
import { isFloat } from '../core/dtype.js';
import { scope } from '../core/memory.js';
import { NDArray } from '../core/ndarray.js';
import type { TensorMeta } from '../core/op.js';
import { add } from '../np/math/add.js';
import { astype } from '../np/manip/views.js';
import { sumTo } from '../np/vjp.js';
import { full, ones, zeros } from '../np/creation/basic.js';
import { withMode } from './mode.js';
import { type Edge, type Leaf, LeafRef, type Node, OutRef, releaseSaved } from './tape.js';

export interface BackwardOptions {
  /** Keep the graph (its saved arrays) for another backward pass. */
  retain_graph?: boolean;
  /** Record the backward pass itself, so its results can be differentiated again. */
  create_graph?: boolean;
  /** Training mode for the vjps (MXNet: true). */
  train_mode?: boolean;
}

type Target = { leaf: Leaf } | { node: Node; index: number };

interface Result {
  /** Gradients reaching each variable (leaf) of the graph. */
  leaves: Map<Leaf, NDArray | undefined>;
  /** Gradients of the requested targets that are recorded outputs (autograd.grad of intermediates). */
  captured: Map<Node, (NDArray | undefined)[]>;
  /** The caller's head gradients: they may reach a variable as they are, and are never freed here. */
  foreign: ReadonlySet<NDArray>;
}

function headEdge(h: NDArray, who: string): Target {
  if (!(h instanceof NDArray)) throw new TypeError(`${who}: heads must be NDArrays`);
  h._check(who);
  const b = h._ag;
  if (b instanceof LeafRef) return { leaf: b.leaf };
  if (b instanceof OutRef) {
    if (b.node.released) {
      throw new Error(`${who}: the graph was already freed by a backward pass; pass retain_graph: true to the first backward to run another`);
    }
    if (h._storage.version !== b.version) throw new Error(`${who}: the head was modified in place after it was recorded`);
    return { node: b.node, index: b.index };
  }
  throw new Error(`${who}: the array was not computed by recorded operations on arrays with attach_grad(); compute it inside autograd.record()`);
}

/** Nodes reachable from `roots`, each after every node that uses its outputs. */
function topoOrder(roots: readonly Node[]): Node[] {
  const order: Node[] = [];
  const seen = new Set<Node>();
  const stack: [Node, number][] = [];
  for (const r of roots) {
    if (seen.has(r)) continue;
    seen.add(r);
    stack.push([r, 0]);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const [n, i] = top;
      if (i < n.edges.length) {
        top[1]++;
        const e = n.edges[i];
        if (e && 'node' in e && !seen.has(e.node)) {
          seen.add(e.node);
          stack.push([e.node, 0]);
        }
      } else {
        stack.pop();
        order.push(n);
      }
    }
  }
  return order.reverse();
}

function checkSaved(n: Node, who: string): void {
  if (n.released) {
    throw new Error(`${who}: the graph was already freed by a backward pass; pass retain_graph: true to the first backward to run another`);
  }
  n.saved.forEach((s, i) => {
    if (s._storage.version !== n.versions[i]) {
      throw new Error(`${who}: an array saved by '${n.name}' for the backward pass was modified in place after it was recorded (version ${n.versions[i]}, now ${s._storage.version}); the gradient would be wrong`);
    }
  });
}

/**
 * The gradient arrays of one backward pass: the same array can sit in several places (add's vjp
 * gives g to both inputs; positive's gives g itself), so each is counted and freed when no slot
 * holds it any more. Arrays the caller gave (head gradients) are never freed.
 */
class Pool {
  private readonly uses = new Map<NDArray, number>();
  constructor(private readonly foreign: ReadonlySet<NDArray>) {}
  hold(g: NDArray): NDArray {
    this.uses.set(g, (this.uses.get(g) ?? 0) + 1);
    return g;
  }
  drop(g: NDArray | undefined): void {
    if (!g) return;
    const n = (this.uses.get(g) ?? 0) - 1;
    if (n > 0) {
      this.uses.set(g, n);
      return;
    }
    this.uses.delete(g);
    if (!this.foreign.has(g)) g.dispose();
  }
  /** Frees `g` if nothing holds it. */
  settle(g: NDArray | undefined): void {
    if (g && !this.uses.has(g) && !this.foreign.has(g)) g.dispose();
  }
  /** slot + g (g held when the slot is empty). */
  accumulate(slot: NDArray | undefined, g: NDArray): NDArray {
    if (slot === undefined) return this.hold(g);
    const s = add(slot, g);
    this.drop(slot);
    this.settle(g);
    return this.hold(s);
  }
  disposeAll(): void {
    for (const g of this.uses.keys()) if (!this.foreign.has(g)) g.dispose();
    this.uses.clear();
  }
}

/** The gradient for an input of `m` (its shape and dtype), or undefined for a non-float input. */
function fitTo(g: NDArray, m: TensorMeta): NDArray | undefined {
  if (!isFloat(m.dtype)) return undefined;
  const r = sumTo(g, m.shape);
  return r.dtype === m.dtype ? r : astype(r, m.dtype);
}

export function runBackward(
  who: string, heads: readonly NDArray[], headGrads: readonly (NDArray | null | undefined)[],
  opts: BackwardOptions, targets: readonly Target[] = [],
): Result {
  if (headGrads.length !== heads.length) throw new RangeError(`${who}: got ${heads.length} heads but ${headGrads.length} head gradients`);
  const edges = heads.map((h) => headEdge(h, who));
  const foreign = new Set(headGrads.filter((g): g is NDArray => g instanceof NDArray));
  const pool = new Pool(foreign);
  const grads = new Map<Node, (NDArray | undefined)[]>();
  const leaves = new Map<Leaf, NDArray | undefined>();
  const captured = new Map<Node, (NDArray | undefined)[]>();
  const wanted = new Map<Node, Set<number>>();
  for (const t of targets) {
    if ('node' in t) {
      if (!wanted.has(t.node)) wanted.set(t.node, new Set());
      wanted.get(t.node)!.add(t.index);
    }
  }
  const slotOf = (n: Node): (NDArray | undefined)[] => {
    let slot = grads.get(n);
    if (!slot) grads.set(n, (slot = new Array<NDArray | undefined>(n.outputMeta.length).fill(undefined)));
    return slot;
  };
  const send = (e: Edge, g: NDArray): void => {
    if ('leaf' in e) leaves.set(e.leaf, pool.accumulate(leaves.get(e.leaf), g));
    else {
      const slot = slotOf(e.node);
      slot[e.index] = pool.accumulate(slot[e.index], g);
    }
  };
  const mode = { recording: opts.create_graph ?? false, training: opts.train_mode ?? true };
  const visited: Node[] = [];
  let ok = false;
  try {
    withMode(mode, () => {
      heads.forEach((h, i) => {
        let g = headGrads[i];
        if (g === null || g === undefined) g = ones(h.shape, { dtype: h.dtype, device: h.device });
        else if (!(g instanceof NDArray)) throw new TypeError(`${who}: head gradients must be NDArrays`);
        else if (g.ndim !== h.ndim || g.shape.some((d, k) => d !== h.shape[k])) {
          throw new RangeError(`${who}: head gradient of shape (${g.shape.join(', ')}) for a head of shape (${h.shape.join(', ')})`);
        }
        send(edges[i]!, g);
      });
      const order = topoOrder(edges.flatMap((e) => ('node' in e ? [e.node] : [])));
      for (const n of order) {
        visited.push(n);
        const gs = grads.get(n);
        grads.delete(n);
        const want = wanted.get(n);
        if (want) captured.set(n, (gs ?? []).map((g, k) => (g && want.has(k) ? pool.hold(g) : undefined)));
        if (!gs || gs.every((g) => g === undefined)) {
          for (const e of n.edges) if (e && 'leaf' in e && !leaves.has(e.leaf)) leaves.set(e.leaf, undefined);
          continue;
        }
        checkSaved(n, who);
        const vjp = n.vjp;
        if (!vjp) {
          throw new Error(`${who}: '${n.name}' is not differentiable (it has no gradient); compute it outside autograd.record or on detach()ed inputs`);
        }
        const ins = scope(() => {
          const full_ = gs.map((g, k) => g ?? zeros(n.outputMeta[k]!.shape, { dtype: n.outputMeta[k]!.dtype }));
          const r = vjp(full_, { inputs: n.inputs, outputs: n.outputs, attrs: n.attrs, inputMeta: n.inputMeta, needs: n.edges.map((e) => e !== null) });
          if (r.length !== n.edges.length) throw new Error(`internal: vjp of '${n.name}' returned ${r.length} gradients for ${n.edges.length} inputs`);
          return n.edges.map((e, i) => {
            const g = r[i];
            const m = n.inputMeta[i];
            return e && g && m ? fitTo(g, m) : undefined;
          });
        });
        n.edges.forEach((e, i) => {
          const g = ins[i];
          if (e && g) send(e, g);
          else if (e && 'leaf' in e && !leaves.has(e.leaf)) leaves.set(e.leaf, undefined);
        });
        for (const g of gs) pool.drop(g);
        for (const g of ins) pool.settle(g);
      }
    });
    ok = true;
  } finally {
    if (!ok) pool.disposeAll();
    else for (const gs of grads.values()) for (const g of gs) pool.drop(g);
    if (!opts.retain_graph) for (const n of visited) releaseSaved(n);
  }
  return { leaves, captured, foreign };
}

/** Writes the gradients into the variables' .grad as their grad_req says. */
export function storeLeafGrads(leaves: Map<Leaf, NDArray | undefined>, foreign: ReadonlySet<NDArray>): void {
  const uses = new Map<NDArray, number>();
  for (const g of leaves.values()) if (g) uses.set(g, (uses.get(g) ?? 0) + 1);
  withMode({ recording: false, training: false }, () => {
    for (const [leaf, g] of leaves) {
      {
        if (leaf.gradReq === 'null' || !leaf.grad) continue;
        if (leaf.grad.isDisposed) throw new Error('backward: a variable\'s .grad was disposed; call attach_grad() again');
        if (leaf.gradReq === 'write') {
          if (g && uses.get(g) === 1 && !foreign.has(g) && adoptBuffer(leaf.grad, g)) continue;
          if (g) castInto(g, leaf.grad);
          else {
            const z = zerosOf(leaf.grad);
            castInto(z, leaf.grad);
            z.dispose();
          }
        } else if (g) {
          add(leaf.grad, g, { out: leaf.grad });
        }
      }
    }
  });
  // (one array may be the gradient of several variables: freed once all are written)
  for (const g of uses.keys()) if (!foreign.has(g)) g.dispose();
}

/**
 * Makes `grad` hold `g`'s values by exchanging their buffers instead of copying (the weight
 * gradients of a layer are megabytes; the copy was a tenth of an MLP's backward pass). Only when
 * nothing else can see either buffer: each is one whole C-contiguous array without views, `g` is
 * a temporary of this backward pass (not recorded), and both live in the same backend. `grad`
 * keeps its identity and is marked written; `g`, disposed next, takes the old buffer with it.
 */
function adoptBuffer(grad: NDArray, g: NDArray): boolean {
  const a = grad._storage, b = g._storage;
  if (a === b || a.refs !== 1 || b.refs !== 1 || a.backend !== b.backend || a.nbytes !== b.nbytes) return false;
  if (g._ag !== undefined || g.dtype !== grad.dtype || g._offset !== 0 || grad._offset !== 0) return false;
  if (g.ndim !== grad.ndim || g.shape.some((d, i) => d !== grad.shape[i])) return false;
  if (!g.flags.c_contiguous || !grad.flags.c_contiguous) return false;
  a.swapBuffer(b);
  a.version++;
  return true;
}

function zerosOf(a: NDArray): NDArray {
  // A 0-d zero broadcast by castInto: no full-size temporary.
  return full([], 0, { dtype: a.dtype, device: a.device });
}
