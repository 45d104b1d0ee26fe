import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { DTYPES, makeStorage, type DType, type TypedArray } from '../src/core/dtype.js';
import { Complex } from '../src/core/complex.js';
import { bf16BitsToNumber, f16BitsToNumber, numberToBf16Bits, numberToF16Bits } from '../src/core/half.js';
import { decodeNpy, encodeNpy, type RawArray } from '../src/np/io/npy.js';
import { decodeNpz, encodeNpz } from '../src/np/io/npz.js';
import { NumpyOracle, isOracleError, type OracleValue } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
const hasBf16 = (await oracle.eval("__import__('importlib.util').util.find_spec('ml_dtypes') is not None")) === true;

// ---- helpers -------------------------------------------------------------------------------

const INT_EDGES: Partial<Record<DType, bigint[]>> = {
  int8: [-128n, 127n, 0n, -1n, 42n], uint8: [0n, 255n, 1n, 128n, 42n],
  int16: [-32768n, 32767n, 0n, -1n, 1234n], uint16: [0n, 65535n, 1n, 32768n, 1234n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n, 0n, -1n, 123456n], uint32: [0n, 2n ** 32n - 1n, 1n, 2n ** 31n, 123456n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n, 2n ** 53n + 1n], uint64: [0n, 2n ** 64n - 1n, 1n, 2n ** 63n, 2n ** 53n + 1n],
};
const FLOATS = [0, -0, 1.5, -2.25, NaN, Infinity, -Infinity, 65504, 6e-8, 1e-40, 0.1, 3.0e38];

/** Deterministic values that exercise each dtype's edges. */
function fill(dtype: DType, n: number): TypedArray {
  const s = makeStorage(dtype, n);
  if (dtype === 'complex64' || dtype === 'complex128') {
    // (re, im) pairs: every float edge meets another one in the imaginary part
    for (let i = 0; i < n; i++) {
      s[2 * i] = i < FLOATS.length ? FLOATS[i]! : (i - 7) / 3;
      s[2 * i + 1] = FLOATS[(i + 3) % FLOATS.length]!;
    }
    return s;
  }
  for (let i = 0; i < n; i++) {
    const edges = INT_EDGES[dtype];
    if (dtype === 'bool') s[i] = i % 3 === 0 ? 1 : 0;
    else if (edges) {
      const v = i < edges.length ? edges[i]! : BigInt(i * 37 % 100);
      if (s instanceof BigInt64Array || s instanceof BigUint64Array) s[i] = v;
      else s[i] = Number(v);
    } else {
      const x = i < FLOATS.length ? FLOATS[i]! : (i - 7) / 3;
      s[i] = dtype === 'float16' ? numberToF16Bits(x) : dtype === 'bfloat16' ? numberToBf16Bits(x) : x;
    }
  }
  return s;
}

function raw(dtype: DType, shape: number[], fortranOrder = false): RawArray {
  return { dtype, shape, data: fill(dtype, shape.reduce((a, b) => a * b, 1)), fortranOrder };
}

const numKey = (x: number): string => (Number.isNaN(x) ? 'nan' : Object.is(x, -0) ? '-0' : String(x));

function elemKey(dtype: DType, v: number | bigint): string {
  if (typeof v === 'bigint') return String(v);
  if (dtype === 'bool') return v ? 'True' : 'False';
  if (dtype === 'float16') return numKey(f16BitsToNumber(v));
  if (dtype === 'bfloat16') return numKey(bf16BitsToNumber(v));
  return numKey(v);
}

