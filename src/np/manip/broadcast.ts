// Broadcasting as views: broadcast_to, broadcast_arrays (stride 0 along repeated axes, as NumPy),
// and the shape arithmetic of broadcast_shapes.
import { applyMovement } from '../../core/movement.js';
import type { NDArray } from '../../core/ndarray.js';
import { broadcastShapes, fmtShapeC } from '../../core/shape.js';
import { type ArrayLike, arraysOf, withTemps } from './common.js';
import { broadcastToOp } from './ops.js';

function shapeArg(shape: number | readonly number[], who: string): number[] {
  const s = typeof shape === 'number' ? [shape] : [...shape];
  for (const d of s) {
    if (!Number.isInteger(d)) throw new TypeError(`${who}: shape entries must be integers, got ${d}`);
    if (d < 0) throw new RangeError(`${who}: all elements of broadcast shape must be non-negative`);
  }
  return s;
}

/** The view of `x` broadcast to `shape`, after NumPy's checks. */
export function broadcastView(x: NDArray, shape: readonly number[], who: string): NDArray {
  const nd = shape.length;
  if (x.ndim > nd) {
    throw new RangeError(`${who}: input operand has more dimensions than allowed by the axis remapping`);
  }
  const off = nd - x.ndim;
  for (let i = 0; i < x.ndim; i++) {
    const d = x.shape[i]!;
    if (d !== 1 && d !== shape[off + i]) {
      throw new RangeError(`${who}: operands could not be broadcast together with remapped shapes [original->remapped]: ${fmtShapeC(x.shape)} and requested shape ${fmtShapeC(shape)}`);
    }
  }
  return applyMovement(broadcastToOp, x, { shape });
}

/**
 * np.broadcast_to: a view of `array` with the given shape. NumPy marks it read-only; quark has no
 * read-only arrays yet, so writing through it writes the shared elements (docs/np.md).
 */
export function broadcast_to(array: ArrayLike, shape: number | readonly number[]): NDArray {
  const s = shapeArg(shape, 'broadcast_to');
  return withTemps((owned) => broadcastView(arraysOf([array], 'broadcast_to', owned)[0]!, s, 'broadcast_to'));
}

/** np.broadcast_arrays: every input viewed with the common broadcast shape. */
export function broadcast_arrays(...args: ArrayLike[]): NDArray[] {
  return withTemps((owned) => {
    const xs = arraysOf(args, 'broadcast_arrays', owned);
    const shape = broadcastShapes(xs.map((x) => x.shape), 'broadcast_arrays');
    const out: NDArray[] = [];
    try {
      for (const x of xs) out.push(applyMovement(broadcastToOp, x, { shape }));
    } catch (e) {
      for (const o of out) o.dispose();
      throw e;
    }
    return out;
  });
}

/** np.broadcast_shapes: the broadcast of shapes (a number stands for a 1-D shape). */
export function broadcast_shapes(...shapes: (number | readonly number[])[]): number[] {
  const list = shapes.map((s) => shapeArg(s, 'broadcast_shapes'));
  try {
    return broadcastShapes(list);
  } catch {
    // NumPy names the shapes by argument position here.
    throw new RangeError(`broadcast_shapes: shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between ${describeMismatch(list)}`);
  }
}

function describeMismatch(list: readonly number[][]): string {
  const nd = Math.max(0, ...list.map((s) => s.length));
  for (let j = 0; j < nd; j++) {
    let seen = -1;
    for (let k = 0; k < list.length; k++) {
      const s = list[k]!;
      const d = s[s.length - nd + j];
      if (d === undefined || d === 1) continue;
      if (seen < 0) seen = k;
      else if (list[seen]![list[seen]!.length - nd + j] !== d) {
        return `arg ${seen} with shape ${fmtShapeC(list[seen]!)} and arg ${k} with shape ${fmtShapeC(s)}.`;
      }
    }
  }
  return 'the arguments.';
}
