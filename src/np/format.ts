// NumPy's array printing (numpy/_core/arrayprint.py, NumPy 2.x, legacy=False) as pure functions:
// `arrayRepr` is repr(a), `arrayStr` is str(a). Floats go through a port of NumPy's Dragon4
// (./format/dragon4.ts) so every float width prints its own shortest-unique digits.
//
// bfloat16 (no NumPy oracle) is printed like NumPy prints its own float types: FloatingFormat with
// bfloat16's shortest-unique digits, exponent cut-off 10**finfo(bfloat16).precision = 1e2 (ml_dtypes'
// finfo reports precision 2; float16 gets 1e3, float32 1e6, float64 1e8), the same 1e2 as the
// scalar str() switch to scientific, and `dtype=bfloat16` in repr.

import { Complex } from '../core/complex.js';
import type { DType } from '../core/dtype.js';
import { bf16BitsToNumber, f16BitsToNumber, numberToBf16Bits, numberToF16Bits } from '../core/half.js';
import { formatPositional, formatScientific, type FloatWidth, type TrimMode } from './format/dragon4.js';

export interface PrintSource {
  dtype: DType;
  shape: readonly number[];
  /**
   * C-order flat values, already decoded: number for ints up to 32 bit and floats (float16/bfloat16
   * decoded to number), bigint for int64/uint64, boolean for bool.
   */
  values: ArrayLike<number | bigint | boolean | Complex>;
}

export type FloatMode = 'fixed' | 'unique' | 'maxprec' | 'maxprec_equal';

export interface PrintOptions {
  precision?: number;
  threshold?: number;
  edgeitems?: number;
  linewidth?: number;
  suppress?: boolean;
  sign?: ' ' | '+' | '-';
  floatmode?: FloatMode;
}

/** Module-level defaults (NumPy 2's), changed by `set_printoptions`. */
export const printOptions: Required<PrintOptions> = {
  precision: 8,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 75,
  suppress: false,
  sign: '-',
  floatmode: 'maxprec',
};

const FLOATMODES: readonly string[] = ['fixed', 'unique', 'maxprec', 'maxprec_equal'];

function checkOptions(o: PrintOptions): void {
  const nonNeg = (v: number | undefined, name: string, allowInf = false): void => {
    if (v === undefined) return;
    if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`${name} must be a number`);
    if (!allowInf && !Number.isFinite(v)) throw new TypeError(`${name} must be a finite number`);
    if (v < 0) throw new RangeError(`${name} must be >= 0`);
  };
  nonNeg(o.precision, 'precision');
  if (o.threshold !== undefined && Number.isNaN(o.threshold)) {
    throw new TypeError('threshold must be non-NAN, try Infinity for untruncated representation');
  }
  nonNeg(o.threshold, 'threshold', true);
  nonNeg(o.edgeitems, 'edgeitems');
  nonNeg(o.linewidth, 'linewidth', true);
  if (o.sign !== undefined && o.sign !== '-' && o.sign !== '+' && o.sign !== ' ') {
    throw new RangeError("sign option must be one of ' ', '+', or '-'");
  }
  if (o.floatmode !== undefined && !FLOATMODES.includes(o.floatmode)) {
    throw new RangeError(`floatmode option must be one of ${FLOATMODES.map((m) => `"${m}"`).join(', ')}`);
  }
}

function definedOnly(o: PrintOptions): PrintOptions {
  const r: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) r[k] = v;
  return r as PrintOptions;
}

/** numpy.set_printoptions for the options quark supports; unspecified options keep their value. */
export function set_printoptions(o: PrintOptions): void {
  checkOptions(o);
  Object.assign(printOptions, definedOnly(o));
}

/** numpy.get_printoptions: a copy of the current defaults. */
export function get_printoptions(): Required<PrintOptions> {
  return { ...printOptions };
}

function resolve(opts: PrintOptions | undefined): Required<PrintOptions> {
  if (!opts) return printOptions;
  checkOptions(opts);
  return { ...printOptions, ...definedOnly(opts) };
}

// ---- element formatters --------------------------------------------------------------------

type Value = number | bigint | boolean | Complex;
type ElemFormat = (v: Value) => string;

