// The parts of complex arrays: .real / .imag as views (NumPy's ndarray.real/imag), np.real, np.imag,
// np.angle, and predicates on complex-ness.
import { applyElementwise } from '../../core/apply.js';
import { Complex } from '../../core/complex.js';
import { isComplex, realOf } from '../../core/dtype.js';
import { applyMovement } from '../../core/movement.js';
import { NDArray } from '../../core/ndarray.js';
import { defineOp } from '../../core/op.js';
import { arctan2Op } from '../math/arctan2.js';
import { multiplyOp } from '../math/multiply.js';
import { zeros } from '../creation/basic.js';
import { asarray } from '../creation/array.js';
import type { ArrayInput } from '../creation/array.js';
import type { Scalar } from '../../core/ndarray.js';

/**
 * A complex array's real (part 0) or imaginary (part 1) part as a float view of the same storage:
 * strides double and the offset moves by the part (a complex element is two floats). A real
 * array's "real part" is a view of itself.
 */
export const complexPartOp = defineOp<{ part: 0 | 1 }>({
  name: 'complex_part',
  kind: 'movement',
  nin: 1,
  attrs: { part: 0 },
  view: (x, { part }) => {
    if (!isComplex(x.dtype)) return { ...x };
    return { shape: x.shape, strides: x.strides.map((s) => 2 * s), offset: 2 * x.offset + part, dtype: realOf(x.dtype) };
  },
});

/** np.real / ndarray.real: a view of the real parts (writing to it writes the complex array). */
export function real(a: NDArray): NDArray {
  a._check('real');
  return applyMovement(complexPartOp, a, { part: 0 });
}

/** np.imag / ndarray.imag: a view of the imaginary parts; for a real array, a new array of zeros (NumPy: read-only zeros). */
export function imag(a: NDArray): NDArray {
  a._check('imag');
  if (!isComplex(a.dtype)) return zeros(a.shape, { dtype: a.dtype, device: a.device });
  return applyMovement(complexPartOp, a, { part: 1 });
}

/** np.angle(z, deg=false): arctan2(imag, real), in degrees with `deg`. */
export function angle(z: NDArray | ArrayInput | Scalar, deg: boolean | { deg?: boolean } = false): NDArray {
  const d = typeof deg === 'boolean' ? deg : deg.deg ?? false;
  const a = z instanceof NDArray ? z : asarray(z as ArrayInput);
  const temps: NDArray[] = a === z ? [] : [a];
  try {
    let r: NDArray;
    if (isComplex(a.dtype)) {
      const re = real(a), im = imag(a);
      temps.push(re, im);
      r = applyElementwise(arctan2Op, [im, re], {});
    } else {
      r = applyElementwise(arctan2Op, [0, a], {});
    }
    if (!d) return r;
    temps.push(r);
    return applyElementwise(multiplyOp, [r, 180 / Math.PI], {});
  } finally {
    for (const t of temps) t.dispose();
  }
}

/** np.iscomplexobj: whether the dtype is complex. */
export function iscomplexobj(x: NDArray | Scalar): boolean {
  return x instanceof NDArray ? isComplex(x.dtype) : x instanceof Complex;
}

/** np.isrealobj: not iscomplexobj. */
export function isrealobj(x: NDArray | Scalar): boolean {
  return !iscomplexobj(x);
}

/** A complex scalar for np.array / ops / np.full (Python's complex(re, im)). */
export function complex(re: number, im = 0): Complex {
  return new Complex(re, im);
}
