// np.fft against NumPy (pocketfft): every transform over sizes (incl. primes up to 4099, where
// Bluestein's algorithm takes over), axes, n (padding / truncation), s, norms and dtypes; the
// frequency helpers and shifts; and the raises cases (n <= 0, bad axes, bad norm, s/axes mismatch).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { expectMatches, expectSameAsNumpy, toRaw } from './helpers/arrays.js';
import { draw, show } from './helpers/gen.js';
import { NumpyOracle, type OracleRequest } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

/** Deterministic test data: a float64 array of `n` values in [-1, 1). */
function values(n: number, seed = 1): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}
const real = (shape: number[], seed = 1): NDArray => np.reshape(np.array(values(shape.reduce((a, b) => a * b, 1), seed)), shape);
const cplx = (shape: number[], seed = 1): NDArray => np.scope(() => np.add(real(shape, seed), np.multiply(real(shape, seed + 7), np.complex(0, 1))));

/** Relative error against the largest magnitude of NumPy's result (how FFT accuracy is measured). */
function maxRelErr(ours: NDArray, exp: unknown): number {
  const e = exp as { data: Float64Array | Float32Array };
  const o = ours._readRawSync('test') as Float64Array | Float32Array;
  let scale = 0, err = 0;
  for (let i = 0; i < e.data.length; i++) scale = Math.max(scale, Math.abs(e.data[i]!));
  for (let i = 0; i < e.data.length; i++) err = Math.max(err, Math.abs(o[i]! - e.data[i]!));
  return scale === 0 ? err : err / scale;
}

describe('np.fft 1-d transforms: sizes', () => {
  const SIZES = [1, 2, 3, 5, 7, 8, 12, 17, 97, 128, 1000, 1024, 4099];
  it('fft / ifft / rfft / irfft of float64 agree with NumPy to ~1e-12 relative at every size', async () => {
    const reqs: OracleRequest[] = SIZES.flatMap((n): OracleRequest[] => {
      const x = np.scope(() => toRaw(real([n], n)));
      const z = np.scope(() => toRaw(cplx([n], n)));
      return [
        { expr: 'np.fft.fft(x)', args: { x } }, { expr: 'np.fft.ifft(z)', args: { z } },
        { expr: 'np.fft.rfft(x)', args: { x } }, { expr: 'np.fft.irfft(z)', args: { z } },
      ];
    });
    const exp = await oracle.evalMany(reqs);
    SIZES.forEach((n, k) => np.scope(() => {
      const x = real([n], n), z = cplx([n], n);
      const outs = [np.fft.fft(x), np.fft.ifft(z), np.fft.rfft(x), n === 1 ? undefined : np.fft.irfft(z)];
      outs.forEach((o, j) => {
        const e = exp[4 * k + j]!;
        if (!o) return expectSameAsNumpy(`irfft n=${n}`, 'irfft', () => np.fft.irfft(z), e);
        const label = `${['fft', 'ifft', 'rfft', 'irfft'][j]} n=${n}`;
        expect(o.shape, label).toEqual((e as { shape: number[] }).shape);
        expect(o.dtype, label).toBe((e as { dtype: string }).dtype);
        expect(maxRelErr(o, e), label).toBeLessThan(1e-12);
      });
    }));
  });

  it('float32 and complex64 inputs give complex64 (float32 for irfft), close to NumPy', async () => {
    const exp = await oracle.evalMany([
      { expr: 'np.fft.fft(x.astype(np.float32))', args: { x: np.scope(() => toRaw(real([50]))) } },
      { expr: 'np.fft.ifft(z.astype(np.complex64), 64)', args: { z: np.scope(() => toRaw(cplx([50]))) } },
      { expr: 'np.fft.irfft(z.astype(np.complex64))', args: { z: np.scope(() => toRaw(cplx([50]))) } },
      { expr: 'np.fft.fft(np.arange(10, dtype=np.int32))' },
      { expr: 'np.fft.rfft(np.array([True, False, True]))' },
      { expr: 'np.fft.fft(np.arange(6, dtype=np.float16))' },
      { expr: 'np.fft.irfft(np.arange(6, dtype=np.float16))' },
    ]);
    np.scope(() => {
      expectMatches(np.fft.fft(np.astype(real([50]), 'float32')), exp[0]!, { rtol: 1e-5 }, 'fft f32');
      expectMatches(np.fft.ifft(np.astype(cplx([50]), 'complex64'), 64), exp[1]!, { rtol: 1e-5 }, 'ifft c64');
      expectMatches(np.fft.irfft(np.astype(cplx([50]), 'complex64')), exp[2]!, { rtol: 1e-5 }, 'irfft c64');
      expectMatches(np.fft.fft(np.arange(10, { dtype: 'int32' })), exp[3]!, {}, 'fft int32');
      expectMatches(np.fft.rfft(np.array([true, false, true])), exp[4]!, {}, 'rfft bool');
      expectMatches(np.fft.fft(np.arange(6, { dtype: 'float16' })), exp[5]!, { rtol: 1e-5 }, 'fft f16');
      expectMatches(np.fft.irfft(np.arange(6, { dtype: 'float16' })), exp[6]!, { rtol: 1e-3 }, 'irfft f16');
    });
  });

  it('quark\'s default float mode: integer input gives complex64', () => {
    npx.set_np();
    try {
      np.scope(() => { expect(np.fft.fft(np.arange(4, { dtype: 'int32' })).dtype).toBe('complex64'); });
    } finally {
      npx.set_np({ dtype: 'numpy' });
    }
  });
});

