// Dragon4 float -> decimal conversion, ported from NumPy's dragon4.c (itself after Steele & White,
// Burger & Dybvig and Ryan Juckett) with BigInt arithmetic. It reproduces NumPy's
// `format_float_positional` / `format_float_scientific` exactly, including the shortest-unique
// digits of each float width (float16 / bfloat16 / float32 / float64), precision cut-offs with
// unbiased rounding, min_digits, trimming and padding.

import { numberToBf16Bits, numberToF16Bits } from '../../core/half.js';

/** The float formats Dragon4 knows; the value is given as a JS number and read at this width. */
export type FloatWidth = 'float16' | 'bfloat16' | 'float32' | 'float64';

/** NumPy's trim modes: 'k' keep, '.' trim zeros keep point, '0' leave one zero, '-' trim zeros and point. */
export type TrimMode = 'k' | '.' | '0' | '-';

interface Decomposed {
  neg: boolean;
  special: 'nan' | 'inf' | null;
  mantissa: bigint;
  exponent: number;
  mantissaBit: number;
  unequalMargins: boolean;
}

const dv = new DataView(new ArrayBuffer(8));

function fromBits(bits: bigint, mBits: number, eBits: number, bias: number): Decomposed {
  const fracMask = (1n << BigInt(mBits)) - 1n;
  const frac = bits & fracMask;
  const e = Number((bits >> BigInt(mBits)) & ((1n << BigInt(eBits)) - 1n));
  const neg = ((bits >> BigInt(mBits + eBits)) & 1n) === 1n;
  const eMax = (1 << eBits) - 1;
  if (e === eMax) {
    return { neg, special: frac === 0n ? 'inf' : 'nan', mantissa: 0n, exponent: 0, mantissaBit: 0, unequalMargins: false };
  }
  if (e !== 0) {
    return {
      neg, special: null, mantissa: (1n << BigInt(mBits)) | frac, exponent: e - bias - mBits,
      mantissaBit: mBits, unequalMargins: e !== 1 && frac === 0n,
    };
  }
  return {
    neg, special: null, mantissa: frac, exponent: 1 - bias - mBits,
    mantissaBit: frac === 0n ? 0 : frac.toString(2).length - 1, unequalMargins: false,
  };
}

function decompose(x: number, w: FloatWidth): Decomposed {
  switch (w) {
    case 'float64':
      dv.setFloat64(0, x);
      return fromBits(dv.getBigUint64(0), 52, 11, 1023);
    case 'float32':
      dv.setFloat32(0, x);
      return fromBits(BigInt(dv.getUint32(0)), 23, 8, 127);
    case 'float16':
      return fromBits(BigInt(numberToF16Bits(x)), 10, 5, 15);
    case 'bfloat16':
      return fromBits(BigInt(numberToBf16Bits(x)), 7, 8, 127);
  }
}

const POW10: bigint[] = [1n];
function pow10(k: number): bigint {
  while (POW10.length <= k) POW10.push(POW10[POW10.length - 1]! * 10n);
  return POW10[k]!;
}

/** NumPy's scratch buffer size; only bounds digit generation where no cut-off is given. */
const BUFFER_SIZE = 16384;
const LOG10_2 = 0.30102999566398119521373889472449;

interface Digits { digits: string; exponent: number }

/**
 * The core digit generator (dragon4.c `Dragon4`). `cutoffMax`/`cutoffMin` are -1 for none; with
 * `fractional` they count digits after the decimal point, otherwise significant digits.
 */
