// complex64 / complex128 as dtypes against NumPy: promotion (NEP 50, weak scalars), can_cast,
// creation from JS values (Complex objects), tolist/item, printing (repr/str), casts to and from
// real dtypes, .npy bytes, .real/.imag views, np.real/imag/conj/angle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fillScalar } from '../src/core/apply.js';
import { Complex } from '../src/core/complex.js';
import { DTYPES, type DType, canCast, resultType } from '../src/core/dtype.js';
import { np, npx } from '../src/index.js';
import { expectMatches, expectSameAsNumpy, toRaw } from './helpers/arrays.js';
import { NumpyOracle, isOracleError, pyFloat } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

const NP_DTYPES = DTYPES.filter((d) => d !== 'bfloat16');
const C = (re: number, im = 0): Complex => np.complex(re, im);

describe('complex dtypes: promotion and casting rules', () => {
  it('promote_types of every pair with a complex dtype is NumPy\'s', async () => {
    const pairs = NP_DTYPES.flatMap((a) => NP_DTYPES.map((b) => [a, b] as const)).filter(([a, b]) => a.startsWith('complex') || b.startsWith('complex'));
    const exp = await oracle.evalMany(pairs.map(([a, b]) => ({ expr: `np.promote_types('${a}', '${b}').name` })));
    pairs.forEach(([a, b], i) => expect(np.promote_types(a, b), `${a} ${b}`).toBe(exp[i]));
  });

  it('weak JS scalars (NEP 50): a float keeps complex64, a complex keeps float32\'s precision', async () => {
    const cases: [DType[], ('int' | 'float' | 'complex')[], string][] = [
      [['complex64'], ['float'], 'np.result_type(np.complex64, 1.5)'],
      [['complex64'], ['int'], 'np.result_type(np.complex64, 1)'],
      [['float32'], ['complex'], 'np.result_type(np.float32, 1j)'],
      [['float16'], ['complex'], 'np.result_type(np.float16, 1j)'],
      [['float64'], ['complex'], 'np.result_type(np.float64, 1j)'],
      [['int32'], ['complex'], 'np.result_type(np.int32, 1j)'],
      [['bool'], ['complex'], 'np.result_type(np.bool_, 1j)'],
      [['uint8'], ['complex'], 'np.result_type(np.uint8, 1j)'],
      [[], ['complex'], 'np.result_type(1j)'],
      [[], ['complex', 'float'], 'np.result_type(1j, 1.0)'],
      [['complex128'], ['complex'], 'np.result_type(np.complex128, 1j)'],
    ];
    const exp = await oracle.evalMany(cases.map(([, , e]) => ({ expr: `${e}.name` })));
    cases.forEach(([s, w, e], i) => expect(resultType(s, w), e).toBe(exp[i]));
  });

  it('can_cast under every casting rule (complex to real only with unsafe)', async () => {
    const pairs = NP_DTYPES.flatMap((a) => NP_DTYPES.map((b) => [a, b] as const)).filter(([a, b]) => a.startsWith('complex') || b.startsWith('complex'));
    const rules = ['no', 'equiv', 'safe', 'same_kind', 'unsafe'] as const;
    const cases = pairs.flatMap(([a, b]) => rules.map((r) => [a, b, r] as const));
    const exp = await oracle.evalMany(cases.map(([a, b, r]) => ({ expr: `bool(np.can_cast('${a}', '${b}', '${r}'))` })));
    cases.forEach(([a, b, r], i) => expect(canCast(a, b, r), `${a} -> ${b} ${r}`).toBe(exp[i]));
  });

  it('dtype names and aliases', () => np.scope(() => {
    expect(np.array([1], { dtype: 'complex' }).dtype).toBe('complex128');
    expect(np.array([1], { dtype: 'csingle' }).dtype).toBe('complex64');
    expect(np.array([1], { dtype: 'c16' as never }).dtype).toBe('complex128');
  }));
});

