// NumPy scalar arithmetic on the host, for histogram's few per-call numbers (range edges, widths,
// linspace edges): a value is either a weak JS number (a Python int or float) or a strong scalar
// of a dtype (what a.min() returns), and every operation rounds to the dtype NumPy computes in.
import { type DType, isFloat, isInteger, resultType } from '../../core/dtype.js';
import { bf16BitsToNumber, f16BitsToNumber, numberToBf16Bits, numberToF16Bits } from '../../core/half.js';

export type Weak = 'int' | 'float';

/** A NumPy scalar: `t` is its dtype, or 'int' / 'float' for a Python (weak) number. */
export interface Sc {
  v: number | bigint;
  t: DType | Weak;
}

export const isWeak = (s: Sc): boolean => s.t === 'int' || s.t === 'float';
export const num = (s: Sc): number => Number(s.v);

/** A JS number as NumPy sees a Python value: integer-valued and safe → int, else float. */
export function weak(v: number | bigint): Sc {
  return typeof v === 'bigint' || Number.isSafeInteger(v) ? { v, t: 'int' } : { v, t: 'float' };
}

/** NEP 50 result_type of scalars (and array dtypes). */
export function scType(scs: readonly Sc[], arrays: readonly DType[] = []): DType {
  const strong = [...arrays, ...scs.filter((s) => !isWeak(s)).map((s) => s.t as DType)];
  const weakKinds = scs.filter(isWeak).map((s) => s.t as Weak);
  return resultType(strong, weakKinds);
}

/** A float64 value converted to a float dtype (NumPy's cast). */
export function cast(dt: DType, x: number): number {
  switch (dt) {
    case 'float16': return f16BitsToNumber(numberToF16Bits(x));
    case 'bfloat16': return bf16BitsToNumber(numberToBf16Bits(x));
    case 'float32': return Math.fround(x);
    default: return x;
  }
}

/**
 * The result of one arithmetic operation (computed in float64) in float dtype `dt`. Half types
 * compute in float32 first, as NumPy and ml_dtypes do.
 */
export function op(dt: DType, x: number): number {
  switch (dt) {
    case 'float16': return f16BitsToNumber(numberToF16Bits(Math.fround(x)));
    case 'bfloat16': return bf16BitsToNumber(numberToBf16Bits(Math.fround(x)));
    case 'float32': return Math.fround(x);
    default: return x;
  }
}

/** `s + c` for a weak float c (histogram's ±0.5): NumPy's scalar arithmetic. */
export function addWeakFloat(s: Sc, c: number): Sc {
  if (isWeak(s)) return { v: num(s) + c, t: 'float' };
  const t = s.t as DType;
  const dt = isFloat(t) ? t : resultType([t], ['float']);
  return { v: op(dt, cast(dt, num(s)) + c), t: dt };
}

/** Python's str() of a scalar in a message: 1, 1.0, 1.5, inf, nan. */
export function pyStr(s: Sc): string {
  const x = s.v;
  if (typeof x === 'bigint') return x.toString();
  const float = s.t === 'float' || (!isWeak(s) && isFloat(s.t as DType));
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (float && Number.isInteger(x) && Math.abs(x) < 1e16) return `${x.toFixed(1)}`;
  return String(x);
}

/**
 * NumPy's _unsigned_subtract(a, b) of two scalars: signed integer results wrap into the unsigned
 * type of their size (so the difference of int64 extremes is exact); returns the value and dtype.
 */
export function unsignedSubtract(a: Sc, b: Sc): Sc {
  const dt = scType([a, b]);
  if (isInteger(dt) || dt === 'bool') {
    const bits = dt === 'bool' ? 8 : dtypeBits(dt);
    const d = BigInt.asUintN(bits, BigInt(a.v) - BigInt(b.v));
    const ut: DType = dt.startsWith('u') ? dt : (`u${dt === 'bool' ? 'int8' : dt}` as DType);
    return { v: d, t: ut };
  }
  return { v: op(dt, cast(dt, num(a)) - cast(dt, num(b))), t: dt };
}

function dtypeBits(d: DType): number {
  return Number(/\d+/.exec(d)![0]);
}

/**
 * np.linspace(first, last, num, dtype=binType) for scalar ends, exactly as NumPy computes it: in
 * the ends' (inexact) result type, then converted.
 */
export function linspaceEdges(first: Sc, last: Sc, num: number, binType: DType): number[] {
  let dt = scType([first, last]);
  if (!isFloat(dt)) dt = resultType([dt], ['float']);
  const start = cast(dt, Number(first.v)), stop = cast(dt, Number(last.v));
  const div = num - 1;
  const delta = op(dt, stop - start);
  const step = op(dt, delta / div);
  const out: number[] = new Array(num);
  for (let i = 0; i < num; i++) {
    const yi = cast(dt, i);
    const v = step === 0 ? op(dt, op(dt, yi / div) * delta) : op(dt, yi * step);
    out[i] = op(dt, v + start);
  }
  if (num > 1) out[num - 1] = stop;
  return out.map((x) => cast(binType, x));
}