/** Element keys in C order, whatever the array's memory order. */
function cValues(a: RawArray): string[] {
  const lanes = a.dtype === 'complex64' || a.dtype === 'complex128' ? 2 : 1;
  const n = a.data.length / lanes;
  const out: string[] = [];
  const nd = a.shape.length;
  // Fortran strides (in elements)
  const fs: number[] = [];
  let st = 1;
  for (let k = 0; k < nd; k++) { fs.push(st); st *= a.shape[k]!; }
  for (let i = 0; i < n; i++) {
    let off = i;
    if (a.fortranOrder) {
      off = 0;
      let rem = i;
      for (let k = nd - 1; k >= 0; k--) {
        const d = a.shape[k]!;
        off += (rem % d) * fs[k]!;
        rem = Math.floor(rem / d);
      }
    }
    out.push(lanes === 2 ? `${numKey(a.data[2 * off] as number)},${numKey(a.data[2 * off + 1] as number)}` : elemKey(a.dtype, a.data[off]!));
  }
  return out;
}

/** Keys of the values of NumPy's `a.ravel().tolist()`. */
function pyKeys(v: OracleValue): string[] {
  if (!Array.isArray(v)) throw new Error('expected a list');
  return v.map((x) => {
    if (typeof x === 'boolean') return x ? 'True' : 'False';
    if (typeof x === 'bigint') return String(x);
    if (typeof x === 'number') return numKey(x);
    if (x instanceof Complex) return `${numKey(x.re)},${numKey(x.im)}`;
    throw new Error(`unexpected ${String(x)}`);
  });
}

function bytesOf(a: TypedArray): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function expectSame(got: RawArray, want: RawArray): void {
  expect(got.dtype).toBe(want.dtype);
  expect(got.shape).toEqual(want.shape);
  expect(got.fortranOrder).toBe(want.fortranOrder);
  expect(got.data.constructor).toBe(want.data.constructor);
  expect(got.data.length).toBe(want.data.length);
  expect(Buffer.from(bytesOf(got.data)).equals(Buffer.from(bytesOf(want.data)))).toBe(true);
}

function ok<T extends OracleValue>(v: OracleValue | { error: string; message: string }): T {
  if (isOracleError(v)) throw new Error(`oracle: ${v.error}: ${v.message}`);
  return v as T;
}

const SHAPES: number[][] = [[], [0], [7], [2, 3, 4], [2, 0, 3], [1, 5, 1]];
const VERSIONS = [undefined, 1, 2, 3] as const;
const NP_DTYPES = DTYPES.filter((d) => d !== 'bfloat16');

function dataOffset(b: Uint8Array): number {
  const dv = new DataView(b.buffer, b.byteOffset);
  return b[6] === 1 ? 10 + dv.getUint16(8, true) : 12 + dv.getUint32(8, true);
}

// ---- round trips ---------------------------------------------------------------------------

describe('npy round trip (quark → quark)', () => {
  for (const dtype of DTYPES) {
    for (const version of VERSIONS) {
      it(`${dtype}, version ${version ?? 'default'}: 0-d, empty, 1-D, 3-D × C/Fortran`, () => {
        for (const shape of SHAPES) {
          for (const fortran of [false, true]) {
            const a = raw(dtype, shape, fortran);
            const b = encodeNpy(a, version ? { version } : {});
            expect(b[6]).toBe(version ?? 1);
            expect(dataOffset(b) % 64).toBe(0);
            expect(b.length).toBe(dataOffset(b) + a.data.byteLength);
            expectSame(decodeNpy(b), a);
          }
        }
      });
    }
  }

  it('accepts data views into larger buffers', () => {
    const big = new Float32Array([9, 1, 2, 3, 9]);
    const a: RawArray = { dtype: 'float32', shape: [3], data: big.subarray(1, 4), fortranOrder: false };
    expect([...decodeNpy(encodeNpy(a)).data]).toEqual([1, 2, 3]);
  });

  it('decodes inputs at unaligned offsets', () => {
    const b = encodeNpy(raw('float64', [5]));
    const shifted = new Uint8Array(b.length + 3);
    shifted.set(b, 3);
    expectSame(decodeNpy(shifted.subarray(3)), raw('float64', [5]));
  });

  it('refuses to encode inconsistent arrays', () => {
    expect(() => encodeNpy({ dtype: 'float32', shape: [3], data: new Float64Array(3), fortranOrder: false })).toThrow(/Float32Array/);
    expect(() => encodeNpy({ dtype: 'int64', shape: [2], data: new Int32Array(2), fortranOrder: false })).toThrow(/BigInt64Array/);
    expect(() => encodeNpy({ dtype: 'float32', shape: [2, 2], data: new Float32Array(3), fortranOrder: false })).toThrow(/needs 4/);
    expect(() => encodeNpy({ dtype: 'float32', shape: [-1], data: new Float32Array(0), fortranOrder: false })).toThrow(/invalid shape/);
    // @ts-expect-error version 4 does not exist
    expect(() => encodeNpy(raw('uint8', [1]), { version: 4 })).toThrow(/version/);
  });
});