describe('complex creation and readback', () => {
  it('np.array of JS values: Complex objects make complex128 (NumPy mode), mixed with numbers and bools', async () => {
    const exp = await oracle.eval('np.array([1+2j, 3, True, -0.5-1j])');
    np.scope(() => expectMatches(np.array([C(1, 2), 3, true, C(-0.5, -1)]), exp, {}, 'array'));
    const exp2 = await oracle.eval('np.array([[1, 2], [3, 4]], dtype=np.complex64)');
    np.scope(() => expectMatches(np.array([[1, 2], [3, 4]], { dtype: 'complex64' }), exp2, {}, 'array dtype'));
  });

  it('the default float dtype picks complex64 for JS complex values (quark\'s default-float rule)', () => {
    npx.set_np();
    try {
      np.scope(() => { expect(np.array([C(1, 1)]).dtype).toBe('complex64'); });
    } finally {
      npx.set_np({ dtype: 'numpy' });
    }
  });

  it('tolist and item give Complex values; complex into a real dtype raises as in NumPy', async () => {
    np.scope(() => {
      const a = np.array([C(1, 2), C(Infinity, NaN)], { dtype: 'complex64' });
      const l = a.tolist() as Complex[];
      expect(l[0]).toBeInstanceOf(Complex);
      expect([l[0]!.re, l[0]!.im]).toEqual([1, 2]);
      expect(l[1]!.re).toBe(Infinity);
      expect(Number.isNaN(l[1]!.im)).toBe(true);
      const it1 = a.item(1) as Complex;
      expect(it1.re).toBe(Infinity);
    });
    const exp = await oracle.eval('np.array([1+2j], dtype=np.float64)');
    expect(isOracleError(exp)).toBe(true);
    expect(() => np.array([C(1, 2)], { dtype: 'float64' })).toThrow(TypeError);
  });

  it('np.full and np.zeros with complex dtypes and values', async () => {
    const exp = await oracle.evalMany([{ expr: 'np.full((2, 3), 1-2j)' }, { expr: 'np.zeros(3, np.complex64)' }, { expr: 'np.full(2, 3, dtype=np.complex64)' }]);
    np.scope(() => {
      expectMatches(np.full([2, 3], C(1, -2)), exp[0]!, {}, 'full');
      expectMatches(np.zeros([3], { dtype: 'complex64' }), exp[1]!, {}, 'zeros');
      expectMatches(np.full([2], 3, { dtype: 'complex64' }), exp[2]!, {}, 'full int');
    });
  });
});

const PRINT_CASES: [string, () => unknown][] = [
  ['np.array([1+2j, 0-1j])', () => np.array([C(1, 2), C(0, -1)])],
  ['np.array([1+2j, 3-4j], dtype=np.complex64)', () => np.array([C(1, 2), C(3, -4)], { dtype: 'complex64' })],
  ['np.array([1e-10+1j, complex(np.nan, np.inf), complex(-np.inf, -0.0)])', () => np.array([C(1e-10, 1), C(NaN, Infinity), C(-Infinity, -0)])],
  ['np.array([[0.5+0.25j, 100+1j], [3.14159-2.5j, 0j]])', () => np.array([[C(0.5, 0.25), C(100, 1)], [C(3.14159, -2.5), C(0, 0)]])],
  ['np.array(1+2j)', () => np.array(C(1, 2))],
  ['np.array(1j, dtype=np.complex64)', () => np.array(C(0, 1), { dtype: 'complex64' })],
  ['np.array([1e20+1j, 1-1e-20j])', () => np.array([C(1e20, 1), C(1, -1e-20)])],
  ['np.arange(20).astype(np.complex128) * (1+1j)', () => np.multiply(np.arange(20, { dtype: 'complex128' }), C(1, 1))],
  ['np.zeros((0, 2), np.complex64)', () => np.zeros([0, 2], { dtype: 'complex64' })],
  ['np.array(complex(-0.0, 2.5))', () => np.array(C(-0, 2.5))],
  ['np.array(complex(1.5, np.nan), dtype=np.complex64)', () => np.array(C(1.5, NaN), { dtype: 'complex64' })],
  ['np.arange(2000).astype(np.complex128) * (0.5-1j)', () => np.multiply(np.arange(2000, { dtype: 'complex128' }), C(0.5, -1))],
  ['(np.arange(24).astype(np.complex64) / 7 * (1+3j)).reshape(2, 3, 4)', () => np.reshape(np.multiply(np.true_divide(np.arange(24, { dtype: 'complex64' }), 7), C(1, 3)), [2, 3, 4])],
  ['np.array([1e-5+1j, 123456.789-0.001j])', () => np.array([C(1e-5, 1), C(123456.789, -0.001)])],
];

