// Property cases (fast-check, fixed seed, one oracle batch per op family) for every ufunc against
// NumPy 2.4: shapes (0-d, empty, size-1 dims, broadcasting), non-contiguous views, JS scalars on
// either side, and the options out= (other dtypes, strided views, bigger than the broadcast
// shape, one per output for two-output ufuncs), where= (with out), dtype= and casting=.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type DType, isFloat, promoteTypes } from '../src/core/dtype.js';
import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { type MatchOptions, expectMatches } from './helpers/arrays.js';
import {
  type ArraySpec, type Layout, NUMPY_DTYPES, arraySpecArb, broadcastShape, broadcastableTo, build, draw, layoutArb,
  pyDType, pyScalar, pyView, rawOf, shapeArb, show, smallIntArb, weakFloatArb, weakIntArb,
} from './helpers/gen.js';
import { BINARY, UNARY, type UfuncInfo, outputsOf, tolerance } from './helpers/ufuncs.js';
import { NumpyOracle, isOracleError, type OracleArg, type OracleError, type OracleValue } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();

beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

const CLIP: UfuncInfo = { name: 'clip', nin: 3, nout: 1, tol: 'exact', zeroTies: true };

type Operand = { kind: 'array'; spec: ArraySpec } | { kind: 'scalar'; value: number | bigint | boolean };
type Casting = 'no' | 'equiv' | 'safe' | 'same_kind' | 'unsafe';

interface Case {
  info: UfuncInfo;
  operands: Operand[];
  /** out=: zero arrays (one per output) of this dtype seen through `layout`. */
  out?: { dtype: DType; layout: Layout };
  where?: ArraySpec;
  dtype?: DType;
  casting?: Casting;
}

// ---- generation -----------------------------------------------------------------------------

const dtypeArb = fc.constantFrom(...NUMPY_DTYPES);
const scalarArb = fc.oneof(
  { arbitrary: weakIntArb, weight: 2 }, { arbitrary: smallIntArb, weight: 3 },
  { arbitrary: weakFloatArb, weight: 3 }, { arbitrary: fc.boolean(), weight: 1 },
);

function operandArb(d: DType, shape: number[], scalar: boolean): fc.Arbitrary<Operand> {
  return scalar ? scalarArb.map((value): Operand => ({ kind: 'scalar', value }))
    : arraySpecArb(d, shape).map((spec): Operand => ({ kind: 'array', spec }));
}

const shapeOf = (o: Operand): number[] => (o.kind === 'array' ? o.spec.shape : []);

function optionsArb(info: UfuncInfo, ops: Operand[]): fc.Arbitrary<Omit<Case, 'info' | 'operands'>> {
  const shape = ops.map(shapeOf).reduce(broadcastShape, []);
  const hasArray = ops.some((o) => o.kind === 'array');
  const outArb = fc.tuple(dtypeArb, fc.boolean()).chain(([dtype, extra]) =>
    layoutArb(extra ? [2, ...shape] : shape).map((layout) => ({ dtype, layout })));
  const maskArb = broadcastableTo(shape).chain((s) => arraySpecArb('bool', s));
  const castingArb = fc.constantFrom<Casting | undefined>(undefined, undefined, undefined, 'same_kind', 'safe', 'unsafe', 'no', 'equiv');
  return fc.record({
    out: fc.option(outArb, { freq: 3 }),
    where: fc.option(maskArb, { freq: 2 }),
    // NumPy converts lone Python scalars to int64/float64 arrays under dtype=: arrays only; and JS
    // integers beyond 64 bits meet dtype= in an order of errors not worth mirroring
    dtype: hasArray && !ops.some((o) => o.kind === 'scalar' && typeof o.value === 'bigint' && (o.value >= 2n ** 63n || o.value < -(2n ** 63n)))
      ? fc.option(dtypeArb, { freq: 4 }) : fc.constant(null),
    casting: castingArb,
  }).map(({ out, where, dtype, casting }) => {
    const c: Omit<Case, 'info' | 'operands'> = {};
    if (out) c.out = out;
    if (out && where) c.where = where; // without out= the masked-off elements are unspecified
    if (dtype) c.dtype = dtype;
    // float -> int conversions of NaN/inf/out-of-range values are platform-specific in NumPy
    const floatOnly = (!dtype || isFloat(dtype)) && (!out || isFloat(out.dtype));
    if (casting && (casting !== 'unsafe' || floatOnly)) c.casting = casting;
    return c;
  });
}