function dragon4(
  d: Decomposed, unique: boolean, fractional: boolean, cutoffMax: number, cutoffMin: number,
  bufferSize: number,
): Digits {
  const mantissa = d.mantissa;
  if (mantissa === 0n) return { digits: '0', exponent: 0 };
  const exponent = d.exponent;
  const isEven = (mantissa & 1n) === 0n;
  const unequal = d.unequalMargins;

  let scale: bigint, value: bigint, marginLow: bigint;
  if (unequal) {
    if (exponent > 0) {
      value = mantissa << BigInt(exponent + 2);
      scale = 4n;
      marginLow = 1n << BigInt(exponent);
    } else {
      value = mantissa << 2n;
      scale = 1n << BigInt(-exponent + 2);
      marginLow = 1n;
    }
  } else if (exponent > 0) {
    value = mantissa << BigInt(exponent + 1);
    scale = 2n;
    marginLow = 1n << BigInt(exponent);
  } else {
    value = mantissa << 1n;
    scale = 1n << BigInt(-exponent + 1);
    marginLow = 1n;
  }
  // the high margin is twice the low one with unequal margins, equal otherwise
  const highOf = (low: bigint): bigint => (unequal ? low * 2n : low);

  let digitExponent = Math.ceil((d.mantissaBit + exponent) * LOG10_2 - 0.69);
  if (cutoffMax >= 0 && fractional && digitExponent <= -cutoffMax) digitExponent = -cutoffMax + 1;

  if (digitExponent > 0) {
    scale *= pow10(digitExponent);
  } else if (digitExponent < 0) {
    const p = pow10(-digitExponent);
    value *= p;
    marginLow *= p;
  }

  if (value >= scale) {
    digitExponent += 1;
  } else {
    value *= 10n;
    marginLow *= 10n;
  }

  let cutoffMaxExponent = digitExponent - bufferSize;
  if (cutoffMax >= 0) {
    const desired = fractional ? -cutoffMax : digitExponent - cutoffMax;
    if (desired > cutoffMaxExponent) cutoffMaxExponent = desired;
  }
  let cutoffMinExponent = digitExponent;
  if (cutoffMin >= 0) {
    const desired = fractional ? -cutoffMin : digitExponent - cutoffMin;
    if (desired < cutoffMinExponent) cutoffMinExponent = desired;
  }
  let outExponent = digitExponent - 1;

  const out: number[] = [];
  let low: boolean, high: boolean;
  let outputDigit: number;
  if (unique) {
    for (;;) {
      digitExponent -= 1;
      outputDigit = Number(value / scale);
      value %= scale;
      const valueHigh = value + highOf(marginLow);
      low = isEven ? value <= marginLow : value < marginLow;
      high = isEven ? valueHigh >= scale : valueHigh > scale;
      if (((low || high) && digitExponent <= cutoffMinExponent) || digitExponent === cutoffMaxExponent) break;
      out.push(outputDigit);
      value *= 10n;
      marginLow *= 10n;
    }
  } else {
    low = false;
    high = false;
    for (;;) {
      digitExponent -= 1;
      outputDigit = Number(value / scale);
      value %= scale;
      if (value === 0n || digitExponent === cutoffMaxExponent) break;
      out.push(outputDigit);
      value *= 10n;
    }
  }

  let roundDown = low;
  if (low === high) {
    const twice = value * 2n;
    roundDown = twice < scale;
    if (twice === scale) roundDown = (outputDigit & 1) === 0;
  }

  if (roundDown) {
    out.push(outputDigit);
  } else if (outputDigit === 9) {
    // carry: find the first non-nine prior digit
    for (;;) {
      if (out.length === 0) {
        out.push(1);
        outExponent += 1;
        break;
      }
      const last = out.pop()!;
      if (last !== 9) {
        out.push(last + 1);
        break;
      }
    }
  } else {
    out.push(outputDigit + 1);
  }
  return { digits: out.join(''), exponent: outExponent };
}

function infNan(d: Decomposed, signbit: string): string {
  if (d.special === 'inf') return (signbit === '+' || signbit === '-' ? signbit : '') + 'inf';
  return 'nan';
}

export interface PositionalOptions {
  /** -1: no cut-off (unique mode only). */
  precision?: number;
  minDigits?: number;
  unique?: boolean;
  fractional?: boolean;
  trim?: TrimMode;
  sign?: boolean;
  padLeft?: number;
  padRight?: number;
}

