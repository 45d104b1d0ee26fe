// The movement (view) ops of the shape-manipulation family. Each computes the result's layout from
// the input's; src/core/movement.ts applies them, so autograd and hybridize see every view.
import { applyMovement } from '../../core/movement.js';
import { type Op, defineOp } from '../../core/op.js';
import { viewGrad } from '../view_grad.js';

const noSaves = { inputs: false, outputs: false } as const;

/** Drops the given size-1 axes (np.squeeze), keeping the other strides. */
export const squeezeOp = defineOp<{ axes: readonly number[] }>({
  name: 'squeeze',
  kind: 'movement',
  nin: 1,
  attrs: { axes: [] },
  view: (x, { axes }) => {
    const keep = x.shape.map((_, i) => !axes.includes(i));
    return {
      shape: x.shape.filter((_, i) => keep[i]),
      strides: x.strides.filter((_, i) => keep[i]),
      offset: x.offset,
      dtype: x.dtype,
    };
  },
  vjp: ([g], { inputMeta }) => [g!.reshape(inputMeta[0]!.shape)],
  vjpSaves: noSaves,
});

/** np.broadcast_to's op lives with the gradient helpers (np/vjp.ts) that also broadcast. */
export { broadcastToOp } from '../vjp.js';

/** Reverses the given axes (negative strides, as NumPy's flip). */
export const flipOp: Op<{ axes: readonly number[] }> = defineOp<{ axes: readonly number[] }>({
  name: 'flip',
  kind: 'movement',
  nin: 1,
  attrs: { axes: [] },
  view: (x, { axes }) => {
    let offset = x.offset;
    // An empty array keeps its offset (no element to point at; the buffer may be empty).
    const empty = x.shape.includes(0);
    const strides = x.strides.map((s, i) => {
      if (!axes.includes(i)) return s;
      if (!empty) offset += (x.shape[i]! - 1) * s;
      return -s;
    });
    return { shape: x.shape, strides, offset, dtype: x.dtype };
  },
  vjp: ([g], { attrs }) => [applyMovement(flipOp, g!, attrs)],
  vjpSaves: noSaves,
});

/**
 * `x[..., start:start+length, ...]` along one axis (step 1): the slices of split, unstack, roll,
 * pad and trim_zeros. `start`/`length` are already clipped to the axis.
 */
export const axisSliceOp: Op<{ axis: number; start: number; length: number }> = defineOp<{ axis: number; start: number; length: number }>({
  name: 'axis_slice',
  kind: 'movement',
  nin: 1,
  attrs: { axis: 0, start: 0, length: 0 },
  view: (x, { axis, start, length }) => ({
    shape: x.shape.map((d, i) => (i === axis ? length : d)),
    strides: x.strides,
    offset: length > 0 && !x.shape.includes(0) ? x.offset + start * x.strides[axis]! : x.offset,
    dtype: x.dtype,
  }),
  vjp: ([g], { attrs, inputMeta }) => [viewGrad(axisSliceOp as Op<object>, attrs, g!, inputMeta[0]!.shape)],
  vjpSaves: noSaves,
});
