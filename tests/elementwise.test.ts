// Values of the elementwise ops (add, subtract, multiply, true_divide, negative, exp, astype) against
// NumPy 2.4, property-based over dtypes, shapes (0-d, empty, size-1 dims), broadcasting,
// non-contiguous views, weak JS scalars on either side, `out=` (other dtype, transposed view,
// overlapping an input) and `dtype=`; plus integer wrap-around, float16 rounding, NaN/inf/-0, and
// the threaded path on large arrays. Runs in NumPy mode for exact dtype parity.
import { existsSync, readdirSync } from 'node:fs';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type DType, isBig, kindOf } from '../src/core/dtype.js';
import { numberToBf16Bits, numberToF16Bits } from '../src/core/half.js';
import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import type { RawArray } from '../src/np/io/npy.js';
import { expectMatches, type MatchOptions } from './helpers/arrays.js';
import {
  ALL_DTYPES, type ArraySpec, BF16_PARTNERS, INT_BOUNDS, type Layout, NUMPY_DTYPES, type StorageValue,
  arraySpecArb, broadcastShape, broadcastableTo, build, decode, draw, fillTyped, isWeakFloat, layoutArb, pyDType,
  pyScalar, pyView, rawOf, shapeArb, show, smallIntArb, weakFloatArb, weakIntArb,
} from './helpers/gen.js';
import { NumpyOracle, isOracleError, type OracleArg, type OracleError, type OracleValue } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();

beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

type OpName = 'add' | 'subtract' | 'multiply' | 'true_divide' | 'negative' | 'exp';
const BINARY: OpName[] = ['add', 'subtract', 'multiply', 'true_divide'];
const UNARY: OpName[] = ['negative', 'exp'];
type Fn = (...args: unknown[]) => NDArray;
const fn = (op: OpName): Fn => np[op] as unknown as Fn;

type Operand = { kind: 'array'; spec: ArraySpec } | { kind: 'scalar'; value: number | bigint | boolean };

interface Case {
  op: OpName;
  operands: Operand[];
  /** out=: a zero array of this dtype seen through `layout` (shape = layout's final shape). */
  out?: { dtype: DType; layout: Layout; shape: number[] };
  dtype?: DType;
}

// ---- case generation ------------------------------------------------------------------------

const dtypeArb = fc.constantFrom(...ALL_DTYPES);
/** The second operand's dtype: bfloat16 only meets dtypes that ml_dtypes promotes like quark does. */
const partnerArb = (a: DType) => fc.constantFrom(...(a === 'bfloat16' ? BF16_PARTNERS : BF16_PARTNERS.includes(a) ? ALL_DTYPES : NUMPY_DTYPES));

function scalarArb(other: DType | undefined): fc.Arbitrary<number | bigint | boolean> {
  if (other === 'bfloat16') return fc.oneof(smallIntArb, weakFloatArb);
  return fc.oneof({ arbitrary: weakIntArb, weight: 3 }, { arbitrary: weakFloatArb, weight: 3 }, { arbitrary: fc.boolean(), weight: 1 });
}

const operandArb = (d: DType, shape: number[], scalar: boolean, other: DType | undefined): fc.Arbitrary<Operand> =>
  scalar ? scalarArb(other).map((value): Operand => ({ kind: 'scalar', value }))
    : arraySpecArb(d, shape).map((spec): Operand => ({ kind: 'array', spec }));

const shapeOf = (o: Operand): number[] => (o.kind === 'array' ? o.spec.shape : []);
const dtypeOf = (o: Operand): DType | undefined => (o.kind === 'array' ? o.spec.dtype : undefined);

/** out= and dtype= choices (bfloat16 results only meet float32/float64 there). */
function modeArb(ops: Operand[]): fc.Arbitrary<Pick<Case, 'out' | 'dtype'>> {
  // ml_dtypes refuses same_kind casts into bfloat16 inside ufuncs, so bfloat16 cases use float32/float64
  const bf = ops.some((o) => dtypeOf(o) === 'bfloat16');
  const dts = bf ? (['float32', 'float64'] as DType[]) : NUMPY_DTYPES;
  // NumPy casts lone Python scalars as int64/float64 arrays under dtype= (even where it treats them as weak elsewhere)
  const dtypeOk = ops.some((o) => o.kind === 'array');
  const shape = ops.map(shapeOf).reduce(broadcastShape, []);
  const outArb = fc.tuple(fc.constantFrom(...dts), fc.boolean()).chain(([dtype, extra]) => {
    const s = extra ? [2, ...shape] : shape; // out may be bigger than the broadcast shape
    return layoutArb(s).map((layout) => ({ out: { dtype, layout, shape: s } }));
  });
  return fc.oneof(
    { arbitrary: fc.constant({}), weight: 6 },
    { arbitrary: outArb, weight: 2 },
    { arbitrary: fc.constantFrom(...dts).map((dtype) => ({ dtype })), weight: dtypeOk ? 1 : 0 },
  );
}

