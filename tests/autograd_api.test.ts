// autograd's API and semantics: modes, variables and grad_req, heads and head gradients,
// autograd.grad (incl. second order), custom Functions, stop_gradient, in-place writes, the errors,
// and memory (the tape frees what it saved).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { autograd, np, npx } from '../src/index.js';
import type { NDArray } from '../src/core/ndarray.js';

beforeAll(() => npx.set_np({ dtype: 'numpy' }));

const list = (a: NDArray | undefined): number[] => Array.from(a!.dataSync() as Float64Array, Number);
const close = (a: number[], b: number[], tol = 1e-9): void => {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(Math.abs(v - b[i]!), `[${i}] ${v} vs ${b[i]}`).toBeLessThanOrEqual(tol * (1 + Math.abs(b[i]!))));
};
const X = [0.5, -1.25, 2, 0.75];
let alive = 0;
afterEach(() => {
  // every test cleans up after itself: nothing (saved arrays, gradients) stays behind
  const now = np.memory().arrays;
  const before = alive;
  alive = now;
  expect(now, 'arrays left alive by this test').toBe(before);
});
beforeAll(() => { alive = np.memory().arrays; });

describe('modes', () => {
  it('record, pause, train_mode, predict_mode', () => {
    expect(autograd.is_recording()).toBe(false);
    expect(autograd.is_training()).toBe(false);
    autograd.record(() => {
      expect(autograd.is_recording()).toBe(true);
      expect(autograd.is_training()).toBe(true);
      autograd.pause(() => {
        expect(autograd.is_recording()).toBe(false);
        expect(autograd.is_training()).toBe(false);
        autograd.train_mode(() => expect(autograd.is_training()).toBe(true));
      });
      autograd.predict_mode(() => {
        expect(autograd.is_recording()).toBe(true);
        expect(autograd.is_training()).toBe(false);
      });
    });
    autograd.record(() => expect(autograd.is_training()).toBe(false), { train_mode: false });
    expect(autograd.is_recording()).toBe(false);
  });

  it('async record keeps its mode across await, and only in its own chain', async () => {
    await np.scope(async () => {
      const x = np.array(X);
      x.attach_grad();
      let other = true;
      const y = await autograd.record(async () => {
        await new Promise((r) => setTimeout(r, 1));
        expect(autograd.is_recording()).toBe(true);
        return np.exp(x).sum();
      });
      await new Promise<void>((r) => setTimeout(() => { other = autograd.is_recording(); r(); }, 0));
      expect(other).toBe(false);
      y.backward();
      close(list(x.grad), X.map(Math.exp));
    });
  });

  it('ops outside record are not recorded', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    const y = np.exp(x).sum();
    expect(() => y.backward()).toThrow(/not computed by recorded operations/);
    const z = autograd.record(() => autograd.pause(() => np.exp(x).sum()));
    expect(() => z.backward()).toThrow(/not computed by recorded operations/);
  }));
});