describe('complex printing', () => {
  it('repr and str are NumPy\'s', async () => {
    const exp = await oracle.evalMany(PRINT_CASES.flatMap(([e]) => [{ expr: `repr(${e})` }, { expr: `str(${e})` }]));
    PRINT_CASES.forEach(([e, f], i) => np.scope(() => {
      const a = f() as InstanceType<typeof np.NDArray>;
      expect(np.array_repr(a), `repr ${e}`).toBe(exp[2 * i]);
      expect(np.array_str(a), `str ${e}`).toBe(exp[2 * i + 1]);
    }));
  });

  it('Complex.toString is Python\'s repr of a complex', async () => {
    const vals: [number, number][] = [[1, 2], [0, 1], [-0, 1], [1.5, -0.5], [NaN, Infinity], [0, 0], [1e20, -1e-5]];
    const exp = await oracle.evalMany(vals.map(([r, i]) => ({ expr: `repr(complex(float(r), float(i)))`, args: { r: pyFloat(r), i: pyFloat(i) } })));
    vals.forEach(([r, i], k) => expect(C(r, i).toString(), `${r} ${i}`).toBe(exp[k]));
  });
});

describe('complex casts', () => {
  const vals = [C(1.5, -2), C(-3.7, 0.5), C(NaN, 1), C(Infinity, -Infinity), C(0, -0), C(300.2, 7)];
  const targets: DType[] = ['bool', 'int8', 'uint8', 'int32', 'int64', 'float16', 'float32', 'float64', 'complex64', 'complex128'];
  it('complex → every dtype with casting unsafe (NumPy drops the imaginary part)', async () => {
    const exp = await oracle.evalMany(targets.flatMap((t) => ['complex64', 'complex128'].map((s) => ({
      expr: `np.array([1.5-2j, -3.7+0.5j, complex(np.nan, 1), complex(np.inf, -np.inf), complex(0, -0.0), 300.2+7j], dtype='${s}').astype('${t}')`,
    }))));
    let k = 0;
    for (const t of targets) {
      for (const s of ['complex64', 'complex128'] as const) {
        // (float → int of NaN/inf/out of range is platform-defined; NumPy gives x86's values, as quark does)
        np.scope(() => expectMatches(np.astype(np.array(vals, { dtype: s }), t), exp[k]!, {}, `${s} -> ${t}`));
        k++;
      }
    }
  });

  it('real → complex, and the casting rules of astype and ufunc out=', async () => {
    const exp = await oracle.evalMany([
      { expr: "np.array([1, -2, 300], dtype=np.int16).astype(np.complex64)" },
      { expr: "np.array([0.1, np.nan, -np.inf]).astype(np.complex64)" },
      { expr: "np.array([1+1j]).astype(np.float64, casting='same_kind')" },
      { expr: "np.add(np.array([1+1j]), 1, out=np.zeros(1))" },
    ]);
    np.scope(() => {
      expectMatches(np.astype(np.array([1, -2, 300], { dtype: 'int16' }), 'complex64'), exp[0]!, {}, 'int16');
      expectMatches(np.astype(np.array([0.1, NaN, -Infinity]), 'complex64'), exp[1]!, {}, 'float64');
    });
    expect(isOracleError(exp[2])).toBe(true);
    expect(isOracleError(exp[3])).toBe(true);
    expect(() => np.scope(() => np.add(np.array([C(1, 1)]), 1, { out: np.zeros([1]) }))).toThrow(/Cannot cast ufunc 'add' output from dtype\('complex128'\) to dtype\('float64'\)/);
  });
});

