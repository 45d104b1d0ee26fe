// Gradient checks: autograd's gradients against central finite differences in float64.
import fc from 'fast-check';
import { expect } from 'vitest';

import { autograd, np } from '../../src/index.js';
import type { NDArray } from '../../src/core/ndarray.js';
import { broadcastableTo, draw } from './gen.js';

/** One input of a checked function: values (C order) for `shape`; `transposed` feeds it as a non-contiguous view. */
export interface InputSpec {
  shape: number[];
  data: number[];
  transposed: boolean;
}

export interface GradCase<P = unknown> {
  /** The op(s) this case checks (the registry test looks for them). */
  ops: readonly string[];
  label: string;
  /** Draws the inputs (and any parameters: axis, keepdims, ...). */
  gen: fc.Arbitrary<{ inputs: InputSpec[]; p: P }>;
  f: (xs: NDArray[], p: P) => NDArray;
  /** Looser tolerance for ops whose finite differences are less exact. */
  tol?: number;
  runs?: number;
}

const smallDim = fc.oneof({ arbitrary: fc.constant(1), weight: 2 }, { arbitrary: fc.integer({ min: 2, max: 3 }), weight: 5 });
/** Small shapes (finite differences evaluate the function twice per element): 0-3 dims, sizes 1-3. */
export const gShape = (minNdim = 0, maxNdim = 3): fc.Arbitrary<number[]> =>
  fc.integer({ min: minNdim, max: maxNdim }).chain((n) => fc.array(smallDim, { minLength: n, maxLength: n }));

/** A filter on values: keeps them away from an op's kinks (0 for abs, integers for floor, ...). */
export type Avoid = (x: number) => boolean;
export const awayFrom = (points: (x: number) => number, gap: number): Avoid => (x) => Math.abs(x - points(x)) > gap;

/** Values spread evenly over [lo, hi] (no denormals or huge exponents), kept where `avoid` allows. */
export function valuesArb(n: number, lo: number, hi: number, avoid?: Avoid): fc.Arbitrary<number[]> {
  // (fast-check favours the ends of a range; scrambling the integer spreads the values evenly)
  const spread = (k: number): number => (Math.imul(k + 12345, 0x9e3779b1) >>> 0) / 2 ** 32;
  const v = fc.integer({ min: 0, max: 1 << 20 }).map((k) => lo + (hi - lo) * spread(k)).filter((x) => !avoid || avoid(x));
  // Distinct magnitudes: no ties for max/min/sort (nor for them applied to x²), where the gradient has a kink.
  return fc.uniqueArray(v, { minLength: n, maxLength: n, selector: (x) => Math.abs(x).toPrecision(6) });
}

export function inputArb(shape: fc.Arbitrary<number[]>, lo: number, hi: number, avoid?: Avoid): fc.Arbitrary<InputSpec> {
  return shape.chain((s) => fc.record({
    shape: fc.constant(s),
    data: valuesArb(s.reduce((a, b) => a * b, 1), lo, hi, avoid),
    transposed: fc.boolean(),
  }));
}

/** Two inputs whose shapes broadcast together (either may be the smaller one). */
export function binaryArb(lo: [number, number], hi: [number, number], avoid?: Avoid): fc.Arbitrary<InputSpec[]> {
  return gShape(0, 3).chain((s) => fc.tuple(broadcastableTo(s), fc.boolean()).chain(([t, swap]) => {
    const [sa, sb] = swap ? [t, s] : [s, t];
    return fc.tuple(inputArb(fc.constant(sa), lo[0], lo[1], avoid), inputArb(fc.constant(sb), hi[0], hi[1], avoid));
  }));
}

/** The variable for an input spec and the (possibly transposed) array the function gets. */
function variable(spec: InputSpec, data: readonly number[] = spec.data): NDArray {
  const base = np.array(data.length ? [...data] : [], { dtype: 'float64' }).reshape(spec.transposed ? [...spec.shape].reverse() : spec.shape);
  return base;
}
function reorder(spec: InputSpec): number[] {
  // Values stored so that the transposed view reads spec.data in C order.
  if (!spec.transposed || spec.shape.length < 2) return spec.data;
  const shape = spec.shape;
  const n = shape.length;
  const rev = [...shape].reverse();
  const out = new Array<number>(spec.data.length);
  const idx = new Array<number>(n).fill(0);
  for (let k = 0; k < spec.data.length; k++) {
    // idx: multi-index in `shape` (C order); position in the reversed base is idx reversed.
    let p = 0;
    for (let d = 0; d < n; d++) p = p * rev[d]! + idx[n - 1 - d]!;
    out[p] = spec.data[k]!;
    for (let d = n - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}
const view = (v: NDArray, spec: InputSpec): NDArray => (spec.transposed && spec.shape.length >= 2 ? v.T : v);

function flatValues(a: NDArray): number[] {
  return Array.from(a.dataSync() as Float64Array, Number);
}

/** Checks autograd.grad against central differences of sum(f(x) * w) for a random head gradient w. */
export function gradcheck<P>(c: GradCase<P>, salt: number): void {
  const samples = draw(c.gen, c.runs ?? 6, salt);
  for (const { inputs, p } of samples) {
    np.scope(() => {
      const vars = inputs.map((s) => variable(s, reorder(s)));
      for (const v of vars) v.attach_grad();
      const y = autograd.record(() => c.f(vars.map((v, i) => view(v, inputs[i]!)), p));
      const w = np.array(Array.from({ length: y.size }, (_, i) => Math.sin(3.7 * i + 1.3) + 0.25), { dtype: 'float64' }).reshape(y.shape);
      const wv = flatValues(w);
      const ours = autograd.grad(y, vars, { head_grads: w.astype(y.dtype) });
      const objective = (xs: NDArray[]): number => {
        const r = c.f(xs.map((v, i) => view(v, inputs[i]!)), p);
        const rv = flatValues(r.astype('float64'));
        return rv.reduce((s, x, i) => s + (Number.isNaN(x) ? 0 : x * wv[i]!), 0); // NaN results carry no gradient
      };
      inputs.forEach((spec, k) => {
        const base = reorder(spec);
        const eps = 1e-6;
        const got = flatValues(ours[k]!);
        const want = base.map((x0, j) => np.scope(() => {
          if (Number.isNaN(x0)) return 0; // NaN inputs (nan- reductions) get no gradient
          const at = (x: number): number => {
            const d = [...base];
            d[j] = x;
            return objective(vars.map((v, i) => (i === k ? variable(spec, d) : v)));
          };
          return (at(x0 + eps) - at(x0 - eps)) / (2 * eps);
        }));
        const tol = c.tol ?? 1e-5;
        const where = `${c.label} input ${k} shape (${spec.shape}) ${spec.transposed ? 'transposed ' : ''}p=${JSON.stringify(p)} x=${JSON.stringify(spec.data)}`;
        expect(got.length, where).toBe(want.length);
        got.forEach((gv, j) => {
          const wj = want[j]!;
          if (!(Math.abs(gv - wj) <= tol * (1 + Math.abs(wj)))) { // (NaN fails)
            expect.fail(`${where}: d/dx[${j}] autograd ${gv}, finite differences ${wj}`);
          }
        });
      });
    });
  }
}