function caseArb(info: UfuncInfo): fc.Arbitrary<Case> {
  // which operand is a JS scalar (-1: none)
  const side = fc.constantFrom(-1, -1, -1, -1, -1, 0, 1, 2);
  return fc.tuple(shapeArb(4), dtypeArb, dtypeArb, fc.boolean(), side).chain(([S, d0, d1, same, sc]) =>
    fc.tuple(...Array.from({ length: info.nin }, () => broadcastableTo(S))).chain((shapes) =>
      // (np.clip's `a` as a scalar beyond 64 bits is an object array in NumPy: clip's bounds only)
      fc.tuple(...shapes.map((s, i) => operandArb(i === 0 || same ? d0 : d1, s, sc === i && info.nin > 1 && !(info.nin === 3 && i === 0)))).chain((operands) =>
        optionsArb(info, operands).map((opts): Case => {
          // NumPy 2.4 crashes (SIGSEGV) comparing a Python int beyond the array's range under where=
          if (COMPARISONS.has(info.name) && operands.some((o) => o.kind === 'scalar')) delete opts.where;
          return { info, operands, ...opts };
        }))));
}

const COMPARISONS = new Set(['equal', 'not_equal', 'less', 'less_equal', 'greater', 'greater_equal']);

// ---- both sides -----------------------------------------------------------------------------

type Ours = { ok: true; values: NDArray[]; returnedOut: boolean } | { ok: false; error: Error };

function outArrays(c: Case): NDArray[] {
  return Array.from({ length: c.info.nout }, () => {
    let o = np.zeros(c.out!.layout.base, { dtype: c.out!.dtype });
    for (const st of c.out!.layout.steps) o = st.t === 'T' ? o.transpose(st.axes) : o.reshape(st.shape);
    return o;
  });
}

function runOurs(c: Case): Ours {
  try {
    const args: unknown[] = c.operands.map((o) => (o.kind === 'array' ? build(o.spec) : o.value));
    const outs = c.out ? outArrays(c) : undefined;
    const opts: Record<string, unknown> = {};
    if (outs) opts.out = c.info.nout === 1 ? outs[0] : outs;
    if (c.where) opts.where = build(c.where);
    if (c.dtype) opts.dtype = c.dtype;
    if (c.casting) opts.casting = c.casting;
    const f = (np as unknown as Record<string, (...a: unknown[]) => NDArray | NDArray[]>)[c.info.name]!;
    const r = outputsOf(f(...args, opts));
    return { ok: true, values: outs ?? r, returnedOut: !outs || r.every((x, k) => x === outs[k]) };
  } catch (e) {
    return { ok: false, error: e as Error };
  }
}

function pyCase(c: Case): [string, Record<string, OracleArg>] {
  const args: Record<string, OracleArg> = {};
  const xs = c.operands.map((o, i) => {
    if (o.kind === 'array') {
      args[`a${i}`] = rawOf(o.spec);
      return pyView(`a${i}`, o.spec);
    }
    if (typeof o.value === 'boolean') return o.value ? 'True' : 'False';
    args[`s${i}`] = pyScalar(o.value);
    return `s${i}`;
  });
  const lines: string[] = [];
  const kw: string[] = [];
  if (c.out) {
    const outs = Array.from({ length: c.info.nout }, (_, k) => `o${k}`);
    for (const o of outs) lines.push(`${o} = ${pyView(`np.zeros(${JSON.stringify(c.out.layout.base)}, ${pyDType(c.out.dtype)})`, c.out.layout)}`);
    kw.push(`out=(${outs.join(', ')},)`);
  }
  if (c.where) {
    args.m = rawOf(c.where);
    kw.push(`where=${pyView('m', c.where)}`);
  }
  if (c.dtype) kw.push(`dtype=${pyDType(c.dtype)}`);
  if (c.casting) kw.push(`casting='${c.casting}'`);
  const fnName = `np.${c.info.name}`;
  lines.push(`r = ${fnName}(${[...xs, ...kw].join(', ')})`);
  if (!c.out) lines.push('result = r');
  else if (c.info.nout === 1) lines.push('result = o0 if r is o0 else "out= was not returned"');
  else lines.push('result = [o0, o1] if r[0] is o0 and r[1] is o1 else "out= was not returned"');
  return [lines.join('\n'), args];
}

