// np.copyto(dst, src, { casting, where }).
import { applyElementwise, castArray, castInto, copyInto } from '../../core/apply.js';
import { guardWrite } from './write_guard.js';
import { type Casting, type DType, canCast, intFits, isComplex, isFloat, isInteger } from '../../core/dtype.js';
import { Complex } from '../../core/complex.js';
import { NDArray, type Scalar } from '../../core/ndarray.js';
import { fmtShapeC } from '../../core/shape.js';
import { whereOp } from '../math/where.js';
import type { ArrayLike } from '../sorting/common.js';
import { array } from '../creation/array.js';
import { arrayOf, withTemps } from './common.js';

export interface CopytoOptions {
  /** Default 'same_kind'. */
  casting?: Casting;
  /** A boolean mask (broadcast to dst): only where it is true is written. */
  where?: ArrayLike | boolean;
}

function broadcastsTo(from: readonly number[], to: readonly number[]): boolean {
  if (from.length > to.length) return false;
  const off = to.length - from.length;
  return from.every((d, i) => d === 1 || d === to[off + i]);
}

/** The cast check for a JS scalar: NEP 50 weak scalars cast by kind, their value must fit. */
function checkScalar(v: Scalar, to: DType, casting: Casting, who: string): void {
  if (typeof v === 'boolean') {
    if (!canCast('bool', to, casting)) throw new TypeError(`${who}: Cannot cast scalar from dtype('bool') to dtype('${to}') according to the rule '${casting}'`);
    return;
  }
  if (casting === 'unsafe') return;
  if (v instanceof Complex) {
    if (!isComplex(to)) throw new TypeError(`${who}: Cannot cast scalar from dtype('complex128') to dtype('${to}') according to the rule '${casting}'`);
    return;
  }
  const isInt = typeof v === 'bigint' || Number.isSafeInteger(v);
  if (isInt ? to === 'bool' : !isFloat(to)) {
    throw new TypeError(`${who}: Cannot cast scalar from dtype('${isInt ? 'int64' : 'float64'}') to dtype('${to}') according to the rule '${casting}'`);
  }
  if (isInt && isInteger(to) && !intFits(v, to)) throw new RangeError(`${who}: JS integer ${String(v)} out of bounds for ${to}`);
}

/**
 * np.copyto: copies `src` (broadcast) into `dst`, refusing casts `casting` forbids; with `where`,
 * only the elements where the mask is true.
 */
export function copyto(dst: NDArray, src: ArrayLike, opts: CopytoOptions = {}): void {
  const who = 'copyto';
  dst._check(who);
  const casting = opts.casting ?? 'same_kind';
  withTemps((temps) => {
    let s: NDArray;
    if (src instanceof NDArray || Array.isArray(src) || ArrayBuffer.isView(src)) {
      s = arrayOf(src, who, temps);
      if (!canCast(s.dtype, dst.dtype, casting)) {
        throw new TypeError(`${who}: Cannot cast array data from dtype('${s.dtype}') to dtype('${dst.dtype}') according to the rule '${casting}'`);
      }
    } else {
      checkScalar(src as Scalar, dst.dtype, casting, who);
      try {
        s = array(src as Scalar, { dtype: dst.dtype, device: dst.device });
      } catch (e) {
        if (e instanceof Error) e.message = e.message.replace(/^array: /, `${who}: `);
        throw e;
      }
      temps.push(s);
    }
    if (!broadcastsTo(s.shape, dst.shape)) {
      throw new RangeError(`${who}: could not broadcast input array from shape ${fmtShapeC(s.shape)} into shape ${fmtShapeC(dst.shape)}`);
    }
    // NumPy copies as if src were read first: an overlapping src is copied.
    if (s._storage === dst._storage || s.dtype !== dst.dtype) {
      s = castArray(s, dst.dtype);
      temps.push(s);
    }
    const w = opts.where ?? true;
    if (w === true) {
      // A plain copy of the array itself is recorded (dst = astype(src)): differentiable.
      if (s === src) copyInto(s, dst);
      else {
        guardWrite(dst, [src]);
        castInto(s, dst);
      }
      return;
    }
    if (s !== src) guardWrite(dst, [src]); // (the masked write itself is np.where, recorded)
    const mask = arrayOf(w, who, temps);
    if (mask.dtype !== 'bool') {
      throw new TypeError(`${who}: Cannot cast array data from dtype('${mask.dtype}') to dtype('bool') according to the rule 'safe'`);
    }
    if (!broadcastsTo(mask.shape, dst.shape)) {
      throw new RangeError(`${who}: could not broadcast where mask from shape ${fmtShapeC(mask.shape)} into shape ${fmtShapeC(dst.shape)}`);
    }
    applyElementwise(whereOp, [mask, s, dst], {}, { out: dst });
  });
}