function binaryCaseArb(op: OpName): fc.Arbitrary<Case> {
  const side = fc.constantFrom(-1, -1, -1, -1, -1, -1, 0, 1, 1, 2); // which operand is a JS scalar (2: both)
  return fc.tuple(shapeArb(4), dtypeArb, side).chain(([S, d0, sc]) => partnerArb(d0).chain((d1) =>
    fc.tuple(broadcastableTo(S), broadcastableTo(S)).chain(([s0, s1]) =>
      fc.tuple(
        operandArb(d0, s0, sc === 0 || sc === 2, d1),
        operandArb(d1, s1, sc === 1 || sc === 2, d0),
      ).chain((operands) => modeArb(operands).map((m): Case => ({ op, operands, ...m }))))));
}

function unaryCaseArb(op: OpName): fc.Arbitrary<Case> {
  const scalar = fc.constantFrom(false, false, false, false, false, false, false, false, true);
  return fc.tuple(shapeArb(4), dtypeArb, scalar).chain(([S, d, sc]) =>
    (sc ? fc.oneof(smallIntArb, weakFloatArb).map((value): Operand => ({ kind: 'scalar', value }))
      : arraySpecArb(d, S).map((spec): Operand => ({ kind: 'array', spec })))
      .chain((o) => modeArb([o]).map((m): Case => ({ op, operands: [o], ...m }))));
}

// ---- running a case on both sides -----------------------------------------------------------

type Ours = { ok: true; value: NDArray; returnedOut: boolean } | { ok: false; error: Error };

function runOurs(c: Case): Ours {
  try {
    const args: unknown[] = c.operands.map((o) => (o.kind === 'array' ? build(o.spec) : o.value));
    let out: NDArray | undefined;
    if (c.out) {
      out = np.zeros(c.out.layout.base, { dtype: c.out.dtype });
      for (const st of c.out.layout.steps) out = st.t === 'T' ? out.transpose(st.axes) : out.reshape(st.shape);
    }
    const opts = c.out || c.dtype ? { ...(out ? { out } : {}), ...(c.dtype ? { dtype: c.dtype } : {}) } : undefined;
    const r = opts ? fn(c.op)(...args, opts) : fn(c.op)(...args);
    return { ok: true, value: out ?? r, returnedOut: out === undefined || r === out };
  } catch (e) {
    return { ok: false, error: e as Error };
  }
}

function pyCase(c: Case): [string, Record<string, OracleArg>] {
  const args: Record<string, OracleArg> = {};
  const bf = c.operands.some((o) => dtypeOf(o) === 'bfloat16');
  const xs = c.operands.map((o, i) => {
    if (o.kind === 'array') {
      args[`a${i}`] = rawOf(o.spec);
      return pyView(`a${i}`, o.spec);
    }
    if (typeof o.value === 'boolean') return o.value ? 'True' : 'False';
    args[`s${i}`] = pyScalar(o.value);
    // ml_dtypes does not treat a Python float as weak; quark's weak float becomes a bfloat16 scalar
    // (unless dtype= sends it to a float32/float64 loop)
    return bf && !c.dtype && isWeakFloat(o.value) ? `bfloat16(s${i})` : `s${i}`;
  });
  const kw: string[] = [];
  const lines: string[] = [];
  if (c.out) {
    lines.push(`o = ${pyView(`np.zeros(${JSON.stringify(c.out.layout.base)}, ${pyDType(c.out.dtype)})`, c.out.layout)}`);
    kw.push('out=o');
  }
  if (c.dtype) kw.push(`dtype=${pyDType(c.dtype)}`);
  lines.push(`r = np.${c.op}(${[...xs, ...kw].join(', ')})`);
  lines.push(c.out ? 'result = o if r is o else "out= was not returned"' : 'result = r');
  return [lines.join('\n'), args];
}

