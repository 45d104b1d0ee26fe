// Every differentiable op's vjp against central finite differences in float64, over generated
// shapes (broadcasting, 0-d, transposed = non-contiguous inputs) and values in the op's domain;
// and a registry walk that reports every op without a gradient or without a case here.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import { autograd, np, npx } from '../src/index.js';
import type { NDArray } from '../src/core/ndarray.js';
import { allOps } from '../src/core/op.js';
import { type Avoid, type GradCase, type InputSpec, awayFrom, binaryArb, gShape, gradcheck, inputArb } from './helpers/gradcheck.js';

beforeAll(() => npx.set_np({ dtype: 'numpy' }));

type Fn = (...xs: NDArray[]) => NDArray;
const none = fc.constant(undefined);
const awayFromInt = awayFrom(Math.round, 0.05);
const awayFromHalf = awayFrom((x) => Math.round(x - 0.5) + 0.5, 0.05);
const awayFromZero = awayFrom(() => 0, 0.2);
const awayFromGrid = awayFrom((x) => Math.round(x * 2) / 2, 0.02); // clip's bounds and the like

function unary(op: string, f: Fn, lo = -2, hi = 2, avoid?: Avoid, ops: string[] = [op]): GradCase<undefined> {
  return { ops, label: op, gen: fc.record({ inputs: inputArb(gShape(), lo, hi, avoid).map((x) => [x]), p: none }), f: (xs) => f(...xs) };
}
function binary(op: string, f: Fn, lo: [number, number], hi: [number, number], avoid?: Avoid): GradCase<undefined> {
  return { ops: [op], label: op, gen: fc.record({ inputs: binaryArb(lo, hi, avoid), p: none }), f: (xs) => f(...xs) };
}

const ELEMENTWISE: GradCase<undefined>[] = [
  unary('negative', np.negative), unary('positive', np.positive),
  unary('exp', np.exp), unary('exp2', np.exp2), unary('expm1', np.expm1),
  unary('log', np.log, 0.2, 3), unary('log2', np.log2, 0.2, 3), unary('log10', np.log10, 0.2, 3), unary('log1p', np.log1p, -0.5, 2),
  unary('sqrt', np.sqrt, 0.2, 3), unary('cbrt', np.cbrt, -3, 3, awayFromZero), unary('square', np.square),
  unary('reciprocal', np.reciprocal, -3, 3, awayFromZero), unary('absolute', np.absolute, -3, 3, awayFromZero), unary('fabs', np.fabs, -3, 3, awayFromZero),
  unary('sin', np.sin), unary('cos', np.cos), unary('tan', np.tan, -1.2, 1.2),
  unary('arcsin', np.arcsin, -0.9, 0.9), unary('arccos', np.arccos, -0.9, 0.9), unary('arctan', np.arctan),
  unary('sinh', np.sinh), unary('cosh', np.cosh), unary('tanh', np.tanh),
  unary('arcsinh', np.arcsinh), unary('arccosh', np.arccosh, 1.2, 3), unary('arctanh', np.arctanh, -0.9, 0.9),
  unary('deg2rad', np.deg2rad), unary('rad2deg', np.rad2deg),
  unary('floor', np.floor, -3, 3, awayFromInt), unary('ceil', np.ceil, -3, 3, awayFromInt), unary('trunc', np.trunc, -3, 3, awayFromInt),
  unary('rint', np.rint, -3, 3, awayFromHalf), unary('sign', np.sign, -3, 3, awayFromZero),
  unary('spacing', np.spacing, 0.3, 0.45), // one binade: the spacing is constant there
  unary('modf', (x) => { const [f, i] = np.modf(x); return f.add(i.mul(3)); }, -3, 3, awayFromInt),
  unary('frexp', (x) => np.frexp(x)[0], 0.3, 0.45),
  unary('astype', (x) => np.astype(x, 'float64'), -2, 2),
  unary('ldexp', (x) => np.ldexp(x, np.array([2], { dtype: 'int32' }))),
  unary('nan_to_num', (x) => np.nan_to_num(np.log(x)), -0.5, 2, awayFromZero), // -inf/NaN replaced: no gradient there
  unary('round', (x) => np.round(x, 1).add(x), -2, 2, awayFrom((x) => Math.round(x * 10 - 0.5) / 10 + 0.05, 0.01)),
  unary('heaviside', (x) => np.heaviside(x, 0.5), -3, 3, awayFromZero),
  binary('add', np.add, [-2, 2], [-2, 2]), binary('subtract', np.subtract, [-2, 2], [-2, 2]),
  binary('multiply', np.multiply, [-2, 2], [-2, 2]), binary('true_divide', np.true_divide, [-2, 2], [0.5, 2]),
  binary('power', np.power, [0.5, 2], [-2, 2]), binary('float_power', np.float_power, [0.5, 2], [-2, 2]),
  binary('maximum', np.maximum, [-2, 2], [-2, 2]), binary('minimum', np.minimum, [-2, 2], [-2, 2]),
  // fmax/fmin give a tie wholly to the first operand (PyTorch's rule, checked in autograd_torch), where
  // central differences see half: the shift keeps generated inputs (often equal) off ties
  binary('fmax', (a, b) => np.fmax(a, b.add(0.0123)), [-2, 2], [-2, 2]), binary('fmin', (a, b) => np.fmin(a, b.add(0.0123)), [-2, 2], [-2, 2]),
  binary('hypot', np.hypot, [0.3, 2], [0.3, 2]), binary('arctan2', np.arctan2, [0.3, 2], [-2, -0.3]),
  binary('logaddexp', np.logaddexp, [-2, 2], [-2, 2]), binary('logaddexp2', np.logaddexp2, [-2, 2], [-2, 2]),
  binary('copysign', np.copysign, [0.3, 2], [-2, 2]),
  binary('nextafter', np.nextafter, [-2, 2], [-2, 2]),
  binary('fmod', np.fmod, [0.3, 3], [1.1, 1.4]), binary('remainder', np.remainder, [0.3, 3], [1.1, 1.4]),
  binary('floor_divide', np.floor_divide, [0.3, 3], [1.1, 1.4]),
  binary('divmod', (a, b) => { const [q, r] = np.divmod(a, b); return r.add(q); }, [0.3, 3], [1.1, 1.4]),
  {
    ops: ['where'], label: 'where',
    gen: fc.record({ inputs: binaryArb([-2, 2], [-2, 2]), p: fc.array(fc.boolean(), { minLength: 27, maxLength: 27 }) }),
    f: ([x, y], mask) => {
      const shape = np.add(x!, y!).shape;
      const c = np.array(mask.slice(0, shape.reduce((a, b) => a * b, 1))).reshape(shape);
      return np.where(c, x!, y!);
    },
  },
  {
    ops: ['clip'], label: 'clip (array bounds)',
    gen: gShape().chain((s) => fc.record({
      inputs: fc.tuple(inputArb(fc.constant(s), -3, 3, awayFromGrid), inputArb(fc.constant(s), -1.2, -0.3), inputArb(fc.constant(s), 0.3, 1.2)),
      p: none,
    })),
    f: ([x, lo, hi]) => np.clip(x!, lo!, hi!),
  },
  unary('clip', (x) => np.clip(x, -1.01, 0.99), -3, 3, awayFromGrid, ['clip']),
];

