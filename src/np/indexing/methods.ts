// NDArray methods of the indexing family: a.get / a.set and the ndarray methods NumPy has for
// take, put, diagonal, trace, choose, compress (declaration merging, as src/np/methods.ts does).
import { NDArray } from '../../core/ndarray.js';
import type { ArrayLike } from '../sorting/common.js';
import { type ChooseOptions, choose, compress } from './choose.js';
import { type DiagonalOptions, type TraceOptions, diagonal, trace } from './diagonal.js';
import { type IndexValue, getIndex, setIndex } from './get.js';
import type { IndexMode } from './ops.js';
import type { IndexPart } from './prepare.js';
import { put } from './put.js';
import { type TakeOptions, take } from './take.js';

declare module '../../core/ndarray.js' {
  interface NDArray {
    /**
     * NumPy's a[index]: a.get('1:, ::-1, None, ..., [0, 2]') or structured parts
     * (a.get(0, np.s(null, null, -1), null, '...', idxArray)). Basic indexing gives a view,
     * integer-array and boolean indexing a new array.
     */
    get(...index: IndexPart[]): NDArray;
    /**
     * NumPy's a[index] = value (in place): a.set('::2', 0), a.set(mask, values). The value is
     * broadcast and cast (unsafely) to a's dtype; with repeated indices the last write wins.
     */
    set(...indexThenValue: [...IndexPart[], IndexValue]): void;
    take(indices: ArrayLike, options?: TakeOptions): NDArray;
    put(indices: ArrayLike, values: IndexValue, options?: { mode?: IndexMode }): void;
    diagonal(options?: DiagonalOptions): NDArray;
    trace(options?: TraceOptions): NDArray;
    choose(choices: NDArray | readonly ArrayLike[], options?: ChooseOptions): NDArray;
    compress(condition: ArrayLike, options?: { axis?: number | null; out?: NDArray }): NDArray;
  }
}

type P = NDArray;

Object.assign(NDArray.prototype, {
  get(this: P, ...index: IndexPart[]) { return getIndex(this, index); },
  set(this: P, ...args: unknown[]) {
    if (args.length < 2) throw new TypeError("set: expected an index and a value (a.set('...', v) sets every element)");
    setIndex(this, args.slice(0, -1) as IndexPart[], args[args.length - 1] as IndexValue);
  },
  take(this: P, indices: ArrayLike, o?: TakeOptions) { return take(this, indices, o); },
  put(this: P, indices: ArrayLike, values: IndexValue, o?: { mode?: IndexMode }) { put(this, indices, values, o); },
  diagonal(this: P, o?: DiagonalOptions) { return diagonal(this, o); },
  trace(this: P, o?: TraceOptions) { return trace(this, o); },
  choose(this: P, choices: NDArray | readonly ArrayLike[], o?: ChooseOptions) { return choose(this, choices, o); },
  compress(this: P, condition: ArrayLike, o?: { axis?: number | null; out?: NDArray }) { return compress(condition, this, o); },
});