/** NumPy's exception class as the JS error class quark throws for it. */
function jsErrorClass(e: OracleError): string {
  if (/TypeError|^_UFunc/.test(e.error)) return 'TypeError';
  if (/OverflowError|ValueError|AxisError/.test(e.error)) return 'RangeError';
  return e.error;
}

function tolerance(op: OpName, dtype: DType): MatchOptions {
  // complex products and quotients: a last-bit (and zero-sign) freedom, as the compiler may fuse
  // a*b + c*d into an FMA where NumPy's loop does not (docs/complex.md)
  if (dtype === 'complex64') return { rtol: 3e-7, atol: 1e-38, zeroSign: false };
  if (dtype === 'complex128') return { rtol: 1e-15, atol: 1e-300, zeroSign: false };
  if (op !== 'exp') return { rtol: 0, atol: 0 }; // IEEE ops and casts: bit-exact (signed zeros too)
  const rtol = ({ float16: 1e-3, bfloat16: 8e-3, float32: 3e-7, float64: 1e-15 } as Partial<Record<DType, number>>)[dtype] ?? 0;
  return { rtol, atol: dtype === 'float64' ? 1e-300 : 1e-38 };
}

function check(c: Case, ours: Ours, expected: OracleValue | OracleError, label: string): void {
  if (isOracleError(expected)) {
    if (ours.ok) throw new Error(`${label}: NumPy raised ${expected.error}: ${expected.message}, quark returned ${ours.value.dtype}${JSON.stringify(ours.value.shape)}`);
    expect(ours.error.constructor.name, `${label}: NumPy raised ${expected.error}: ${expected.message}; quark: ${ours.error.message}`).toBe(jsErrorClass(expected));
    expect(ours.error.message, label).toMatch(new RegExp(`^${c.op}: `));
    return;
  }
  if (!ours.ok) throw new Error(`${label}: quark threw ${ours.error.message}; NumPy returned ${show(expected)}`);
  expect(ours.returnedOut, `${label}: out= must be returned`).toBe(true);
  expectMatches(ours.value, expected, tolerance(c.op, ours.value.dtype), label);
}

async function runCases(cases: readonly Case[]): Promise<void> {
  await np.scope(async () => {
    const ours = cases.map(runOurs);
    const expected = await Promise.all(cases.map((c) => {
      const [e, a] = pyCase(c);
      return oracle.eval(e, a);
    }));
    cases.forEach((c, i) => check(c, ours[i]!, expected[i]!, `case ${i}: ${describeCase(c)}`));
  });
}

function describeCase(c: Case): string {
  const ops = c.operands.map((o) => (o.kind === 'scalar' ? show(o.value)
    : `${o.spec.dtype}${JSON.stringify(o.spec.shape)} via ${pyView('base' + JSON.stringify(o.spec.base), o.spec)}`));
  return `np.${c.op}(${ops.join(', ')}${c.out ? `, out=${c.out.dtype}${JSON.stringify(c.out.shape)} via ${pyView('zeros', c.out.layout)}` : ''}${c.dtype ? `, dtype=${c.dtype}` : ''})`;
}

// ---- property tests -------------------------------------------------------------------------

describe('elementwise ops agree with NumPy (property-based, fixed seed)', () => {
  BINARY.forEach((op, k) => {
    it(`${op}: broadcasting, views, 0-d/empty, scalars on either side, out=, dtype=`, async () => {
      const cases = draw(binaryCaseArb(op), 300, k);
      // the generator must reach what it is meant to reach
      expect(cases.some((c) => c.operands.some((o) => o.kind === 'scalar'))).toBe(true);
      expect(cases.some((c) => c.out && c.out.layout.steps.length > 0)).toBe(true);
      expect(cases.some((c) => c.operands.some((o) => o.kind === 'array' && o.spec.shape.includes(0)))).toBe(true);
      await runCases(cases);
    });
  });

  UNARY.forEach((op, k) => {
    it(`${op}: every dtype, views, 0-d/empty, out=, dtype=`, async () => {
      await runCases(draw(unaryCaseArb(op), 250, 10 + k));
    });
  });
});

// ---- astype between every pair of dtypes ----------------------------------------------------

