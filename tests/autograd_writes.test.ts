// Writes into existing arrays under autograd (docs/autograd.md "In-place writes"): a.set is
// differentiable (index_set, checked against finite differences here); the other indexing writes
// (put, putmask, place, put_along_axis, fill_diagonal) are not, so while recording they raise
// instead of giving a silently wrong gradient; copyto is recorded. Plus values for the gather's accumulation and the random draws' stopped gradient.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { autograd, np, npx } from '../src/index.js';
import type { NDArray } from '../src/core/ndarray.js';

beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

const vals = (a: NDArray): number[] => Array.from(a.dataSync() as Float64Array, Number);

/** Runs f on a fresh variable x = [0.5, -1, 2, 3] inside record and scope. */
function withVar<T>(f: (x: NDArray) => T): T {
  return np.scope(() => {
    const x = np.array([0.5, -1, 2, 3], { dtype: 'float64' });
    x.attach_grad();
    return f(x);
  });
}

const WRITES: [string, (y: NDArray) => void][] = [
  ['put', (y) => np.put(y, [1, 3], [9, 8])],
  ['putmask', (y) => np.putmask(y, np.array([true, false, false, true]), 0)],
  ['place', (y) => np.place(y, np.array([false, true, false, true]), [4])],
  ['put_along_axis', (y) => np.put_along_axis(y, np.array([2]), 1, { axis: 0 })],
];

describe('indexing writes into a recorded intermediate', () => {
  for (const [label, write] of WRITES) {
    it(`${label}: using the written array afterwards raises (not a wrong gradient)`, () => {
      withVar((x) => {
        expect(() => autograd.record(() => {
          const y = x.mul(2);
          write(y);
          return np.sum(y.mul(x));
        })).toThrow(/modified in place/);
      });
    });
  }

  it('fill_diagonal on a recorded matrix: a later use raises', () => {
    withVar((x) => {
      expect(() => autograd.record(() => {
        const m = x.reshape([2, 2]).mul(1);
        np.fill_diagonal(m, 0);
        return np.sum(m);
      })).toThrow(/modified in place/);
    });
  });

  it('a value saved for backward and then written: backward raises', () => {
    withVar((x) => {
      const w = autograd.record(() => {
        const t = x.mul(2);
        const s = np.sum(t.mul(t)); // multiply saves t
        t.set(np.array([0, 1]), 0);
        return s;
      });
      expect(() => w.backward()).toThrow(/modified in place/);
    });
  });

  it('writing into a variable while recording raises before anything is written', () => {
    withVar((x) => {
      expect(() => autograd.record(() => x.get('1:').set(0, 1))).toThrow(/attach_grad/);
    });
    withVar((x) => {
      expect(() => autograd.record(() => x.set(0, 1))).toThrow(/attach_grad/);
      expect(() => autograd.record(() => np.put(x, [0], [1]))).toThrow(/attach_grad/);
      expect(vals(x)).toEqual([0.5, -1, 2, 3]);
      // outside record it is allowed (an optimizer step)
      x.set(0, 1);
      expect(vals(x)[0]).toBe(1);
    });
  });

  it('writing a value that requires gradient into another array raises (put, fill_diagonal)', () => {
    withVar((x) => {
      const buf = np.zeros([4], { dtype: 'float64' });
      expect(() => autograd.record(() => np.put(buf, [0], x.get('0:1')))).toThrow(/not differentiable/);
      const m = np.zeros([2, 2], { dtype: 'float64' });
      expect(() => autograd.record(() => np.fill_diagonal(m, x.get('0:2')))).toThrow(/not differentiable/);
      // a constant value is fine while recording
      autograd.record(() => buf.set(0, 3));
      expect(vals(buf)[0]).toBe(3);
    });
  });

  it('copyto without where is recorded: the gradient flows through the copy', () => {
    withVar((x) => {
      const buf = np.zeros([2, 4], { dtype: 'float64' });
      const y = autograd.record(() => {
        np.copyto(buf, x.mul(x)); // broadcast over the rows
        return np.sum(buf.mul(np.array([[1], [2]], { dtype: 'float64' })));
      });
      expect(vals(autograd.grad(y, x))).toEqual([0.5, -1, 2, 3].map((v) => 3 * 2 * v));
    });
  });

  it('copyto with where is np.where into the target (out=): differentiable', () => {
    withVar((x) => {
      const y = autograd.record(() => {
        const t = x.mul(2);
        np.copyto(t, 3, { where: np.array([true, false, true, false]) });
        return np.sum(t.mul(x));
      });
      expect(vals(autograd.grad(y, x))).toEqual([3, -4, 3, 12]);
    });
  });
});