// ---- reductions -------------------------------------------------------------------------------

interface RP { axis: number | number[] | null; keepdims: boolean }
const axisArb = (nd: number): fc.Arbitrary<number | number[] | null> => (nd === 0 ? fc.constant(null)
  : fc.oneof(fc.constant(null), fc.integer({ min: -nd, max: nd - 1 }), fc.shuffledSubarray([...Array(nd).keys()], { minLength: 1 })));
function reduction(op: string, f: (x: NDArray, p: RP) => NDArray, lo = -2, hi = 2, ops = [op], withNaN = false, nonEmpty = false, dims?: fc.Arbitrary<number[]>): GradCase<RP> {
  const shape = dims ?? gShape(nonEmpty ? 1 : 0, 3);
  const input = inputArb(shape, lo, hi).chain((x) => (withNaN
    ? fc.array(fc.boolean(), { minLength: x.data.length, maxLength: x.data.length }).map((m) => ({ ...x, data: x.data.map((v, i) => (m[i] && i % 2 === 0 ? NaN : v)) }))
    : fc.constant(x)));
  return {
    ops, label: op,
    gen: input.chain((x) => fc.record({ inputs: fc.constant([x] as InputSpec[]), p: fc.record({ axis: axisArb(x.shape.length), keepdims: fc.boolean() }) })),
    f: ([x], p) => f(x!, p),
  };
}
const scanAxis = (nd: number): fc.Arbitrary<number | null> => (nd === 0 ? fc.constant(null) : fc.oneof(fc.constant(null), fc.integer({ min: -nd, max: nd - 1 })));
function scan(op: string, f: (x: NDArray, axis: number | null) => NDArray, lo = -2, hi = 2, withNaN = false): GradCase<RP> {
  const base = reduction(op, () => { throw new Error('unused'); }, lo, hi, [op], withNaN);
  return {
    ...base,
    gen: base.gen.chain(({ inputs }) => fc.record({ inputs: fc.constant(inputs), p: scanAxis(inputs[0]!.shape.length).map((axis) => ({ axis, keepdims: false })) })),
    f: ([x], p) => f(x!, p.axis as number | null),
  };
}

