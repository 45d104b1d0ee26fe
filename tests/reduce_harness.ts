// Shared machinery of the reduction suites (tests/reduce*.test.ts): cases drawn with fast-check
// (fixed seed) over dtypes, shapes (0-d, empty, size-1, non-contiguous views), axes and options,
// answered by NumPy in one batch, compared with quark's results (or both must raise).
import fc from 'fast-check';
import { expect } from 'vitest';

import { np } from '../src/index.js';
import type { DType } from '../src/core/dtype.js';
import { isBig, kindOf } from '../src/core/dtype.js';
import { numberToF16Bits } from '../src/core/half.js';
import type { NDArray } from '../src/core/ndarray.js';
import { NumpyOracle, type OracleArg, isOracleError, pyFloat, pyTuple } from './oracle/oracle.js';
import { type MatchOptions, expectMatches } from './helpers/arrays.js';
import { type ArraySpec, arraySpecArb, draw, pyView, rawOf, shapeArb, storageValue } from './helpers/gen.js';

export const oracle = NumpyOracle.shared();

/** The spec's view, with the intermediate arrays disposed (the view keeps the buffer alive). */
export function build(spec: ArraySpec): NDArray {
  let a = np.NDArray._fromStorageData(spec.data, spec.base, spec.dtype);
  for (const st of spec.steps) {
    const b = st.t === 'T' ? a.transpose(st.axes) : a.reshape(st.shape);
    a.dispose();
    a = b;
  }
  return a;
}

const isFloatD = (d: DType) => kindOf(d) === 'f';

/**
 * Values whose sums and products are exact in every dtype (so summation order cannot matter), with
 * NaN, ±inf and -0 for floats at `edge` weight (out of 10).
 */
export function exactValue(d: DType, edge = 1): fc.Arbitrary<number | bigint> {
  if (d === 'bool') return fc.integer({ min: 0, max: 1 });
  const small = fc.integer({ min: kindOf(d) === 'u' ? 0 : -4, max: 4 });
  if (isBig(d)) return small.map((x) => BigInt(x));
  if (!isFloatD(d)) return small;
  const v = edge === 0 ? small : fc.oneof({ arbitrary: small, weight: 10 - edge },
    { arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0), weight: edge });
  return d === 'float16' ? v.map(numberToF16Bits) : v;
}

/** Integer extremes too (sums and products wrap the same in any order); floats as exactValue. */
export function wideValue(d: DType, edge = 1): fc.Arbitrary<number | bigint> {
  return isFloatD(d) || d === 'bool' ? exactValue(d, edge) : storageValue(d);
}

/** Small floats with quarters (and a few NaN/inf) for order statistics. */
export function quarterValue(d: DType, edge = 1): fc.Arbitrary<number | bigint> {
  if (!isFloatD(d)) return wideValue(d);
  const q = fc.integer({ min: -12, max: 12 }).map((k) => k / 4);
  const v = edge === 0 ? q : fc.oneof({ arbitrary: q, weight: 10 - edge }, { arbitrary: fc.constantFrom(NaN, Infinity, -Infinity), weight: edge });
  return d === 'float16' ? v.map(numberToF16Bits) : v;
}

export type AxisArg = null | number | number[];

/** None, one axis (maybe negative), or a tuple of distinct axes (in any order). */
export function axisArb(s: readonly number[], tuple = true): fc.Arbitrary<AxisArg> {
  if (s.length === 0) return fc.constant<AxisArg>(null);
  const one = fc.integer({ min: -s.length, max: s.length - 1 });
  return tuple
    ? fc.oneof(fc.constant<AxisArg>(null), one, fc.shuffledSubarray([...s.keys()], { minLength: 1 }))
    : fc.oneof(fc.constant<AxisArg>(null), one);
}

/** A where= mask broadcastable to `s` (leading dims dropped, some dims 1). */
export interface MaskSpec { shape: number[]; data: boolean[] }
export function maskArb(s: readonly number[]): fc.Arbitrary<MaskSpec> {
  return fc.tuple(fc.integer({ min: 0, max: s.length }), fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }))
    .chain(([drop, ones]) => {
      const shape = s.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d));
      const n = shape.reduce((a, b) => a * b, 1);
      return fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((data) => ({ shape, data }));
    });
}

/** Options a case may carry; `extra` holds function-specific ones (ddof, q, method, …). */
export interface Opts {
  axis?: AxisArg;
  keepdims?: boolean;
  where?: MaskSpec;
  initial?: number;
  dtype?: DType;
  [k: string]: unknown;
}

export type Case = [ArraySpec, Opts];

/** Cases of one dtype list × shapes × the options `opts` draws for each shape. */
export function casesArb(dtypes: readonly DType[], value: (d: DType) => fc.Arbitrary<number | bigint>,
  opts: (s: number[], d: DType) => fc.Arbitrary<Opts>, maxNdim = 4): fc.Arbitrary<Case> {
  return fc.constantFrom(...dtypes).chain((d) => shapeArb(maxNdim).chain((s) => fc.tuple(arraySpecArb(d, s, value(d)), opts(s, d))));
}

