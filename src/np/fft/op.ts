// The one-axis FFT as an opaque op (native/src/fft.cc, KissFFT): complex→complex, real→complex
// (the n/2+1 non-negative frequencies) and Hermitian complex→real, each scaled by `scale`.
import type { DType } from '../../core/dtype.js';
import { defineOp, type TensorMeta } from '../../core/op.js';

/** 0: c2c, 1: r2c, 2: c2r (native/src/fft.cc Kind). */
export type FftKind = 0 | 1 | 2;

export interface FftAttrs {
  kind: FftKind;
  /** The transform length (output length along `axis` for c2c and c2r). */
  n: number;
  inverse: boolean;
  scale: number;
  axis: number;
  /** The output dtype (complex, or real for c2r). */
  dtype: DType;
}

function infer([x]: readonly TensorMeta[], a: FftAttrs): TensorMeta[] {
  const shape = [...x!.shape];
  shape[a.axis] = a.kind === 1 ? Math.floor(a.n / 2) + 1 : a.n;
  return [{ shape, dtype: a.dtype }];
}

export const fftOp = defineOp<FftAttrs>({
  name: 'fft',
  kind: 'opaque',
  nin: 1,
  attrs: { kind: 0, n: 1, inverse: false, scale: 1, axis: 0, dtype: 'complex128' },
  infer,
  acceptsComplex: true,
});