const REDUCTIONS: GradCase<RP>[] = [
  reduction('sum', (x, p) => np.sum(x, p)),
  reduction('nansum', (x, p) => np.nansum(x, p), -2, 2, ['nansum'], true),
  reduction('prod', (x, p) => np.prod(x, p), 0.5, 1.5),
  reduction('nanprod', (x, p) => np.nanprod(x, p), 0.5, 1.5, ['nanprod'], true),
  reduction('max', (x, p) => np.max(x, p), -2, 2, ['max'], false, true),
  reduction('min', (x, p) => np.min(x, p), -2, 2, ['min'], false, true),
  reduction('nanmax', (x, p) => np.nanmax(x, p), -2, 2, ['nanmax'], false, true),
  reduction('nanmin', (x, p) => np.nanmin(x, p), -2, 2, ['nanmin'], false, true),
  reduction('mean', (x, p) => np.mean(x, p), -2, 2, ['mean'], false, true),
  reduction('var', (x, p) => np.var(x, p), -2, 2, ['var'], false, true),
  // (dims of 2 or 3: the std of one element is 0, where sqrt's gradient is NaN, as PyTorch's)
  reduction('std', (x, p) => np.std(x, { ...p, ddof: 0 }), -2, 2, ['std'], false, true,
    fc.integer({ min: 1, max: 3 }).chain((n) => fc.array(fc.integer({ min: 2, max: 3 }), { minLength: n, maxLength: n }))),
  reduction('nanmean', (x, p) => np.nanmean(x, p), -2, 2, ['nanmean', 'count_nonnan'], false, true),
  reduction('nanvar', (x, p) => np.nanvar(x, p), -2, 2, ['nanvar'], false, true),
  reduction('ptp', (x, p) => np.ptp(x, p), -2, 2, ['ptp'], false, true),
  reduction('average', (x, p) => np.average(x, { axis: p.axis, keepdims: p.keepdims }), -2, 2, ['average'], false, true),
  scan('sort', (x, axis) => np.sort(x, { axis }).mul(np.arange(1, 1 + x.size, { dtype: 'float64' }).reshape(axis === null ? [x.size] : x.shape))),
  scan('partition', (x, axis) => {
    const a = axis === null ? np.ravel(x) : x;
    const ax = axis === null ? 0 : axis < 0 ? axis + x.ndim : axis;
    return np.partition(a, Math.floor(a.shape[ax]! / 2), { axis: ax }).mul(np.arange(1, 1 + a.size, { dtype: 'float64' }).reshape(a.shape));
  }),
  reduction('median', (x, p) => np.median(x, p), -2, 2, ['median', 'quantile'], false, true),
  reduction('nanmedian', (x, p) => np.nanmedian(x, p), -2, 2, ['nanmedian'], true, true),
  ...(['linear', 'lower', 'higher', 'midpoint', 'nearest', 'hazen', 'weibull', 'median_unbiased', 'inverted_cdf', 'closest_observation'] as const).map((method) =>
    reduction(`quantile (${method})`, (x, p) => np.quantile(x, [0.2, 0.55, 0.9], { ...p, method }), -2, 2, ['quantile'], false, true)),
  reduction('percentile', (x, p) => np.percentile(x, 37, p), -2, 2, ['percentile'], false, true),
  {
    ops: ['bincount'], label: 'bincount (weights)',
    gen: fc.record({ inputs: inputArb(gShape(1, 1), -2, 2).map((x) => [x]), p: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 3 }) }),
    f: ([w], bins) => np.bincount(np.array(bins.slice(0, w!.size)), { weights: w! }),
  } as GradCase<any>,
  {
    ops: ['average'], label: 'average (weights, returned)',
    gen: gShape(1, 3).chain((s) => fc.record({
      inputs: fc.tuple(inputArb(fc.constant(s), -2, 2), inputArb(fc.constant(s), 0.5, 2)),
      p: fc.integer({ min: 0, max: s.length - 1 }),
    })),
    f: ([a, w], axis) => {
      const [avg, scl] = np.average(a!, { weights: w!, axis, returned: true });
      return avg.add(scl.mul(0.3));
    },
  } as GradCase<any>,
  scan('cumsum', (x, axis) => np.cumsum(x, axis)),
  scan('cumprod', (x, axis) => np.cumprod(x, axis), 0.5, 1.5),
  scan('nancumsum', (x, axis) => np.nancumsum(x, axis), -2, 2, true),
  scan('nancumprod', (x, axis) => np.nancumprod(x, axis), 0.5, 1.5, true),
];

const MOVEMENT: GradCase<undefined>[] = [
  {
    ops: ['reshape'], label: 'reshape',
    gen: fc.record({ inputs: inputArb(gShape(), -2, 2).map((x) => [x]), p: none }),
    f: ([x]) => np.reshape(x!, [-1]).mul(np.arange(x!.size, { dtype: 'float64' })),
  },
  {
    ops: ['transpose'], label: 'transpose',
    gen: fc.record({ inputs: inputArb(gShape(2, 3), -2, 2).map((x) => [x]), p: none }),
    f: ([x]) => np.transpose(x!).mul(np.arange(x!.size, { dtype: 'float64' }).reshape([...x!.shape].reverse())),
  },
  {
    ops: ['broadcast_to'], label: 'broadcast_to inside a vjp (sum broadcasts back)',
    gen: fc.record({ inputs: inputArb(gShape(1, 3), -2, 2).map((x) => [x]), p: none }),
    f: ([x]) => np.sum(x!, { axis: 0 }).mul(x!), // sum's vjp broadcasts back
  },
];

