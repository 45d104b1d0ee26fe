// a.set(index, value) while recording is differentiable: after the write, `a` is rebound to an
// index_set node with inputs (a's old value as a recorded copy, the value, the written positions,
// which value elements won). Its vjp: a's old value gets g where nothing was written; the value
// gets g gathered at the positions it was written to, only where it won (repeated indices: the
// last write wins, as the scatter writes), summed back over its broadcasting by autograd.
import { beforeWrite, context } from '../../core/context.js';
import { NDArray } from '../../core/ndarray.js';
import { defineOp } from '../../core/op.js';
import { arange } from '../creation/arange.js';
import { full } from '../creation/basic.js';
import { ravel } from '../manip/views.js';
import { bincount } from '../sorting/bincount.js';
import { type IndexValue, getIndex } from './get.js';
import type { IndexPart } from './prepare.js';

export const indexSetOp = defineOp({
  name: 'index_set',
  kind: 'opaque',
  nin: 4,
  // (never applied: setIndex records it after writing; inputs: old a, value, positions, winners)
  infer: ([a]) => [{ shape: a!.shape, dtype: a!.dtype }],
  vjp: ([g], { inputs: [, , pos, win], needs }) => {
    const p = pos as NDArray;
    const written = bincount(ravel(p), { minlength: g!.size }).reshape(g!.shape);
    return [needs[0] ? g!.mul(written.eq(0)) : null, needs[1] ? ravel(g!).get(p).mul(win as NDArray) : null, null, null];
  },
  vjpSaves: { outputs: false },
});

type RawSet = (a: NDArray, parts: readonly IndexPart[], value: IndexValue, who: string) => void;

/** setIndex while recording, for a float `a`: `write` is the unrecorded write. */
export function recordedSet(a: NDArray, parts: readonly IndexPart[], value: IndexValue, who: string, write: RawSet): void {
  beforeWrite(indexSetOp, [], [a]); // (refuses a variable, or a view of one)
  const temps: NDArray[] = [];
  const keep = (x: NDArray): NDArray => (temps.push(x), x);
  try {
    // The flat positions written, shaped as the indexed result, and the winner of each.
    const pos = keep(getIndex(keep(arange(a.size, { dtype: 'int64' }).reshape(a.shape)), parts, who));
    const ids = keep(arange(pos.size, { dtype: 'int64' }).reshape(pos.shape));
    const last = keep(full([a.size], -1, { dtype: 'int64' }));
    write(last, [keep(ravel(pos))], keep(ravel(ids)), who);
    const win = keep(keep(getIndex(last, [pos], who)).eq(ids));
    const old = keep(a.copy());
    // (a value sharing a's memory is copied first: the write changes it; a JS value is a constant)
    const val = value instanceof NDArray ? (value._storage === a._storage ? keep(value.copy()) : value) : keep(full([], 0, { dtype: a.dtype }));
    write(a, parts, value, who);
    for (const r of context.recorders) r.record({ op: indexSetOp, inputs: [old, val, pos, win], attrs: {}, outputs: [a] });
  } finally {
    for (const t of temps) t.dispose();
  }
}