/** Replaces values whose float → int conversion NumPy leaves platform-specific (NaN, out of range) by 0. */
function sanitize(spec: ArraySpec, to: DType): ArraySpec {
  const k = kindOf(spec.dtype);
  if ((k !== 'f' && k !== 'c') || (kindOf(to) !== 'i' && kindOf(to) !== 'u')) return spec;
  const [lo, hi] = INT_BOUNDS[to]!;
  const fits = (x: number): boolean => Number.isFinite(x) && BigInt(Math.trunc(x)) >= lo && BigInt(Math.trunc(x)) <= hi;
  if (k === 'c') {
    // complex storage holds (re, im) parts: the real part is what converts
    const data = spec.data.slice() as Float32Array | Float64Array;
    for (let i = 0; i < data.length; i += 2) if (!fits(data[i]!)) data[i] = 0;
    return { ...spec, data };
  }
  const vals: StorageValue[] = [];
  for (let i = 0; i < spec.data.length; i++) {
    const raw = spec.data[i] as StorageValue;
    const x = decode(spec.dtype, raw) as number;
    const ok = Number.isFinite(x) && BigInt(Math.trunc(x)) >= lo && BigInt(Math.trunc(x)) <= hi;
    vals.push(ok ? raw : 0);
  }
  return { ...spec, data: fillTyped(spec.dtype, vals) };
}

describe('astype agrees with NumPy for every pair of dtypes', () => {
  it('values of every (from, to) pair, over views and edge values (bfloat16 through ml_dtypes)', async () => {
    const pairs = ALL_DTYPES.flatMap((a) => ALL_DTYPES.map((b) => [a, b] as const));
    const cases = pairs.flatMap(([from, to], k) =>
      draw(shapeArb(3).chain((s) => arraySpecArb(from, s)), 3, 100 + k).map((spec) => ({ spec: sanitize(spec, to), to })));
    await np.scope(async () => {
      const ours = cases.map(({ spec, to }) => build(spec).astype(to));
      const expected = await Promise.all(cases.map(({ spec, to }) => oracle.eval(`${pyView('a', spec)}.astype(${pyDType(to)})`, { a: rawOf(spec) })));
      cases.forEach(({ spec, to }, i) => expectMatches(ours[i]!, expected[i]!, { rtol: 0, atol: 0 }, `astype ${spec.dtype} -> ${to} of ${show([...spec.data].map((v) => decode(spec.dtype, v as StorageValue)))}`));
    });
  });

  it('float16 rounding on conversion is round-half-to-even, from float32 and float64', async () => {
    // halfway points between float16 neighbours, and just off them, near 1, 2048, the subnormals and 65504
    const xs = [1 + 2 ** -11, 1 + 3 * 2 ** -11, 1 + 2 ** -11 + 2 ** -30, 2049, 2051, 2 ** -25, 3 * 2 ** -26, 2 ** -24 * 1.5, 65519.99, 65520, -65520, 1e-8, -0];
    await np.scope(async () => {
      for (const from of ['float32', 'float64'] as const) {
        const spec = specOf(from, xs);
        const ours = build(spec).astype('float16');
        expectMatches(ours, await oracle.eval('a.astype(np.float16)', { a: rawOf(spec) }), { rtol: 0, atol: 0 }, `${from} -> float16`);
      }
    });
  });
});

// ---- table-driven edge cases ----------------------------------------------------------------

/** An array spec holding JS values (converted to storage on the host, exactly). */
function specOf(dtype: DType, values: readonly (number | bigint | boolean)[], shape: number[] = [values.length]): ArraySpec {
  const sv = values.map((v): StorageValue => {
    if (dtype === 'bool') return v ? 1 : 0;
    if (dtype === 'float16') return numberToF16Bits(Number(v));
    if (dtype === 'bfloat16') return numberToBf16Bits(Number(v));
    if (isBig(dtype)) return BigInt(v as number | bigint);
    return Number(v);
  });
  return { dtype, shape, base: shape, steps: [], data: fillTyped(dtype, sv) };
}

const arr = (dtype: DType, values: readonly (number | bigint | boolean)[]): Operand => ({ kind: 'array', spec: specOf(dtype, values) });
const sc = (value: number | bigint | boolean): Operand => ({ kind: 'scalar', value });

