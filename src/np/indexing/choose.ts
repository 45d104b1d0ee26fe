// np.choose, np.compress, np.select.
import { castInto } from '../../core/apply.js';
import { type DType, resultType } from '../../core/dtype.js';
import { NDArray, type Scalar } from '../../core/ndarray.js';
import { broadcastStrides, fmtShapeC } from '../../core/shape.js';
import { arange } from '../creation/arange.js';
import { where } from '../math/where.js';
import { flatnonzero } from '../sorting/nonzero.js';
import type { ArrayLike } from '../sorting/common.js';
import { arrayOf, checkMode, indexArrayOf, intoOut, withTemps } from './common.js';
import { gather } from './get.js';
import type { IndexMode } from './ops.js';
import { take } from './take.js';

export interface ChooseOptions {
  out?: NDArray;
  mode?: IndexMode;
}

/** The broadcast of shapes, with np.choose's message on mismatch. */
function broadcastArgs(shapes: readonly (readonly number[])[], who: string): number[] {
  const nd = Math.max(0, ...shapes.map((s) => s.length));
  const out = Array<number>(nd).fill(1);
  const owner = Array<number>(nd).fill(0);
  shapes.forEach((s, k) => {
    for (let i = 0; i < s.length; i++) {
      const j = nd - s.length + i;
      if (s[i] === out[j] || s[i] === 1) continue;
      if (out[j] === 1) {
        out[j] = s[i]!;
        owner[j] = k;
      } else {
        throw new RangeError(
          `${who}: shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg ${owner[j]} with shape ${fmtShapeC(shapes[owner[j]!]!)} and arg ${k} with shape ${fmtShapeC(s)}.`,
        );
      }
    }
  });
  return out;
}

/**
 * np.choose(a, choices, { out, mode }): out[i] = choices[a[i]][i], everything broadcast together.
 * `choices` is an array (its first axis enumerates the choices) or a list of array-likes.
 */
export function choose(a: ArrayLike, choices: NDArray | readonly ArrayLike[], opts: ChooseOptions = {}): NDArray {
  const who = 'choose';
  const mode = checkMode(opts.mode, who);
  const result = withTemps((temps) => {
    const idx = indexArrayOf(a, who, temps);
    let list: NDArray[];
    if (choices instanceof NDArray) {
      choices._check(who);
      if (choices.ndim === 0) throw new RangeError(`${who}: 0-d choices are not allowed`);
      list = [...Array(choices.shape[0]!).keys()].map((i) => {
        const v = choices._view(choices.shape.slice(1), choices._strides.slice(1), choices._offset + i * choices._strides[0]!);
        temps.push(v);
        return v;
      });
    } else list = choices.map((c) => arrayOf(c, who, temps));
    if (list.length === 0) throw new RangeError(`${who}: 0-length sequence.`);
    const shape = broadcastArgs([...list.map((c) => c.shape), idx.shape], who); // NumPy numbers the choices first
    const dtype: DType = resultType(list.map((c) => c.dtype));
    // The choices stacked as (n, ...shape): a broadcast view when `choices` is one array of the
    // result dtype, else a copy.
    let stacked: NDArray;
    if (choices instanceof NDArray) {
      stacked = choices._view([list.length, ...shape], [choices._strides[0]!, ...broadcastStrides(choices.shape.slice(1), choices._strides.slice(1), shape)], choices._offset);
    } else {
      stacked = NDArray._empty([list.length, ...shape], dtype, idx.device);
      list.forEach((c, i) => {
        const slot = stacked._view(shape, stacked._strides.slice(1), i * stacked._strides[0]!);
        temps.push(slot);
        castInto(c, slot);
      });
    }
    temps.push(stacked);
    const nd = shape.length;
    const grids = shape.map((n, d) => {
      const r = arange(n, { dtype: 'int64' });
      temps.push(r);
      const g = r._view(shape, shape.map((_, i) => (i === d && n !== 1 ? 1 : 0)), 0);
      temps.push(g);
      return g;
    });
    const sel = idx._view(shape, broadcastStrides(idx.shape, idx._strides, shape), idx._offset);
    temps.push(sel);
    try {
      return gather(stacked, [sel, ...grids], { mode, bshape: shape, pos: 0, axes: [0, ...Array(nd).fill(0)] }, who);
    } catch (e) {
      if (e instanceof RangeError && mode === 'raise' && / is out of bounds /.test(e.message)) throw new RangeError(`${who}: invalid entry in choice array`);
      throw e;
    }
  });
  return opts.out ? intoOut(result, opts.out, who) : result;
}

/** np.compress(condition, a, { axis, out }): the slices of `a` along `axis` where condition is true. */
export function compress(condition: ArrayLike, a: NDArray, opts: { axis?: number | null; out?: NDArray } = {}): NDArray {
  const who = 'compress';
  a._check(who);
  return withTemps((temps) => {
    const c = arrayOf(condition, who, temps);
    if (c.ndim !== 1) throw new RangeError(`${who}: condition must be a 1-d array`);
    const idx = flatnonzero(c);
    temps.push(idx);
    try {
      return take(a, idx, { axis: opts.axis ?? null, out: opts.out });
    } catch (e) {
      if (e instanceof Error) e.message = e.message.replace(/^take: /, `${who}: `);
      throw e;
    }
  });
}

/**
 * np.select(condlist, choicelist, { default }): where condlist[0], choicelist[0], else where
 * condlist[1], choicelist[1], ..., else default; the dtype is result_type(*choicelist, default).
 */
export function select(condlist: readonly ArrayLike[], choicelist: readonly ArrayLike[], opts: { default?: Scalar | NDArray } = {}): NDArray {
  const who = 'select';
  if (condlist.length !== choicelist.length) throw new RangeError(`${who}: list of cases must be same length as list of conditions`);
  if (condlist.length === 0) throw new RangeError(`${who}: select with an empty condition list is not possible`);
  return withTemps((temps) => {
    const conds = condlist.map((c) => arrayOf(c, who, temps));
    conds.forEach((c, i) => {
      if (c.dtype !== 'bool') throw new TypeError(`${who}: invalid entry ${i} in condlist: should be boolean ndarray`);
    });
    const choices = choicelist.map((c) => arrayOf(c, who, temps));
    const dflt = opts.default ?? 0;
    const weak = dflt instanceof NDArray || typeof dflt === 'boolean' ? [] : [Number.isSafeInteger(dflt) || typeof dflt === 'bigint' ? ('int' as const) : ('float' as const)];
    const strong = [...choices.map((c) => c.dtype), ...(dflt instanceof NDArray ? [dflt.dtype] : typeof dflt === 'boolean' ? ['bool' as DType] : [])];
    const dtype = resultType(strong, weak);
    const shape = broadcastArgs([...conds.map((c) => c.shape), ...choices.map((c) => c.shape), ...(dflt instanceof NDArray ? [dflt.shape] : [])], who);
    let res = NDArray._empty(shape, dtype, conds[0]!.device);
    try {
      const d = dflt instanceof NDArray ? dflt : arrayOf(dflt as ArrayLike, who, temps);
      castInto(d, res);
      for (let i = conds.length - 1; i >= 0; i--) {
        const next = where(conds[i]!, choices[i]!, res);
        res.dispose();
        res = next;
      }
      if (res.dtype !== dtype) {
        const c = NDArray._empty(shape, dtype, res.device);
        castInto(res, c);
        res.dispose();
        res = c;
      }
      return res;
    } catch (e) {
      res.dispose();
      throw e;
    }
  });
}
