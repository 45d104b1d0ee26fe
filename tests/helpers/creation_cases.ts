// Shared machinery of the creation tests: a Case is our call plus the NumPy expression it must
// equal (or raise like); cases are evaluated by the oracle in one batch and compared for shape,
// dtype and values — bit-exact by default, with a tolerance where a libm function is involved.
import fc from 'fast-check';
import { expect } from 'vitest';

import { np } from '../../src/index.js';
import type { DType } from '../../src/core/dtype.js';
import { type NDArray, valuesOf } from '../../src/core/ndarray.js';
import { type MatchOptions, expectMatches, isRaw } from './arrays.js';
import {
  NumpyOracle, isOracleError,
  type OracleArg, type OracleArgs, type OracleError, type OracleValue,
} from '../oracle/oracle.js';

const oracle = NumpyOracle.shared();

export const ALL: DType[] = [
  'bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64',
  'float16', 'bfloat16', 'float32', 'float64',
];
export const FLOATS: DType[] = ['float16', 'bfloat16', 'float32', 'float64'];
export const EXACT: MatchOptions = { rtol: 0, atol: 0 };

// ---- comparison machinery -------------------------------------------------------------------------

export function disposeAll(x: unknown): void {
  if (x instanceof np.NDArray) x.dispose();
  else if (Array.isArray(x)) x.forEach(disposeAll);
}

export function describeValue(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : ArrayBuffer.isView(x) ? `<${x.constructor.name}>` : x));
}

export function sameNumber(x: number, y: number, o: MatchOptions): boolean {
  if (Number.isNaN(x) && Number.isNaN(y)) return true;
  if (x === y) return o.rtol !== 0 || Object.is(x, y);
  const rtol = o.rtol ?? 1e-12;
  return rtol > 0 && Math.abs(x - y) <= (o.atol ?? 0) + rtol * Math.abs(y);
}

export function match(res: unknown, exp: OracleValue, o: MatchOptions, label: string): void {
  if (res instanceof np.NDArray) {
    expectMatches(res, exp, o, label);
  } else if (Array.isArray(res)) {
    if (!Array.isArray(exp)) throw new Error(`${label}: NumPy returned ${describeValue(exp)}, quark a list`);
    expect(res.length, `${label} length`).toBe(exp.length);
    res.forEach((r, i) => match(r, exp[i]!, o, `${label}[${i}]`));
  } else if (typeof res === 'number') {
    const y = isRaw(exp) && exp.shape.length === 0 ? Number(valuesOf(exp.dtype, exp.data)[0]) : exp;
    if (typeof y !== 'number' || !sameNumber(res, y, o)) throw new Error(`${label}: quark ${res}, NumPy ${describeValue(exp)}`);
  } else {
    throw new Error(`${label}: unexpected result ${describeValue(res)}`);
  }
}

export interface Case {
  label: string;
  ours: () => unknown;
  expr: string;
  args?: OracleArgs;
  o?: MatchOptions;
  /** Required pattern of our error message when NumPy raises. */
  raises?: RegExp;
}

/** Compares our result with NumPy's, or requires that both raise. */
export function compare(c: Case, expected: OracleValue | OracleError): void {
  if (isOracleError(expected)) {
    let res: unknown;
    try {
      res = c.ours();
    } catch (e) {
      if (c.raises) expect((e as Error).message, c.label).toMatch(c.raises);
      return;
    }
    disposeAll(res);
    throw new Error(`${c.label}: NumPy raised ${expected.error}: ${expected.message}, but quark returned a result`);
  }
  if (c.raises) throw new Error(`${c.label}: expected NumPy to raise, it returned ${describeValue(expected).slice(0, 200)}`);
  let res: unknown;
  try {
    res = c.ours();
  } catch (e) {
    throw new Error(`${c.label}: quark threw "${(e as Error).message}", NumPy returned ${describeValue(expected).slice(0, 300)}`);
  }
  try {
    match(res, expected, c.o ?? EXACT, c.label);
  } finally {
    disposeAll(res);
  }
}

export async function runCases(cases: readonly Case[]): Promise<void> {
  const results = await Promise.all(cases.map((c) => oracle.eval(c.expr, c.args)));
  cases.forEach((c, i) => compare(c, results[i]!));
}

/** Arguments for the oracle: a JS number keeps its int/float meaning, as in quark. */
export const num = (x: number): OracleArg => x;
export const fmt = (x: unknown): string => (typeof x === 'number' && Object.is(x, -0) ? '-0' : typeof x === 'bigint' ? `${x}n` : describeValue(x));

export function sample<T>(arb: fc.Arbitrary<T>, seed: number, numRuns: number): T[] {
  return fc.sample(arb, { seed, numRuns });
}

/** An NDArray of `dtype` with small non-negative integer values (exact in every dtype). */
export function smallArray(vals: number[], shape: number[], dtype: DType): NDArray {
  const flat = np.array(vals.map((v) => (dtype === 'bool' ? v % 2 === 1 : v)), { dtype });
  const out = flat.reshape(shape);
  flat.dispose();
  return out;
}

// ---- generators ----------------------------------------------------------------------------------

export const intArb = fc.integer({ min: -60, max: 60 });
export const floatArb = fc.double({ min: -60, max: 60, noNaN: true, noDefaultInfinity: true });
export const startStopArb = fc.oneof(intArb, floatArb);
export const stepArb = fc.oneof(
  fc.integer({ min: -9, max: 9 }).filter((x) => x !== 0),
  fc.double({ min: 0.05, max: 10, noNaN: true }).chain((x) => fc.constantFrom(x, -x)),
);
export const dtypeArb = fc.option(fc.constantFrom(...ALL), { nil: undefined });