describe('np.fft: n, axis, norm, hfft/ihfft', () => {
  const NORMS = [undefined, 'backward', 'ortho', 'forward'] as const;
  const FUNCS = ['fft', 'ifft', 'rfft', 'irfft', 'hfft', 'ihfft'] as const;
  it('every function with n (pad / cut), axis and every norm, on a 3-d array', async () => {
    const cases = FUNCS.flatMap((f) => NORMS.flatMap((norm) => [
      { f, norm, n: undefined, axis: -1 }, { f, norm, n: 3, axis: 0 }, { f, norm, n: 11, axis: 1 }, { f, norm, n: 1, axis: -1 },
    ]));
    const realIn = (f: string): boolean => f === 'rfft' || f === 'ihfft';
    const x = np.scope(() => toRaw(real([4, 5, 6], 3)));
    const z = np.scope(() => toRaw(cplx([4, 5, 6], 3)));
    const exp = await oracle.evalMany(cases.map((c) => ({
      expr: `np.fft.${c.f}(${realIn(c.f) ? 'x' : 'z'}, n=${c.n ?? 'None'}, axis=${c.axis}, norm=${c.norm === undefined ? 'None' : `'${c.norm}'`})`,
      args: { x, z },
    })));
    cases.forEach((c, i) => np.scope(() => {
      const input = realIn(c.f) ? real([4, 5, 6], 3) : cplx([4, 5, 6], 3);
      const label = `${c.f} n=${c.n} axis=${c.axis} norm=${c.norm}`;
      expectSameAsNumpy(label, c.f, () => np.fft[c.f](input, { n: c.n, axis: c.axis, norm: c.norm }), exp[i]!, { match: { rtol: 1e-12 } });
    }));
  });

  it('non-contiguous and reversed inputs', async () => {
    const x = np.scope(() => toRaw(cplx([6, 8], 5)));
    const exp = await oracle.evalMany([
      { expr: 'np.fft.fft(z.T, axis=0)', args: { z: x } },
      { expr: 'np.fft.fft(z[:, ::-2])', args: { z: x } },
    ]);
    np.scope(() => {
      const z = cplx([6, 8], 5);
      expectMatches(np.fft.fft(np.transpose(z), { axis: 0 }), exp[0]!, { rtol: 1e-12 }, 'transposed');
      const rev = z._view([6, 4], [8, -2], 7);
      expectMatches(np.fft.fft(rev), exp[1]!, { rtol: 1e-12 }, 'reversed step 2');
      rev.dispose();
    });
  });
});

