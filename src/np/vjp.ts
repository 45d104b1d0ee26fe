// Helpers for the ops' vjp functions (the gradients live in each op's own file, see
// docs/autograd.md). They use only core and NDArray methods, so that an op file can import them
// without import cycles; they are recorded like every op, so gradients of gradients work.
import { applyMovement } from '../core/movement.js';
import type { NDArray, Scalar } from '../core/ndarray.js';
import type { VjpContext } from '../core/op.js';
import { defineOp } from '../core/op.js';
import { broadcastShapes, broadcastStrides } from '../core/shape.js';

/**
 * np.broadcast_to's op (defined here, not in np/manip, so that every op file can use expandTo
 * without import cycles): a view with stride 0 along the new and size-1 axes; its gradient sums back.
 */
export const broadcastToOp = defineOp<{ shape: readonly number[] }>({
  name: 'broadcast_to',
  kind: 'movement',
  nin: 1,
  attrs: { shape: [] },
  view: (x, { shape }) => ({ shape, strides: broadcastStrides(x.shape, x.strides, shape), offset: x.offset, dtype: x.dtype }),
  vjp: ([g], { inputMeta }) => [sumTo(g!, inputMeta[0]!.shape)],
  vjpSaves: { inputs: false, outputs: false },
});

const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** `x` broadcast to `shape` (a view; `x` itself when it has that shape already). */
export function expandTo(x: NDArray, shape: readonly number[]): NDArray {
  if (same(x.shape, shape)) return x;
  broadcastShapes([x.shape, shape], 'broadcast_to');
  return applyMovement(broadcastToOp, x, { shape });
}

/**
 * The gradient of a broadcast: `g` summed over the axes along which an input of `shape` was
 * broadcast (NumPy's broadcasting in reverse), then reshaped to `shape`.
 */
export function sumTo(g: NDArray, shape: readonly number[]): NDArray {
  if (same(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  if (lead < 0) return expandTo(g, shape);
  const axes: number[] = [];
  for (let i = 0; i < g.ndim; i++) if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  const s = axes.length ? g.sum({ axis: axes, keepdims: true }) : g;
  const r = s.reshape(shape);
  if (s !== g) s.dispose();
  return same(r.shape, shape) ? r : expandTo(r, shape);
}

/**
 * A reduction's output gradient back in the input's shape: `g` with the reduced `axes` reinserted
 * (when the reduction dropped them) and broadcast along them.
 */
export function unreduce(g: NDArray, inShape: readonly number[], axes: readonly number[]): NDArray {
  const keep = inShape.map((d, i) => (axes.includes(i) ? 1 : d));
  const k = same(g.shape, keep) ? g : g.reshape(keep);
  return expandTo(k, inShape);
}

/** The reduction axes a reduce op recorded (core/reduce.ts records them normalised). */
export function reducedAxes(attrs: object): number[] {
  return (attrs as { axis: number[] }).axis;
}

/** Input `i` of a vjp context as an array or scalar (for ops whose inputs may be JS scalars). */
export type Operand = NDArray | Scalar;

/**
 * The gradient of max/min (and nanmax/nanmin) along the reduced axes: shared evenly among the
 * elements equal to the result (as PyTorch's amax/amin); NaN elements never equal it.
 */
export function extremeGrad([g]: readonly NDArray[], { inputs: [x], outputs: [y], attrs }: VjpContext<object>): NDArray[] {
  const a = x as NDArray;
  const axes = reducedAxes(attrs);
  const hit = a.eq(unreduce(y!, a.shape, axes));
  const n = hit.sum({ axis: axes, keepdims: true });
  return [unreduce(g!, a.shape, axes).mul(hit).div(n)];
}