const FLOAT_WIDTHS: Partial<Record<DType, FloatWidth>> = {
  float16: 'float16', bfloat16: 'bfloat16', float32: 'float32', float64: 'float64',
};
/** The float width of a complex dtype's parts. */
const COMPLEX_WIDTHS: Partial<Record<DType, FloatWidth>> = { complex64: 'float32', complex128: 'float64' };

/** np.finfo(dtype).precision (ml_dtypes' value for bfloat16). */
const FINFO_PRECISION: Record<FloatWidth, number> = { float16: 3, bfloat16: 2, float32: 6, float64: 15 };

/** Rounds a float64 result to the float width (NumPy computes in the array's dtype). */
function roundTo(x: number, w: FloatWidth): number {
  switch (w) {
    case 'float64': return x;
    case 'float32': return Math.fround(x);
    case 'float16': return f16BitsToNumber(numberToF16Bits(x));
    case 'bfloat16': return bf16BitsToNumber(numberToBf16Bits(x));
  }
}

const toNum = (v: Value): number => (typeof v === 'number' ? v : v instanceof Complex ? v.re : Number(v));
const reOf = (v: Value): number => (v instanceof Complex ? v.re : toNum(v));
const imOf = (v: Value): number => (v instanceof Complex ? v.im : 0);
const signbit = (x: number): boolean => x < 0 || Object.is(x, -0);

/** arrayprint.FloatingFormat: one format for all elements, chosen from the (summarised) data. */
function floatingFormat(data: readonly number[], w: FloatWidth, o: Required<PrintOptions>): ElemFormat {
  const floatmode = o.floatmode;
  let precision = floatmode === 'unique' ? -1 : o.precision;
  const sign = o.sign;
  const plus = sign === '+';

  const finite = data.filter((x) => Number.isFinite(x));
  let expFormat = false;
  let maxVal = -Infinity, minVal = Infinity, nonZero = 0;
  for (const x of finite) {
    if (x === 0) continue;
    const a = Math.abs(x);
    nonZero++;
    if (a > maxVal) maxVal = a;
    if (a < minVal) minVal = a;
  }
  if (nonZero > 0) {
    // comparisons with Python floats are "weak" (NEP 50): done in the array's dtype
    const cutoffMax = 10 ** Math.min(8, FINFO_PRECISION[w]);
    if (maxVal >= cutoffMax
      || (!o.suppress && (minVal < roundTo(0.0001, w) || roundTo(maxVal / minVal, w) > 1000))) {
      expFormat = true;
    }
  }

  let padLeft: number, padRight: number, trim: TrimMode, expSize: number, unique: boolean;
  let minDigits = -1;
  if (finite.length === 0) {
    padLeft = 0;
    padRight = 0;
    trim = '.';
    expSize = -1;
    unique = true;
  } else if (expFormat) {
    let t: TrimMode = '.';
    unique = true;
    if (floatmode === 'fixed') {
      t = 'k';
      unique = false;
    }
    let maxInt = 0, maxFrac = 0, maxExp = 0;
    for (const x of finite) {
      const s = formatScientific(x, w, { precision, unique, trim: t, sign: plus });
      const e = s.indexOf('e');
      const mant = s.slice(0, e);
      const dot = mant.indexOf('.');
      maxInt = Math.max(maxInt, dot);
      maxFrac = Math.max(maxFrac, mant.length - dot - 1);
      maxExp = Math.max(maxExp, s.length - e - 1);
    }
    expSize = maxExp - 1;
    trim = 'k';
    precision = maxFrac;
    minDigits = precision;
    padLeft = maxInt;
    padRight = expSize + 2 + precision;
  } else {
    let t: TrimMode = '.';
    unique = true;
    if (floatmode === 'fixed') {
      t = 'k';
      unique = false;
    }
    let maxInt = 0, maxFrac = 0;
    for (const x of finite) {
      const s = formatPositional(x, w, { precision, fractional: true, unique, trim: t, sign: plus });
      const dot = s.indexOf('.');
      maxInt = Math.max(maxInt, dot);
      maxFrac = Math.max(maxFrac, s.length - dot - 1);
    }
    padLeft = maxInt;
    padRight = maxFrac;
    expSize = -1;
    if (floatmode === 'fixed' || floatmode === 'maxprec_equal') {
      precision = minDigits = padRight;
      trim = 'k';
    } else {
      trim = '.';
      minDigits = 0;
    }
  }

  if (sign === ' ' && !finite.some(signbit)) padLeft += 1;

  if (data.length !== finite.length) {
    const neginf = sign !== '-' || data.some((x) => x === -Infinity);
    const offset = padRight + 1;
    padLeft = Math.max(padLeft, 3 - offset, 3 + (neginf ? 1 : 0) - offset);
  }

  return (v: Value): string => {
    const x = toNum(v);
    if (!Number.isFinite(x)) {
      let ret: string;
      if (Number.isNaN(x)) ret = (plus ? '+' : '') + 'nan';
      else ret = (x < 0 ? '-' : plus ? '+' : '') + 'inf';
      return ' '.repeat(Math.max(0, padLeft + padRight + 1 - ret.length)) + ret;
    }
    if (expFormat) {
      return formatScientific(x, w, {
        precision, minDigits, unique, trim, sign: plus, padLeft, expDigits: expSize,
      });
    }
    return formatPositional(x, w, {
      precision, minDigits, unique, fractional: true, trim, sign: plus, padLeft, padRight,
    });
  };
}

