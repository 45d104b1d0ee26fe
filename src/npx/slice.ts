// npx.slice: MXNet's slice op (begin/end/step per leading axis), a thin wrapper over basic indexing.
import type { NDArray } from '../core/ndarray.js';
import { getIndex } from '../np/indexing/get.js';
import { copy } from '../np/manip/views.js';
import { Slice } from '../np/indexing/slice.js';

export interface SliceOptions {
  begin: readonly (number | null)[];
  end: readonly (number | null)[];
  step?: readonly (number | null)[];
}

/**
 * npx.slice(a, { begin, end, step }): a copy of a[begin[0]:end[0]:step[0], ...], as MXNet's slice
 * returns a new array (a.get(...) is the view). null entries are omitted bounds, as MXNet's None.
 */
export function slice(a: NDArray, opts: SliceOptions): NDArray {
  const { begin, end } = opts;
  const step = opts.step ?? [];
  if (begin.length !== end.length) throw new RangeError(`slice: begin and end must have the same length (got ${begin.length} and ${end.length})`);
  if (step.length > begin.length) throw new RangeError(`slice: step has more entries (${step.length}) than begin (${begin.length})`);
  const v = getIndex(a, begin.map((b, i) => new Slice(b, end[i] ?? null, step[i] ?? null)), 'slice');
  try {
    return copy(v);
  } finally {
    v.dispose();
  }
}