// ---- quark → NumPy -------------------------------------------------------------------------

describe('npy written by quark loads in NumPy', () => {
  const LOAD = `
a = np.load(io.BytesIO(b))
buf = io.BytesIO()
np.lib.format.write_array(buf, a, version=(v, 0))
result = [str(a.dtype), list(a.shape), bool(a.flags.f_contiguous and not a.flags.c_contiguous), a.ravel().tolist(), buf.getvalue()]
`;
  for (const dtype of NP_DTYPES) {
    it(`${dtype}: identical values, and byte-for-byte what NumPy writes`, async () => {
      const cases: { a: RawArray; v: 1 | 2 | 3; b: Uint8Array }[] = [];
      for (const shape of SHAPES) {
        for (const fortran of [false, true]) {
          for (const v of [1, 2, 3] as const) {
            const a = raw(dtype, shape, fortran);
            cases.push({ a, v, b: encodeNpy(a, { version: v }) });
          }
        }
      }
      const rs = await oracle.evalMany(cases.map(({ b, v }) => ({ expr: LOAD, args: { b, v } })));
      rs.forEach((r, i) => {
        const { a, b } = cases[i]!;
        const [dt, shape, fo, values, npBytes] = ok<[string, number[], boolean, OracleValue, Uint8Array]>(r);
        expect(dt).toBe(dtype);
        expect(shape).toEqual(a.shape);
        expect(pyKeys(values)).toEqual(cValues(a));
        if (fo === a.fortranOrder) {
          expect(Buffer.from(npBytes).equals(Buffer.from(b))).toBe(true);
        } else {
          // NumPy writes fortran_order only for arrays that are not also C-contiguous
          expect(a.fortranOrder && !fo).toBe(true);
          expect(a.shape.filter((d) => d > 1).length < 2 || a.shape.includes(0)).toBe(true);
        }
      });
    });
  }

  it.skipIf(!hasBf16)('bfloat16 (descr "bfloat16") loads in NumPy once ml_dtypes is imported', async () => {
    const a = raw('bfloat16', [2, 3], true);
    const r = ok<[string, OracleValue]>(await oracle.eval(
      "(lambda a: [str(a.dtype), a.astype(np.float64).ravel().tolist()])(np.load(io.BytesIO(b)))", { b: encodeNpy(a) }));
    expect(r[0]).toBe('bfloat16');
    expect(pyKeys(r[1])).toEqual(cValues(a));
  });
});

// ---- NumPy → quark -------------------------------------------------------------------------