// ---- shape manipulation, indexing, matmul (the ops that arrived with those branches) ------------

/** One input of a generated shape with the parameter drawn from it. */
function withShape<P>(label: string, ops: string[], shape: fc.Arbitrary<number[]>, p: (s: number[]) => fc.Arbitrary<P>, f: (x: NDArray, p: P) => NDArray): GradCase<P> {
  return {
    ops, label,
    gen: inputArb(shape, -2, 2).chain((x) => fc.record({ inputs: fc.constant([x] as InputSpec[]), p: p(x.shape) })),
    f: ([x], q) => f(x!, q),
  };
}
const axisOf = (s: number[]): fc.Arbitrary<number> => fc.integer({ min: -s.length, max: s.length - 1 });
/** A shape that also has size-1 axes (for squeeze) and dims up to 4 (slices with steps). */
const wideShape = (min = 1, max = 3): fc.Arbitrary<number[]> => fc.integer({ min, max }).chain((n) => fc.array(fc.integer({ min: 1, max: 4 }), { minLength: n, maxLength: n }));
const sliceArb = (n: number): fc.Arbitrary<string> => fc.tuple(fc.integer({ min: -n - 1, max: n }), fc.integer({ min: -n - 1, max: n }), fc.constantFrom(1, 2, -1, -2))
  .map(([a, b, st]) => `${a}:${b}:${st}`);
/** A basic index over the first dims of `s`: ints, slices with steps, newaxis and an ellipsis. */
const basicIndexArb = (s: number[]): fc.Arbitrary<string> => fc.tuple(...s.map((n) => fc.oneof(fc.integer({ min: -n, max: n - 1 }).map(String), sliceArb(n), fc.constant(':'))), fc.boolean())
  .map(([...parts]) => {
    const newaxis = parts.pop() as boolean;
    const items = parts as string[];
    if (newaxis) items.splice(Math.min(1, items.length), 0, 'None');
    return items.length ? items.join(', ') : '...';
  });
/** Index arrays with repeats (so the gradient has to accumulate), negative ones included. */
const indexArr = (n: number, len: number): fc.Arbitrary<number[]> => fc.array(fc.integer({ min: -n, max: n - 1 }), { minLength: len, maxLength: len });