/** fc.option that yields undefined (not null). */
export const maybe = <T>(a: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> =>
  fc.option(a, { freq, nil: undefined });

const pyAxis = (a: AxisArg): OracleArg => (a === null ? null : typeof a === 'number' ? a : pyTuple(a));

/** Python keyword arguments (and their oracle arguments) for the common options. */
function pyKwargs(o: Opts, d: DType, names: readonly string[]): { text: string; args: Record<string, OracleArg> } {
  const parts: string[] = [];
  const args: Record<string, OracleArg> = {};
  for (const k of names) {
    const v = o[k];
    if (v === undefined) continue;
    if (k === 'axis') { parts.push('axis=ax'); args.ax = pyAxis(v as AxisArg); } else if (k === 'where') {
      const m = v as MaskSpec;
      parts.push('where=w');
      args.w = { dtype: 'bool', shape: m.shape, data: Uint8Array.from(m.data, Number), fortranOrder: false };
    } else if (k === 'initial') {
      parts.push('initial=ini');
      args.ini = isFloatD(d) ? pyFloat(v as number) : (v as number);
    } else if (k === 'dtype') parts.push(`dtype=np.dtype('${v as string}')`);
    else if (k === 'method') parts.push(`method='${v as string}'`);
    else if (typeof v === 'boolean') parts.push(`${k}=${v ? 'True' : 'False'}`);
    else { parts.push(`${k}=k_${k}`); args[`k_${k}`] = v as OracleArg; }
  }
  return { text: parts.join(', '), args };
}

export function maskArray(m: MaskSpec): NDArray {
  return np.NDArray._fromStorageData(Uint8Array.from(m.data, Number), m.shape, 'bool');
}

/** Our options object: where= becomes a bool array (disposed by the caller). */
export function ourOpts(o: Opts): Record<string, unknown> & { where?: NDArray } {
  const r: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (k === 'where') r.where = maskArray(v as MaskSpec);
    else r[k] = v;
  }
  return r as Record<string, unknown> & { where?: NDArray };
}

export interface RunSpec {
  /** NumPy's function (np.<py>) and the options it takes as keywords. */
  py: string;
  kwargs: readonly string[];
  /** Extra positional Python arguments after the array (e.g. 'q'), from the case's options. */
  positional?: (o: Opts) => { text: string; args: Record<string, OracleArg> };
  /** quark's call. */
  ours: (a: NDArray, o: Record<string, unknown>) => NDArray;
  match?: (spec: ArraySpec, o: Opts) => MatchOptions;
  /** Wraps NumPy's call (e.g. np.asarray where NumPy returns a Python scalar). */
  wrap?: (expr: string) => string;
  /** At least this share of cases must compute (not raise). */
  minShare?: number;
}

/** Runs every case against NumPy: same values, shape and dtype, or both raise. */
export async function runCases(name: string, cases: readonly Case[], r: RunSpec): Promise<void> {
  const reqs = cases.map(([spec, o]) => {
    const kw = pyKwargs(o, spec.dtype, r.kwargs);
    const pos = r.positional?.(o) ?? { text: '', args: {} };
    const call = [pyView('a', spec), pos.text, kw.text].filter((x) => x !== '').join(', ');
    const expr = `np.${r.py}(${call})`;
    return oracle.eval(r.wrap ? r.wrap(expr) : expr, { a: rawOf(spec), ...kw.args, ...pos.args });
  });
  const exp = await Promise.all(reqs);
  let computed = 0;
  cases.forEach(([spec, o], i) => {
    const label = `${name} ${spec.dtype} shape=(${spec.shape}) steps=${JSON.stringify(spec.steps)} opts=${JSON.stringify(o)}`;
    const a = build(spec);
    const ours = ourOpts(o);
    try {
      const e = exp[i]!;
      if (isOracleError(e)) {
        expect(() => { r.ours(a, ours).dispose(); }, `${label}: NumPy raised ${e.error}: ${e.message}`).toThrow();
        return;
      }
      const res = r.ours(a, ours);
      try {
        expectMatches(res, e, r.match?.(spec, o) ?? {}, label);
      } finally {
        res.dispose();
      }
      computed++;
    } finally {
      a.dispose();
      ours.where?.dispose();
    }
  });
  if (process.env.REDUCE_STATS) {
    const withKey = (k: string) => cases.filter(([, o]) => o[k] !== undefined).length;
    console.log(`${name}: ${computed}/${cases.length} computed; where ${withKey('where')}, initial ${withKey('initial')}, dtype ${withKey('dtype')}`);
  }
  expect(computed, `${name}: cases that computed`).toBeGreaterThanOrEqual(Math.floor(cases.length * (r.minShare ?? 0.5)));
}

export { draw, isFloatD };
