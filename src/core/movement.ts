// Movement (view) ops through one dispatch point: the op's `view` computes the result's layout
// from the input's layout; the result shares the input's storage. Routing every public view
// (reshape, transpose, expand_dims, slicing, broadcast_to, …) through here lets autograd and
// hybridize see them, as they see elementwise, reduce and opaque ops.
import { castArray } from './apply.js';
import { context } from './context.js';
import { NDArray } from './ndarray.js';
import type { Op, ViewLayout } from './op.js';
import { contiguousStrides } from './shape.js';

export function layoutOf(a: NDArray): ViewLayout {
  return { shape: a.shape, strides: a._strides, offset: a._offset, dtype: a.dtype };
}

/**
 * Applies a movement op to `a`. When the op's `view` returns null (the layout can't express the
 * result, e.g. reshape of a transposed array), the op is applied to a C-contiguous copy instead,
 * as NumPy does; the result then views that copy (or, with `ownCopy`, owns it: base null, as
 * NumPy's ravel/flatten copies). `forceCopy` always copies (flatten).
 */
export function applyMovement<A extends object>(op: Op<A>, a: NDArray, attrs: A, opts: { ownCopy?: boolean; forceCopy?: boolean } = {}): NDArray {
  a._check(op.name);
  if (!op.view) throw new Error(`internal: movement op ${op.name} has no view`);
  let v = opts.forceCopy ? null : op.view(layoutOf(a), attrs);
  let out: NDArray;
  if (v) {
    out = a._view(v.shape, v.strides, v.offset, v.dtype);
  } else {
    const c = castArray(a, a.dtype);
    v = op.view({ shape: c.shape, strides: contiguousStrides(c.shape), offset: 0, dtype: c.dtype }, attrs);
    if (!v) {
      c.dispose();
      throw new Error(`internal: movement op ${op.name} has no view of a contiguous array`);
    }
    out = opts.ownCopy ? new NDArray(c._storage, c.dtype, v.shape, v.strides, v.offset, null) : c._view(v.shape, v.strides, v.offset);
    c.dispose();
  }
  if (context.recorders.length) {
    for (const r of context.recorders) r.record({ op: op as Op<object>, inputs: [a], attrs, outputs: [out] });
  }
  return out;
}