const MANIP: GradCase<any>[] = [
  withShape('squeeze', ['squeeze'], wideShape(0, 4).map((s) => s.map((d, i) => (i % 2 ? 1 : d))), () => none, (x) => np.squeeze(x)),
  withShape('broadcast_to', ['broadcast_to'], gShape(0, 2), () => fc.integer({ min: 1, max: 3 }), (x, k) => np.broadcast_to(x, [k, 2, ...x.shape.map((d) => d)]).mul(np.arange(k * 2 * x.size, { dtype: 'float64' }).reshape([k, 2, ...x.shape]))),
  withShape('flip', ['flip'], gShape(1, 3), (s) => fc.option(axisOf(s), { nil: undefined }), (x, axis) => np.flip(x, axis).mul(np.arange(x.size, { dtype: 'float64' }).reshape(x.shape))),
  withShape('split (axis_slice)', ['axis_slice'], wideShape(1, 3), (s) => axisOf(s), (x, axis) => {
    const parts = np.split(x, [1], { axis });
    return np.concatenate([parts[1]!.mul(2), parts[0]!.mul(parts[0]!)], { axis });
  }),
  withShape('roll (axis_slice, concatenate)', ['axis_slice', 'concatenate'], wideShape(1, 3), (s) => axisOf(s), (x, axis) => np.roll(x, 1, axis).mul(np.arange(x.size, { dtype: 'float64' }).reshape(x.shape))),
  withShape('get (basic_index: ints, slices with steps, newaxis)', ['basic_index'], wideShape(1, 3), basicIndexArb, (x, ix) => x.get(ix).mul(x.get(ix))),
  withShape('diagonal', ['diagonal'], wideShape(2, 3), (s) => fc.record({ offset: fc.integer({ min: -2, max: 2 }), axis1: fc.constant(s.length - 1), axis2: fc.constant(0) }), (x, o) => np.diagonal(x, o).mul(3)),
  withShape('linalg.diagonal', ['linalg_diagonal'], wideShape(2, 3), () => fc.integer({ min: -2, max: 2 }), (x, offset) => np.linalg.diagonal(x, { offset }).mul(3)),
  {
    ops: ['concatenate'], label: 'concatenate (unequal lengths, an input twice)',
    gen: wideShape(1, 3).chain((s) => fc.record({
      inputs: fc.tuple(inputArb(fc.constant(s), -2, 2), inputArb(fc.constant(s.map((d, i) => (i === 0 ? 2 : d))), -2, 2)),
      p: fc.constant(0),
    })),
    f: ([x, y], axis) => np.concatenate([x!, y!, x!], { axis }),
  },
  withShape('repeat (per-element counts)', ['repeat'], wideShape(1, 3), (s) => axisOf(s).chain((a) => fc.record({
    axis: fc.constant(a), reps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: s[a < 0 ? a + s.length : a]!, maxLength: s[a < 0 ? a + s.length : a]! }),
  })), (x, { axis, reps }) => np.repeat(x, reps, { axis }).mul(1.5)),
  withShape('repeat (one count, flattened)', ['repeat', 'broadcast_to'], gShape(0, 3), () => fc.integer({ min: 0, max: 3 }), (x, k) => np.repeat(x, k).mul(np.arange(x.size * k, { dtype: 'float64' }))),
  withShape('get (index_gather: repeated and negative indices, two index arrays)', ['index_gather'], wideShape(2, 3), (s) => fc.tuple(indexArr(s[0]!, 5), indexArr(s[1]!, 5)), (x, [i, j]) => {
    const a = x.get(np.array(i, { dtype: 'int64' }), ':');
    const b = x.get(np.array(i, { dtype: 'int32' }), np.array(j, { dtype: 'int64' }));
    return np.sum(a.mul(a)).add(b.mul(np.arange(b.size, { dtype: 'float64' }).reshape(b.shape)));
  }),
  withShape('take (modes, axis)', ['index_gather'], wideShape(1, 3), (s) => fc.record({ axis: axisOf(s), idx: fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 1, maxLength: 6 }), mode: fc.constantFrom('wrap' as const, 'clip' as const) }),
    (x, { axis, idx, mode }) => np.take(x, idx, { axis, mode }).mul(1.5)),
  withShape('extract (compress_1d)', ['compress_1d'], gShape(1, 3), (s) => fc.array(fc.boolean(), { minLength: s.reduce((a, b) => a * b, 1), maxLength: s.reduce((a, b) => a * b, 1) }), (x, m) => np.extract(np.array(m).reshape(x.shape), x).mul(1.5)),
  withShape('random.choice (take_1d)', ['take_1d'], fc.integer({ min: 1, max: 4 }).map((n) => [n]), () => fc.integer({ min: 0, max: 1000 }), (x, seed) => np.random.default_rng(seed).choice(x, 7).mul(np.arange(7, { dtype: 'float64' }))),
  {
    ops: ['matmul'], label: 'matmul (batch broadcasting, 1-D operands)',
    gen: fc.record({
      n: fc.integer({ min: 1, max: 3 }), k: fc.integer({ min: 1, max: 3 }), m: fc.integer({ min: 1, max: 3 }),
      ba: fc.constantFrom([], [2], [1], [2, 1]), bb: fc.constantFrom([], [3], [1, 2]), va: fc.boolean(), vb: fc.boolean(),
    }).chain(({ n, k, m, ba, bb, va, vb }) => fc.record({
      inputs: fc.tuple(inputArb(fc.constant(va ? [k] : [...ba, n, k]), -2, 2), inputArb(fc.constant(vb ? [k] : [...bb, k, m]), -2, 2)),
      p: none,
    })),
    f: ([a, b]) => np.matmul(a!, b!),
  },
  ...([
    ['tensordot', (a: NDArray, b: NDArray) => np.tensordot(a, b, [[1], [0]])],
    ['vecdot', (a: NDArray, b: NDArray) => np.vecdot(a, np.transpose(b))],
    ['outer', (a: NDArray, b: NDArray) => np.outer(a, b)],
    ['inner', (a: NDArray, b: NDArray) => np.inner(a, np.transpose(b))],
    ['kron', (a: NDArray, b: NDArray) => np.kron(a, b)],
    ['einsum ij,jk->ik', (a: NDArray, b: NDArray) => np.einsum('ij,jk->ik', a, b)],
    ['einsum ij,ji->i (elementwise, transposed, reduced)', (a: NDArray, b: NDArray) => np.einsum('ij,ji->i', a, b)],
    ['einsum ij,kl->ljk (outer, permuted)', (a: NDArray, b: NDArray) => np.einsum('ij,kl->ljk', a, b)],
    ['cross (3-vectors along axis 0)', (a: NDArray, b: NDArray) => np.cross(a.get(':, 0:1'), b.get('0:1, :').reshape([3, 1]), { axis: 0 })],
  ] as const).map(([label, fn]) => ({
    ops: ['matmul', 'multiply'], label: `${label} (composite: recorded internal views)`,
    gen: fc.integer({ min: 1, max: 3 }).chain((k) => fc.record({ inputs: fc.tuple(inputArb(fc.constant([3, k]), -2, 2), inputArb(fc.constant([k, 3]), -2, 2)), p: none })),
    f: ([a, b]: NDArray[]) => fn(a!, b!),
  })),
  {
    ops: ['index_set'], label: 'a.set (index array with repeats, value from x) — more in tests/autograd_writes.test.ts',
    gen: wideShape(1, 3).chain((sh) => fc.record({ inputs: inputArb(fc.constant(sh), -2, 2).map((x) => [x]), p: indexArr(sh[0]!, 3) })),
    f: ([x], idx: number[]) => {
      const y = x!.mul(2);
      y.set(np.array(idx, { dtype: 'int64' }), x!.get(np.array(idx.map((i) => -1 - i), { dtype: 'int64' })).mul(3));
      return y.mul(x!);
    },
  },
  ...([[[0, 0.5, 1.5, 3]], 3] as const).map((bins) => ({
    ops: ['histogram_edges_weighted', 'histogram_uniform'], label: `histogram weights (bins ${JSON.stringify(bins)})`,
    gen: fc.record({ inputs: inputArb(fc.constant([8]), -2, 2).map((x) => [x]), p: none }),
    // samples: outside both ends, on edges, on the last edge (the closed last bin)
    f: ([w]: NDArray[]) => np.histogram(np.array([-1, 0, 0.2, 0.5, 1.6, 3, 4, 2.9]), { bins: Array.isArray(bins) ? bins[0]! : bins, range: Array.isArray(bins) ? null : [0, 3], weights: w! })[0],
  })),
];

