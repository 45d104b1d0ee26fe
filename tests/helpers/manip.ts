// Shared machinery of the shape-manipulation tests (tests/manip_*.test.ts): Python literals for
// arguments, arrays rebuilt with their base kept (for write-through checks), and the table runner.
import fc from 'fast-check';
import { expect } from 'vitest';

import type { DType } from '../../src/core/dtype.js';
import type { NDArray } from '../../src/core/ndarray.js';
import { np } from '../../src/index.js';
import { expectSameAsNumpy } from './arrays.js';
import { type ArraySpec, arraySpecArb, draw, pyView, rawOf, shapeArb, show } from './gen.js';
import { NumpyOracle, isOracleError } from '../oracle/oracle.js';

export const oracle = NumpyOracle.shared();

/** A JS value as a Python literal (null → None, arrays → lists, strings quoted). */
export function py(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map(py).join(', ')}]`;
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'float("nan")' : v > 0 ? 'float("inf")' : 'float("-inf")';
  return String(v);
}

/** An array spec, sometimes seen through np.flip of some axes (negative strides). */
export type FlipSpec = ArraySpec & { flip?: number[] };

/** The view `spec` describes, and the base array it views (to read back after writing through it). */
export function buildWithBase(spec: FlipSpec): { base: NDArray; x: NDArray } {
  const base = np.NDArray._fromStorageData(spec.data, spec.base, spec.dtype);
  let x = base;
  for (const st of spec.steps) x = st.t === 'T' ? x.transpose(st.axes) : x.reshape(st.shape);
  if (spec.flip) x = np.flip(x, spec.flip);
  return { base, x };
}

/** NumPy's expression for the same view of the base array bound to `name`. */
export const pyFlipView = (name: string, spec: FlipSpec): string =>
  (spec.flip ? `np.flip(${pyView(name, spec)}, ${py(spec.flip)})` : pyView(name, spec));

/** One function under test: quark's call and NumPy's expression (`x` is the input array). */
export interface Row<A> {
  name: string;
  args: (shape: readonly number[]) => fc.Arbitrary<A>;
  q: (x: NDArray, a: A) => NDArray | NDArray[];
  py: (a: A) => string;
  /** Whether NumPy's results are writable views for this input shape (default: always). */
  writable?: (shape: readonly number[]) => boolean;
  /** Shapes to draw from (default shapeArb(4)). */
  shapes?: fc.Arbitrary<number[]>;
}

/** `arb`'s specs, a third of them seen through np.flip of some axes. */
export const flipped = (arb: fc.Arbitrary<ArraySpec>): fc.Arbitrary<FlipSpec> =>
  arb.chain((spec) => fc.option(fc.subarray([...spec.shape.keys()], { minLength: Math.min(1, spec.shape.length) }), { freq: 2 })
    .map((f) => ({ ...spec, flip: f && f.length ? f : undefined })));

/** Specs in every layout: contiguous, transposed, reshaped transposes, and a third of them flipped. */
export const specOf = (dtypes: readonly DType[], shapes: fc.Arbitrary<number[]> = shapeArb(4)): fc.Arbitrary<FlipSpec> =>
  fc.constantFrom(...dtypes).chain((d) => shapes.chain((s) => fc.tuple(arraySpecArb(d, s),
    fc.option(fc.subarray([...s.keys()], { minLength: Math.min(1, s.length) }), { freq: 2 }).map((f) => (f && f.length ? f : undefined)))))
    .map(([spec, flip]) => ({ ...spec, flip }));

/** Values (or NumPy's error) of each drawn case of `row`, compared with quark's. */
export async function checkRow<A>(row: Row<A>, dtypes: readonly DType[], n: number, salt: number): Promise<void> {
  const cases = draw(specOf(dtypes, row.shapes).chain((s) => fc.tuple(fc.constant(s), row.args(s.shape))), n, salt);
  const exp = await Promise.all(cases.map(([s, a]) => oracle.eval(`x = ${pyFlipView('a', s)}\nresult = ${row.py(a)}`, { a: rawOf(s) })));
  cases.forEach(([s, a], i) => expectSameAsNumpy(`${row.name} ${s.dtype} ${show(s.shape)} ${show(s.steps)} flip=${show(s.flip)} ${show(a)}`, row.name,
    () => row.q(buildView(s), a), exp[i]!));
}

export function buildView(s: FlipSpec): NDArray {
  return buildWithBase(s).x;
}

/**
 * Views: add 1 through every array the call returns (np.add with out=) and compare the base array
 * with NumPy doing `v += 1` on its results; a copy leaves NumPy's base (and ours) unchanged.
 */
export async function checkWriteThrough<A>(row: Row<A>, dtypes: readonly DType[], n: number, salt: number): Promise<void> {
  const cases = draw(specOf(dtypes, row.shapes).chain((s) => fc.tuple(fc.constant(s), row.args(s.shape))), n, salt);
  const code = (s: FlipSpec, a: A) => `b = a.copy()\nx = ${pyFlipView('b', s)}\nr = ${row.py(a)}\nfor v in (r if isinstance(r, (list, tuple)) else [r]):\n    v += 1\nresult = b`;
  const exp = await Promise.all(cases.map(([s, a]) => oracle.eval(code(s, a), { a: rawOf(s) })));
  let checked = 0;
  cases.forEach(([s, a], i) => {
    if (isOracleError(exp[i]) || (row.writable && !row.writable(s.shape))) return;
    checked++;
    expectSameAsNumpy(`${row.name} write-through ${s.dtype} ${show(s.shape)} ${show(s.steps)} ${show(a)}`, row.name, () => {
      const { base, x } = buildWithBase(s);
      const r = row.q(x, a);
      for (const v of Array.isArray(r) ? r : [r]) np.add(v, 1, { out: v });
      return base;
    }, exp[i]!);
  });
  expect(checked, `${row.name}: some write-through cases ran`).toBeGreaterThan(0);
}
