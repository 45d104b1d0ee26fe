// The gradient of a view (movement op) that picks distinct elements of its input (slices, basic
// indexing, diagonals, flips, squeeze): zeros of the input's shape with the output gradient
// written where the view reads. One opaque op for all of them, so that its own gradient is the
// view again (create_graph): view and view_grad are each other's vjp.
import type { Backend, OpaqueLaunch } from '../backends/backend.js';
import { applyMovement } from '../core/movement.js';
import type { NDArray } from '../core/ndarray.js';
import { type Op, defineOp, resolveLoop } from '../core/op.js';
import { applyOpaque } from '../core/opaque.js';

export interface ViewGradAttrs {
  /** The movement op whose gradient this is (its view must not repeat elements). */
  op: Op<object> | null;
  attrs: object;
  /** The view's input shape (this op's output). */
  shape: readonly number[];
}

export const viewGradOp = defineOp<ViewGradAttrs>({
  name: 'view_grad',
  kind: 'opaque',
  nin: 1,
  attrs: { op: null, attrs: {}, shape: [] },
  infer: ([g], { shape }) => [{ shape, dtype: g!.dtype }],
  // Linear: the gradient of "write g into zeros through the view" is reading through the view.
  vjp: ([g], { attrs: { op, attrs } }) => [applyMovement(op!, g!, attrs)],
  vjpSaves: { inputs: false, outputs: false },
});

/** The gradient of view `op` (with `attrs`) over an input of `shape`: `g` placed into zeros. */
export function viewGrad(op: Op<object>, attrs: object, g: NDArray, shape: readonly number[]): NDArray {
  return applyOpaque(viewGradOp, [g], { op, attrs, shape })[0]!;
}

/**
 * The kernel on any backend with an elementwise cast (`cast`: the astype op): fills the output
 * with zeros, then copies the input into the output viewed through the op.
 */
export function viewGradKernel(backend: Backend, cast: Op<object>, { inputs, outputs, attrs }: OpaqueLaunch): void {
  const { op, attrs: va } = attrs as ViewGradAttrs;
  const out = outputs[0]!, g = inputs[0]!;
  if (out.shape.includes(0)) return;
  backend.elementwise({
    op: cast, loop: resolveLoop(cast, [out.dtype], { dtype: out.dtype })!, shape: out.shape,
    inputs: [{ kind: 'scalar', dtype: out.dtype, value: 0 }],
    outputs: [{ kind: 'buffer', handle: out.handle, dtype: out.dtype, offset: out.offset, strides: out.strides }],
  });
  const v = op!.view!({ shape: out.shape, strides: out.strides, offset: out.offset, dtype: out.dtype }, va);
  if (!v) throw new Error(`internal: view_grad: ${op!.name} has no view of a contiguous array`);
  if (v.shape.includes(0)) return;
  backend.elementwise({
    op: cast, loop: resolveLoop(cast, [g.dtype], { dtype: out.dtype })!, shape: v.shape,
    inputs: [{ kind: 'buffer', handle: g.handle, dtype: g.dtype, offset: g.offset, strides: g.strides }],
    outputs: [{ kind: 'buffer', handle: out.handle, dtype: out.dtype, offset: v.offset, strides: v.strides }],
  });
}