const toBig = (v: Value): bigint =>
  typeof v === 'bigint' ? v : typeof v === 'boolean' ? (v ? 1n : 0n) : BigInt(Math.trunc(toNum(v)));

/**
 * arrayprint.ComplexFloatingFormat: the real parts formatted together, the imaginary parts together
 * with sign '+', and 'j' put before the imaginary part's trailing padding.
 */
function complexFormat(data: readonly Value[], w: FloatWidth, o: Required<PrintOptions>): ElemFormat {
  const re = floatingFormat(data.map(reOf), w, o);
  const im = floatingFormat(data.map(imOf), w, { ...o, sign: '+' });
  return (v: Value): string => {
    const i = im(imOf(v));
    const sp = i.replace(/\s+$/, '').length;
    return re(reOf(v)) + i.slice(0, sp) + 'j' + i.slice(sp);
  };
}

/** arrayprint.IntegerFormat: Python's '{:<sign><width>d}'. */
function integerFormat(data: readonly Value[], o: Required<PrintOptions>): ElemFormat {
  let sign = o.sign;
  let width = 0;
  if (data.length > 0) {
    let max = toBig(data[0]!), min = max;
    for (const v of data) {
      const b = toBig(v);
      if (b > max) max = b;
      if (b < min) min = b;
    }
    let maxLen = max.toString().length;
    if (sign === ' ' && min < 0n) sign = '-';
    if (max >= 0n && (sign === '+' || sign === ' ')) maxLen += 1;
    width = Math.max(maxLen, min.toString().length);
  }
  return (v: Value): string => {
    const b = toBig(v);
    const s = b < 0n ? b.toString() : (sign === '+' ? '+' : sign === ' ' ? ' ' : '') + b.toString();
    return s.padStart(width, ' ');
  };
}

/** arrayprint.BoolFormat: ' True' pads to the width of 'False' except in 0-d arrays. */
function boolFormat(zeroD: boolean): ElemFormat {
  const t = zeroD ? 'True' : ' True';
  return (v: Value): string => (v === true || (v !== false && toNum(v) !== 0) ? t : 'False');
}

function formatFunction(dtype: DType, data: readonly Value[], zeroD: boolean, o: Required<PrintOptions>): ElemFormat {
  if (dtype === 'bool') return boolFormat(zeroD);
  const w = FLOAT_WIDTHS[dtype];
  if (w) return floatingFormat(data.map(toNum), w, o);
  const cw = COMPLEX_WIDTHS[dtype];
  if (cw) return complexFormat(data, cw, o);
  return integerFormat(data, o);
}

// ---- layout --------------------------------------------------------------------------------

function stridesOf(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = s;
    s *= shape[i]!;
  }
  return st;
}

/** arrayprint._leading_trailing: the values kept when summarising, in C order. */
function leadingTrailing(a: PrintSource, edgeitems: number, strides: readonly number[]): Value[] {
  const out: Value[] = [];
  const ndim = a.shape.length;
  const rec = (axis: number, base: number): void => {
    if (axis === ndim) {
      out.push(a.values[base]!);
      return;
    }
    const n = a.shape[axis]!;
    const st = strides[axis]!;
    if (n > 2 * edgeitems) {
      for (let i = 0; i < edgeitems; i++) rec(axis + 1, base + i * st);
      for (let i = n - edgeitems; i < n; i++) rec(axis + 1, base + i * st);
    } else {
      for (let i = 0; i < n; i++) rec(axis + 1, base + i * st);
    }
  };
  rec(0, 0);
  return out;
}

