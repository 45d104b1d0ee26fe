// np.fft's transforms (NumPy 2's numpy/fft/_pocketfft.py semantics) over the one-axis fftOp:
// fft ifft rfft irfft hfft ihfft and the 2-d / n-d forms.
import { castArray } from '../../core/apply.js';
import { type DType, complexOf, defaults, isComplex, isFloat, realOf } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { applyOpaque } from '../../core/opaque.js';
import { normalizeAxis } from '../../core/shape.js';
import { type ArrayInput, asarray } from '../creation/array.js';
import { conjugate } from '../math/conjugate.js';
import { type FftAttrs, type FftKind, fftOp } from './op.js';

export type FftNorm = 'backward' | 'ortho' | 'forward';

export interface FftOptions {
  /** Transform length along `axis`: the input is cut or zero-padded to it (default: its length). */
  n?: number | null;
  axis?: number;
  norm?: FftNorm | null;
}

export interface FftnOptions {
  /** Transform lengths along `axes` (default: the input's lengths there). */
  s?: readonly number[] | null;
  /** Axes to transform (default: all, or the last len(s) when `s` is given; fft2: the last two). */
  axes?: readonly number[] | null;
  norm?: FftNorm | null;
}

type Input = NDArray | ArrayInput;

function normOf(norm: FftNorm | null | undefined, who: string): FftNorm {
  if (norm === undefined || norm === null) return 'backward';
  if (norm !== 'backward' && norm !== 'ortho' && norm !== 'forward') {
    throw new RangeError(`${who}: Invalid norm value ${String(norm)}; should be "backward","ortho" or "forward".`);
  }
  return norm;
}

/** hfft/ihfft run the opposite direction's normalisation. */
const swapNorm = (n: FftNorm): FftNorm => (n === 'backward' ? 'forward' : n === 'forward' ? 'backward' : 'ortho');

function scaleOf(norm: FftNorm, n: number, inverse: boolean): number {
  if (norm === 'ortho') return 1 / Math.sqrt(n);
  return (norm === 'forward') !== inverse ? 1 / n : 1;
}

function checkN(n: number, who: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new TypeError(`${who}: n must be an integer, got ${String(n)}`);
  if (n < 1) throw new RangeError(`${who}: Invalid number of FFT data points (${n}) specified.`);
  return n;
}

/**
 * The complex dtype a transform computes in: complex stays, float16/bfloat16/float32 give complex64,
 * float64 complex128, integers and bool the default complex (complex128 in numpy mode; complex64 by
 * default, quark's default-float rule).
 */
export function complexFor(d: DType): DType {
  if (isComplex(d)) return d;
  if (isFloat(d)) return d === 'float64' ? 'complex128' : 'complex64';
  return complexOf(defaults.float);
}

/** The real dtype of rfft's input: float32 or float64 (float16/bfloat16 compute in float32). */
function realFor(d: DType): DType {
  return realOf(complexFor(d));
}

function toArray(a: Input, who: string): [NDArray, boolean] {
  if (a instanceof NDArray) {
    a._check(who);
    return [a, false];
  }
  return [asarray(a), true];
}

/** One transform along one axis; `a` is not disposed. */
function transform1(a: NDArray, kind: FftKind, n: number | null | undefined, axis: number, norm: FftNorm, inverse: boolean, who: string): NDArray {
  if (a.ndim === 0) throw new RangeError(`${who}: axis ${axis} is out of bounds for array of dimension 0`);
  const ax = normalizeAxis(axis, a.ndim, who);
  const m = a.shape[ax]!;
  const len = checkN(n ?? (kind === 2 ? 2 * (m - 1) : m), who);
  let inDtype: DType, outDtype: DType;
  if (kind === 1) {
    if (isComplex(a.dtype)) throw new TypeError(`${who}: the input must be real, got ${a.dtype} (NumPy's rfft has no complex loop)`);
    inDtype = realFor(a.dtype);
    outDtype = complexOf(inDtype);
  } else {
    inDtype = complexFor(a.dtype);
    outDtype = kind === 2 ? realOf(inDtype) : inDtype;
  }
  const src = a.dtype === inDtype ? a : castArray(a, inDtype);
  try {
    const attrs: FftAttrs = { kind, n: len, inverse, scale: scaleOf(norm, len, inverse), axis: ax, dtype: outDtype };
    const r = applyOpaque(fftOp, [src], attrs)[0]!;
    // NumPy 2: a half-precision input's real output (irfft, hfft) is half precision again
    if (kind !== 2 || (a.dtype !== 'float16' && a.dtype !== 'bfloat16')) return r;
    try {
      return castArray(r, a.dtype);
    } finally {
      r.dispose();
    }
  } finally {
    if (src !== a) src.dispose();
  }
}

function optionsOf(nOrOptions: number | FftOptions | null | undefined): FftOptions {
  if (nOrOptions === undefined || nOrOptions === null) return {};
  return typeof nOrOptions === 'number' ? { n: nOrOptions } : nOrOptions;
}