// ---- np.linalg: well-conditioned inputs built inside f (M + 3I; symmetric ones as M Mᵀ + nI or
// M + Mᵀ with spread eigenvalues), so finite differences stay away from singular / repeated cases.
const sqShape = fc.tuple(fc.constantFrom([] as number[], [2]), fc.integer({ min: 1, max: 3 })).map(([b, n]) => [...b, n, n]);
const sqCase = (label: string, ops: string[], f: (m: NDArray) => NDArray, tol?: number): GradCase<undefined> => ({
  ops, label, tol, gen: fc.record({ inputs: inputArb(sqShape, -1, 1).map((x) => [x]), p: none }), f: ([m]) => f(m!),
});
const eyeLike = (m: NDArray, k = 3): NDArray => np.eye(m.shape[m.ndim - 1]!, { dtype: 'float64' }).mul(k);
const spd = (m: NDArray): NDArray => np.matmul(m, np.swapaxes(m, -1, -2)).add(eyeLike(m, 1));
const spread = (m: NDArray): NDArray => {
  const n = m.shape[m.ndim - 1]!;
  return m.add(np.swapaxes(m, -1, -2)).add(np.arange(n, { dtype: 'float64' }).mul(4).reshape([n, 1]).mul(np.eye(n, { dtype: 'float64' })));
};

