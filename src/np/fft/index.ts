// np.fft (docs/fft.md): discrete Fourier transforms with KissFFT (native/src/fft.cc).
export { fft, ifft, rfft, irfft, hfft, ihfft, fftn, ifftn, rfftn, irfftn, fft2, ifft2, rfft2, irfft2 } from './transforms.js';
export type { FftNorm, FftOptions, FftnOptions } from './transforms.js';
export { fftfreq, rfftfreq, fftshift, ifftshift } from './helper.js';
export type { FftfreqOptions } from './helper.js';