describe('edge values, table-driven', () => {
  it('integer wrap-around of every integer dtype', async () => {
    const cases: Case[] = [
      { op: 'add', operands: [arr('int8', [127, -128, 100]), arr('int8', [1, -1, 100])] },
      { op: 'subtract', operands: [arr('uint8', [0, 1, 255]), arr('uint8', [1, 2, 255])] },
      { op: 'multiply', operands: [arr('int16', [32767, -32768, 300]), arr('int16', [2, 2, 300])] },
      { op: 'multiply', operands: [arr('uint16', [65535, 300]), arr('uint16', [65535, 300])] },
      { op: 'add', operands: [arr('int32', [2 ** 31 - 1, -(2 ** 31)]), arr('int32', [1, -1])] },
      { op: 'multiply', operands: [arr('int32', [65536, 2 ** 31 - 1]), arr('int32', [65536, 2 ** 31 - 1])] },
      { op: 'subtract', operands: [arr('uint32', [0]), arr('uint32', [1])] },
      { op: 'add', operands: [arr('int64', [2n ** 63n - 1n, -(2n ** 63n)]), arr('int64', [1n, -1n])] },
      { op: 'multiply', operands: [arr('int64', [2n ** 62n, 3037000500n]), arr('int64', [4n, 3037000500n])] },
      { op: 'subtract', operands: [arr('uint64', [0n, 5n]), arr('uint64', [1n, 2n ** 64n - 1n])] },
      { op: 'multiply', operands: [arr('uint64', [2n ** 63n, 2n ** 64n - 1n]), arr('uint64', [2n, 2n ** 64n - 1n])] },
      { op: 'negative', operands: [arr('int8', [-128, 127, 0])] },
      { op: 'negative', operands: [arr('uint8', [0, 1, 255])] },
      { op: 'negative', operands: [arr('uint32', [0, 1, 2 ** 32 - 1])] },
      { op: 'negative', operands: [arr('int64', [-(2n ** 63n), 1n])] },
      { op: 'negative', operands: [arr('uint64', [1n, 2n ** 63n])] },
      { op: 'add', operands: [arr('int8', [127]), sc(1)] },
      { op: 'subtract', operands: [sc(0), arr('uint8', [1, 255])] },
      { op: 'multiply', operands: [arr('uint64', [2n ** 63n]), sc(2n ** 63n)] },
    ];
    await runCases(cases);
  });

  it('float16 arithmetic rounds like NumPy (computed in float32, rounded half to even)', async () => {
    const a = [1, 2048, 65504, 0.0999755859375, 6.103515625e-5, 5.960464477539063e-8, 1000, -3];
    const b = [2 ** -11, 1, 16, 0.2, 5.960464477539063e-8, 5.960464477539063e-8, 0.1, 3];
    const cases: Case[] = (['add', 'subtract', 'multiply', 'true_divide'] as OpName[]).map((op) => ({ op, operands: [arr('float16', a), arr('float16', b)] }));
    cases.push({ op: 'add', operands: [arr('float16', a), sc(0.1)] }, { op: 'multiply', operands: [sc(1 / 3), arr('float16', b)] });
    cases.push({ op: 'exp', operands: [arr('float16', [0, 1, -1, 11, 12, -17, -18])] });
    cases.push({ op: 'add', operands: [arr('float16', [1, 2]), arr('int16', [1, 2])] }, { op: 'add', operands: [arr('float16', [1, 0.5]), arr('int8', [127, -128])] });
    await runCases(cases);
  });

  it('NaN, ±inf and -0 propagate as in NumPy', async () => {
    for (const d of ['float16', 'bfloat16', 'float32', 'float64'] as DType[]) {
      const x = [NaN, Infinity, -Infinity, -0, 0, 1, -1];
      const y = [1, Infinity, Infinity, -0, -0, 0, -0];
      await runCases([
        ...BINARY.map((op): Case => ({ op, operands: [arr(d, x), arr(d, y)] })),
        ...UNARY.map((op): Case => ({ op, operands: [arr(d, x)] })),
        { op: 'multiply', operands: [arr(d, x), sc(-0.5)] },
        { op: 'true_divide', operands: [sc(1), arr(d, y)] },
      ]);
    }
    // integer division by zero gives inf/nan in float64, as NumPy
    await runCases([{ op: 'true_divide', operands: [arr('int32', [1, -1, 0]), arr('int32', [0, 0, 0])] }]);
  });

  it('dtype= picks the loop by its output dtype; inputs and scalars cast same_kind (or as `casting` says)', async () => {
    const cases: Case[] = [
      { op: 'add', operands: [arr('int8', [100, -100]), arr('int8', [100, -100])], dtype: 'int16' },
      { op: 'add', operands: [arr('int8', [100, 1]), arr('int8', [3, 4])], dtype: 'float16' },
      { op: 'add', operands: [arr('int8', [1, 2]), sc(300)], dtype: 'int16' }, // 300 fits the loop's int16
      { op: 'add', operands: [arr('uint8', [1, 2]), sc(-1)], dtype: 'int16' },
      { op: 'add', operands: [arr('int8', [1, 2]), sc(2.5)], dtype: 'int8' }, // float scalar → int loop: raises
      { op: 'add', operands: [arr('bool', [true]), sc(1)], dtype: 'bool' }, // int scalar → bool loop: raises
      { op: 'add', operands: [arr('float64', [1.5]), arr('float64', [2.25])], dtype: 'uint8' }, // raises
      { op: 'true_divide', operands: [arr('int8', [1]), sc(2)], dtype: 'int8' }, // no such loop
      { op: 'exp', operands: [arr('int8', [1, 2])], dtype: 'float32' },
      { op: 'exp', operands: [arr('int8', [1, 2])], dtype: 'int8' }, // no such loop
      { op: 'negative', operands: [arr('bool', [true, false])], dtype: 'int8' }, // NumPy allows it
      { op: 'subtract', operands: [arr('bool', [true, false]), arr('bool', [true, true])], dtype: 'int8' },
      { op: 'add', operands: [arr('int64', [1]), sc(2.5)], dtype: 'float16' },
    ];
    await runCases(cases);
    await np.scope(async () => {
      const r = np.add(build(specOf('float64', [1.5, -2.5])), 1, { dtype: 'int8', casting: 'unsafe' });
      expectMatches(r, await oracle.eval("np.add(np.array([1.5, -2.5]), 1, dtype='int8', casting='unsafe')"), {}, 'casting=unsafe');
    });
  });
});