describe('variables and grad_req', () => {
  it('attach_grad gives zeros; backward writes; int arrays have no gradient', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    expect(list(x.grad)).toEqual([0, 0, 0, 0]);
    expect(x.grad_req).toBe('write');
    autograd.record(() => x.mul(x).sum()).backward();
    close(list(x.grad), X.map((v) => 2 * v));
    autograd.record(() => x.mul(3).sum()).backward();
    close(list(x.grad), [3, 3, 3, 3]);
    expect(() => np.array([1, 2, 3]).attach_grad()).toThrow(/attach_grad: only floating-point arrays/);
    expect(() => x.attach_grad({ grad_req: 'sum' as 'add' })).toThrow(/grad_req must be/);
  }));

  it("grad_req 'add' accumulates across backward calls exactly; 'null' has none", () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad({ grad_req: 'add' });
    for (let k = 0; k < 3; k++) autograd.record(() => np.sin(x).sum()).backward();
    close(list(x.grad), X.map((v) => 3 * Math.cos(v)), 1e-14);
    const z = np.array(X);
    z.attach_grad({ grad_req: 'null' });
    expect(z.grad).toBeUndefined();
    const y = autograd.record(() => np.sin(z).sum().add(x.sum()));
    y.backward();
    expect(z.grad).toBeUndefined();
    close(list(x.grad), X.map((v) => 3 * Math.cos(v) + 1), 1e-14);
  }));

  it('repeated use of an input accumulates; broadcasting sums back to the input shape', () => np.scope(() => {
    const x = np.array(X);
    const b = np.array([[1.5], [-2]]);
    x.attach_grad();
    b.attach_grad();
    autograd.record(() => x.mul(x).add(x).mul(b).sum()).backward(); // (x² + x) * b over a (2, 4) broadcast
    close(list(x.grad), X.map((v) => (2 * v + 1) * (1.5 - 2)));
    close(list(b.grad), [1, 1].map(() => X.reduce((s, v) => s + v * v + v, 0)));
    expect(b.grad!.shape).toEqual([2, 1]);
  }));

  it('integer and bool operands get no gradient', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    const k = np.array([1, 2, 3, 4], { dtype: 'int32' });
    const m = np.array([true, false, true, true]);
    autograd.record(() => x.mul(k).add(m).sum()).backward();
    close(list(x.grad), [1, 2, 3, 4]);
  }));

  it('copies and casts are recorded (x.copy(), astype, cumsum with dtype=)', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    autograd.record(() => x.copy().mul(x.T.copy()).add(np.cumsum(x.astype('float32'), { dtype: 'float64' })).sum()).backward();
    close(list(x.grad), X.map((v, i) => 2 * v + (4 - i)), 1e-6);
    expect(x.grad!.dtype).toBe('float64');
  }));

  it('mark_variables: gradients into the given buffers', () => np.scope(() => {
    const x = np.array(X);
    const gx = np.zeros([4]);
    autograd.mark_variables([x], [gx], 'add');
    autograd.record(() => np.square(x).sum()).backward();
    autograd.record(() => np.square(x).sum()).backward();
    close(list(gx), X.map((v) => 4 * v));
  }));

  it('disposing a variable frees its gradient', () => {
    const before = np.memory().arrays;
    const x = np.array(X);
    x.attach_grad();
    expect(np.memory().arrays).toBe(before + 2);
    x.dispose();
    expect(np.memory().arrays).toBe(before);
  });
});

describe('heads', () => {
  it('a non-scalar head backpropagates ones (MXNet), or out_grad', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    autograd.record(() => np.exp(x)).backward();
    close(list(x.grad), X.map(Math.exp));
    const w = np.array([1, 2, 3, 4]);
    autograd.record(() => np.exp(x)).backward({ out_grad: w });
    close(list(x.grad), X.map((v, i) => Math.exp(v) * (i + 1)));
    expect(() => autograd.record(() => np.exp(x)).backward({ out_grad: np.ones([3]) })).toThrow(/head gradient of shape/);
  }));

  it('autograd.backward with several heads and head gradients', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    const [a, b] = autograd.record(() => [np.sin(x), np.cos(x).sum()]);
    autograd.backward([a!, b!], [np.full([4], 2), null]);
    close(list(x.grad), X.map((v) => 2 * Math.cos(v) - Math.sin(v)));
  }));
});

describe('the gradient buffers', () => {
  it('a head gradient that reaches a variable as it is stays the caller\'s (not freed, not taken)', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    const g = np.array([5, 6, 7, 8]);
    autograd.backward([x], [g]);
    expect(g.isDisposed).toBe(false);
    close(list(g), [5, 6, 7, 8]);
    close(list(x.grad), [5, 6, 7, 8]);
    const [gx] = autograd.grad([x], [x], { head_grads: [g] }) as NDArray[];
    expect(g.isDisposed).toBe(false);
    close(list(gx), [5, 6, 7, 8]);
  }));

  it('.grad keeps its identity across backward calls; views of it see the new values', () => np.scope(() => {
    const w = np.array([[1, 2], [3, 4]], { dtype: 'float64' });
    w.attach_grad();
    const grad0 = w.grad!;
    autograd.record(() => np.square(w).sum()).backward();
    expect(w.grad).toBe(grad0);
    close(list(w.grad), [2, 4, 6, 8]);
    const row = w.grad!.get('1'); // a view: the next gradient must be written into this buffer
    autograd.record(() => np.multiply(w, 3).sum()).backward();
    expect(w.grad).toBe(grad0);
    close(list(w.grad), [3, 3, 3, 3]);
    close(list(row), [3, 3]);
    row.dispose();
    autograd.record(() => np.multiply(w, w).mul(0.5).sum()).backward();
    close(list(w.grad), [1, 2, 3, 4]);
    close(list(grad0), [1, 2, 3, 4]);
  }));
});