describe('npy written by NumPy decodes in quark', () => {
  const MAKE = `
rng = np.random.default_rng(seed)
dt = np.dtype(name)
if dt.kind == 'b':
    a = rng.random(shape) < 0.5
elif dt.kind in 'iu':
    ii = np.iinfo(dt)
    a = rng.integers(ii.min, ii.max, size=shape, dtype=dt, endpoint=True)
    if a.size >= 2:
        a.flat[0] = ii.min
        a.flat[1] = ii.max
else:
    a = (rng.standard_normal(shape) * 1000).astype(dt)
    if a.size >= 4:
        a.flat[0] = np.nan
        a.flat[1] = np.inf
        a.flat[2] = -0.0
        a.flat[3] = np.finfo(dt).smallest_subnormal
if variant == 'F':
    a = np.asfortranarray(a)
elif variant == 'T':
    a = a.T
elif variant == 'rev' and a.ndim:
    a = a[..., ::-1]
if big:
    a = a.astype(a.dtype.newbyteorder('>'))
buf = io.BytesIO()
np.lib.format.write_array(buf, a, version=version)
result = [buf.getvalue(), a.ravel().tolist(), bool(a.flags.f_contiguous and not a.flags.c_contiguous), list(a.shape)]
`;
  for (const name of NP_DTYPES) {
    it(`${name}: C/Fortran/transposed/reversed, little/big-endian, versions 1/2/3`, async () => {
      const reqs: { shape: number[]; big: boolean; version: (number | null)[] | null; variant: string }[] = [];
      for (const shape of [[], [0], [6], [3, 4, 5], [4, 0], [1, 1, 3]]) {
        for (const variant of ['C', 'F', 'T', 'rev']) {
          for (const big of [false, true]) {
            for (const version of [null, [1, 0], [2, 0], [3, 0]]) reqs.push({ shape, big, version, variant });
          }
        }
      }
      const rs = await oracle.evalMany(reqs.map((q, i) => ({
        expr: `version = tuple(version) if version is not None else None\nshape = tuple(shape)\n${MAKE}`,
        args: { seed: i, name, shape: q.shape, variant: q.variant, big: q.big, version: q.version },
      })));
      for (const [k, r] of rs.entries()) {
        const q = reqs[k]!;
        const [bytes, values, fo, shape] = ok<[Uint8Array, OracleValue, boolean, number[]]>(r);
        const a = decodeNpy(bytes);
        expect(a.dtype).toBe(name);
        expect(a.shape).toEqual(shape);
        if (q.variant === 'T') expect(shape).toEqual([...q.shape].reverse());
        expect(bytes[6]).toBe(q.version ? q.version[0] : 1);
        expect(a.fortranOrder).toBe(fo);
        expect(cValues(a)).toEqual(pyKeys(values));
        if (!q.big) {
          // re-encoding gives back NumPy's exact bytes, in the same format version
          const v = bytes[6] as 1 | 2 | 3;
          expect(Buffer.from(encodeNpy(a, { version: v })).equals(Buffer.from(bytes))).toBe(true);
        }
      }
    });
  }

  it('refuses dtypes quark does not have, naming np.load and the descr', async () => {
    const exprs: [string, RegExp][] = [
      ["np.array(['abc', 'de'])", /'<U3'.*string/],
      ["np.array([b'ab'])", /'\|S2'/],
      ['np.array([1 + 2j], dtype=np.clongdouble)', /'<c32'.*complex256/],
      ["np.zeros(2, dtype=[('x', '<f4'), ('y', '<i2')])", /\[\('x', '<f4'\), \('y', '<i2'\)\].*structured/],
      ['np.array([1, None], dtype=object)', /'\|O'.*object/],
      ["np.array(['2020-01-01'], dtype='datetime64[ns]')", /'<M8\[ns\]'.*datetime/],
      ['np.zeros(2, dtype=np.longdouble)', /'<f16'/],
      ["np.zeros(2, dtype='V3')", /'\|V3'/],
    ];
    if (hasBf16) exprs.push(['np.zeros(2, dtype=bfloat16)', /'<V2'.*bfloat16/]);
    const rs = await oracle.evalMany(exprs.map(([e]) => ({ expr: `(lambda b: (np.save(b, ${e}), b.getvalue())[1])(io.BytesIO())` })));
    rs.forEach((r, i) => {
      const bytes = ok<Uint8Array>(r);
      expect(() => decodeNpy(bytes)).toThrow(/^np\.load: unsupported dtype descr /);
      expect(() => decodeNpy(bytes)).toThrow(exprs[i]![1]);
    });
  });
});

