// NDArray's complex members: a.real / a.imag (views, as NumPy's), a.conj(), a.conjugate().
import { NDArray } from '../../core/ndarray.js';
import { conjugate } from '../math/conjugate.js';
import { imag, real } from './parts.js';

declare module '../../core/ndarray.js' {
  interface NDArray {
    /** The real parts (a view of a complex array's storage). */
    readonly real: NDArray;
    /** The imaginary parts (a view; zeros for a real array). */
    readonly imag: NDArray;
    conj(): NDArray;
    conjugate(): NDArray;
  }
}

Object.defineProperty(NDArray.prototype, 'real', { get(this: NDArray) { return real(this); }, configurable: true });
Object.defineProperty(NDArray.prototype, 'imag', { get(this: NDArray) { return imag(this); }, configurable: true });
Object.assign(NDArray.prototype, {
  conj(this: NDArray) { return conjugate(this); },
  conjugate(this: NDArray) { return conjugate(this); },
});
