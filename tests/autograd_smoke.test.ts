import { describe, expect, it } from 'vitest';
import { np, npx, autograd } from '../src/index.js';

describe('smoke', () => {
  it('basic', () => {
    npx.set_np({ dtype: 'numpy' });
    np.scope(() => {
      const x = np.array([1.5, 2, 3]);
      x.attach_grad();
      for (const f of [
        (a: any) => np.sum(a).div(3),
        (a: any) => { const m = np.sum(a, { keepdims: true }); np.true_divide(m, 3, { out: m }); return m; },
        (a: any) => { const m = np.sum(a, { keepdims: true }); np.true_divide(m, 3, { out: m }); return a.sub(m); },
        (a: any) => { const m = np.sum(a, { keepdims: true }).div(3); const d = a.sub(m); np.multiply(d, d, { out: d }); return d; },
        (a: any) => { const m = np.sum(a, { keepdims: true }).div(3); const d = a.sub(m); return d.mul(d); },
      ]) {
        const y = autograd.record(() => f(x));
        y.backward();
        console.log(y.tolist(), x.grad!.tolist());
      }
    });
    console.log(np.memory());
  });
});