// ---- out= ------------------------------------------------------------------------------------

describe('out=', () => {
  const sq = specOf('int32', [0, 1, 2, 3, 4, 5, 6, 7, 8], [3, 3]);
  const fsq = specOf('float64', [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4], [3, 3]);

  /** Runs `stmt` on both sides with `a` bound to a fresh copy of `spec`; compares `a` afterwards and the result `r`. */
  async function inPlace(spec: ArraySpec, ours: (a: NDArray) => NDArray, stmt: string): Promise<void> {
    await np.scope(async () => {
      const a = build(spec);
      const r = ours(a);
      expect(r._storage === a._storage, `${stmt}: the result is (a view of) a`).toBe(true);
      const [ea, er] = await Promise.all([
        oracle.eval(`${stmt}\nresult = a`, { a: rawOf(spec) }),
        oracle.eval(`${stmt}\nresult = r if np.shares_memory(r, a) else None`, { a: rawOf(spec) }),
      ]);
      expectMatches(a, ea!, {}, `${stmt}: a afterwards`);
      expectMatches(r, er!, {}, `${stmt}: the result`);
    });
  }

  it('out= overlapping an input in another layout computes as if the input were copied first', async () => {
    await inPlace(sq, (a) => np.add(a, a.T, { out: a }), 'r = np.add(a, a.T, out=a)');
    await inPlace(sq, (a) => np.subtract(a.T, a, { out: a }), 'r = np.subtract(a.T, a, out=a)');
    await inPlace(sq, (a) => np.multiply(a, 2, { out: a.T }), 'r = np.multiply(a, 2, out=a.T)');
    await inPlace(sq, (a) => np.negative(a, { out: a.T }), 'r = np.negative(a, out=a.T)');
    await inPlace(fsq, (a) => np.exp(a, { out: a.T }), 'r = np.exp(a, out=a.T)');
    await inPlace(fsq, (a) => np.true_divide(a.T, a, { out: a }), 'r = np.true_divide(a.T, a, out=a)');
    await inPlace(sq, (a) => np.add(a.reshape(9).reshape(3, 3).T, a, { out: a }), 'r = np.add(a.reshape(9).reshape(3, 3).T, a, out=a)');
  });

  it('in-place methods (iadd, isub, imul, idiv) write into the array itself', async () => {
    await inPlace(sq, (a) => a.iadd(a.T), 'a += a.T\nr = a');
    await inPlace(sq, (a) => a.isub(5), 'a -= 5\nr = a');
    await inPlace(sq, (a) => a.imul(a), 'a *= a\nr = a');
    await inPlace(fsq, (a) => a.idiv(a.T), 'a /= a.T\nr = a');
    await np.scope(async () => {
      const a = build(sq);
      expect(() => a.idiv(2), 'int32 /= 2 cannot cast float64 into int32').toThrow(/^true_divide: Cannot cast ufunc/);
      expect(await oracle.eval('a /= 2', { a: rawOf(sq) })).toMatchObject({ error: 'UFuncTypeError' });
    });
  });

  it('out= with another dtype and a transposed out, broadcasting into a bigger out, with dtype=', async () => {
    const a = specOf('int8', [1, 2, 3, 4, 5, 6], [2, 3]);
    const T = (base: number[]): Layout => ({ base, steps: [{ t: 'T', axes: [1, 0] }] });
    await runCases([
      { op: 'add', operands: [{ kind: 'array', spec: a }, sc(100)], out: { dtype: 'float32', layout: T([3, 2]), shape: [2, 3] } },
      { op: 'add', operands: [{ kind: 'array', spec: a }, sc(100)], out: { dtype: 'int16', layout: T([3, 2]), shape: [2, 3] } },
      { op: 'multiply', operands: [{ kind: 'array', spec: a }, sc(3)], out: { dtype: 'uint8', layout: T([3, 2]), shape: [2, 3] } }, // int8 → uint8 is not same_kind
      { op: 'add', operands: [arr('float64', [1, 2, 3]), arr('float64', [1, 2, 3])], out: { dtype: 'float64', layout: { base: [2, 3], steps: [] }, shape: [2, 3] } },
      { op: 'exp', operands: [arr('float64', [0, 1])], out: { dtype: 'float16', layout: { base: [2], steps: [] }, shape: [2] } },
      { op: 'exp', operands: [arr('float64', [0, 1])], out: { dtype: 'float32', layout: { base: [2, 2], steps: [] }, shape: [2, 2] } },
      // dtype= and out= together: computed in the dtype, then cast into out
      { op: 'add', operands: [{ kind: 'array', spec: a }, sc(1000)], dtype: 'int64', out: { dtype: 'int8', layout: T([3, 2]), shape: [2, 3] } },
      { op: 'multiply', operands: [{ kind: 'array', spec: a }, sc(0.5)], dtype: 'float16', out: { dtype: 'float64', layout: T([3, 2]), shape: [2, 3] } },
      { op: 'add', operands: [{ kind: 'array', spec: a }, sc(1)], dtype: 'float64', out: { dtype: 'int8', layout: T([3, 2]), shape: [2, 3] } },
    ]);
  });
});