// ---- npz -----------------------------------------------------------------------------------

describe('npz', () => {
  const arrays = (): Record<string, RawArray> => ({
    x: raw('float32', [2, 3]),
    arr_0: raw('int64', [4], true),
    flags: raw('bool', []),
    empty: raw('uint16', [0, 2]),
    h: raw('float16', [3, 1], true),
  });

  for (const compress of [false, true]) {
    it(`round trips (compress=${compress}) and loads in NumPy with the right zip method`, async () => {
      const src = arrays();
      const b = encodeNpz(src, { compress });
      const back = decodeNpz(b);
      expect(Object.keys(back).sort()).toEqual(Object.keys(src).sort());
      for (const k of Object.keys(src)) expectSame(back[k]!, src[k]!);
      const r = ok<[OracleValue[], number[]]>(await oracle.eval(`
import zipfile
f = np.load(io.BytesIO(b))
result = [[[k, str(v.dtype), list(v.shape), v.ravel().tolist()] for k, v in sorted(f.items())],
          [zi.compress_type for zi in zipfile.ZipFile(io.BytesIO(b)).infolist()]]`, { b }));
      const [items, methods] = r;
      expect(methods.every((m) => m === (compress ? 8 : 0))).toBe(true);
      for (const item of items) {
        const [k, dt, shape, values] = item as [string, string, number[], OracleValue];
        const a = src[k]!;
        expect(dt).toBe(a.dtype);
        expect(shape).toEqual(a.shape);
        expect(pyKeys(values)).toEqual(cValues(a));
      }
      expect(items.length).toBe(Object.keys(src).length);
    });
  }

  it('compresses', () => {
    const a: RawArray = { dtype: 'float64', shape: [1000], data: new Float64Array(1000), fortranOrder: false };
    expect(encodeNpz({ a }, { compress: true }).length).toBeLessThan(encodeNpz({ a }).length / 10);
  });

  for (const fn of ['savez', 'savez_compressed']) {
    it(`decodes numpy.${fn} archives (keyword and positional names)`, async () => {
      const r = ok<[Uint8Array, OracleValue[]]>(await oracle.eval(`
a = np.arange(12, dtype='>i4').reshape(3, 4)
bb = np.asfortranarray(np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3))
c = np.array(True)
buf = io.BytesIO()
np.${fn}(buf, a, bb, named=c, e=np.zeros((0,), np.int8))
f = np.load(io.BytesIO(buf.getvalue()))
result = [buf.getvalue(), [[k, v.ravel().tolist()] for k, v in sorted(f.items())]]`));
      const [bytes, items] = r;
      const got = decodeNpz(bytes);
      expect(Object.keys(got).sort()).toEqual(['arr_0', 'arr_1', 'e', 'named']);
      expect(got.arr_0!.dtype).toBe('int32');
      expect(got.arr_1!.fortranOrder).toBe(true);
      expect(got.named!.shape).toEqual([]);
      for (const item of items) {
        const [k, values] = item as [string, OracleValue];
        expect(cValues(got[k]!)).toEqual(pyKeys(values));
      }
    });
  }

  it('skips members that are not .npy and directories', () => {
    const z = zipSync({ 'a.npy': encodeNpy(raw('int8', [3])), 'readme.txt': new Uint8Array([65]), 'dir/': new Uint8Array(0) });
    expect(Object.keys(decodeNpz(z))).toEqual(['a']);
  });
});

// ---- hostile input -------------------------------------------------------------------------

