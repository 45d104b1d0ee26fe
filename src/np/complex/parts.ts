// The parts of complex arrays: .real / .imag as views (NumPy's ndarray.real/imag), np.real, np.imag,
// np.angle, and predicates on complex-ness.
import { applyElementwise, castArray } from '../../core/apply.js';
import { Complex } from '../../core/complex.js';
import { isComplex, realOf } from '../../core/dtype.js';
import { applyMovement } from '../../core/movement.js';
import { NDArray } from '../../core/ndarray.js';
import { defineOp } from '../../core/op.js';
import { arctan2Op } from '../math/arctan2.js';
import { multiplyOp } from '../math/multiply.js';
import { full, zeros } from '../creation/basic.js';
import { equalOp } from '../math/equal.js';
import { notEqualOp } from '../math/not_equal.js';
import { sort } from '../sorting/sort.js';
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

/** np.iscomplex: element-wise imag(x) != 0 (false everywhere for a real array). */
export function iscomplex(x: NDArray | ArrayInput | Scalar): NDArray {
  const a = x instanceof NDArray ? x : asarray(x as ArrayInput);
  try {
    if (!isComplex(a.dtype)) return zeros(a.shape, { dtype: 'bool', device: a.device });
    const im = imag(a);
    try {
      return applyElementwise(notEqualOp, [im, 0], {});
    } finally {
      im.dispose();
    }
  } finally {
    if (a !== x) a.dispose();
  }
}

/** np.isreal: element-wise imag(x) == 0 (true everywhere for a real array). */
export function isreal(x: NDArray | ArrayInput | Scalar): NDArray {
  const a = x instanceof NDArray ? x : asarray(x as ArrayInput);
  try {
    if (!isComplex(a.dtype)) return full(a.shape, true, { dtype: 'bool', device: a.device });
    const im = imag(a);
    try {
      return applyElementwise(equalOp, [im, 0], {});
    } finally {
      im.dispose();
    }
  } finally {
    if (a !== x) a.dispose();
  }
}

/**
 * np.real_if_close(a, tol=100): the real part (a copy) when every imaginary part is below tol
 * machine epsilons of the part's dtype (tol > 1) or below tol itself (tol <= 1); else a copy of a.
 */
export function real_if_close(x: NDArray | ArrayInput, tol = 100): NDArray {
  const a = x instanceof NDArray ? x : asarray(x);
  try {
    if (!isComplex(a.dtype)) return castArray(a, a.dtype);
    const eps = a.dtype === 'complex64' ? 2 ** -23 : 2 ** -52;
    const limit = tol > 1 ? tol * eps : tol;
    const im = imag(a);
    const ok = (() => {
      const raw = im._readRawSync('real_if_close');
      for (let i = 0; i < raw.length; i++) if (!(Math.abs(raw[i] as number) < limit)) return false;
      return true;
    })();
    im.dispose();
    if (!ok) return castArray(a, a.dtype);
    const re = real(a);
    try {
      return castArray(re, re.dtype);
    } finally {
      re.dispose();
    }
  } finally {
    if (a !== x) a.dispose();
  }
}

/** np.sort_complex: sorted (NumPy's complex order) as complex; small ints give complex64, others complex128. */
export function sort_complex(x: NDArray | ArrayInput): NDArray {
  const a = x instanceof NDArray ? x : asarray(x);
  try {
    const s = sort(a);
    if (isComplex(s.dtype)) return s;
    const to = ['int8', 'uint8', 'int16', 'uint16', 'bool'].includes(s.dtype) ? 'complex64' : 'complex128';
    try {
      return castArray(s, to);
    } finally {
      s.dispose();
    }
  } finally {
    if (a !== x) a.dispose();
  }
}
