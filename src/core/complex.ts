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

/** Python's repr of a float, without a trailing '.0' for integers (as in complex repr: (1+2j)). */
function pyFloat(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return Object.is(v, -0) ? '-0' : String(v);
  const s = String(v);
  return s.replace(/e\+?/, 'e+').replace('e+-', 'e-');
}

export const isComplexValue = (v: unknown): v is Complex => v instanceof Complex;