function jsErrorClass(e: OracleError): string {
  if (/TypeError|^_UFunc/.test(e.error)) return 'TypeError';
  if (/OverflowError|ValueError|AxisError/.test(e.error)) return 'RangeError';
  return e.error;
}

function describeCase(c: Case): string {
  const ops = c.operands.map((o) => (o.kind === 'scalar' ? show(o.value) : `${o.spec.dtype}${JSON.stringify(o.spec.shape)} via ${pyView('base' + JSON.stringify(o.spec.base), o.spec)}`));
  const opts = [c.out && `out=${c.out.dtype} via ${pyView(`zeros${JSON.stringify(c.out.layout.base)}`, c.out.layout)}`,
    c.where && `where=bool${JSON.stringify(c.where.shape)}`, c.dtype && `dtype=${c.dtype}`, c.casting && `casting=${c.casting}`].filter(Boolean);
  return `np.${c.info.name}(${[...ops, ...opts].join(', ')})`;
}

/** The tolerance of the least precise float the math ran in (the loop's, not out='s). */
function tolOf(c: Case, result: DType): MatchOptions {
  const floats = [result, c.dtype, ...c.operands.map((o) => (o.kind === 'array' ? promoteTypes(o.spec.dtype, 'float16') : undefined))];
  const opts = floats.filter((d): d is DType => d !== undefined && isFloat(d)).map((d) => tolerance(c.info, d));
  return opts.reduce((a, b) => ((b.rtol ?? 0) > (a.rtol ?? 0) ? b : a), tolerance(c.info, result));
}

function check(c: Case, ours: Ours, expected: OracleValue | OracleError, label: string): void {
  if (isOracleError(expected)) {
    if (ours.ok) throw new Error(`${label}: NumPy raised ${expected.error}: ${expected.message}; quark returned ${ours.values.map((v) => v.dtype).join(', ')}`);
    expect(ours.error.constructor.name, `${label}: NumPy raised ${expected.error}: ${expected.message}; quark: ${ours.error.message}`).toBe(jsErrorClass(expected));
    // np.clip hands one-sided clips to np.maximum / np.minimum / np.positive, as NumPy's wrapper does
    const names = c.info.name === 'clip' ? 'clip|maximum|minimum|positive' : c.info.name;
    expect(ours.error.message, label).toMatch(new RegExp(`^(${names}): `));
    return;
  }
  if (!ours.ok) throw new Error(`${label}: quark threw ${ours.error.message}; NumPy returned ${show(expected).slice(0, 300)}`);
  expect(ours.returnedOut, `${label}: out= must be returned`).toBe(true);
  const want = (c.info.nout === 2 ? expected : [expected]) as OracleValue[];
  ours.values.forEach((v, k) => expectMatches(v, want[k]!, tolOf(c, v.dtype), `${label} [output ${k}]`));
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

// ---- the properties -------------------------------------------------------------------------

const PER_OP = 40;

describe('ufuncs agree with NumPy on random shapes, layouts, scalars and options (fixed seed)', () => {
  it('unary ufuncs', async () => {
    const cases = UNARY.flatMap((info, k) => draw(caseArb(info), PER_OP, 1000 + k));
    expect(cases.some((c) => c.where)).toBe(true);
    expect(cases.some((c) => c.out && c.info.nout === 2)).toBe(true);
    expect(cases.some((c) => c.operands.some((o) => o.kind === 'array' && o.spec.shape.includes(0)))).toBe(true);
    await runCases(cases);
  });

  it('binary ufuncs', async () => {
    const cases = BINARY.flatMap((info, k) => draw(caseArb(info), PER_OP, 2000 + k));
    expect(cases.some((c) => c.operands.some((o) => o.kind === 'scalar'))).toBe(true);
    expect(cases.some((c) => c.casting === 'unsafe')).toBe(true);
    await runCases(cases);
  });

  it('clip (the 3-input ufunc)', async () => {
    await runCases(draw(caseArb(CLIP), 120, 3000));
  });
});