const rstrip = (s: string): string => s.replace(/\s+$/, '');

function extendLine(s: string, line: string, word: string, lineWidth: number, nextLinePrefix: string): [string, string] {
  let needsWrap = line.length + word.length > lineWidth;
  // don't wrap lines if it won't help
  if (line.length <= nextLinePrefix.length) needsWrap = false;
  if (needsWrap) {
    s += rstrip(line) + '\n';
    line = nextLinePrefix;
  }
  line += word;
  return [s, line];
}

/** arrayprint._formatArray (legacy=False). */
function formatArray(
  a: PrintSource, fmt: ElemFormat, lineWidth: number, nextLinePrefix: string, separator: string,
  edgeItems: number, summaryInsert: string,
): string {
  const shape = a.shape;
  const ndim = shape.length;
  const strides = stridesOf(shape);

  const recurser = (axis: number, base: number, hangingIndent: string, currWidth: number): string => {
    const axesLeft = ndim - axis;
    if (axesLeft === 0) return fmt(a.values[base]!);

    const nextHangingIndent = hangingIndent + ' ';
    const nextWidth = currWidth - 1;
    const aLen = shape[axis]!;
    const st = strides[axis]!;
    const showSummary = summaryInsert !== '' && 2 * edgeItems < aLen;
    const leadingItems = showSummary ? edgeItems : 0;
    const trailingItems = showSummary ? edgeItems : aLen;
    const at = (i: number): number => base + (i < 0 ? i + aLen : i) * st;

    let s = '';
    if (axesLeft === 1) {
      const elemWidth = currWidth - Math.max(rstrip(separator).length, 1);
      let line = hangingIndent;
      for (let i = 0; i < leadingItems; i++) {
        const word = recurser(axis + 1, at(i), nextHangingIndent, nextWidth);
        [s, line] = extendLine(s, line, word, elemWidth, hangingIndent);
        line += separator;
      }
      if (showSummary) {
        [s, line] = extendLine(s, line, summaryInsert, elemWidth, hangingIndent);
        line += separator;
      }
      for (let i = trailingItems; i > 1; i--) {
        const word = recurser(axis + 1, at(-i), nextHangingIndent, nextWidth);
        [s, line] = extendLine(s, line, word, elemWidth, hangingIndent);
        line += separator;
      }
      const word = recurser(axis + 1, at(-1), nextHangingIndent, nextWidth);
      [s, line] = extendLine(s, line, word, elemWidth, hangingIndent);
      s += line;
    } else {
      const lineSep = rstrip(separator) + '\n'.repeat(axesLeft - 1);
      for (let i = 0; i < leadingItems; i++) {
        s += hangingIndent + recurser(axis + 1, at(i), nextHangingIndent, nextWidth) + lineSep;
      }
      if (showSummary) s += hangingIndent + summaryInsert + lineSep;
      for (let i = trailingItems; i > 1; i--) {
        s += hangingIndent + recurser(axis + 1, at(-i), nextHangingIndent, nextWidth) + lineSep;
      }
      s += hangingIndent + recurser(axis + 1, at(-1), nextHangingIndent, nextWidth);
    }
    return '[' + s.slice(hangingIndent.length) + ']';
  };

  return recurser(0, 0, nextLinePrefix, lineWidth);
}

function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function checkSource(a: PrintSource): number {
  const size = sizeOf(a.shape);
  if (a.values.length < size) {
    throw new RangeError(`array printing: ${a.values.length} values given for shape (${a.shape.join(', ')})`);
  }
  return size;
}

/** numpy.array2string with the options resolved; `linewidth` already reduced by the suffix. */
function array2string(a: PrintSource, o: Required<PrintOptions>, separator: string, prefix: string, linewidth: number): string {
  const size = checkSource(a);
  if (size === 0) return '[]';
  const strides = stridesOf(a.shape);
  let summaryInsert = '';
  let data: Value[];
  if (size > o.threshold) {
    summaryInsert = '...';
    data = leadingTrailing(a, o.edgeitems, strides);
  } else {
    data = Array.from({ length: size }, (_, i) => a.values[i]!);
  }
  const fmt = formatFunction(a.dtype, data, a.shape.length === 0, o);
  const nextLinePrefix = ' ' + ' '.repeat(prefix.length);
  return formatArray(a, fmt, linewidth, nextLinePrefix, separator, o.edgeitems, summaryInsert);
}