// ---- threads ----------------------------------------------------------------------------------

describe('threaded kernels on large arrays', () => {
  it('1M-element ops with 2 threads match NumPy (contiguous, transposed, broadcast, scalar, casting)', async () => {
    const prev = npx.num_threads();
    const threads = () => (existsSync('/proc/self/task') ? readdirSync('/proc/self/task').length : NaN);
    const before = threads();
    npx.set_num_threads(2);
    try {
      expect(npx.num_threads()).toBe(2);
      await np.scope(async () => {
        // 999 x 1001: the threads' chunks end in the middle of rows
        const R = 999, C = 1001, n = R * C;
        const f = new Float32Array(n);
        const i8 = new Int8Array(n);
        for (let k = 0; k < n; k++) {
          f[k] = Math.fround(Math.sin(k) * 100);
          i8[k] = ((k * 7919) % 256) - 128;
        }
        const F: ArraySpec = { dtype: 'float32', shape: [R, C], base: [R, C], steps: [], data: f };
        const I: ArraySpec = { dtype: 'int8', shape: [R, C], base: [R, C], steps: [], data: i8 };
        const Ft: ArraySpec = { ...F, base: [C, R], steps: [{ t: 'T', axes: [1, 0] }] };
        const It: ArraySpec = { ...I, base: [C, R], steps: [{ t: 'T', axes: [1, 0] }] };
        const row: ArraySpec = { ...specOf('float32', Array.from({ length: C }, (_, k) => k / 8)), shape: [C], base: [C] };
        await runCases([
          { op: 'add', operands: [{ kind: 'array', spec: F }, { kind: 'array', spec: Ft }] },
          { op: 'multiply', operands: [{ kind: 'array', spec: Ft }, { kind: 'array', spec: row }] },
          { op: 'add', operands: [{ kind: 'array', spec: I }, sc(100)] },
          { op: 'subtract', operands: [{ kind: 'array', spec: I }, { kind: 'array', spec: It }] },
          { op: 'true_divide', operands: [{ kind: 'array', spec: I }, { kind: 'array', spec: F }] },
          { op: 'exp', operands: [{ kind: 'array', spec: { ...F, data: f.map((x) => x / 10) } }] },
          { op: 'negative', operands: [{ kind: 'array', spec: Ft }], out: { dtype: 'float64', layout: { base: [C, R], steps: [{ t: 'T', axes: [1, 0] }] }, shape: [R, C] } },
          { op: 'add', operands: [{ kind: 'array', spec: It }, { kind: 'array', spec: F }], out: { dtype: 'float32', layout: { base: [C, R], steps: [{ t: 'T', axes: [1, 0] }] }, shape: [R, C] } },
        ]);
        // and astype, threaded
        const c = build(Ft).astype('float16');
        expectMatches(c, await oracle.eval('a.T.astype(np.float16)', { a: rawOf(Ft) }), { rtol: 0, atol: 0 }, 'astype');
      });
      // OpenMP keeps its worker thread after the parallel regions: the work really was split
      if (!Number.isNaN(before)) expect(threads()).toBeGreaterThan(before);
    } finally {
      npx.set_num_threads(prev);
    }
  });
});