describe('np.fft property cases', () => {
  it('random shapes, axes, n, norms and functions (fixed seed) match NumPy', async () => {
    const FUNCS = ['fft', 'ifft', 'rfft', 'irfft', 'hfft', 'ihfft'] as const;
    const arb = fc.tuple(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }), fc.constantFrom(...FUNCS),
      fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), fc.constantFrom(undefined, 'backward', 'ortho', 'forward'),
      fc.nat(), fc.nat(), fc.boolean());
    const cases = draw(arb, 80, 77).map(([shape, f, n, norm, ax, seed, f32]) => ({ shape, f, n, norm, axis: (ax % shape.length) - (ax % 2 ? shape.length : 0), seed, f32 }));
    const realIn = (f: string): boolean => f === 'rfft' || f === 'ihfft';
    const exp = await oracle.evalMany(cases.map((c) => ({
      expr: `np.fft.${c.f}(x.astype(${c.f32 ? (realIn(c.f) ? 'np.float32' : 'np.complex64') : 'x.dtype'}), n=${c.n ?? 'None'}, axis=${c.axis}, norm=${c.norm === undefined ? 'None' : `'${c.norm}'`})`,
      args: { x: np.scope(() => toRaw(realIn(c.f) ? real(c.shape, c.seed) : cplx(c.shape, c.seed))) },
    })));
    cases.forEach((c, i) => {
      const label = `${c.f} shape=${show(c.shape)} n=${c.n} axis=${c.axis} norm=${c.norm} f32=${c.f32}`;
      expectSameAsNumpy(label, c.f, () => {
        const x0 = realIn(c.f) ? real(c.shape, c.seed) : cplx(c.shape, c.seed);
        const x = c.f32 ? np.astype(x0, realIn(c.f) ? 'float32' : 'complex64') : x0;
        return np.fft[c.f](x, { n: c.n, axis: c.axis, norm: c.norm });
      }, exp[i]!, { match: { rtol: c.f32 ? 2e-5 : 1e-12 } });
    });
  });
});

describe('np.fft n-d transforms', () => {
  it('fft2 ifft2 rfft2 irfft2 fftn ifftn rfftn irfftn with s and axes', async () => {
    const cases: [string, string, boolean, () => NDArray][] = [];
    const add = (name: string, args: string, isReal: boolean, f: (a: NDArray) => NDArray): void => {
      cases.push([name, args, isReal, () => f(isReal ? real([3, 4, 6], 9) : cplx([3, 4, 6], 9))]);
    };
    add('fft2', '', false, (a) => np.fft.fft2(a));
    add('ifft2', ', s=(5, 3), norm="ortho"', false, (a) => np.fft.ifft2(a, { s: [5, 3], norm: 'ortho' }));
    add('rfft2', ', axes=(0, 2)', true, (a) => np.fft.rfft2(a, { axes: [0, 2] }));
    add('irfft2', ', s=(4, 7)', false, (a) => np.fft.irfft2(a, { s: [4, 7] }));
    add('fftn', '', false, (a) => np.fft.fftn(a));
    add('fftn', ', axes=(2, 0), norm="forward"', false, (a) => np.fft.fftn(a, { axes: [2, 0], norm: 'forward' }));
    add('ifftn', ', s=(2, 5, 8)', false, (a) => np.fft.ifftn(a, { s: [2, 5, 8] }));
    add('rfftn', '', true, (a) => np.fft.rfftn(a));
    add('rfftn', ', s=(5, 6), axes=(0, 1)', true, (a) => np.fft.rfftn(a, { s: [5, 6], axes: [0, 1] }));
    add('irfftn', '', false, (a) => np.fft.irfftn(a));
    add('irfftn', ', axes=(1,), norm="ortho"', false, (a) => np.fft.irfftn(a, { axes: [1], norm: 'ortho' }));
    const x = np.scope(() => toRaw(real([3, 4, 6], 9)));
    const z = np.scope(() => toRaw(cplx([3, 4, 6], 9)));
    const exp = await oracle.evalMany(cases.map(([name, args, isReal]) => ({ expr: `np.fft.${name}(${isReal ? 'x' : 'z'}${args})`, args: { x, z } })));
    cases.forEach(([name, args, , f], i) => expectSameAsNumpy(`${name}${args}`, name, f, exp[i]!, { match: { rtol: 1e-12 } }));
  });
});