/** Python's repr of a shape tuple. */
function shapeRepr(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** dtypes NumPy leaves out of repr (arrayprint._typelessdata: int_, float64, bool). */
const IMPLIED: ReadonlySet<DType> = new Set<DType>(['int64', 'float64', 'complex128', 'bool']);

/** repr(a): `array([1., 2.], dtype=float32)`. */
export function arrayRepr(a: PrintSource, opts?: PrintOptions): string {
  const o = resolve(opts);
  const prefix = 'array(';
  const lst = array2string(a, o, ', ', prefix, o.linewidth - 1);
  const size = sizeOf(a.shape);
  const extras: string[] = [];
  if ((size === 0 && !(a.shape.length === 1 && a.shape[0] === 0)) || size > o.threshold) {
    extras.push(`shape=${shapeRepr(a.shape)}`);
  }
  if (!IMPLIED.has(a.dtype) || size === 0) extras.push(`dtype=${a.dtype}`);
  if (extras.length === 0) return prefix + lst + ')';
  const arrStr = prefix + lst + ',';
  const extraStr = extras.join(', ') + ')';
  const lastLineLen = arrStr.length - (arrStr.lastIndexOf('\n') + 1);
  const spacer = lastLineLen + extraStr.length + 1 > o.linewidth ? '\n' + ' '.repeat(prefix.length) : ' ';
  return arrStr + spacer + extraStr;
}

/** str(a): `[1. 2.]`; a 0-d array prints as its scalar does. */
export function arrayStr(a: PrintSource, opts?: PrintOptions): string {
  const o = resolve(opts);
  if (a.shape.length === 0) {
    checkSource(a);
    return scalarStr(a.dtype, a.values[0]!);
  }
  return array2string(a, o, ' ', '', o.linewidth);
}

/** Scalar str() switches to scientific from this magnitude (scalartypes.c `max_positional`). */
const MAX_POSITIONAL: Record<FloatWidth, number> = { float16: 1e3, bfloat16: 1e2, float32: 1e6, float64: 1e16 };

/**
 * str() of a NumPy scalar of this dtype (print options do not apply): floats are positional with
 * at least one fractional digit for 1e-4 <= |x| < max_positional (1e3 float16, 1e6 float32,
 * 1e16 float64) or 0, otherwise scientific without a trailing point ('1e-05', '1.5e+20').
 */
export function scalarStr(dtype: DType, v: Value): string {
  if (dtype === 'bool') return v === true || (v !== false && toNum(v) !== 0) ? 'True' : 'False';
  const cw = COMPLEX_WIDTHS[dtype];
  if (cw) return complexScalarStr(reOf(v), imOf(v), cw);
  const w = FLOAT_WIDTHS[dtype];
  if (!w) return toBig(v).toString();
  const x = roundTo(toNum(v), w);
  const ax = Math.abs(x);
  if (ax === 0 || (ax < MAX_POSITIONAL[w] && ax >= 1e-4)) return formatPositional(x, w, { trim: '0' });
  return formatScientific(x, w, { trim: '-' });
}

/** A complex scalar's part as scalartypes.c prints it (trim mode DptZeros: '1', '1.5', '1e-05'). */
function complexPart(x: number, w: FloatWidth, sign: boolean): string {
  if (Number.isNaN(x)) return sign ? '+nan' : 'nan';
  if (!Number.isFinite(x)) return x > 0 ? (sign ? '+inf' : 'inf') : '-inf';
  const ax = Math.abs(x);
  if (ax === 0 || (ax < MAX_POSITIONAL[w] && ax >= 1e-4)) return formatPositional(x, w, { trim: '-', sign });
  return formatScientific(x, w, { trim: '-', sign });
}

/** str() of a complex scalar: '(1+2j)', '1j' when the real part is +0, '(nan+infj)'. */
function complexScalarStr(re: number, im: number, w: FloatWidth): string {
  re = roundTo(re, w);
  im = roundTo(im, w);
  if (re === 0 && !signbit(re)) return `${complexPart(im, w, false)}j`;
  return `(${complexPart(re, w, false)}${complexPart(im, w, true)}j)`;
}
