// Test helpers: NDArray <-> oracle RawArray, and comparison of our results with NumPy's.
import { expect } from 'vitest';

import { np } from '../../src/index.js';
import type { DType } from '../../src/core/dtype.js';
import { Complex } from '../../src/core/complex.js';
import { valuesOf, type NDArray } from '../../src/core/ndarray.js';
import type { RawArray } from '../../src/np/io/npy.js';
import { type OracleError, type OracleValue, isOracleError } from '../oracle/oracle.js';

/** Our array as the oracle's RawArray (C order, storage values). */
export function toRaw(a: NDArray): RawArray {
  return { dtype: a.dtype, shape: [...a.shape], data: a._readRawSync('toRaw'), fortranOrder: false };
}

/** An oracle RawArray as one of our arrays (on the CPU). */
export function fromRaw(r: RawArray): NDArray {
  if (r.fortranOrder) throw new Error('fromRaw: expected C order');
  return np.NDArray._fromStorageData(r.data, r.shape, r.dtype);
}

export function isRaw(v: unknown): v is RawArray & { isScalar?: boolean } {
  return typeof v === 'object' && v !== null && 'dtype' in v && 'shape' in v && 'data' in v;
}

const TOL: Partial<Record<DType, number>> = {
  float16: 1e-3, bfloat16: 1e-2, float32: 1e-6, float64: 1e-12, complex64: 1e-6, complex128: 1e-12,
};

export interface MatchOptions {
  /** Relative tolerance for floats; default by dtype (exact for ints and bool). */
  rtol?: number;
  atol?: number;
  /** Also require the same dtype (default true). */
  dtype?: boolean;
  /** Whether 0.0 and -0.0 must match (default true; NumPy leaves it open for max/min ties). */
  zeroSign?: boolean;
}

/** Asserts our array equals NumPy's result: shape, dtype, values (NaN-aware, per-dtype tolerance). */
export function expectMatches(ours: NDArray, expected: OracleValue | OracleError, o: MatchOptions = {}, label = ''): void {
  if (isOracleError(expected)) throw new Error(`${label}: NumPy raised ${expected.error}: ${expected.message}, but quark returned a result`);
  if (!isRaw(expected)) throw new Error(`${label}: NumPy returned a non-array ${String(expected)}`);
  expect(ours.shape, `${label} shape`).toEqual(expected.shape);
  if (o.dtype !== false) expect(ours.dtype, `${label} dtype`).toBe(expected.dtype);
  const a = valuesOf(ours.dtype, ours._readRawSync('expectMatches'));
  const b = valuesOf(expected.dtype, expected.data);
  const rtol = o.rtol ?? TOL[ours.dtype] ?? 0;
  const atol = o.atol ?? (rtol ? rtol * 1e-3 : 0);
  const near = (x: number, y: number, i: number, part = ''): void => {
    if (Number.isNaN(x) && Number.isNaN(y)) return;
    if (x === y) {
      if (x === 0 && !Object.is(x, y) && rtol === 0 && o.zeroSign !== false) throw new Error(`${label}: signed zero differs at ${i}${part}: ${x} vs ${y}`);
      return;
    }
    if (rtol > 0 && Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= atol + rtol * Math.abs(y)) return;
    throw new Error(`${label}: value at flat index ${i}${part} is ${x}, NumPy has ${y} (dtype ${ours.dtype})`);
  };
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (typeof x === 'number' && typeof y === 'number') {
      near(x, y, i);
      continue;
    }
    if (x instanceof Complex && y instanceof Complex) {
      // each part against the element's magnitude (a tiny part of a large value is rounding noise)
      const mag = Math.max(Math.abs(y.re), Math.abs(y.im));
      const scaled = (p: number, q: number, part: string): void => {
        if (rtol > 0 && Number.isFinite(p) && Number.isFinite(q) && Number.isFinite(mag) && Math.abs(p - q) <= atol + rtol * mag) return;
        near(p, q, i, part);
      };
      scaled(x.re, y.re, ' (real)');
      scaled(x.im, y.im, ' (imag)');
      continue;
    }
    if (x !== y && !(typeof x !== typeof y && String(x) === String(y))) {
      throw new Error(`${label}: value at flat index ${i} is ${String(x)}, NumPy has ${String(y)} (dtype ${ours.dtype})`);
    }
  }
}

/** Asserts that NumPy raised and that we threw too (optionally matching a message pattern). */
export function expectBothRaise(fn: () => unknown, expected: OracleValue | OracleError, pattern?: RegExp, label = ''): void {
  expect(isOracleError(expected), `${label}: NumPy should raise`).toBe(true);
  expect(fn, label).toThrow(pattern);
}

/** The class quark's error must have for a NumPy exception: TypeError, RuntimeError (any Error) or RangeError. */
const errorClassFor = (numpyError: string): ErrorConstructor =>
  /TypeError/.test(numpyError) ? TypeError : numpyError === 'RuntimeError' ? Error : RangeError;

/**
 * Either both raise (quark's error of the class NumPy's maps to, its message starting `${who}: `, and
 * equal to `${who}: ${NumPy's message}` when `exact`), or quark's result (one array or a tuple of them,
 * computed inside np.scope) matches NumPy's. `match` is one set of options for every array, or one
 * per tuple element (the first for a single array; missing ones are `{}`).
 */
export function expectSameAsNumpy(label: string, who: string, run: () => NDArray | NDArray[], exp: OracleValue | OracleError,
  { match = {}, exact = false }: { match?: MatchOptions | MatchOptions[]; exact?: boolean } = {}): void {
  if (isOracleError(exp)) {
    let err: unknown;
    try {
      np.scope(run);
    } catch (e) {
      err = e;
    }
    if (!err) throw new Error(`${label}: quark returned a result, NumPy raised ${exp.error}: ${exp.message}`);
    expect(err, `${label}: ${String(err)} vs NumPy ${exp.error}: ${exp.message}`).toBeInstanceOf(errorClassFor(exp.error));
    expect((err as Error).message, label).toMatch(new RegExp(`^${who}: `));
    if (exact) expect((err as Error).message, label).toBe(`${who}: ${exp.message}`);
    return;
  }
  const optionsAt = (j: number): MatchOptions => (Array.isArray(match) ? match[j] ?? {} : match);
  np.scope(() => {
    const r = run();
    if (Array.isArray(r)) {
      const e = exp as OracleValue[];
      expect(r.length, `${label} tuple length`).toBe(e.length);
      r.forEach((x, j) => expectMatches(x, e[j]!, optionsAt(j), `${label} [${j}]`));
    } else {
      expectMatches(r, exp, optionsAt(0), label);
    }
  });
}
