// Composite functions written with np ops, their gradients compared with PyTorch's (CPU, float64)
// through the oracle process (`import torch` in its statements): an MLP with softmax
// cross-entropy, layer and batch normalisation, reductions, second-order gradients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { autograd, np, npx } from '../src/index.js';
import type { NDArray } from '../src/core/ndarray.js';
import { NumpyOracle, type OracleValue, isOracleError, isRawArray } from './oracle/oracle.js';
import { toRaw } from './helpers/arrays.js';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

/** Deterministic values in [-1, 1). */
function values(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}
const arr = (shape: number[], seed: number, scale = 1, shift = 0): NDArray =>
  np.scope(() => np.array(values(shape.reduce((a, b) => a * b, 1), seed).map((v) => v * scale + shift)).reshape(shape));

/** Runs `py` in the oracle with torch tensors (requires_grad) named like `inputs`; it must set `out` (a scalar tensor). */
async function torchGrads(py: string, inputs: Record<string, NDArray>, extra: Record<string, NDArray> = {}): Promise<number[][]> {
  const names = Object.keys(inputs);
  const code = [
    'import torch',
    ...names.map((n) => `${n} = torch.tensor(np.asarray(${n}_), dtype=torch.float64, requires_grad=True)`),
    ...Object.keys(extra).map((n) => `${n} = torch.tensor(np.asarray(${n}_), dtype=torch.float64)`),
    py,
    `result = [t.numpy() for t in torch.autograd.grad(out, [${names.join(', ')}], allow_unused=False)]`,
  ].join('\n');
  const args = Object.fromEntries([...Object.entries(inputs), ...Object.entries(extra)].map(([k, v]) => [`${k}_`, toRaw(v)]));
  const r = await oracle.eval(code, args);
  if (isOracleError(r)) throw new Error(`torch raised ${r.error}: ${r.message}`);
  return (r as OracleValue[]).map((a) => {
    if (!isRawArray(a)) throw new Error('expected arrays from torch');
    return Array.from(a.data as Float64Array, Number);
  });
}

function expectClose(ours: NDArray, theirs: number[], label: string, tol = 1e-10): void {
  const o = Array.from(ours.dataSync() as Float64Array, Number);
  expect(o.length, label).toBe(theirs.length);
  o.forEach((v, i) => {
    if (Math.abs(v - theirs[i]!) > tol * (1 + Math.abs(theirs[i]!))) expect.fail(`${label}[${i}]: quark ${v}, torch ${theirs[i]}`);
  });
}

/** Our gradients of f's scalar result with respect to `inputs`, compared with torch's for `py`. */
async function compare(inputs: Record<string, NDArray>, f: (v: Record<string, NDArray>) => NDArray, py: string, extra: Record<string, NDArray> = {}, tol = 1e-10): Promise<void> {
  const theirs = await torchGrads(py, inputs, extra);
  np.scope(() => {
    const vars = Object.values(inputs);
    for (const v of vars) if (!v.grad) v.attach_grad();
    const y = autograd.record(() => f({ ...inputs, ...extra }));
    const ours = autograd.grad(y, vars);
    Object.keys(inputs).forEach((k, i) => expectClose(ours[i]!, theirs[i]!, k, tol));
  });
}

/** a @ b written with broadcasting and a reduction: composites go through mul/sum/reshape's vjps, not matmul's. */
const mm = (a: NDArray, b: NDArray): NDArray =>
  np.sum(a.reshape([a.shape[0]!, a.shape[1]!, 1]).mul(b.reshape([1, b.shape[0]!, b.shape[1]!])), 1);

function logSoftmax(z: NDArray): NDArray {
  const m = np.max(z, { axis: 1, keepdims: true });
  const s = z.sub(m);
  return s.sub(np.log(np.sum(np.exp(s), { axis: 1, keepdims: true })));
}