describe('autograd.grad', () => {
  it('returns the gradients without touching .grad; intermediates can be variables', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    let h: NDArray | undefined;
    const y = autograd.record(() => {
      h = np.tanh(x);
      return h.mul(h).sum();
    });
    const [gx, gh] = autograd.grad(y, [x, h!]);
    close(list(gh), X.map((v) => 2 * Math.tanh(v)));
    close(list(gx), X.map((v) => 2 * Math.tanh(v) * (1 - Math.tanh(v) ** 2)));
    expect(list(x.grad)).toEqual([0, 0, 0, 0]);
  }));

  it('a variable the heads do not depend on gets zeros', () => np.scope(() => {
    const x = np.array(X);
    const z = np.array([1.5, 2]);
    x.attach_grad();
    z.attach_grad();
    const y = autograd.record(() => x.sum());
    const [, gz] = autograd.grad(y, [x, z]);
    expect(list(gz)).toEqual([0, 0]);
  }));

  // Second order: g = dy/dx recorded (create_graph), then d(sum(g * v))/dx by backward.
  const second: [string, (x: NDArray) => NDArray, (v: number, i: number, xs: number[]) => number][] = [
    ['x³', (x) => x.mul(x).mul(x).sum(), (v) => 6 * v],
    ['sin', (x) => np.sin(x).sum(), (v) => -Math.sin(v)],
    ['exp·tanh', (x) => np.exp(x).mul(np.tanh(x)).sum(), (v) => {
      const t = Math.tanh(v), s = 1 - t * t;
      return Math.exp(v) * (t + 2 * s - 2 * t * s);
    }],
    ['log(1+x²)', (x) => np.log1p(x.mul(x)).sum(), (v) => (2 - 2 * v * v) / (1 + v * v) ** 2],
    ['sum(x)² (reduction)', (x) => { const s = x.sum(); return s.mul(s); }, () => 2 * 4],
    ['mean then square', (x) => np.square(np.mean(x)), () => 2 / 4 * 4 / 4],
    ['var (diagonal of the Hessian summed per row)', (x) => np.var(x), () => (2 / 4) * (1 - 1 / 4) - (2 / 4) * (1 / 4) * 3],
    ['max(x²): 2 at the maximum', (x) => np.max(x.mul(x)), (_v, i) => (i === 2 ? 2 : 0)],
    ['prod', (x) => np.prod(x), (_v, i, xs) => xs.reduce((s, _w, j) => (j === i ? s : s + xs.reduce((p, u, k) => (k === i || k === j ? p : p * u), 1)), 0)],
  ];
  for (const [name, f, want] of second) {
    it(`second order (create_graph): ${name}`, () => np.scope(() => {
      const x = np.array(X);
      x.attach_grad();
      autograd.record(() => {
        const g = autograd.grad(f(x), x, { create_graph: true });
        return g.sum();
      }).backward();
      // d/dx_i sum_j dy/dx_j = sum_j H_ij
      close(list(x.grad), X.map((v, i) => want(v, i, X)), 1e-9);
    }));
  }

  it('third order through create_graph twice', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    autograd.record(() => {
      const g1 = autograd.grad(np.sin(x).sum(), x, { create_graph: true });
      const g2 = autograd.grad(g1.sum(), x, { create_graph: true });
      return g2.sum();
    }).backward();
    close(list(x.grad), X.map((v) => -Math.cos(v)));
  }));
});