describe('tiled walks (an operand read or written across its layout)', () => {
  it('3-d transposes and partial tiles on one thread match NumPy', async () => {
    await np.scope(async () => {
      const D = 3, R = 45, C = 70, n = D * R * C;
      const f = new Float64Array(n).map((_, k) => Math.cos(k) * 10);
      const A: ArraySpec = { dtype: 'float64', shape: [D, R, C], base: [D, C, R], steps: [{ t: 'T', axes: [0, 2, 1] }], data: f };
      const B: ArraySpec = { dtype: 'float64', shape: [D, R, C], base: [C, R, D], steps: [{ t: 'T', axes: [2, 1, 0] }], data: f };
      const P: ArraySpec = { dtype: 'float64', shape: [D, R, C], base: [D, R, C], steps: [], data: f };
      await runCases([
        { op: 'add', operands: [{ kind: 'array', spec: A }, { kind: 'array', spec: P }] },
        { op: 'multiply', operands: [{ kind: 'array', spec: B }, { kind: 'array', spec: A }] },
        { op: 'negative', operands: [{ kind: 'array', spec: P }], out: { dtype: 'float32', layout: { base: [D, C, R], steps: [{ t: 'T', axes: [0, 2, 1] }] }, shape: [D, R, C] } },
      ]);
    });
  });
});

// ---- sanity of the machinery ------------------------------------------------------------------

describe('the comparison itself can fail', () => {
  it('a wrong value, a wrong dtype and a missing error are reported', async () => {
    await np.scope(async () => {
      const r = np.add(build(specOf('int8', [1, 2])), 1);
      const e = await oracle.eval('np.array([2, 4], np.int8)');
      expect(() => expectMatches(r, e, {}, 'x')).toThrow(/NumPy has 4/);
      const e2 = await oracle.eval('np.array([2, 3], np.int16)');
      expect(() => expectMatches(r, e2, {}, 'x')).toThrow();
      const c: Case = { op: 'add', operands: [arr('int8', [1]), sc(1)] };
      expect(() => check(c, runOurs(c), { error: 'OverflowError', message: 'x' }, 'x')).toThrow(/NumPy raised/);
      const z = np.multiply(build(specOf('float64', [-1])), 0);
      expect(() => expectMatches(z, { dtype: 'float64', shape: [1], data: new Float64Array([0]), fortranOrder: false, isScalar: false } as RawArray & { isScalar: boolean }, { rtol: 0 }, 'z')).toThrow(/signed zero/);
    });
  });
});
