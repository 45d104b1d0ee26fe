// np.fft's helpers: sample frequencies (fftfreq, rfftfreq) and the zero-frequency shifts
// (fftshift, ifftshift), as numpy/fft/_helper.py.
import type { Device } from '../../backends/backend.js';
import { castInto } from '../../core/apply.js';
import { type DTypeLike, defaults, toDType } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { normalizeAxis } from '../../core/shape.js';
import { type ArrayInput, array, asarray } from '../creation/array.js';

export interface FftfreqOptions {
  /** Result dtype (NumPy: float64; quark: the default float dtype unless given). */
  dtype?: DTypeLike;
  device?: Device | string;
}

function freqArgs(n: number, d: number, who: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new TypeError(`${who}: n should be an integer, got ${String(n)}`);
  if (n * d === 0) throw new RangeError(`${who}: float division by zero (n * d is 0)`);
  return 1 / (n * d);
}

/** np.fft.fftfreq(n, d=1): [0, 1, …, (n-1)/2, -(n/2), …, -1] / (d·n). */
export function fftfreq(n: number, d = 1, opts: FftfreqOptions = {}): NDArray {
  const val = freqArgs(n, d, 'fftfreq');
  const vals = new Array<number>(n);
  const N = Math.floor((n - 1) / 2) + 1;
  for (let i = 0; i < N; i++) vals[i] = i * val;
  for (let i = N; i < n; i++) vals[i] = (i - n) * val;
  return array(vals, { dtype: opts.dtype === undefined ? defaults.float : toDType(opts.dtype, 'fftfreq'), device: opts.device });
}

/** np.fft.rfftfreq(n, d=1): [0, 1, …, n/2] / (d·n), the frequencies of rfft's output. */
export function rfftfreq(n: number, d = 1, opts: FftfreqOptions = {}): NDArray {
  const val = freqArgs(n, d, 'rfftfreq');
  const N = Math.floor(n / 2) + 1;
  const vals = Array.from({ length: Math.max(N, 0) }, (_, i) => i * val);
  return array(vals, { dtype: opts.dtype === undefined ? defaults.float : toDType(opts.dtype, 'rfftfreq'), device: opts.device });
}

/** out = roll(a, shift, axis) for one axis: two block copies (internal views). */
function rollInto(a: NDArray, out: NDArray, shift: number, axis: number): void {
  const n = a.shape[axis]!;
  const k = n === 0 ? 0 : ((shift % n) + n) % n;
  if (k === 0) {
    castInto(a, out);
    return;
  }
  const part = (x: NDArray, start: number, len: number): NDArray => {
    const shape = [...x.shape];
    shape[axis] = len;
    return x._view(shape, x._strides, x._offset + start * x._strides[axis]!);
  };
  const views = [part(a, 0, n - k), part(out, k, n - k), part(a, n - k, k), part(out, 0, k)];
  try {
    castInto(views[0]!, views[1]!);
    castInto(views[2]!, views[3]!);
  } finally {
    for (const v of views) v.dispose();
  }
}

function shifter(who: string, sign: 1 | -1) {
  return (x: NDArray | ArrayInput, axes?: number | readonly number[] | null): NDArray => {
    const a = x instanceof NDArray ? x : asarray(x);
    a._check(who);
    try {
      const list = axes === undefined || axes === null ? [...Array(a.ndim).keys()] : typeof axes === 'number' ? [axes] : [...axes];
      const ax = list.map((v) => normalizeAxis(v, a.ndim, who));
      let cur = NDArray._empty(a.shape, a.dtype, a.device);
      castInto(a, cur);
      for (const axis of ax) {
        const next = NDArray._empty(a.shape, a.dtype, a.device);
        const n = a.shape[axis]!;
        try {
          rollInto(cur, next, sign > 0 ? Math.floor(n / 2) : -Math.floor(n / 2), axis);
        } catch (e) {
          next.dispose();
          throw e;
        } finally {
          cur.dispose();
        }
        cur = next;
      }
      return cur;
    } finally {
      if (a !== x) a.dispose();
    }
  };
}

/** np.fft.fftshift: moves the zero-frequency term to the centre (roll by n//2 along `axes`, default all). */
export const fftshift = shifter('fftshift', 1);
/** np.fft.ifftshift: the inverse of fftshift (roll by -(n//2)). */
export const ifftshift = shifter('ifftshift', -1);
