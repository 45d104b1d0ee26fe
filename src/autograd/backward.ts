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
import { type Leaf, LeafRef, type Node, OutRef, releaseSaved } from './tape.js';

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

/** a + b, disposing whichever of them the engine owns. */
function accumulate(a: NDArray | undefined, b: NDArray, owned: Set<NDArray>): NDArray {
  if (a === undefined) return b;
  const s = add(a, b);
  for (const x of [a, b]) if (owned.has(x)) x.dispose();
  owned.add(s);
  return s;
}

/** The gradient for an input of `m` (shape and dtype), or undefined for a non-float input. */
function fitTo(g: NDArray, m: TensorMeta, owned: Set<NDArray>): NDArray | undefined {
  if (!isFloat(m.dtype)) return undefined;
  let r = sumTo(g, m.shape);
  if (r.dtype !== m.dtype) {
    const c = astype(r, m.dtype);
    if (r !== g) r.dispose();
    r = c;
  }
  if (r !== g) owned.add(r);
  return r;
}

export function runBackward(
  who: string, heads: readonly NDArray[], headGrads: readonly (NDArray | null | undefined)[],
  opts: BackwardOptions, targets: readonly Target[] = [],
): Result {
  if (headGrads.length !== heads.length) throw new RangeError(`${who}: got ${heads.length} heads but ${headGrads.length} head gradients`);
  const edges = heads.map((h) => headEdge(h, who));
  const owned = new Set<NDArray>();
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
  const createGraph = opts.create_graph ?? false;
  const mode = { recording: createGraph, training: opts.train_mode ?? true };
  const visited: Node[] = [];
  try {
    withMode(mode, () => {
      heads.forEach((h, i) => {
        let g = headGrads[i];
        if (g === null || g === undefined) {
          g = ones(h.shape, { dtype: h.dtype, device: h.device });
          owned.add(g);
        } else if (!(g instanceof NDArray)) throw new TypeError(`${who}: head gradients must be NDArrays`);
        else if (g.ndim !== h.ndim || g.shape.some((d, k) => d !== h.shape[k])) {
          throw new RangeError(`${who}: head gradient of shape (${g.shape.join(', ')}) for a head of shape (${h.shape.join(', ')})`);
        }
        const e = edges[i]!;
        if ('leaf' in e) leaves.set(e.leaf, accumulate(leaves.get(e.leaf), g, owned));
        else {
          if (!grads.has(e.node)) grads.set(e.node, new Array(e.node.outputMeta.length).fill(undefined));
          const slot = grads.get(e.node)!;
          slot[e.index] = accumulate(slot[e.index], g, owned);
        }
      });
      const order = topoOrder(edges.flatMap((e) => ('node' in e ? [e.node] : [])));
      for (const n of order) {
        visited.push(n);
        const gs = grads.get(n);
        grads.delete(n);
        const want = wanted.get(n);
        if (want) captured.set(n, (gs ?? []).map((g, k) => (want.has(k) ? g : undefined)));
        if (!gs || gs.every((g) => g === undefined)) {
          for (const e of n.edges) if (e && 'leaf' in e && !leaves.has(e.leaf)) leaves.set(e.leaf, undefined);
          continue;
        }
        checkSaved(n, who);
        if (!n.vjp) {
          throw new Error(`${who}: '${n.name}' is not differentiable (it has no gradient); compute it outside autograd.record or on detach()ed inputs`);
        }
        const vjp = n.vjp;
        const ins = scope(() => {
          const full_ = gs.map((g, k) => g ?? zeros(n.outputMeta[k]!.shape, { dtype: n.outputMeta[k]!.dtype }));
          const r = vjp(full_, { inputs: n.inputs, outputs: n.outputs, attrs: n.attrs, inputMeta: n.inputMeta, needs: n.edges.map((e) => e !== null) });
          if (r.length !== n.edges.length) throw new Error(`internal: vjp of '${n.name}' returned ${r.length} gradients for ${n.edges.length} inputs`);
          return n.edges.map((e, i) => {
            const g = r[i];
            const m = n.inputMeta[i];
            if (!e || !g || !m) return undefined;
            return fitTo(g, m, new Set()) ?? undefined;
          });
        });
        for (const g of gs) if (g && owned.has(g) && !capturedHas(captured, g)) { g.dispose(); owned.delete(g); }
        n.edges.forEach((e, i) => {
          const g = ins[i];
          if (!e) return;
          if ('leaf' in e) {
            if (g) {
              owned.add(g);
              leaves.set(e.leaf, accumulate(leaves.get(e.leaf), g, owned));
            } else if (!leaves.has(e.leaf)) leaves.set(e.leaf, undefined);
            return;
          }
          if (!g) return;
          owned.add(g);
          if (!grads.has(e.node)) grads.set(e.node, new Array(e.node.outputMeta.length).fill(undefined));
          const slot = grads.get(e.node)!;
          slot[e.index] = accumulate(slot[e.index], g, owned);
        });
      }
    });
  } catch (e) {
    for (const g of owned) g.dispose();
    throw e;
  } finally {
    for (const gs of grads.values()) for (const g of gs) if (g && owned.has(g)) g.dispose();
    if (!opts.retain_graph) for (const n of visited) releaseSaved(n);
  }
  return { leaves, captured };
}

function capturedHas(c: Map<Node, (NDArray | undefined)[]>, g: NDArray): boolean {
  for (const gs of c.values()) if (gs.includes(g)) return true;
  return false;
}

/** Writes the gradients into the variables' .grad as their grad_req says. */
export function storeLeafGrads(leaves: Map<Leaf, NDArray | undefined>): void {
  withMode({ recording: false, training: false }, () => {
    for (const [leaf, g] of leaves) {
      try {
        if (leaf.gradReq === 'null' || !leaf.grad) continue;
        if (leaf.gradReq === 'write') {
          if (g) castInto(g, leaf.grad);
          else {
            const z = zerosOf(leaf.grad);
            castInto(z, leaf.grad);
            z.dispose();
          }
        } else if (g) {
          const s = add(leaf.grad, g);
          castInto(s, leaf.grad);
          s.dispose();
        }
      } finally {
        g?.dispose();
      }
    }
  });
}

function zerosOf(a: NDArray): NDArray {
  // A 0-d zero broadcast by castInto: no full-size temporary.
  return full([], 0, { dtype: a.dtype, device: a.device });
}
