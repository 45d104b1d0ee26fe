// The JS value of one complex element: what tolist()/item() give for complex64/complex128 arrays and
// what np.array/np.full/ops accept as a complex scalar (a weak complex scalar under NEP 50, as
// Python's complex is). Immutable; `re`/`im` are doubles.

export class Complex {
  constructor(readonly re: number, readonly im: number = 0) {}
  /** Python's repr of a complex number: (1+2j), 1j, (nan+infj). */
  toString(): string {
    const f = (v: number): string => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : pyFloat(v));
    const im = f(this.im);
    if (this.re === 0 && !Object.is(this.re, -0)) return `${im}j`;
    const sign = this.im < 0 || Object.is(this.im, -0) || im.startsWith('-') ? '' : '+';
    return `(${f(this.re)}${sign}${im}j)`;
  }
  equals(o: Complex): boolean { return this.re === o.re && this.im === o.im; }
}

/**
 * Python's repr of a finite float (shortest digits; scientific below 1e-4 and from 1e16), without
 * the '.0' of integral values, as complex's repr writes its parts: (1+2j), (1e+20-1e-05j).
 */
function pyFloat(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mant, expStr] = v.toExponential().split('e') as [string, string];
  const e = Number(expStr);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const sign = neg ? '-' : '';
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const int = digits.slice(0, e + 1).padEnd(e + 1, '0');
  const frac = digits.slice(e + 1);
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}

export const isComplexValue = (v: unknown): v is Complex => v instanceof Complex;
