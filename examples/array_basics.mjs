// quark's array API at work: creation, arithmetic with NumPy's promotion, views, printing,
// memory scopes, and .npy/.npz files that NumPy reads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { autograd, np, npx } from 'quark';

const show = (label, v) => console.log(`${label}\n${v}\n`);

np.scope(() => {
  // Creation
  const a = np.array([[1, 2, 3], [4, 5, 6]], { dtype: 'float32' });
  const b = np.array([10, 20, 30], { dtype: 'int8' });
  show('a =', a.repr());
  show('b =', b.repr());
  show('np.zeros([2, 3], { dtype: "int32" }) =', np.zeros([2, 3], { dtype: 'int32' }).repr());
  show('np.full([2, 2], 7) =', np.full([2, 2], 7).repr());

  // Arithmetic: broadcasting and NEP 50 promotion (float32 + int8 -> float32; int8 + 1 stays int8)
  show('a + b =', a.add(b).repr());
  show('b + 1 (a weak JS scalar keeps int8) =', b.add(1).repr());
  show('b * 10 (int8 wraps around, as NumPy) =', b.mul(10).repr());
  show('np.exp(a) =', np.exp(a).repr());
  show('np.true_divide(b, 4) =', np.true_divide(b, 4).repr());

  // Reductions, with NumPy's accumulation dtypes (an int8 sum accumulates in int64)
  const m = np.arange(12, { dtype: 'float32' }).reshape(3, 4);
  show('m =', m.repr());
  show('np.sum(m, 0) =', np.sum(m, 0).repr());
  show('m.mean({ axis: 1, keepdims: true }) =', m.mean({ axis: 1, keepdims: true }).repr());
  show('np.max(m) / np.argmax(m, { axis: 1 }) =', `${np.max(m).repr()} / ${np.argmax(m, { axis: 1 }).repr()}`);
  show('np.sum(b) (int8 -> int64) =', np.sum(b).repr());
  show('np.std(m) =', np.std(m).repr());
  show('np.sort(np.array([3, NaN, 1, 2])) (NaN last) =', np.sort(np.array([3, NaN, 1, 2])).repr());

  // Views share memory; copies do not
  const t = a.T;
  show(`a.T (a view: c_contiguous=${t.flags.c_contiguous}, base is a: ${t.base === a}) =`, t.repr());
  show('a.reshape(3, 2) =', a.reshape(3, 2).repr());
  show('a.astype("float16") / 3 =', a.astype('float16').div(3).repr());

  // Indexing (views for slices, copies for integer/boolean arrays), linear algebra, random numbers
  show("a.get(':, ::-1') =", a.get(':, ::-1').repr());
  show('a.get(a.gt(2)) =', a.get(a.gt(2)).repr());
  const rng = np.random.default_rng(42);
  const sq = rng.standard_normal([3, 3]);
  show('np.linalg.det(q) * det(inv(q)) =', np.linalg.det(sq).mul(np.linalg.det(np.linalg.inv(sq))).repr());
  show('np.fft.rfft([1, 2, 3, 4]) =', np.fft.rfft(np.array([1, 2, 3, 4])).repr());

  // Reverse-mode gradients: d/dw sum(relu(x @ w)) for a small batch
  const x = rng.standard_normal([4, 3]);
  const w = rng.standard_normal([3, 2]);
  w.attach_grad();
  const loss = autograd.record(() => np.sum(np.maximum(np.matmul(x, w), 0)));
  loss.backward();
  show('loss =', loss.repr());
  show('w.grad =', w.grad.repr());

  // Printing follows NumPy, including summarisation of large arrays
  show('np.ones(2000) / 3 =', np.ones(2000).div(3).repr());
});
console.log('live arrays after the scope:', np.memory().arrays);

// .npy / .npz files, readable by numpy.load
const dir = mkdtempSync(join(tmpdir(), 'quark-demo-'));
try {
  const x = np.array([[1.5, 2.5], [3.5, 4.5]]);
  np.save(join(dir, 'x.npy'), x);
  const y = np.load(join(dir, 'x.npy'));
  show('saved and loaded x.npy =', y.repr());
  np.savez_compressed(join(dir, 'both.npz'), x, { y });
  const z = np.load(join(dir, 'both.npz'));
  console.log('both.npz holds', z.files.join(', '));
  z.dispose(); x.dispose(); y.dispose();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`\nnative CPU backend: ${npx.num_threads()} threads; devices: ${npx.devices().join(', ')}`);