describe('complex .npy I/O', () => {
  it('reads NumPy\'s <c8 / <c16 bytes and writes bytes NumPy reads back equal', async () => {
    for (const d of ['complex64', 'complex128'] as const) {
      const bytes = await oracle.eval(`b = io.BytesIO()\nnp.save(b, np.array([[1+2j, -0.5j], [np.nan, complex(np.inf, -1)]], dtype='${d}'))\nresult = b.getvalue()`);
      const src = await oracle.eval(`np.array([[1+2j, -0.5j], [np.nan, complex(np.inf, -1)]], dtype='${d}')`);
      np.scope(() => {
        const a = np.load(bytes as Uint8Array) as InstanceType<typeof np.NDArray>;
        expectMatches(a, src, {}, `load ${d}`);
        const ours = np.saveBytes(a);
        expect(Buffer.from(ours).equals(Buffer.from(bytes as Uint8Array)), `save ${d} is byte-identical`).toBe(true);
      });
    }
  });
});

describe('complex parts: .real, .imag, np.real/imag/conj/angle', () => {
  it('.real and .imag are views: reading matches NumPy, writing writes the complex array', async () => {
    const exp = await oracle.eval('a = np.array([[1+2j, 3-4j, 5j], [-1, 2+0.5j, np.nan]])\nr = [a.real.copy(), a.imag.copy()]\nb = a.T\nb.imag[...] = 7\nresult = r + [a, b.real]');
    np.scope(() => {
      const a = np.array([[C(1, 2), C(3, -4), C(0, 5)], [-1, C(2, 0.5), NaN]]);
      expectMatches(a.real, (exp as unknown[])[0] as never, {}, 'real');
      expectMatches(a.imag, (exp as unknown[])[1] as never, {}, 'imag');
      const b = np.transpose(a);
      fillScalar(b.imag, 7);
      expectMatches(a, (exp as unknown[])[2] as never, {}, 'a after write');
      expectMatches(b.real, (exp as unknown[])[3] as never, {}, 'b.real');
      expect(a.real.base).toBe(a);
    });
  });

  it('np.real / np.imag of real arrays, np.conj and np.angle (deg) over dtypes', async () => {
    const exp = await oracle.evalMany([
      { expr: 'np.imag(np.array([1., 2.]))' },
      { expr: 'np.real(np.array([1, 2], dtype=np.int32))' },
      { expr: 'np.conj(np.array([1+2j, -3j, complex(np.nan, -np.inf)], dtype=np.complex64))' },
      { expr: 'np.conj(np.array([1, -2], dtype=np.int8))' },
      { expr: 'np.angle(np.array([1+1j, -1, complex(-1, -0.0), complex(0, -0.0), complex(-0.0, -0.0), np.nan]))' },
      { expr: 'np.angle(np.array([1+1j, -2j], dtype=np.complex64), deg=True)' },
      { expr: 'np.angle(np.array([-2, 3], dtype=np.int32))' },
    ]);
    np.scope(() => {
      expectMatches(np.imag(np.array([1, 2], { dtype: 'float64' })), exp[0]!, {}, 'imag real');
      expectMatches(np.real(np.array([1, 2], { dtype: 'int32' })), exp[1]!, {}, 'real int');
      expectMatches(np.conj(np.array([C(1, 2), C(0, -3), C(NaN, -Infinity)], { dtype: 'complex64' })), exp[2]!, {}, 'conj');
      expectMatches(np.array([1, -2], { dtype: 'int8' }).conj(), exp[3]!, {}, 'conj int8');
      expectMatches(np.angle(np.array([C(1, 1), -1, C(-1, -0), C(0, -0), C(-0, -0), NaN])), exp[4]!, {}, 'angle');
      expectMatches(np.angle(np.array([C(1, 1), C(0, -2)], { dtype: 'complex64' }), true), exp[5]!, {}, 'angle deg');
      expectMatches(np.angle(np.array([-2, 3], { dtype: 'int32' })), exp[6]!, {}, 'angle int');
    });
  });

  it('iscomplex, isreal, real_if_close, sort_complex', async () => {
    const exp = await oracle.evalMany([
      { expr: 'np.iscomplex(np.array([1+1j, 2, complex(0, -0.0), complex(np.nan, np.nan)]))' },
      { expr: 'np.isreal(np.array([1+1j, 2, complex(0, -0.0), complex(np.nan, np.nan)]))' },
      { expr: 'np.iscomplex(np.array([1, 2]))' }, { expr: 'np.isreal(np.array([1.5]))' },
      { expr: 'np.real_if_close(np.array([2.1 + 4e-14j, 5.2 + 3e-15j]))' },
      { expr: 'np.real_if_close(np.array([2.1 + 4e-13j, 5.2 + 3e-15j]))' },
      { expr: 'np.real_if_close(np.array([2.1 + 4e-5j], dtype=np.complex64))' },
      { expr: 'np.real_if_close(np.array([2.1 + 4e-5j]), tol=1e-3)' },
      { expr: 'np.sort_complex(np.array([5, 3, 6, 2, 1], dtype=np.int16))' },
      { expr: 'np.sort_complex(np.array([1 + 2j, 2 - 1j, 3 - 2j, 3 - 3j, 3 + 5j]))' },
      { expr: 'np.sort_complex(np.array([3.5, 1.5]))' },
    ]);
    np.scope(() => {
      const zz = (): InstanceType<typeof np.NDArray> => np.array([C(1, 1), 2, C(0, -0), C(NaN, NaN)]);
      expectMatches(np.iscomplex(zz()), exp[0]!, {}, 'iscomplex');
      expectMatches(np.isreal(zz()), exp[1]!, {}, 'isreal');
      expectMatches(np.iscomplex(np.array([1, 2])), exp[2]!, {}, 'iscomplex real');
      expectMatches(np.isreal(np.array([1.5])), exp[3]!, {}, 'isreal real');
      expectMatches(np.real_if_close(np.array([C(2.1, 4e-14), C(5.2, 3e-15)])), exp[4]!, {}, 'real_if_close');
      expectMatches(np.real_if_close(np.array([C(2.1, 4e-13), C(5.2, 3e-15)])), exp[5]!, {}, 'real_if_close kept');
      expectMatches(np.real_if_close(np.array([C(2.1, 4e-5)], { dtype: 'complex64' })), exp[6]!, {}, 'real_if_close c64');
      expectMatches(np.real_if_close(np.array([C(2.1, 4e-5)]), 1e-3), exp[7]!, {}, 'real_if_close tol');
      expectMatches(np.sort_complex(np.array([5, 3, 6, 2, 1], { dtype: 'int16' })), exp[8]!, {}, 'sort_complex int16');
      expectMatches(np.sort_complex(np.array([C(1, 2), C(2, -1), C(3, -2), C(3, -3), C(3, 5)])), exp[9]!, {}, 'sort_complex');
      expectMatches(np.sort_complex(np.array([3.5, 1.5])), exp[10]!, {}, 'sort_complex float');
    });
  });

  it('toRaw round trip through the oracle keeps complex values', async () => {
    const exp = await oracle.eval('a * 2', { a: np.scope(() => toRaw(np.array([C(1, -1), C(0.5, 2)]))) });
    np.scope(() => expectMatches(np.multiply(np.array([C(1, -1), C(0.5, 2)]), 2), exp, {}, 'x2'));
  });

  it('WebGPU-less CPU: complex ops name their loop when none exists (raises clearly)', () => {
    expectSameAsNumpy('floor complex', 'floor', () => np.floor(np.array([C(1, 1)])),
      { error: 'TypeError', message: "ufunc 'floor' not supported for the input types" });
  });
});
