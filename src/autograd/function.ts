// autograd.Function: an op with a user-written forward and backward (MXNet's autograd.Function).
import { NDArray } from '../core/ndarray.js';
import { isFloat } from '../core/dtype.js';
import { currentMode, pause } from './mode.js';
import { type Edge, Node, bindOutput, edgeOf, saveArray } from './tape.js';

/**
 * Subclass with `forward(...inputs)` (runs unrecorded; keep what backward needs with
 * save_for_backward) and `backward(...outputGrads)` (one gradient per input, null for none;
 * written with np ops it is itself recorded under create_graph). Call it with `f.call(...inputs)`.
 */
export abstract class Function {
  private _saved: NDArray[] = [];
  private _node: Node | undefined;

  abstract forward(...inputs: NDArray[]): NDArray | NDArray[];
  abstract backward(...outputGrads: NDArray[]): NDArray | null | (NDArray | null)[];

  /** Keeps arrays for backward (read them there from saved_tensors). */
  save_for_backward(...arrays: NDArray[]): void {
    this._saved = arrays;
  }

  /** The arrays given to save_for_backward (in backward: the tape's copies of them). */
  get saved_tensors(): NDArray[] {
    return this._node ? this._node.saved.slice(this._node.outputs.length) : this._saved;
  }

  /** Applies the function: forward's outputs, recorded as one op whose gradient is backward. */
  call(...inputs: NDArray[]): NDArray | NDArray[] {
    const who = this.constructor.name || 'Function';
    for (const x of inputs) {
      if (!(x instanceof NDArray)) throw new TypeError(`${who}: inputs must be NDArrays`);
      x._check(who);
    }
    this._saved = [];
    const result = pause(() => this.forward(...inputs));
    const outs = result instanceof NDArray ? [result] : [...result];
    if (!currentMode().recording) return result;
    // (an output that is an input would lose its own place in the graph)
    if (outs.some((o) => inputs.includes(o))) throw new Error(`${who}.forward must return new arrays, not its inputs (return x.copy())`);
    const edges: (Edge | null)[] = inputs.map((x) => edgeOf(x, who));
    if (!edges.some((e) => e) || !outs.some((o) => isFloat(o.dtype))) return result;
    const vjp = (grads: readonly NDArray[]): (NDArray | null)[] => {
      const prev = this._node;
      this._node = n;
      let r: ReturnType<Function['backward']>;
      try {
        r = this.backward(...grads);
      } finally {
        this._node = prev;
      }
      const list = r === null || r instanceof NDArray ? [r] : [...r];
      if (list.length !== inputs.length) throw new RangeError(`${who}.backward returned ${list.length} gradients for ${inputs.length} inputs`);
      return list;
    };
    const n = new Node(who, vjp, {}, inputs.map((x) => ({ shape: x.shape, dtype: x.dtype })), outs.map((o) => ({ shape: o.shape, dtype: o.dtype })), edges);
    outs.forEach((o, k) => {
      if (isFloat(o.dtype)) bindOutput(o, n, k);
    });
    // The node keeps the outputs first, then the saved tensors (saved_tensors reads them back).
    n.outputs = outs.map((o) => saveArray(n, o));
    for (const s of this._saved) saveArray(n, s);
    this._saved = [];
    return result;
  }
}
