// np.diff (n-th differences along an axis, prepend/append joined first) and np.ediff1d.
import { canCast } from '../../core/dtype.js';
import type { NDArray } from '../../core/ndarray.js';
import { normalizeAxis } from '../../core/shape.js';
import { not_equal } from '../math/not_equal.js';
import { subtract } from '../math/subtract.js';
import { type ArrayLike, arraysOf, sliceAxis, viewAs, wholeView, withTemps } from './common.js';
import { concatArrays } from './concatenate.js';
import { broadcastView } from './broadcast.js';
import { ravel } from './views.js';

export interface DiffOptions {
  /** How many times to difference (default 1). */
  n?: number;
  axis?: number;
  /** Values joined before / after `a` along `axis` first (scalars are broadcast). */
  prepend?: ArrayLike;
  append?: ArrayLike;
}

/** np.diff: out[i] = a[i+1] - a[i] along `axis`, `n` times (not_equal for bool, as NumPy). */
export function diff(a: ArrayLike, options: DiffOptions = {}): NDArray {
  const who = 'diff';
  const n = options.n ?? 1;
  if (!Number.isInteger(n)) throw new TypeError(`${who}: n must be an integer, got ${n}`);
  if (n < 0) throw new RangeError(`${who}: order must be non-negative but got ${n}`);
  return withTemps((owned) => {
    const [x] = arraysOf([a], who, owned);
    if (n === 0) return wholeView(x!);
    if (x!.ndim === 0) throw new RangeError(`${who}: diff requires input that is at least one dimensional`);
    const axis = normalizeAxis(options.axis ?? -1, x!.ndim, who);
    const extra = (v: ArrayLike | undefined): NDArray | null => {
      if (v === undefined) return null;
      const [y] = arraysOf([v], who, owned);
      if (y!.ndim !== 0) return y!;
      const b = broadcastView(y!, x!.shape.map((d, i) => (i === axis ? 1 : d)), who);
      owned.push(b);
      return b;
    };
    const pre = extra(options.prepend), app = extra(options.append);
    let cur = x!;
    if (pre || app) owned.push((cur = concatArrays(who, [...(pre ? [pre] : []), cur, ...(app ? [app] : [])], axis, {})));
    const op = cur.dtype === 'bool' ? not_equal : subtract;
    for (let k = 0; k < n; k++) {
      const len = cur.shape[axis]!;
      const hi = sliceAxis(cur, axis, 1, null), lo = sliceAxis(cur, axis, 0, Math.max(len - 1, 0));
      owned.push(hi, lo);
      const next = op(hi, lo);
      owned.push(next);
      cur = next;
    }
    owned.splice(owned.indexOf(cur), 1);
    return cur;
  });
}

export interface Ediff1dOptions {
  to_end?: ArrayLike | null;
  to_begin?: ArrayLike | null;
}

/** np.ediff1d: differences of the flattened array in its own dtype, with to_begin / to_end joined. */
export function ediff1d(ary: ArrayLike, options: Ediff1dOptions = {}): NDArray {
  const who = 'ediff1d';
  return withTemps((owned) => {
    const [x] = arraysOf([ary], who, owned);
    const flat = ravel(x!);
    owned.push(flat);
    const dtype = flat.dtype;
    if (dtype === 'bool') {
      throw new TypeError(`${who}: numpy boolean subtract, the \`-\` operator, is not supported, use the bitwise_xor, the \`^\` operator, or the logical_xor function instead.`);
    }
    const extra = (v: ArrayLike | null | undefined, name: string): NDArray | null => {
      if (v === undefined || v === null) return null;
      const [y] = arraysOf([v], who, owned);
      if (!canCast(y!.dtype, dtype, 'same_kind')) {
        throw new TypeError(`${who}: dtype of \`${name}\` must be compatible with input \`ary\` under the \`same_kind\` rule.`);
      }
      const r = viewAs(y!, [y!.size]);
      owned.push(r);
      return r;
    };
    const begin = extra(options.to_begin, 'to_begin'), end = extra(options.to_end, 'to_end');
    const len = flat.shape[0]!;
    const hi = sliceAxis(flat, 0, 1, null), lo = sliceAxis(flat, 0, 0, Math.max(len - 1, 0));
    owned.push(hi, lo);
    const d = subtract(hi, lo);
    owned.push(d);
    return concatArrays(who, [...(begin ? [begin] : []), d, ...(end ? [end] : [])], 0, { dtype, casting: 'unsafe' });
  });
}
