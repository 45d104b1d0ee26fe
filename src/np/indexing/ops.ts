// The three ops behind indexing: basic_index (a view: integers, slices, newaxis) and one gather
// and one scatter for any number of integer index arrays (NumPy's advanced indexing, also used by
// take, put, choose, compress, putmask, place, take_along_axis, ...).
import { type Op, defineOp } from '../../core/op.js';
import type { NDArray } from '../../core/ndarray.js';
import { viewGrad } from '../view_grad.js';
import { gatherGrad } from './scatter_add.js';
import { sliceIndices } from './slice.js';

/** One item of a basic index, over the input's dimensions in order (ellipsis already expanded). */
export type BasicItem =
  | { readonly kind: 'int'; readonly index: number }
  | { readonly kind: 'slice'; readonly start: number | null; readonly stop: number | null; readonly step: number | null }
  | { readonly kind: 'new' };

export interface BasicIndexAttrs {
  /** Dimensions after the last item are taken whole. */
  items: readonly BasicItem[];
}

/** The message NumPy gives for an integer index outside its axis. */
export const outOfBounds = (index: number | bigint, axis: number, size: number): string =>
  `index ${index} is out of bounds for axis ${axis} with size ${size}`;

export const basicIndexOp: Op<BasicIndexAttrs> = defineOp<BasicIndexAttrs>({
  name: 'basic_index',
  kind: 'movement',
  nin: 1,
  attrs: { items: [] },
  view: (x, { items }) => {
    const shape: number[] = [];
    const strides: number[] = [];
    let offset = x.offset;
    let dim = 0;
    for (const it of items) {
      if (it.kind === 'new') {
        shape.push(1);
        strides.push(0);
        continue;
      }
      const n = x.shape[dim]!;
      const st = x.strides[dim]!;
      if (it.kind === 'int') {
        const i = it.index < 0 ? it.index + n : it.index;
        if (i < 0 || i >= n) throw new RangeError(`index: ${outOfBounds(it.index, dim, n)}`);
        offset += i * st;
      } else {
        const [start, step, len] = sliceIndices(it, n, 'index');
        shape.push(len);
        strides.push(len > 1 ? step * st : len === 1 ? st : 0);
        if (len > 0) offset += start * st;
      }
      dim++;
    }
    for (; dim < x.shape.length; dim++) {
      shape.push(x.shape[dim]!);
      strides.push(x.strides[dim]!);
    }
    // An empty result may not point past its (possibly empty) buffer.
    return { shape, strides, offset: shape.includes(0) ? 0 : offset, dtype: x.dtype };
  },
  vjp: ([g], { attrs, inputMeta }) => [viewGrad(basicIndexOp as Op<object>, attrs, g!, inputMeta[0]!.shape)],
  vjpSaves: { inputs: false, outputs: false },
});

export type IndexMode = 'raise' | 'wrap' | 'clip';

/**
 * Attributes of the gather and scatter. The indexed array arrives as [n_0 .. n_{K-1}, rest...]
 * (its K indexed axes first), every index array broadcast to `bshape`; the other operand (the
 * gather's result, the scatter's values) has shape rest[:pos] + bshape + rest[pos:].
 */
export interface IndexArraysAttrs {
  mode: IndexMode;
  bshape: readonly number[];
  pos: number;
  /** The axis each index array indexes in the user's array (for out-of-bounds messages). */
  axes: readonly number[];
}

/** The shape of the gathered result (or of the scatter's values). */
export function placedShape(rest: readonly number[], { bshape, pos }: { bshape: readonly number[]; pos: number }): number[] {
  return [...rest.slice(0, pos), ...bshape, ...rest.slice(pos)];
}

export const gatherOp = defineOp<IndexArraysAttrs>({
  name: 'index_gather',
  acceptsComplex: true, // moves element bytes by itemsize (native/src/gather.cc)
  kind: 'opaque',
  nin: -1,
  attrs: { mode: 'raise', bshape: [], pos: 0, axes: [] },
  infer: ([src, ...idx], attrs) => [{ shape: placedShape(src!.shape.slice(idx.length), attrs), dtype: src!.dtype }],
  // Repeated indices accumulate (np.add.at), see scatter_add.ts.
  vjp: ([g], { inputs: [, ...idx], inputMeta, attrs }) => [gatherGrad(g!, inputMeta[0]!.shape, idx as NDArray[], attrs), ...idx.map(() => null)],
  vjpSaves: { outputs: false },
});

/** Writes into its first input (the indexed array, a view of the user's array); no outputs. */
export const scatterOp = defineOp<IndexArraysAttrs>({
  name: 'index_scatter',
  acceptsComplex: true, // moves element bytes by itemsize (native/src/gather.cc)
  kind: 'opaque',
  nin: -1,
  attrs: { mode: 'raise', bshape: [], pos: 0, axes: [] },
  infer: () => [],
});