const LINALG: GradCase<any>[] = [
  sqCase('linalg.det', ['linalg_det'], (m) => np.linalg.det(m.add(eyeLike(m)))),
  sqCase('linalg.slogdet', ['linalg_det'], (m) => { const [sg, l] = np.linalg.slogdet(m.sub(eyeLike(m))); return l.add(sg.mul(0.3)); }),
  sqCase('linalg.inv', ['linalg_solve'], (m) => np.linalg.inv(m.add(eyeLike(m)))),
  {
    ops: ['linalg_solve'], label: 'linalg.solve (batch broadcasting, 1-D b)',
    gen: fc.record({ n: fc.integer({ min: 1, max: 3 }), k: fc.constantFrom(0, 1, 2), ba: fc.constantFrom([], [2]), bb: fc.constantFrom([], [2], [1]) })
      .chain(({ n, k, ba, bb }) => fc.record({
        inputs: fc.tuple(inputArb(fc.constant([...ba, n, n]), -1, 1), inputArb(fc.constant(k === 0 ? [n] : [...bb, n, k]), -2, 2)),
        p: none,
      })),
    f: ([a, b]) => np.linalg.solve(a!.add(eyeLike(a!)), b!),
  },
  {
    // tall (residuals returned), square and wide (minimum-norm solution) systems; b a vector or a
    // matrix; x, the residuals and the singular values all feed the checked output
    ops: ['linalg_lstsq'], label: 'linalg.lstsq (tall, square, wide; x, residuals, s)',
    gen: fc.record({ m: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 4 }), k: fc.constantFrom(0, 1, 2) })
      .chain(({ m, n, k }) => fc.record({
        inputs: fc.tuple(inputArb(fc.constant([m, n]), -0.5, 0.5), inputArb(fc.constant(k === 0 ? [m] : [m, k]), -2, 2)),
        p: none,
      })),
    f: ([a, b]) => {
      const [m, n] = a!.shape as [number, number];
      const [x, res, , s] = np.linalg.lstsq(a!.add(np.eye(m, n, { dtype: 'float64' }).mul(2)), b!);
      return np.concatenate([np.ravel(x), res.mul(0.3), s.mul(0.7)]);
    },
  },
  sqCase('linalg.cholesky', ['linalg_cholesky'], (m) => np.linalg.cholesky(spd(m))),
  sqCase('linalg.cholesky (upper)', ['linalg_cholesky'], (m) => np.linalg.cholesky(spd(m), { upper: true })),
  sqCase('linalg.eigh (values, squared vectors)', ['linalg_eigh'], (m) => {
    const [w, v] = np.linalg.eigh(spread(m));
    return np.concatenate([w.reshape([...w.shape, 1]), v.mul(v)], { axis: -1 });
  }),
  sqCase('linalg.eigvalsh', ['linalg_eigh'], (m) => np.linalg.eigvalsh(spread(m), { UPLO: 'U' })),
  ...([true, false] as const).map((full) => ({
    ops: ['linalg_svd'], label: `linalg.svd (full_matrices ${full}; S, U², Vh²)`,
    gen: fc.record({ ba: fc.constantFrom([] as number[], [2]), m: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 4 }) })
      .chain(({ ba, m, n }) => fc.record({ inputs: inputArb(fc.constant([...ba, m, n]), -0.5, 0.5).map((x) => [x]), p: none })),
    // spread singular values (about 1, 3, 5, …): distinct and away from 0; squares are sign-invariant
    f: ([a]: NDArray[]) => {
      const [m, n] = a!.shape.slice(-2) as [number, number];
      const x = a!.add(np.eye(m, n, { dtype: 'float64' }).mul(np.arange(1, 1 + n, { dtype: 'float64' }).mul(2).sub(1)));
      const [u, sv, vh] = np.linalg.svd(x, { full_matrices: full });
      const k = Math.min(m, n);
      const uk = u.get(`..., :${k}`), vk = vh.get(`..., :${k}, :`);
      return np.concatenate([sv, np.sum(uk.mul(uk).mul(np.arange(m, { dtype: 'float64' }).reshape([m, 1])), -2), np.sum(vk.mul(vk).mul(np.arange(n, { dtype: 'float64' })), -1)], { axis: -1 });
    },
  })),
  ...(['reduced', 'complete', 'r'] as const).map((mode) => ({
    ops: ['linalg_qr'], label: `linalg.qr (${mode}, m ≥ n and m < n)`,
    gen: fc.record({ ba: fc.constantFrom([] as number[], [2]), m: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 4 }) })
      .chain(({ ba, m, n }) => fc.record({ inputs: inputArb(fc.constant([...ba, m, n]), -0.5, 0.5).map((x) => [x]), p: none })),
    f: ([a]: NDArray[]) => {
      const [m, n] = a!.shape.slice(-2) as [number, number];
      const x = a!.add(np.eye(m, n, { dtype: 'float64' }).mul(np.arange(1, 1 + n, { dtype: 'float64' }).mul(2).sub(1)));
      if (mode === 'r') return np.linalg.qr(x, { mode });
      const [q, r] = np.linalg.qr(x, { mode });
      const qk = q.get(`..., :${Math.min(m, n)}`); // (complete: the columns past n are not determined by x)
      return np.concatenate([qk.reshape([...qk.shape.slice(0, -2), -1]), r.reshape([...r.shape.slice(0, -2), -1])], { axis: -1 });
    },
  })),
  {
    ops: ['linalg_svd'], label: 'linalg.svdvals',
    gen: fc.record({ m: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 4 }) })
      .chain(({ m, n }) => fc.record({ inputs: inputArb(fc.constant([m, n]), -0.5, 0.5).map((x) => [x]), p: none })),
    f: ([a]: NDArray[]) => np.linalg.svdvals(a!.add(np.eye(a!.shape[0]!, a!.shape[1]!, { dtype: 'float64' }).mul(np.arange(1, 1 + a!.shape[1]!, { dtype: 'float64' }).mul(2)))),
  },
];

const CASES: GradCase<any>[] = [...ELEMENTWISE, ...REDUCTIONS, ...MOVEMENT, ...MANIP, ...LINALG];

describe('gradients vs finite differences (float64)', () => {
  CASES.forEach((c, i) => {
    it(c.label, () => gradcheck(c, 100 + i));
  });

  it('prod with zeros in the reduced lanes (one zero: the product of the others; two: none)', () => {
    gradcheck({
      ops: ['prod'], label: 'prod with zeros',
      gen: fc.record({ inputs: fc.constant([{ shape: [3, 4], data: [0, 1.5, 2, 0.5, 0, 0, 1.2, 3, 0.7, 1.1, 1.3, 0.9], transposed: false }]), p: fc.constantFrom(0, 1, null) }),
      f: ([x], axis) => np.prod(x!, axis),
    }, 7);
  });
});

// ---- second order: the gradient of a recorded gradient (create_graph) vs finite differences of
// the first gradient --------------------------------------------------------------------------

/**
 * x ↦ d/dx sum(f(x) · u): while recording (the checked path) through autograd.grad with
 * create_graph; otherwise (finite differences) computed plainly on a fresh variable.
 */