describe('gradients vs PyTorch', () => {
  it('MLP (tanh hidden layer) with softmax cross-entropy', async () => {
    const B = 5, D = 4, H = 6, C = 3;
    const inputs = { x: arr([B, D], 1), w1: arr([D, H], 2, 0.7), b1: arr([H], 3, 0.1), w2: arr([H, C], 4, 0.7), b2: arr([C], 5, 0.1) };
    const labels = [0, 2, 1, 2, 0];
    const onehot = np.array(labels.map((l) => [0, 1, 2].map((c) => (c === l ? 1.0 : 0.0))), { dtype: 'float64' });
    await compare(inputs, ({ x, w1, b1, w2, b2, onehot: oh }) => {
      const h = np.tanh(mm(x!, w1!).add(b1!));
      const logits = mm(h, w2!).add(b2!);
      return np.negative(np.mean(np.sum(oh!.mul(logSoftmax(logits)), 1)));
    }, [
      'h = torch.tanh(x @ w1 + b1)',
      'logits = h @ w2 + b2',
      `out = torch.nn.functional.cross_entropy(logits, torch.tensor([${labels.join(', ')}]))`,
    ].join('\n'), { onehot });
    for (const a of [...Object.values(inputs), onehot]) a.dispose();
  });

  it('MLP with np.matmul (ReLU, two hidden layers) and softmax cross-entropy on integer labels', async () => {
    const B = 6, D = 5, H1 = 7, H2 = 4, C = 3;
    const inputs = { x: arr([B, D], 61), w1: arr([D, H1], 62, 0.7), b1: arr([H1], 63, 0.1), w2: arr([H1, H2], 64, 0.7), b2: arr([H2], 65, 0.1), w3: arr([H2, C], 66, 0.7) };
    const labels = [0, 2, 1, 2, 0, 1];
    const lab = np.array(labels, { dtype: 'int64' });
    await compare(inputs, ({ x, w1, b1, w2, b2, w3 }) => {
      const h1 = np.maximum(np.matmul(x!, w1!).add(b1!), 0);
      const h2 = np.maximum(np.matmul(h1, w2!).add(b2!), 0);
      const lp = logSoftmax(np.matmul(h2, w3!));
      // the label's log-probability per row: an index-array gather
      return np.negative(np.mean(lp.get(np.arange(B), lab)));
    }, [
      'h1 = torch.relu(x @ w1 + b1)',
      'h2 = torch.relu(h1 @ w2 + b2)',
      `out = torch.nn.functional.cross_entropy(h2 @ w3, torch.tensor([${labels.join(', ')}]))`,
    ].join('\n'));
    for (const a of [...Object.values(inputs), lab]) a.dispose();
  });

  it('attention block: softmax(Q Kᵀ / √d) V with a causal mask, heads split by reshape/transpose, slicing', async () => {
    const T = 4, E = 6, NH = 2, d = E / NH;
    const inputs = { x: arr([T, E], 71), wq: arr([E, E], 72, 0.5), wk: arr([E, E], 73, 0.5), wv: arr([E, E], 74, 0.5), wo: arr([E, E], 75, 0.5) };
    const mask = np.scope(() => np.triu(np.ones([T, T], { dtype: 'bool' }), { k: 1 }));
    await compare(inputs, ({ x, wq, wk, wv, wo }) => {
      const heads = (t: NDArray): NDArray => np.transpose(t.reshape([T, NH, d]), [1, 0, 2]); // (NH, T, d)
      const q = heads(np.matmul(x!, wq!)), k = heads(np.matmul(x!, wk!)), v = heads(np.matmul(x!, wv!));
      const s = np.where(mask, -1e9, np.matmul(q, np.swapaxes(k, -1, -2)).div(Math.sqrt(d)));
      const e = np.exp(s.sub(np.max(s, { axis: -1, keepdims: true })));
      const p = e.div(np.sum(e, { axis: -1, keepdims: true }));
      const o = np.transpose(np.matmul(p, v), [1, 0, 2]).reshape([T, E]);
      const y = np.matmul(o, wo!);
      // the last row through a basic index, the first column through a slice
      return np.sum(y.mul(y)).add(np.sum(y.get(-1))).add(np.sum(y.get(':, 0:1').mul(3)));
    }, [
      'heads = lambda t: t.reshape(4, 2, 3).transpose(0, 1)',
      'q, k, v = heads(x @ wq), heads(x @ wk), heads(x @ wv)',
      'mask = torch.triu(torch.ones(4, 4, dtype=torch.bool), 1)',
      's = torch.where(mask, torch.tensor(-1e9, dtype=torch.float64), q @ k.transpose(-1, -2) / 3 ** 0.5)',
      'o = (torch.softmax(s, -1) @ v).transpose(0, 1).reshape(4, 6)',
      'y = o @ wo',
      'out = (y * y).sum() + y[-1].sum() + (y[:, 0:1] * 3).sum()',
    ].join('\n'));
    for (const a of [...Object.values(inputs), mask]) a.dispose();
  });

  it('second order through np.matmul: gradient of the gradient norm of a tanh layer', async () => {
    const inputs = { x: arr([3, 4], 81), w: arr([4, 2], 82) };
    for (const v of Object.values(inputs)) v.attach_grad();
    const theirs = await torchGrads([
      'y = torch.tanh(x @ w).pow(2).sum()',
      'gx, gw = torch.autograd.grad(y, [x, w], create_graph=True)',
      'out = (gx * gx).sum() + (gw ** 3).sum()',
    ].join('\n'), inputs);
    np.scope(() => {
      const y = autograd.record(() => {
        const t = np.tanh(np.matmul(inputs.x, inputs.w));
        const [gx, gw] = autograd.grad(np.sum(t.mul(t)), [inputs.x, inputs.w], { create_graph: true });
        return np.sum(gx!.mul(gx!)).add(np.sum(np.power(gw!, 3)));
      });
      const [gx, gw] = autograd.grad(y, [inputs.x, inputs.w]);
      expectClose(gx!, theirs[0]!, 'x');
      expectClose(gw!, theirs[1]!, 'w');
    });
    for (const a of Object.values(inputs)) a.dispose();
  });

  it('layer normalisation with affine parameters', async () => {
    const inputs = { x: arr([4, 6], 11, 2), g: arr([6], 12), b: arr([6], 13) };
    const w = arr([4, 6], 14);
    await compare(inputs, ({ x, g, b, w: wt }) => {
      const mu = np.mean(x!, { axis: -1, keepdims: true });
      const v = np.var(x!, { axis: -1, keepdims: true });
      const y = x!.sub(mu).div(np.sqrt(v.add(1e-5))).mul(g!).add(b!);
      return np.sum(y.mul(wt!));
    }, 'out = (torch.nn.functional.layer_norm(x, (6,), g, b, eps=1e-5) * w).sum()', { w });
    for (const a of [...Object.values(inputs), w]) a.dispose();
  });

  it('batch normalisation (training statistics) followed by softplus', async () => {
    const inputs = { x: arr([5, 3], 21, 1.5), g: arr([3], 22), b: arr([3], 23) };
    await compare(inputs, ({ x, g, b }) => {
      const mu = np.mean(x!, 0);
      const sd = np.std(x!, 0);
      const y = x!.sub(mu).div(sd.add(1e-3)).mul(g!).add(b!);
      return np.sum(np.log1p(np.exp(y)));
    }, [
      'y = (x - x.mean(0)) / (x.std(0, unbiased=False) + 1e-3) * g + b',
      'out = torch.nn.functional.softplus(y).sum()',
    ].join('\n'));
    for (const a of Object.values(inputs)) a.dispose();
  });

  it('reductions: prod, max, min, cumsum, cumprod, logsumexp, var with ddof', async () => {
    const inputs = { x: arr([3, 4], 31, 0.9, 1.2) };
    await compare(inputs, ({ x }) => {
      const a = np.sum(np.prod(x!, 1));
      const b = np.max(x!, 0).sum().add(np.min(x!));
      const c = np.sum(np.cumsum(x!, 1).mul(np.cumprod(x!, 0)));
      const m = np.max(x!, { axis: 1, keepdims: true });
      const lse = np.log(np.sum(np.exp(x!.sub(m)), 1)).add(m.reshape([3]));
      const d = np.var(x!, { axis: 0, ddof: 1 }).sum();
      return a.add(b).add(c).add(lse.sum()).add(d);
    }, [
      'a = x.prod(1).sum()',
      'b = x.amax(0).sum() + x.amin()',
      'c = (x.cumsum(1) * x.cumprod(0)).sum()',
      'lse = torch.logsumexp(x, 1)',
      'd = x.var(0, unbiased=True).sum()',
      'out = a + b + c + lse.sum() + d',
    ].join('\n'));
    inputs.x.dispose();
  });

  it('elementwise composite: power, hypot, arctan2, where, clip, maximum, abs, sigmoid', async () => {
    const inputs = { a: arr([2, 3], 41, 1, 1.5), b: arr([3], 42) };
    const mask = np.array([[1, 0, 1], [0, 1, 1]], { dtype: 'float64' });
    await compare(inputs, ({ a, b, mask: mk }) => {
      const p = np.power(a!, b!).add(np.hypot(a!, b!)).add(np.arctan2(b!, a!));
      const q = np.where(mk!, np.clip(a!.mul(b!), -0.5, 0.8), np.maximum(a!, b!.mul(3)));
      const sig = np.reciprocal(np.exp(np.negative(b!)).add(1));
      return np.sum(p.mul(q)).add(np.sum(np.abs(b!).mul(sig)));
    }, [
      'p = a ** b + torch.hypot(a, b) + torch.atan2(b, a)',
      'q = torch.where(mask.bool(), torch.clamp(a * b, -0.5, 0.8), torch.maximum(a, b * 3))',
      'out = (p * q).sum() + (b.abs() * torch.sigmoid(b)).sum()',
    ].join('\n'), { mask });
    for (const a of [...Object.values(inputs), mask]) a.dispose();
  });

  it('second order: gradient of the gradient norm (create_graph) of a tanh layer', async () => {
    const inputs = { x: arr([3, 4], 51), w: arr([4, 2], 52) };
    for (const v of Object.values(inputs)) v.attach_grad();
    const theirs = await torchGrads([
      'y = torch.tanh(x @ w).pow(2).sum()',
      'gx, = torch.autograd.grad(y, [x], create_graph=True)',
      'out = (gx * gx).sum()',
    ].join('\n'), inputs);
    np.scope(() => {
      const y = autograd.record(() => {
        const t = np.tanh(mm(inputs.x, inputs.w));
        const gx = autograd.grad(np.sum(t.mul(t)), inputs.x, { create_graph: true });
        return np.sum(gx.mul(gx));
      });
      const [gx, gw] = autograd.grad(y, [inputs.x, inputs.w]);
      expectClose(gx!, theirs[0]!, 'x');
      expectClose(gw!, theirs[1]!, 'w');
    });
    for (const a of Object.values(inputs)) a.dispose();
  });

  it('maximum, minimum, fmax, fmin at ties and NaNs (the fused pick_grad kernel) as torch', async () => {
    // ties get half the gradient each; maximum/minimum send none through a NaN, fmax/fmin send it
    // all to the number where the other operand is NaN
    const inputs = {
      a: np.array([1, 2, 3, Number.NaN, 5, Number.NaN, -1, 0, 4]),
      b: np.array([1, 3, 2, 4, Number.NaN, Number.NaN, -1, -0, 2]),
    };
    const theirs = await torchGrads([
      'w = torch.arange(1, 10, dtype=torch.float64)',
      'fin = lambda t: torch.nan_to_num(t, nan=0.0)',
      'out = (fin(torch.maximum(a, b)) * w).sum() + (fin(torch.minimum(a, b)) * w * 2).sum()',
      'out = out + (fin(torch.fmax(a, b)) * w * 3).sum() + (fin(torch.fmin(a, b)) * w * 5).sum()',
    ].join('\n'), inputs);
    np.scope(() => {
      const vars = Object.values(inputs);
      for (const v of vars) v.attach_grad();
      const y = autograd.record(() => {
        const { a, b } = inputs;
        const w = np.arange(1, 10, { dtype: 'float64' });
        const fin = (t: NDArray): NDArray => np.nan_to_num(t, { nan: 0 });
        return np.sum(fin(np.maximum(a, b)).mul(w)).add(np.sum(fin(np.minimum(a, b)).mul(w).mul(2)))
          .add(np.sum(fin(np.fmax(a, b)).mul(w).mul(3))).add(np.sum(fin(np.fmin(a, b)).mul(w).mul(5)));
      });
      const [ga, gb] = autograd.grad(y, vars);
      expectClose(ga!, theirs[0]!, 'a');
      expectClose(gb!, theirs[1]!, 'b');
    });
    for (const a of Object.values(inputs)) a.dispose();
  });
});