describe('custom Function', () => {
  class Sigmoid extends autograd.Function {
    forward(x: NDArray): NDArray {
      const y = np.reciprocal(np.exp(np.negative(x)).add(1));
      this.save_for_backward(y);
      return y;
    }
    backward(dy: NDArray): NDArray {
      const [y] = this.saved_tensors;
      return dy.mul(y!).mul(np.subtract(1, y!));
    }
  }
  const sig = (v: number): number => 1 / (1 + Math.exp(-v));

  it('forward runs unrecorded, backward gives the gradient', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    const f = new Sigmoid();
    const y = autograd.record(() => (f.call(x) as NDArray).mul(2).sum());
    y.backward();
    close(list(x.grad), X.map((v) => 2 * sig(v) * (1 - sig(v))));
  }));

  it('its backward is recorded under create_graph', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    autograd.record(() => autograd.grad((new Sigmoid().call(x) as NDArray).sum(), x, { create_graph: true }).sum()).backward();
    close(list(x.grad), X.map((v) => { const s = sig(v); return s * (1 - s) * (1 - 2 * s); }));
  }));

  it('a wrong number of gradients is an error', () => np.scope(() => {
    class Two extends autograd.Function {
      forward(a: NDArray, b: NDArray): NDArray { return a.add(b); }
      backward(g: NDArray): NDArray { return g; }
    }
    const x = np.array(X);
    x.attach_grad();
    const y = autograd.record(() => (new Two().call(x, x) as NDArray).sum());
    expect(() => y.backward()).toThrow(/returned 1 gradients for 2 inputs/);
    class Same extends autograd.Function {
      forward(a: NDArray): NDArray { return a; }
      backward(g: NDArray): NDArray { return g; }
    }
    expect(() => autograd.record(() => new Same().call(x))).toThrow(/must return new arrays/);
  }));
});

describe('stop_gradient and detach', () => {
  it('no gradient flows through them', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    autograd.record(() => npx.stop_gradient(x).mul(x).sum()).backward();
    close(list(x.grad), X);
    autograd.record(() => x.detach().mul(x).add(np.exp(x.detach())).sum()).backward();
    close(list(x.grad), X);
    const d = x.detach();
    expect(d.grad).toBeUndefined();
    expect(list(d)).toEqual(X);
  }));
});

describe('in-place writes', () => {
  it('in place on a recorded intermediate is differentiated correctly', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    autograd.record(() => {
      const t = x.mul(1);
      t.imul(t); // t = t², the old t kept for the gradient
      t.iadd(x); // t = x² + x
      np.exp(t, { out: t });
      return t.sum();
    }).backward();
    close(list(x.grad), X.map((v) => Math.exp(v * v + v) * (2 * v + 1)));
  }));

  it('out= into a constant array carries the gradient; a reduction out= too', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    const o = np.zeros([4]);
    const m = np.zeros([]);
    autograd.record(() => {
      np.multiply(x, 3, { out: o });
      np.mean(o, { out: m });
      return m;
    }).backward();
    close(list(x.grad), [0.75, 0.75, 0.75, 0.75]);
  }));

  it('writing into a variable while recording is an error (before anything is written)', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    expect(() => autograd.record(() => x.iadd(1))).toThrow(/attach_grad\(\) \(or a view of one\) can't be written in place while recording/);
    expect(() => autograd.record(() => np.exp(x.sum(), { out: x.reshape([2, 2]) }))).toThrow(/can't be written in place/);
    expect(list(x)).toEqual(X);
    x.iadd(1); // outside record: an optimizer step
    expect(list(x)).toEqual(X.map((v) => v + 1));
  }));

  it('an array saved for backward and then modified is an error at backward', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    const c = np.array([1.0, 2, 3, 4]);
    const y = autograd.record(() => x.mul(c).sum());
    c.iadd(1);
    expect(() => y.backward()).toThrow(/saved by 'multiply' for the backward pass was modified in place/);
    let t: NDArray;
    const z = autograd.record(() => { t = np.exp(x); return t.sum(); });
    t!.imul(2); // exp saved its output
    expect(() => z.backward()).toThrow(/saved by 'exp'/);
  }));

  it('a recorded array modified outside the tape (through a view) is an error when used', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    expect(() => autograd.record(() => {
      const t = np.exp(x);
      const v = t.reshape([2, 2]);
      v.imul(2); // recorded for v, but t's own value changed behind its node
      return t.sum();
    })).toThrow(/modified in place .* after autograd recorded it/);
  }));

  it('an unrecorded view of a variable is an error, not a silently missing gradient', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    const v = x.reshape([2, 2]); // outside record
    expect(() => autograd.record(() => v.mul(2))).toThrow(/shares memory with an array that requires gradient/);
    expect(() => autograd.record(() => np.sin(v.detach()))).not.toThrow();
  }));

  it("where= on a recorded ufunc is refused", () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    const o = np.zeros([4]);
    expect(() => autograd.record(() => np.exp(x, { out: o, where: np.array([true, false, true, false]) }))).toThrow(/where= is not differentiable/);
  }));
});