function firstGradient<P>(f: (xs: NDArray[], p: P) => NDArray): (xs: NDArray[], p: P) => NDArray {
  const head = (y: NDArray): NDArray => np.sum(y.mul(np.arange(1, 1 + y.size, { dtype: 'float64' }).reshape(y.shape).mul(0.37).add(0.5)));
  return (xs, p) => {
    if (autograd.is_recording()) return autograd.grad(head(f(xs, p)), xs[0]!, { create_graph: true });
    const v = xs[0]!.copy();
    v.attach_grad();
    const y = autograd.record(() => head(f([v, ...xs.slice(1).map((x) => x.detach())], p)));
    return autograd.grad(y, v);
  };
}
const SMOOTH = new Set(['exp', 'exp2', 'expm1', 'log', 'log2', 'log10', 'log1p', 'sqrt', 'cbrt', 'square', 'reciprocal', 'sin', 'cos', 'tan',
  'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'arcsinh', 'arccosh', 'arctanh', 'multiply', 'true_divide', 'power', 'float_power',
  'hypot', 'arctan2', 'logaddexp', 'logaddexp2', 'prod', 'var', 'std', 'nanvar', 'cumprod',
  'matmul (batch broadcasting, 1-D operands)', 'get (index_gather: repeated and negative indices, two index arrays)', 'split (axis_slice)',
  'linalg.det', 'linalg.inv', 'linalg.solve (batch broadcasting, 1-D b)', 'linalg.lstsq (tall, square, wide; x, residuals, s)', 'linalg.cholesky', 'linalg.eigh (values, squared vectors)', 'linalg.svd (full_matrices false; S, U², Vh²)', 'linalg.qr (reduced, m ≥ n and m < n)']);
/** Piecewise-linear ops (their own second derivative is 0): checked on x² so their vjp runs recorded. */
const LINEAR = new Set(['absolute', 'maximum', 'minimum', 'fmax', 'fmin', 'clip', 'where', 'sum', 'nansum', 'max', 'min', 'mean', 'average', 'ptp', 'cumsum', 'sort', 'reshape', 'transpose',
  'squeeze', 'broadcast_to', 'flip', 'get (basic_index: ints, slices with steps, newaxis)', 'diagonal', 'linalg.diagonal', 'concatenate (unequal lengths, an input twice)', 'repeat (per-element counts)', 'take (modes, axis)', 'extract (compress_1d)']);
const squaredFirst = <P>(f: (xs: NDArray[], p: P) => NDArray) => (xs: NDArray[], p: P): NDArray => f([xs[0]!.mul(xs[0]!), ...xs.slice(1)], p);
const SECOND: GradCase<any>[] = [
  ...CASES.filter((c) => SMOOTH.has(c.label)).map((c) => ({ ...c, label: `${c.label} (second order)`, f: firstGradient(c.f), runs: 3, tol: 1e-4 })),
  ...CASES.filter((c) => LINEAR.has(c.label)).map((c) => ({ ...c, label: `${c.label} of x² (second order)`, f: firstGradient(squaredFirst(c.f)), runs: 3, tol: 1e-4 })),
];

describe('second-order gradients (create_graph) vs finite differences of the first', () => {
  SECOND.forEach((c, i) => {
    it(c.label, () => gradcheck(c, 500 + i));
  });
});

// ---- the registry: every op either has a gradient and a case above, or is reported ----------

// (stop_gradient, detach and the random draws are checked by value in tests/autograd_api.test.ts and
// below; view_grad by the second-order cases of the views, pick_grad — the vjp of
// maximum/minimum — by their second-order cases; finite differences
// can't see a stopped gradient)
const covered = new Set(CASES.flatMap((c) => c.ops).concat('prod', 'stop_gradient', 'detach', 'view_grad', 'pick_grad', 'random_dist', 'random_mvnormal', 'random_dirichlet', 'unique_fill'));
/** Ops whose outputs are all integers or booleans (indices, masks, counts): nothing to differentiate. */
function indexValued(name: string): boolean {
  const op = allOps().find((o) => o.name === name)!;
  if (op.kind === 'elementwise' || op.kind === 'reduce') return op.parsedLoops.every((l) => l.outputs.every((d) => d === 'bool' || !d.startsWith('float') && !d.startsWith('bfloat')));
  if (op.kind === 'movement') return false;
  try {
    const metas = op.infer!(Array.from({ length: op.nin }, () => ({ shape: [3], dtype: 'float64' as const })), op.attrs);
    return metas.every((m) => !m.dtype.startsWith('float'));
  } catch {
    return false;
  }
}

describe('op registry: gradients', () => {
  const ops = allOps().map((o) => o.name).sort();
  it('finds the ops', () => expect(ops.length).toBeGreaterThan(100));
  for (const name of ops) {
    const op = allOps().find((o) => o.name === name)!;
    if (indexValued(name)) continue;
    if (!op.vjp && !op.stopsGradient) it.todo(`'${name}' (${op.kind}) has no vjp: backward through it raises`);
    else if (!covered.has(name)) it.todo(`'${name}' has a vjp but no finite-difference case in tests/autograd_ops.test.ts`);
    else it(`'${name}' has a vjp and a case`, () => expect(covered.has(name)).toBe(true));
  }
});