/** numpy.format_float_positional (same defaults), for a value of float width `w`. */
export function formatPositional(x: number, w: FloatWidth, o: PositionalOptions = {}): string {
  const precision = o.precision ?? -1;
  const minDigits = o.minDigits ?? -1;
  const unique = o.unique ?? true;
  const fractional = o.fractional ?? true;
  const trim = o.trim ?? 'k';
  const digitsLeft = o.padLeft ?? -1;
  const digitsRight = o.padRight ?? -1;
  const d = decompose(x, w);
  const signbit = d.neg ? '-' : o.sign ? '+' : '';
  if (d.special) return infNan(d, signbit);

  const hasSign = signbit ? 1 : 0;
  const { digits, exponent: printExponent } = dragon4(
    d, unique, fractional, precision, minDigits, BUFFER_SIZE - 1 - hasSign);
  let numDigits = digits.length;
  let buf = signbit;
  let numWholeDigits: number;
  let numFractionDigits = 0;
  if (printExponent >= 0) {
    numWholeDigits = printExponent + 1;
    if (numDigits <= numWholeDigits) {
      buf += digits + '0'.repeat(numWholeDigits - numDigits);
      numDigits = numWholeDigits;
    } else {
      numFractionDigits = numDigits - numWholeDigits;
      buf += digits.slice(0, numWholeDigits) + '.' + digits.slice(numWholeDigits);
    }
  } else {
    const numFractionZeros = -(printExponent + 1);
    buf += '0.' + '0'.repeat(numFractionZeros) + digits;
    numFractionDigits = numDigits + numFractionZeros;
    numWholeDigits = 1;
  }

  if (trim !== '-' && numFractionDigits === 0) buf += '.';

  const addDigits = unique ? minDigits : precision;
  let desiredFractionalDigits = addDigits < 0 ? 0 : addDigits;
  if (!fractional) desiredFractionalDigits = addDigits - numWholeDigits;

  if (trim === '0') {
    if (numFractionDigits === 0) {
      buf += '0';
      numFractionDigits++;
    }
  } else if (trim === 'k' && desiredFractionalDigits > numFractionDigits) {
    buf += '0'.repeat(desiredFractionalDigits - numFractionDigits);
    numFractionDigits = desiredFractionalDigits;
  }

  if (trim !== 'k' && numFractionDigits > 0) {
    while (buf.endsWith('0')) {
      buf = buf.slice(0, -1);
      numFractionDigits--;
    }
    if (buf.endsWith('.')) {
      if (trim === '0') {
        buf += '0';
        numFractionDigits++;
      } else if (trim === '-') {
        buf = buf.slice(0, -1);
      }
    }
  }

  if (digitsRight >= numFractionDigits) {
    if (trim === '-' && numFractionDigits === 0) buf += ' ';
    buf += ' '.repeat(digitsRight - numFractionDigits);
  }
  if (digitsLeft > numWholeDigits + hasSign) buf = ' '.repeat(digitsLeft - (numWholeDigits + hasSign)) + buf;
  return buf;
}

export interface ScientificOptions {
  precision?: number;
  minDigits?: number;
  unique?: boolean;
  trim?: TrimMode;
  sign?: boolean;
  padLeft?: number;
  expDigits?: number;
}

/** numpy.format_float_scientific (same defaults), for a value of float width `w`. */
export function formatScientific(x: number, w: FloatWidth, o: ScientificOptions = {}): string {
  const precision = o.precision ?? -1;
  const minDigits = o.minDigits ?? -1;
  const unique = o.unique ?? true;
  const trim = o.trim ?? 'k';
  const digitsLeft = o.padLeft ?? -1;
  let expDigits = o.expDigits ?? -1;
  const d = decompose(x, w);
  const signbit = d.neg ? '-' : o.sign ? '+' : '';
  if (d.special) return infNan(d, signbit);

  let buf = '';
  const leftChars = 1 + (signbit ? 1 : 0);
  if (digitsLeft > leftChars) buf += ' '.repeat(digitsLeft - leftChars);
  buf += signbit;

  const { digits, exponent } = dragon4(
    d, unique, false, precision < 0 ? -1 : precision + 1, minDigits < 0 ? -1 : minDigits + 1,
    BUFFER_SIZE - buf.length);
  let printExponent = exponent;
  buf += digits[0]!;
  let numFractionDigits = digits.length - 1;
  if (numFractionDigits > 0) buf += '.' + digits.slice(1);
  if (trim !== '-' && numFractionDigits === 0) buf += '.';

  let addDigits = unique ? minDigits : precision;
  addDigits = addDigits < 0 ? 0 : addDigits;
  if (trim === '0') {
    if (numFractionDigits === 0) {
      buf += '0';
      numFractionDigits++;
    }
  } else if (trim === 'k') {
    if (addDigits > numFractionDigits) {
      buf += '0'.repeat(addDigits - numFractionDigits);
      numFractionDigits = addDigits;
    }
  }

  if (trim !== 'k' && numFractionDigits > 0) {
    while (buf.endsWith('0')) {
      buf = buf.slice(0, -1);
      numFractionDigits--;
    }
    if (trim === '0' && buf.endsWith('.')) {
      buf += '0';
      numFractionDigits++;
    }
  }

  if (expDigits > 5) expDigits = 5;
  if (expDigits < 0) expDigits = 2;
  let expSign = '+';
  if (printExponent < 0) {
    expSign = '-';
    printExponent = -printExponent;
  }
  buf += 'e' + expSign + String(printExponent).padStart(expDigits, '0');
  return buf;
}