function oneAxis(kind: FftKind, inverse: boolean, who: string) {
  return (a: Input, nOrOptions?: number | FftOptions | null): NDArray => {
    const o = optionsOf(nOrOptions);
    const norm = normOf(o.norm, who);
    const [x, own] = toArray(a, who);
    try {
      return transform1(x, kind, o.n, o.axis ?? -1, norm, inverse, who);
    } finally {
      if (own) x.dispose();
    }
  };
}

/** np.fft.fft: the 1-d discrete Fourier transform along `axis` (default -1). */
export const fft = oneAxis(0, false, 'fft');
/** np.fft.ifft: the inverse of fft (scaled by 1/n with norm 'backward'). */
export const ifft = oneAxis(0, true, 'ifft');
/** np.fft.rfft: the non-negative frequency terms (n/2+1) of a real input's fft. */
export const rfft = oneAxis(1, false, 'rfft');
/** np.fft.irfft: the inverse of rfft; real output of length n (default 2*(m-1)). */
export const irfft = oneAxis(2, true, 'irfft');

/** np.fft.hfft: the fft of a Hermitian-symmetric signal given by its first half (real output). */
export function hfft(a: Input, nOrOptions?: number | FftOptions | null): NDArray {
  const who = 'hfft';
  const o = optionsOf(nOrOptions);
  const norm = normOf(o.norm, who);
  const [x, own] = toArray(a, who);
  const c = conjugate(x);
  try {
    return transform1(c, 2, o.n, o.axis ?? -1, swapNorm(norm), true, who);
  } finally {
    c.dispose();
    if (own) x.dispose();
  }
}

/** np.fft.ihfft: the inverse of hfft (a real input's n/2+1 terms, conjugated). */
export function ihfft(a: Input, nOrOptions?: number | FftOptions | null): NDArray {
  const who = 'ihfft';
  const o = optionsOf(nOrOptions);
  const norm = normOf(o.norm, who);
  const [x, own] = toArray(a, who);
  let r: NDArray | undefined;
  try {
    r = transform1(x, 1, o.n, o.axis ?? -1, swapNorm(norm), false, who);
    return conjugate(r);
  } finally {
    r?.dispose();
    if (own) x.dispose();
  }
}

// ---- n-d ------------------------------------------------------------------------------------

/** NumPy's _cook_nd_args: the lengths and axes of an n-d transform. */
function cook(a: NDArray, o: FftnOptions, who: string, invreal: boolean, defaultAxes?: readonly number[]): { s: number[]; axes: number[] } {
  let axes: number[];
  const s0 = o.s ?? null;
  if (o.axes !== undefined && o.axes !== null) axes = [...o.axes];
  else if (s0 !== null) axes = s0.map((_, i) => i - s0.length);
  else axes = defaultAxes ? [...defaultAxes] : [...Array(a.ndim).keys()];
  axes = axes.map((ax) => normalizeAxis(ax, a.ndim, who));
  let s: number[];
  if (s0 !== null) {
    if (s0.length !== axes.length) throw new RangeError(`${who}: Shape and axes have different lengths.`);
    s = s0.map((v) => checkN(v, who));
  } else {
    s = axes.map((ax) => a.shape[ax]!);
    if (invreal && s.length > 0) s[s.length - 1] = (s[s.length - 1]! - 1) * 2;
  }
  return { s, axes };
}

function nd(kind: 'c2c' | 'r2c' | 'c2r', inverse: boolean, who: string, defaultAxes?: readonly number[]) {
  return (a: Input, o: FftnOptions = {}): NDArray => {
    const norm = normOf(o.norm, who);
    const [x, own] = toArray(a, who);
    const temps: NDArray[] = own ? [x] : [];
    try {
      const { s, axes } = cook(x, o, who, kind === 'c2r', defaultAxes);
      let cur = x;
      const step = (k: FftKind, i: number): void => {
        const r = transform1(cur, k, s[i], axes[i]!, norm, inverse, who);
        if (cur !== x) temps.push(cur);
        cur = r;
      };
      if (axes.length === 0) return castArray(x, kind === 'r2c' ? complexOf(realFor(x.dtype)) : complexFor(x.dtype));
      const last = axes.length - 1;
      if (kind === 'r2c') {
        step(1, last);
        for (let i = last - 1; i >= 0; i--) step(0, i);
      } else if (kind === 'c2r') {
        for (let i = 0; i < last; i++) step(0, i);
        step(2, last);
      } else {
        for (let i = last; i >= 0; i--) step(0, i);
      }
      return cur;
    } finally {
      for (const t of temps) t.dispose();
    }
  };
}

/** np.fft.fftn: the n-d fft over `axes` (default all). */
export const fftn = nd('c2c', false, 'fftn');
export const ifftn = nd('c2c', true, 'ifftn');
export const rfftn = nd('r2c', false, 'rfftn');
export const irfftn = nd('c2r', true, 'irfftn');
/** np.fft.fft2 and friends: the n-d forms with axes (-2, -1) by default. */
export const fft2 = nd('c2c', false, 'fft2', [-2, -1]);
export const ifft2 = nd('c2c', true, 'ifft2', [-2, -1]);
export const rfft2 = nd('r2c', false, 'rfft2', [-2, -1]);
export const irfft2 = nd('c2r', true, 'irfft2', [-2, -1]);