describe('np.fft helpers', () => {
  it('fftfreq, rfftfreq, fftshift, ifftshift', async () => {
    const exp = await oracle.evalMany([
      { expr: 'np.fft.fftfreq(8)' }, { expr: 'np.fft.fftfreq(9, 0.1)' }, { expr: 'np.fft.fftfreq(1)' },
      { expr: 'np.fft.rfftfreq(8, 2.5)' }, { expr: 'np.fft.rfftfreq(7)' },
      { expr: 'np.fft.fftshift(np.arange(10))' }, { expr: 'np.fft.ifftshift(np.arange(9).reshape(3, 3))' },
      { expr: 'np.fft.fftshift(np.arange(12).reshape(3, 4), axes=1)' }, { expr: 'np.fft.ifftshift(np.fft.fftshift(np.arange(7)))' },
      { expr: 'np.fft.fftshift(np.fft.fftfreq(5) + 1j)' },
    ]);
    np.scope(() => {
      expectMatches(np.fft.fftfreq(8), exp[0]!, {}, 'fftfreq 8');
      expectMatches(np.fft.fftfreq(9, 0.1), exp[1]!, {}, 'fftfreq 9');
      expectMatches(np.fft.fftfreq(1), exp[2]!, {}, 'fftfreq 1');
      expectMatches(np.fft.rfftfreq(8, 2.5), exp[3]!, {}, 'rfftfreq 8');
      expectMatches(np.fft.rfftfreq(7), exp[4]!, {}, 'rfftfreq 7');
      expectMatches(np.fft.fftshift(np.arange(10)), exp[5]!, {}, 'fftshift');
      expectMatches(np.fft.ifftshift(np.reshape(np.arange(9), [3, 3])), exp[6]!, {}, 'ifftshift 2d');
      expectMatches(np.fft.fftshift(np.reshape(np.arange(12), [3, 4]), 1), exp[7]!, {}, 'fftshift axes');
      expectMatches(np.fft.ifftshift(np.fft.fftshift(np.arange(7))), exp[8]!, {}, 'round trip');
      expectMatches(np.fft.fftshift(np.add(np.fft.fftfreq(5), np.complex(0, 1))), exp[9]!, {}, 'complex shift');
    });
  });
});

describe('np.fft raises', () => {
  it('n <= 0, empty axis, bad axis, bad norm, s/axes mismatch, rfft of complex', async () => {
    const cases: [string, string, () => unknown][] = [
      ['fft', 'np.fft.fft(np.ones(4), 0)', () => np.fft.fft(np.ones([4]), 0)],
      ['ifft', 'np.fft.ifft(np.ones(4), -2)', () => np.fft.ifft(np.ones([4]), -2)],
      ['fft', 'np.fft.fft(np.ones(0))', () => np.fft.fft(np.ones([0]))],
      ['irfft', 'np.fft.irfft(np.ones(1))', () => np.fft.irfft(np.ones([1]))],
      ['fft', 'np.fft.fft(np.ones(4), norm="x")', () => np.fft.fft(np.ones([4]), { norm: 'x' as never })],
      ['fft', 'np.fft.fft(np.ones((2, 2)), axis=2)', () => np.fft.fft(np.ones([2, 2]), { axis: 2 })],
      ['fftn', 'np.fft.fftn(np.ones((4, 4)), s=(2,), axes=(0, 1))', () => np.fft.fftn(np.ones([4, 4]), { s: [2], axes: [0, 1] })],
      ['fftn', 'np.fft.fftn(np.ones((4, 4)), axes=(0, 3))', () => np.fft.fftn(np.ones([4, 4]), { axes: [0, 3] })],
      ['rfft', 'np.fft.rfft(np.ones(4) + 1j)', () => np.fft.rfft(np.add(np.ones([4]), np.complex(0, 1)))],
      ['fftn', 'np.fft.fftn(np.ones((4, 4)), s=(0, 2))', () => np.fft.fftn(np.ones([4, 4]), { s: [0, 2] })],
    ];
    const exp = await oracle.evalMany(cases.map(([, e]) => ({ expr: e })));
    cases.forEach(([who, e, f], i) => expectSameAsNumpy(e, who, f as () => NDArray, exp[i]!));
  });
});
