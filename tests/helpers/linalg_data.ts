// Deterministic test matrices for the linalg tests: small integers (exact in every float dtype)
// or well-spread reals, as oracle arguments and as quark arrays.
import type { DType } from '../../src/core/dtype.js';
import type { NDArray } from '../../src/core/ndarray.js';
import { np } from '../../src/index.js';
import type { RawArray } from '../../src/np/io/npy.js';

export interface TestArray {
  raw: RawArray;
  /** A fresh quark array of the same values (dispose it, or make it inside np.scope). */
  make(): NDArray;
}

/** Small integers in [-4, 4] (ints/floats) or reals in (-1, 1) (`real`), stored as float64 then cast. */
export function testArray(shape: readonly number[], dtype: DType = 'float64', seed = 1, real = false): TestArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const vals = Float64Array.from({ length: n }, (_, i) => {
    const x = Math.sin((i + 1) * 12.9898 + seed * 78.233) * 43758.5453;
    const f = x - Math.floor(x);
    return real ? 2 * f - 1 : Math.floor(f * 9) - 4;
  });
  const raw: RawArray = { dtype: 'float64', shape: [...shape], data: vals, fortranOrder: false };
  return {
    raw,
    make: () => {
      const a = np.asarray(vals).reshape([...shape]);
      if (dtype === 'float64') return a;
      const c = a.astype(dtype);
      a.dispose();
      return c;
    },
  };
}

/** The Python expression of a test array bound to `name`, in `dtype`. */
export const pyAs = (name: string, dtype: DType): string => (dtype === 'bool' ? `(${name} != 0)` : `${name}.astype(np.${dtype})`);