/** Central differences of sum(f(x) * w) at x0 (4 elements). */
function numGrad(f: (x: NDArray) => NDArray, x0: number[]): number[] {
  return x0.map((_, j) => np.scope(() => {
    const at = (e: number): number => {
      const d = [...x0];
      d[j]! += e;
      const y = f(np.array(d, { dtype: 'float64' }));
      return vals(np.sum(y.mul(np.arange(1, 1 + y.size, { dtype: 'float64' }).reshape(y.shape)))).reduce((a, b) => a + b, 0);
    };
    return (at(1e-6) - at(-1e-6)) / 2e-6;
  }));
}

const SETS: [string, (x: NDArray) => NDArray][] = [
  ['basic index, scalar value', (x) => { const y = x.mul(x); y.set(0, 5); return y.mul(x); }],
  ['slice, value from x (broadcast)', (x) => { const y = x.mul(2); y.set('1:3', x.get('0:1').mul(3)); return y.mul(x); }],
  ['index array with repeats: the last write wins', (x) => { const y = x.mul(2); y.set(np.array([0, 0, 2]), x.get('1:').mul(x.get('1:'))); return y.mul(x); }],
  ['boolean mask, value from x', (x) => { const y = np.exp(x).add(0); y.set(np.array([true, false, true, false]), x.get(np.array([3, 1]))); return y; /* (exp saves its output: a set on it would raise at backward) */ }],
  ['2-D: an integer and an index array', (x) => { const m = x.reshape([2, 2]).mul(1); m.set(1, np.array([1, 0]), x.get('0:2')); return m.mul(m); }],
  ['value sharing the target (a shift)', (x) => { const y = x.mul(x); y.set('1:', y.get(':-1')); return y; }],
  ['zeros filled from x (building an array)', (x) => { const z = np.zeros([2, 4], { dtype: 'float64' }); z.set(1, x); z.set(0, '1:3', x.get('2:')); return z.mul(z); }],
];

describe('a.set under autograd: gradients vs finite differences', () => {
  for (const [label, f] of SETS) {
    it(label, () => {
      const x0 = [0.5, -1.25, 2, 3];
      const want = numGrad(f, x0);
      withVar((x) => {
        x.set('...', np.array(x0));
        const y = autograd.record(() => f(x));
        const got = vals(autograd.grad(y, x, { head_grads: np.arange(1, 1 + y.size, { dtype: 'float64' }).reshape(y.shape) }));
        got.forEach((g, i) => expect(g, `d/dx[${i}]`).toBeCloseTo(want[i]!, 6));
      });
    });
  }

  it('a set on a view leaves its base stale: using the base raises', () => {
    withVar((x) => {
      expect(() => autograd.record(() => {
        const y = x.mul(2);
        y.get('1:').set(0, 1);
        return np.sum(y);
      })).toThrow(/modified in place/);
    });
  });
});

describe('gathers accumulate, draws are constants', () => {
  it('a gather with repeated indices adds their gradients (np.add.at), also through np.take', () => {
    withVar((x) => {
      const y = autograd.record(() => np.sum(x.get(np.array([0, 0, 3, -1, 0]))).add(np.sum(np.take(x, [1, 1], { mode: 'clip' }))));
      expect(vals(autograd.grad(y, x))).toEqual([3, 2, 0, 2]);
    });
  });

  it('random draws have no gradient w.r.t. their parameters (not reparameterised)', () => {
    withVar((x) => {
      const y = autograd.record(() => np.sum(np.random.default_rng(1).normal(x, 1)).add(np.sum(x)));
      expect(vals(autograd.grad(y, x))).toEqual([1, 1, 1, 1]);
      const d = autograd.record(() => np.sum(np.random.default_rng(2).dirichlet(x.get('2:'), 3)).add(np.sum(x).mul(0)));
      expect(vals(autograd.grad(d, x))).toEqual([0, 0, 0, 0]);
    });
  });
});