function npyFile(header: string, data: Uint8Array = new Uint8Array(0), version: 1 | 2 | 3 = 1): Uint8Array {
  const h = version === 3 ? new TextEncoder().encode(header) : Uint8Array.from(header, (c) => c.charCodeAt(0));
  const lenSize = version === 1 ? 2 : 4;
  const out = new Uint8Array(8 + lenSize + h.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const dv = new DataView(out.buffer);
  if (version === 1) dv.setUint16(8, h.length, true);
  else dv.setUint32(8, h.length, true);
  out.set(h, 8 + lenSize);
  out.set(data, 8 + lenSize + h.length);
  return out;
}

const hdr = (shape: string, descr = "'<f8'", fortran = 'False'): string =>
  `{'descr': ${descr}, 'fortran_order': ${fortran}, 'shape': ${shape}, }\n`;

describe('hostile .npy input', () => {
  const bad: [string, () => Uint8Array, RegExp][] = [
    ['empty input', () => new Uint8Array(0), /too short/],
    ['bad magic', () => new TextEncoder().encode('PK\x03\x04 definitely not numpy'), /magic string/],
    ['magic without \\x93', () => new TextEncoder().encode('xNUMPY\x01\x00'), /magic string/],
    ['unknown version', () => { const b = npyFile(hdr('(1,)'), new Uint8Array(8)); b[6] = 4; return b; }, /version 4\.0/],
    ['unknown minor version', () => { const b = npyFile(hdr('(1,)'), new Uint8Array(8)); b[7] = 1; return b; }, /version 1\.1/],
    ['missing header length', () => npyFile('').subarray(0, 9), /header length is missing/],
    ['truncated header', () => npyFile(hdr('(1,)')).subarray(0, 30), /truncated \.npy header/],
    ['v2 header length 4 GiB', () => { const b = npyFile(hdr('(1,)'), new Uint8Array(8), 2); b.set([255, 255, 255, 255], 8); return b; }, /truncated \.npy header/],
    ['header not a dict', () => npyFile("[('descr', '<f8')]\n"), /not a dictionary/],
    ['header a string', () => npyFile("'hello'"), /not a dictionary/],
    ['unparsable header', () => npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (3,)\n"), /cannot parse \.npy header/],
    ['garbage header', () => npyFile('\u00ff\u00fe__import__("os")'), /cannot parse/],
    ['unterminated string', () => npyFile("{'descr: '<f8'}"), /cannot parse/],
    ['deep nesting', () => npyFile('('.repeat(5000)), /nesting too deep/],
    ['v3 header not utf-8', () => { const b = npyFile(hdr('(1,)'), new Uint8Array(8), 3); b[13] = 0xff; return b; }, /utf-8/],
    ['missing key', () => npyFile("{'descr': '<f8', 'shape': (1,)}"), /correct keys/],
    ['extra key', () => npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}"), /correct keys/],
    ['duplicate key', () => npyFile("{'descr': '<f8', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}"), /duplicate key/],
    ['negative shape', () => npyFile(hdr('(-1, 3)'), new Uint8Array(64)), /negative dimension/],
    ['float shape', () => npyFile(hdr('(3.0,)'), new Uint8Array(64)), /shape is not a tuple of integers: \(3\.0,\)/],
    ['string shape', () => npyFile(hdr("('3',)")), /shape is not a tuple of integers/],
    ['list shape', () => npyFile(hdr('[3]')), /shape is not a tuple of integers/],
    ['bool shape', () => npyFile(hdr('(True,)')), /shape is not a tuple of integers/],
    ['shape too many dims', () => npyFile(hdr(`(${'1, '.repeat(65)})`), new Uint8Array(8)), /too many dimensions/],
    ['huge dimension', () => npyFile(hdr('(10000000000000000000000000000,)')), /dimension too large/],
    ['product overflows', () => npyFile(hdr('(4294967296, 4294967296, 4294967296)'), new Uint8Array(64)), /needs 633825300114114700748351602688 bytes but only 64/],
    ['data truncated', () => npyFile(hdr('(1000,)'), new Uint8Array(80)), /truncated \.npy data: shape \(1000,\) of float64 needs 8000 bytes but only 80/],
    ['fortran_order not a bool', () => npyFile(hdr('(1,)', "'<f8'", '0'), new Uint8Array(8)), /fortran_order is not a valid bool: 0/],
    ['descr not a string', () => npyFile(hdr('(1,)', '8'), new Uint8Array(8)), /unsupported dtype descr 8/],
    ['unknown descr', () => npyFile(hdr('(1,)', "'<f3'"), new Uint8Array(8)), /unsupported dtype descr '<f3'/],
    ['object descr', () => npyFile(hdr('(1,)', "'|O'"), new Uint8Array(8)), /'\|O' \(object arrays/],
  ];
  for (const [name, make, msg] of bad) {
    it(`${name} → clear np.load error`, () => {
      const b = make();
      expect(() => decodeNpy(b)).toThrow(/^np\.load: /);
      expect(() => decodeNpy(b)).toThrow(msg);
    });
  }

  it('checks sizes before allocating: a small file claiming 2^52 × 8 bytes fails fast', () => {
    const b = npyFile(hdr('(4503599627370496,)'), new Uint8Array(16));
    const t0 = performance.now();
    expect(() => decodeNpy(b)).toThrow(/truncated \.npy data/);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('honours maxBytes', () => {
    const b = encodeNpy(raw('float64', [100]));
    expect(() => decodeNpy(b, { maxBytes: 799 })).toThrow(/^np\.load: .*exceeds the limit maxBytes=799/);
    expect(decodeNpy(b, { maxBytes: 800 }).data.length).toBe(100);
  });

  it('tolerates trailing garbage like NumPy', () => {
    const b = encodeNpy(raw('int16', [3]));
    const t = new Uint8Array(b.length + 5);
    t.set(b);
    t.set([1, 2, 3, 4, 5], b.length);
    expectSame(decodeNpy(t), raw('int16', [3]));
  });

  it('accepts what NumPy accepts: odd spacing, double quotes, no trailing comma, Python 2 longs, unpadded', () => {
    const data = new Uint8Array(new Float64Array([1, 2, 3, 4, 5, 6]).buffer);
    const headers = [
      '{"descr":"<f8","fortran_order":False,"shape":(2,3)}',
      "{ 'shape' : ( 2 , 3 , ) ,\t'fortran_order':False , 'descr' : '<f8' , }   \n",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L), }\n",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }\n",
    ];
    for (const h of headers) {
      const a = decodeNpy(npyFile(h, data));
      expect(a.shape).toEqual([2, 3]);
      expect([...a.data]).toEqual([1, 2, 3, 4, 5, 6]);
    }
    expect(decodeNpy(npyFile("{'descr': '<f8', 'fortran_order': True, 'shape': (), }", data)).shape).toEqual([]);
    expect(decodeNpy(npyFile("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", data)).shape).toEqual([3]);
    // v3: utf-8 header (NumPy's own v3 files only ever need it for exotic field names)
    expect(decodeNpy(npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }", data, 3)).data.length).toBe(6);
    expect(() => decodeNpy(npyFile("{'descr': '\u00e9\u4e2d', 'fortran_order': False, 'shape': (6,), }", data, 3)))
      .toThrow("np.load: unsupported dtype descr '\u00e9\u4e2d'");
  });

  it('reads big-endian data and normalises bool bytes', () => {
    const be = npyFile(hdr('(2,)', "'>i4'"), new Uint8Array([0, 0, 1, 0, 0xff, 0xff, 0xff, 0xfe]));
    expect([...decodeNpy(be).data]).toEqual([256, -2]);
    const bl = npyFile(hdr('(3,)', "'|b1'"), new Uint8Array([0, 1, 7]));
    expect([...decodeNpy(bl).data]).toEqual([0, 1, 1]);
  });

  it('random bytes after a valid magic never crash (only np.load errors)', () => {
    let seed = 12345;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const valid = encodeNpy(raw('float32', [3, 4]));
    for (let t = 0; t < 2000; t++) {
      const b = valid.slice(0, Math.floor(rnd() * valid.length) + 1);
      const k = Math.floor(rnd() * 4);
      for (let j = 0; j < k; j++) b[8 + Math.floor(rnd() * Math.max(1, b.length - 8))] = Math.floor(rnd() * 256);
      try {
        decodeNpy(b);
      } catch (e) {
        expect((e as Error).message).toMatch(/^np\.load: /);
      }
    }
  });
});

function patchZip(b: Uint8Array, f: (dv: DataView, sig: 'local' | 'central', at: number) => void): Uint8Array {
  const out = b.slice();
  const dv = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const s = dv.getUint32(i, true);
    if (s === 0x04034b50) f(dv, 'local', i);
    else if (s === 0x02014b50) f(dv, 'central', i);
  }
  return out;
}

describe('hostile .npz input', () => {
  const good = (compress: boolean): Uint8Array => encodeNpz({ a: raw('float64', [64]) }, { compress });

  it('not a zip', () => {
    expect(() => decodeNpz(encodeNpy(raw('int8', [3])))).toThrow(/^np\.load: not a \.npz file/);
    expect(() => decodeNpz(new Uint8Array(10))).toThrow(/^np\.load: not a \.npz file/);
  });

  it('truncated zip', () => {
    const b = good(true);
    expect(() => decodeNpz(b.subarray(0, b.length - 30))).toThrow(/^np\.load: invalid \.npz \(zip\) file/);
  });

  it('declared uncompressed size beyond what deflate can produce (zip bomb)', () => {
    const b = patchZip(good(true), (dv, sig, at) => dv.setUint32(at + (sig === 'local' ? 22 : 24), 0x7fffffff, true));
    expect(() => decodeNpz(b)).toThrow(/^np\.load: member 'a\.npy' declares 2147483647 uncompressed bytes .*zip bomb/);
  });

  it('refuses a real bomb over maxBytes before inflating', () => {
    const n = 8 << 20;
    const bomb = encodeNpz({ z: { dtype: 'uint8', shape: [n], data: new Uint8Array(n), fortranOrder: false } }, { compress: true });
    expect(bomb.length).toBeLessThan(n / 100);
    expect(() => decodeNpz(bomb, { maxBytes: 1 << 20 })).toThrow(/^np\.load: uncompressed members exceed the limit maxBytes=1048576/);
    expect(decodeNpz(bomb).z!.data.length).toBe(n);
  });

  it('a lying (smaller) declared size truncates the member, caught by the .npy check', () => {
    const b = patchZip(good(true), (dv, sig, at) => dv.setUint32(at + (sig === 'local' ? 22 : 24), 200, true));
    expect(() => decodeNpz(b)).toThrow(/^np\.load: truncated \.npy data.*\(in member 'a\.npy'\)/);
  });

  it('unsupported compression method', () => {
    const b = patchZip(good(false), (dv, sig, at) => dv.setUint16(at + (sig === 'local' ? 8 : 10), 12, true));
    expect(() => decodeNpz(b)).toThrow(/^np\.load: member 'a\.npy' uses unsupported zip compression method 12/);
  });

  it('corrupt deflate stream', () => {
    const b = good(true);
    const c = b.slice();
    for (let i = 40; i < 80; i++) c[i] = 0xff;
    expect(() => decodeNpz(c)).toThrow(/^np\.load: /);
  });

  it('a member that is not valid .npy names the member', () => {
    const z = zipSync({ 'bad.npy': new TextEncoder().encode('not numpy at all') });
    expect(() => decodeNpz(z)).toThrow(/^np\.load: not a \.npy file.*\(in member 'bad\.npy'\)/);
  });
});