describe('errors', () => {
  it('backward twice without retain_graph; with it, twice works', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad({ grad_req: 'add' });
    const y = autograd.record(() => np.sin(x).mul(x).sum());
    y.backward({ retain_graph: true });
    y.backward();
    close(list(x.grad), X.map((v) => 2 * (Math.cos(v) * v + Math.sin(v))));
    expect(() => y.backward()).toThrow(/graph was already freed by a backward pass; pass retain_graph: true/);
  }));

  it('an op without a gradient raises at backward, naming it', () => np.scope(() => {
    const x = np.array(X);
    x.attach_grad();
    const y = autograd.record(() => np.linalg.lstsq(np.array([[1, 0.5], [0, 1], [1, 1]]), np.sin(x.get(':3')))[0].sum());
    y.backward(); // lstsq is differentiable (real dtypes); qr's raw mode is not
    const w = autograd.record(() => np.linalg.qr(x.reshape([2, 2]), { mode: 'raw' })[0].sum());
    expect(() => w.backward()).toThrow(/mode 'raw' \(Householder reflectors\) is not differentiable/);
  }));

  it('heads that are no recorded arrays', () => np.scope(() => {
    expect(() => np.ones([2]).backward()).toThrow(/not computed by recorded operations/);
    const v = np.ones([2]);
    v.attach_grad();
    expect(() => autograd.grad(np.ones([2]), [v])).toThrow(/not computed by recorded operations/);
  }));
});

describe('memory', () => {
  it('a recorded graph without backward is freed with its np.scope', () => {
    const before = np.memory();
    const x = np.array(X);
    x.attach_grad();
    np.scope(() => {
      autograd.record(() => np.exp(np.sin(x).mul(x)).sum());
    });
    expect(np.memory().arrays).toBe(before.arrays + 2);
    x.dispose();
    expect(np.memory()).toEqual(before);
  });

  it('backward frees the saved arrays; retain_graph keeps them until the head is disposed', () => {
    const x = np.array(X);
    x.attach_grad();
    const base = np.memory().arrays;
    const y = autograd.record(() => np.scope(() => np.exp(x).sum())); // exp's result is disposed, the tape keeps it
    expect(np.memory().arrays).toBe(base + 2);
    y.backward({ retain_graph: true });
    expect(np.memory().arrays).toBe(base + 2);
    y.backward();
    expect(np.memory().arrays).toBe(base + 1);
    y.dispose();
    expect(np.memory().arrays).toBe(base);
    x.dispose();
  });

  it('a retained graph is freed when its arrays are disposed', () => {
    const x = np.array(X);
    x.attach_grad();
    const base = np.memory().arrays;
    const t = autograd.record(() => np.exp(x));
    const y = autograd.record(() => np.scope(() => t.mul(t).sum()));
    y.backward({ retain_graph: true });
    expect(np.memory().arrays).toBe(base + 4); // t, y, exp's output and t saved by multiply
    t.dispose();
    y.dispose();
    expect(np.memory().arrays).toBe(base);
    x.dispose();
  });
});
