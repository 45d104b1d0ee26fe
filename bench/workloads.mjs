// The benchmark's one table of workloads. Each entry names its metric and, per implementation, how
// to set it up and the call that is timed:
//
//   quark      { needs?(q) -> missing API name | null, setup(q, d) -> ctx, run(ctx) -> result }
//   numpy, torch, jax   { setup: Python code, op: Python expression }   (bench/peers/python_peers.py)
//   tfjs       { setup(tf, d) -> ctx, run(ctx) -> tensor(s) }           (tfjs-cpu and tfjs-wasm)
//   tfjs-cpu / tfjs-wasm   override `tfjs` for one backend
//   numpy-ts   { setup(nt, d) -> ctx, run(ctx) -> result }
//   skip       { impl: reason }: the implementation lacks the op (or is left out on purpose)
//
// An implementation without an entry is reported as "n/a" with the reason given by `skip`, or
// "no such op". Quark's side is written against the API as it is designed (NumPy / MXNet 2.0 names)
// and guarded by feature detection, so a row starts measuring quark the day its op lands; until then
// it shows "n/a (not implemented: …)" while the peers still run.
//
// Results the timed call returns are disposed after every call (quark: .dispose(); tfjs: tf.dispose;
// numpy-ts: .dispose()), so no implementation keeps its outputs alive.
//
// Metrics: 'GFLOP/s' and 'GB/s' use `work` (flops, or bytes read + written once); 'µs' is time per
// call; 'ms' is plain time. The ratio quark/peer is always a ratio of median times.

const M10 = 10_000_000;
const FLOAT = 4;

/** Python helpers shared by the training-step workloads (exec'd in the peer's namespace). */
const JAX_MLP = (jit) => `
sizes = [784, 1024, 512, 10]
ps = []
for m, n in zip(sizes[:-1], sizes[1:]):
    ps += [(rand(m, n) * 2 - 1) * (1.0 / m ** 0.5), jnp.zeros((n,), jnp.float32)]
x = rand(128, 784); y = randint(10, 128)
def forward(ps, x):
    h = x
    for i in range(0, len(ps) - 2, 2):
        h = jax.nn.relu(h @ ps[i] + ps[i + 1])
    return h @ ps[-2] + ps[-1]
def loss_fn(ps, x, y):
    return -jnp.mean(jnp.take_along_axis(jax.nn.log_softmax(forward(ps, x)), y[:, None], axis=1))
def update(ps, x, y):
    l, g = jax.value_and_grad(loss_fn)(ps, x, y)
    return [p - 0.01 * gp for p, gp in zip(ps, g)], l
upd = ${jit ? 'jax.jit(update)' : 'update'}
def step():
    global ps
    ps, l = upd(ps, x, y)
    return ps, l
`;

const JAX_LENET = (jit) => `
def param(fan_in, *shape):
    return (rand(*shape) * 2 - 1) * (1.0 / fan_in ** 0.5)
ps = [param(25, 6, 1, 5, 5), jnp.zeros((6,)), param(150, 16, 6, 5, 5), jnp.zeros((16,)),
      param(400, 400, 120), jnp.zeros((120,)), param(120, 120, 84), jnp.zeros((84,)), param(84, 84, 10), jnp.zeros((10,))]
x = rand(128, 1, 28, 28); y = randint(10, 128)
def conv(h, w, b, pad):
    return lax.conv_general_dilated(h, w, (1, 1), pad, dimension_numbers=('NCHW', 'OIHW', 'NCHW')) + b[None, :, None, None]
def pool(h):
    return lax.reduce_window(h, -jnp.inf, lax.max, (1, 1, 2, 2), (1, 1, 2, 2), 'VALID')
def forward(ps, x):
    w1, b1, w2, b2, w3, b3, w4, b4, w5, b5 = ps
    h = pool(jax.nn.relu(conv(x, w1, b1, ((2, 2), (2, 2)))))
    h = pool(jax.nn.relu(conv(h, w2, b2, 'VALID')))
    h = h.reshape(h.shape[0], -1)
    h = jax.nn.relu(h @ w3 + b3)
    h = jax.nn.relu(h @ w4 + b4)
    return h @ w5 + b5
def loss_fn(ps, x, y):
    return -jnp.mean(jnp.take_along_axis(jax.nn.log_softmax(forward(ps, x)), y[:, None], axis=1))
def update(ps, x, y):
    l, g = jax.value_and_grad(loss_fn)(ps, x, y)
    return [p - 0.01 * gp for p, gp in zip(ps, g)], l
upd = ${jit ? 'jax.jit(update)' : 'update'}
def step():
    global ps
    ps, l = upd(ps, x, y)
    return ps, l
`;

const TORCH_STEP = (net, input) => `
net = ${net}
opt = torch.optim.SGD(net.parameters(), lr=0.01)
x = ${input}; y = randint(10, 128)
def step():
    opt.zero_grad(set_to_none=True)
    loss = F.cross_entropy(net(x), y)
    loss.backward()
    opt.step()
    return loss
`;
const TORCH_MLP = 'nn.Sequential(nn.Linear(784, 1024), nn.ReLU(), nn.Linear(1024, 512), nn.ReLU(), nn.Linear(512, 10))';
const TORCH_LENET = `nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
    nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))`;

/** tfjs training step: plain variables and tf.train.sgd (no tfjs-layers needed). */
function tfjsStep(tf, d, kind) {
  const u = (shape) => {
    const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const s = 1 / Math.sqrt(fanIn);
    return tf.variable(tf.randomUniform(shape, -s, s, 'float32', 1));
  };
  const z = (n) => tf.variable(tf.zeros([n]));
  let vars, forward, x;
  if (kind === 'mlp') {
    vars = [u([784, 1024]), z(1024), u([1024, 512]), z(512), u([512, 10]), z(10)];
    x = tf.tensor2d(d.rand([128, 784]), [128, 784]);
    forward = (h) => {
      for (let i = 0; i < vars.length - 2; i += 2) h = tf.relu(tf.add(tf.matMul(h, vars[i]), vars[i + 1]));
      return tf.add(tf.matMul(h, vars[vars.length - 2]), vars[vars.length - 1]);
    };
  } else {
    vars = [u([5, 5, 1, 6]), z(6), u([5, 5, 6, 16]), z(16), u([400, 120]), z(120), u([120, 84]), z(84), u([84, 10]), z(10)];
    x = tf.tensor4d(d.rand([128, 28, 28, 1]), [128, 28, 28, 1]);
    forward = (h) => {
      const [w1, b1, w2, b2, w3, b3, w4, b4, w5, b5] = vars;
      h = tf.maxPool(tf.relu(tf.add(tf.conv2d(h, w1, 1, 'same'), b1)), 2, 2, 'valid');
      h = tf.maxPool(tf.relu(tf.add(tf.conv2d(h, w2, 1, 'valid'), b2)), 2, 2, 'valid');
      h = tf.reshape(h, [128, 400]);
      h = tf.relu(tf.add(tf.matMul(h, w3), b3));
      h = tf.relu(tf.add(tf.matMul(h, w4), b4));
      return tf.add(tf.matMul(h, w5), b5);
    };
  }
  const y = tf.oneHot(tf.tensor1d(d.randint(10, [128]), 'int32'), 10);
  const opt = tf.train.sgd(0.01);
  return { vars, x, y, opt, step: () => opt.minimize(() => tf.losses.softmaxCrossEntropy(y, forward(x)), true, vars) };
}

/** quark training step through gluon (MXNet 2.0's API); guarded until gluon/autograd land. */
function quarkNeeds(q, kind) {
  const nn = q.gluon?.nn;
  if (typeof q.autograd?.record !== 'function') return 'autograd.record';
  if (!nn || typeof nn.Sequential !== 'function' || typeof nn.Dense !== 'function') return 'gluon.nn.Sequential/Dense';
  if (kind === 'lenet' && (typeof nn.Conv2D !== 'function' || typeof nn.MaxPool2D !== 'function')) return 'gluon.nn.Conv2D/MaxPool2D';
  if (typeof q.gluon.Trainer !== 'function') return 'gluon.Trainer';
  if (typeof q.gluon.loss?.SoftmaxCrossEntropyLoss !== 'function') return 'gluon.loss.SoftmaxCrossEntropyLoss';
  return null;
}
/**
 * The MLP step written with np ops through the public API, as the torch row (nn.Linear's uniform
 * ±1/√fan_in init, F.cross_entropy on integer labels, SGD lr 0.01): forward under autograd.record,
 * backward, and the update outside record (writes into variables are allowed there).
 */
function quarkMlpNpStep(q) {
  const { np, autograd } = q;
  const sizes = [784, 1024, 512, 10];
  const ps = [];
  for (let i = 0; i < 3; i++) {
    const s = 1 / Math.sqrt(sizes[i]);
    const w = np.scope(() => q.rand([sizes[i], sizes[i + 1]], i + 1).mul(2 * s).sub(s));
    const b = np.scope(() => q.rand([sizes[i + 1]], i + 11).mul(2 * s).sub(s));
    w.attach_grad();
    b.attach_grad();
    ps.push(w, b);
  }
  const x = q.rand([128, 784]);
  const y = np.scope(() => q.randint(10, [128]).astype('int64'));
  const rows = np.arange(128);
  return {
    ps, x, y, rows,
    step: () => np.scope(() => {
      const loss = autograd.record(() => {
        let h = x;
        for (let i = 0; i < 4; i += 2) h = np.maximum(np.matmul(h, ps[i]).add(ps[i + 1]), 0);
        const z = np.matmul(h, ps[4]).add(ps[5]);
        const sh = z.sub(np.max(z, { axis: 1, keepdims: true }));
        const logp = sh.sub(np.log(np.sum(np.exp(sh), { axis: 1, keepdims: true })));
        return np.negative(np.mean(logp.get(rows, y)));
      });
      loss.backward();
      for (const p of ps) p.isub(p.grad.mul(0.01));
      return loss;
    }),
  };
}

function quarkStep(q, d, kind, hybridize) {
  if (kind === 'mlp' && !hybridize) return quarkMlpNpStep(q);
  const { np, gluon, autograd } = q;
  const nn = gluon.nn;
  const net = new nn.Sequential();
  if (kind === 'mlp') {
    net.add(new nn.Dense(1024, { activation: 'relu', in_units: 784 }), new nn.Dense(512, { activation: 'relu', in_units: 1024 }),
      new nn.Dense(10, { in_units: 512 }));
  } else {
    net.add(new nn.Conv2D(6, 5, { padding: 2, activation: 'relu', in_channels: 1 }), new nn.MaxPool2D(2),
      new nn.Conv2D(16, 5, { activation: 'relu', in_channels: 6 }), new nn.MaxPool2D(2),
      new nn.Dense(120, { activation: 'relu', in_units: 400 }), new nn.Dense(84, { activation: 'relu', in_units: 120 }),
      new nn.Dense(10, { in_units: 84 }));
  }
  net.initialize();
  if (hybridize) net.hybridize();
  const trainer = new gluon.Trainer(net.collect_params(), 'sgd', { learning_rate: 0.01 });
  const lossFn = new gluon.loss.SoftmaxCrossEntropyLoss();
  const x = kind === 'mlp' ? q.rand([128, 784]) : q.rand([128, 1, 28, 28]);
  const y = q.randint(10, [128]);
  const call = (b, ...a) => (typeof b === 'function' ? b(...a) : typeof b.call === 'function' ? b.call(...a) : b.forward(...a));
  return {
    net, x, y,
    step: () => np.scope(() => {
      const loss = autograd.record(() => call(lossFn, call(net, x), y));
      loss.backward();
      trainer.step(128);
    }),
  };
}

const noGrad = 'no autograd';
const noConv = 'no convolution op';
const slowJs = 'left out: the pure-JS backend needs many seconds per call (run with --slow to include)';

function matmul(n) {
  return {
    name: `matmul ${n}`, group: 'linear algebra', unit: 'GFLOP/s', work: 2 * n ** 3,
    desc: `(${n},${n}) @ (${n},${n}) float32`,
    quark: {
      needs: (q) => (typeof q.np.matmul === 'function' ? null : 'np.matmul'),
      setup: (q) => ({ a: q.rand([n, n]), b: q.rand([n, n]) }),
      run: (c) => c.q.np.matmul(c.a, c.b),
    },
    numpy: { setup: `a = rand(${n}, ${n}); b = rand(${n}, ${n})`, op: 'a @ b' },
    torch: { setup: `a = rand(${n}, ${n}); b = rand(${n}, ${n})`, op: 'a @ b' },
    jax: { setup: `a = rand(${n}, ${n}); b = rand(${n}, ${n}); f = jax.jit(jnp.matmul)`, op: 'f(a, b)' },
    tfjs: { setup: (tf, d) => ({ a: tf.tensor2d(d.rand([n, n]), [n, n]), b: tf.tensor2d(d.rand([n, n], 1), [n, n]) }), run: (c) => c.tf.matMul(c.a, c.b) },
    'numpy-ts': { setup: (nt, d) => ({ a: d.nt([n, n]), b: d.nt([n, n], 1) }), run: (c) => c.nt.matmul(c.a, c.b) },
    skip: n >= 2048 ? { 'tfjs-cpu': slowJs } : {},
  };
}

/** Elementwise workloads on 10M float32. */
function elementwise(name, bytes, spec) {
  return { name, group: 'elementwise', unit: 'GB/s', work: bytes, ...spec };
}

export const WORKLOADS = [
  matmul(256),
  matmul(1024),
  matmul(2048),

  elementwise('add 10M', 3 * FLOAT * M10, {
    desc: 'a + b, 10M float32, allocating the result',
    quark: { setup: (q) => ({ a: q.rand([M10]), b: q.rand([M10], 1) }), run: (c) => c.q.np.add(c.a, c.b) },
    numpy: { setup: `a = rand(${M10}); b = rand(${M10})`, op: 'np.add(a, b)' },
    torch: { setup: `a = rand(${M10}); b = rand(${M10})`, op: 'torch.add(a, b)' },
    jax: { setup: `a = rand(${M10}); b = rand(${M10}); f = jax.jit(jnp.add)`, op: 'f(a, b)' },
    tfjs: { setup: (tf, d) => ({ a: tf.tensor1d(d.rand([M10])), b: tf.tensor1d(d.rand([M10], 1)) }), run: (c) => c.tf.add(c.a, c.b) },
    'numpy-ts': { setup: (nt, d) => ({ a: d.nt([M10]), b: d.nt([M10], 1) }), run: (c) => c.nt.add(c.a, c.b) },
  }),
  elementwise('add 10M out=', 3 * FLOAT * M10, {
    desc: 'np.add(a, b, out=o), 10M float32, into an existing array',
    quark: { setup: (q) => ({ a: q.rand([M10]), b: q.rand([M10], 1), o: q.rand([M10], 2) }), run: (c) => { c.q.np.add(c.a, c.b, { out: c.o }); } },
    numpy: { setup: `a = rand(${M10}); b = rand(${M10}); o = rand(${M10})`, op: 'np.add(a, b, out=o)' },
    torch: { setup: `a = rand(${M10}); b = rand(${M10}); o = rand(${M10})`, op: 'torch.add(a, b, out=o)' },
    skip: { jax: 'immutable arrays: no out=', 'tfjs-cpu': 'no out= / in-place ops', 'tfjs-wasm': 'no out= / in-place ops', 'numpy-ts': 'no out= parameter' },
  }),
  elementwise('exp 10M', 2 * FLOAT * M10, {
    desc: 'np.exp(a), 10M float32',
    quark: { setup: (q) => ({ a: q.rand([M10]) }), run: (c) => c.q.np.exp(c.a) },
    numpy: { setup: `a = rand(${M10})`, op: 'np.exp(a)' },
    torch: { setup: `a = rand(${M10})`, op: 'torch.exp(a)' },
    jax: { setup: `a = rand(${M10}); f = jax.jit(jnp.exp)`, op: 'f(a)' },
    tfjs: { setup: (tf, d) => ({ a: tf.tensor1d(d.rand([M10])) }), run: (c) => c.tf.exp(c.a) },
    'numpy-ts': { setup: (nt, d) => ({ a: d.nt([M10]) }), run: (c) => c.nt.exp(c.a) },
  }),
  elementwise('a*b+c 10M', 4 * FLOAT * M10, {
    desc: 'a * b + c, 10M float32 (two ops; JAX jit fuses them)',
    quark: {
      setup: (q) => ({ a: q.rand([M10]), b: q.rand([M10], 1), c: q.rand([M10], 2) }),
      run: (c) => { const t = c.q.np.multiply(c.a, c.b); const r = c.q.np.add(t, c.c); t.dispose(); return r; },
    },
    numpy: { setup: `a = rand(${M10}); b = rand(${M10}); c = rand(${M10})`, op: 'a * b + c' },
    torch: { setup: `a = rand(${M10}); b = rand(${M10}); c = rand(${M10})`, op: 'a * b + c' },
    jax: { setup: `a = rand(${M10}); b = rand(${M10}); c = rand(${M10}); f = jax.jit(lambda a, b, c: a * b + c)`, op: 'f(a, b, c)' },
    tfjs: {
      setup: (tf, d) => ({ a: tf.tensor1d(d.rand([M10])), b: tf.tensor1d(d.rand([M10], 1)), c: tf.tensor1d(d.rand([M10], 2)) }),
      run: (c) => c.tf.tidy(() => c.tf.add(c.tf.mul(c.a, c.b), c.c)),
    },
    'numpy-ts': {
      setup: (nt, d) => ({ a: d.nt([M10]), b: d.nt([M10], 1), c: d.nt([M10], 2) }),
      run: (c) => { const t = c.nt.multiply(c.a, c.b); const r = c.nt.add(t, c.c); t.dispose(); return r; },
    },
  }),

  {
    name: 'sum 10M', group: 'reductions', unit: 'GB/s', work: FLOAT * M10, desc: 'np.sum(a), 10M float32',
    quark: { needs: (q) => (typeof q.np.sum === 'function' ? null : 'np.sum'), setup: (q) => ({ a: q.rand([M10]) }), run: (c) => c.q.np.sum(c.a) },
    numpy: { setup: `a = rand(${M10})`, op: 'np.sum(a)' },
    torch: { setup: `a = rand(${M10})`, op: 'torch.sum(a)' },
    jax: { setup: `a = rand(${M10}); f = jax.jit(jnp.sum)`, op: 'f(a)' },
    tfjs: { setup: (tf, d) => ({ a: tf.tensor1d(d.rand([M10])) }), run: (c) => c.tf.sum(c.a) },
    'numpy-ts': { setup: (nt, d) => ({ a: d.nt([M10]) }), run: (c) => c.nt.sum(c.a) },
  },
  ...[0, 1].map((axis) => ({
    name: `sum axis ${axis} 4096²`, group: 'reductions', unit: 'GB/s', work: FLOAT * 4096 * 4096,
    desc: `np.sum(a, axis=${axis}), (4096, 4096) float32`,
    quark: {
      needs: (q) => (typeof q.np.sum === 'function' ? null : 'np.sum'),
      setup: (q) => ({ a: q.rand([4096, 4096]) }),
      run: (c) => c.q.np.sum(c.a, { axis }),
    },
    numpy: { setup: 'a = rand(4096, 4096)', op: `np.sum(a, axis=${axis})` },
    torch: { setup: 'a = rand(4096, 4096)', op: `torch.sum(a, dim=${axis})` },
    jax: { setup: `a = rand(4096, 4096); f = jax.jit(lambda a: jnp.sum(a, axis=${axis}))`, op: 'f(a)' },
    tfjs: { setup: (tf, d) => ({ a: tf.tensor2d(d.rand([4096, 4096]), [4096, 4096]) }), run: (c) => c.tf.sum(c.a, axis) },
    'numpy-ts': { setup: (nt, d) => ({ a: d.nt([4096, 4096]) }), run: (c) => c.nt.sum(c.a, axis) },
  })),
  {
    name: 'softmax 4096×1024', group: 'reductions', unit: 'GB/s', work: 2 * FLOAT * 4096 * 1024,
    desc: 'softmax over the last axis of (4096, 1024) float32 (NumPy and numpy-ts: composed by hand)',
    quark: {
      needs: (q) => (typeof q.npx.softmax === 'function' ? null : 'npx.softmax'),
      setup: (q) => ({ a: q.rand([4096, 1024]) }),
      run: (c) => c.q.npx.softmax(c.a, { axis: -1 }),
    },
    numpy: {
      setup: 'a = rand(4096, 1024)\ndef softmax(x):\n    e = np.exp(x - x.max(axis=-1, keepdims=True))\n    return e / e.sum(axis=-1, keepdims=True)',
      op: 'softmax(a)',
    },
    torch: { setup: 'a = rand(4096, 1024)', op: 'torch.softmax(a, dim=-1)' },
    jax: { setup: 'a = rand(4096, 1024); f = jax.jit(lambda a: jax.nn.softmax(a, axis=-1))', op: 'f(a)' },
    tfjs: { setup: (tf, d) => ({ a: tf.tensor2d(d.rand([4096, 1024]), [4096, 1024]) }), run: (c) => c.tf.softmax(c.a) },
    'numpy-ts': {
      setup: (nt, d) => ({ a: d.nt([4096, 1024]) }),
      run: (c) => {
        const nt = c.nt;
        const m = nt.max(c.a, -1, true); const s = nt.subtract(c.a, m); const e = nt.exp(s);
        const z = nt.sum(e, -1, true); const r = nt.divide(e, z);
        m.dispose(); s.dispose(); e.dispose(); z.dispose();
        return r;
      },
    },
  },
  {
    name: 'softmax (np ops) 4096×1024', group: 'reductions', unit: 'GB/s', work: 2 * FLOAT * 4096 * 1024,
    desc: 'softmax over the last axis of (4096, 1024) float32 written with np ops in every library (max, subtract, exp, sum, divide)',
    quark: {
      setup: (q) => ({ a: q.rand([4096, 1024]) }),
      run: (c) => {
        const np = c.q.np;
        const m = np.max(c.a, { axis: -1, keepdims: true }); const s = np.subtract(c.a, m); const e = np.exp(s);
        const z = np.sum(e, { axis: -1, keepdims: true }); const r = np.divide(e, z);
        m.dispose(); s.dispose(); e.dispose(); z.dispose();
        return r;
      },
    },
    numpy: {
      setup: 'a = rand(4096, 1024)\ndef softmax(x):\n    e = np.exp(x - x.max(axis=-1, keepdims=True))\n    return e / e.sum(axis=-1, keepdims=True)',
      op: 'softmax(a)',
    },
    torch: {
      setup: 'a = rand(4096, 1024)\ndef softmax(x):\n    e = torch.exp(x - x.amax(dim=-1, keepdim=True))\n    return e / e.sum(dim=-1, keepdim=True)',
      op: 'softmax(a)',
    },
    jax: { setup: 'a = rand(4096, 1024); f = jax.jit(lambda x: (lambda e: e / e.sum(axis=-1, keepdims=True))(jnp.exp(x - x.max(axis=-1, keepdims=True))))', op: 'f(a)' },
    'numpy-ts': {
      setup: (nt, d) => ({ a: d.nt([4096, 1024]) }),
      run: (c) => {
        const nt = c.nt;
        const m = nt.max(c.a, -1, true); const s = nt.subtract(c.a, m); const e = nt.exp(s);
        const z = nt.sum(e, -1, true); const r = nt.divide(e, z);
        m.dispose(); s.dispose(); e.dispose(); z.dispose();
        return r;
      },
    },
  },
  {
    name: 'broadcast add (4096,1024)+(1024,)', group: 'elementwise', unit: 'GB/s', work: 2 * FLOAT * 4096 * 1024,
    desc: 'a + b with a (4096, 1024) and b (1024,), float32',
    quark: { setup: (q) => ({ a: q.rand([4096, 1024]), b: q.rand([1024], 1) }), run: (c) => c.q.np.add(c.a, c.b) },
    numpy: { setup: 'a = rand(4096, 1024); b = rand(1024)', op: 'a + b' },
    torch: { setup: 'a = rand(4096, 1024); b = rand(1024)', op: 'a + b' },
    jax: { setup: 'a = rand(4096, 1024); b = rand(1024); f = jax.jit(jnp.add)', op: 'f(a, b)' },
    tfjs: { setup: (tf, d) => ({ a: tf.tensor2d(d.rand([4096, 1024]), [4096, 1024]), b: tf.tensor1d(d.rand([1024], 1)) }), run: (c) => c.tf.add(c.a, c.b) },
    'numpy-ts': { setup: (nt, d) => ({ a: d.nt([4096, 1024]), b: d.nt([1024], 1) }), run: (c) => c.nt.add(c.a, c.b) },
  },
  {
    name: '1-element add', group: 'overhead', unit: 'µs', desc: 'a + b on 1-element float32 arrays: per-call overhead',
    quark: { setup: (q) => ({ a: q.rand([1]), b: q.rand([1], 1) }), run: (c) => c.q.np.add(c.a, c.b) },
    numpy: { setup: 'a = rand(1); b = rand(1)', op: 'np.add(a, b)' },
    torch: { setup: 'a = rand(1); b = rand(1)', op: 'torch.add(a, b)' },
    jax: { setup: 'a = rand(1); b = rand(1); f = jax.jit(jnp.add)', op: 'f(a, b)' },
    tfjs: { setup: (tf, d) => ({ a: tf.tensor1d(d.rand([1])), b: tf.tensor1d(d.rand([1], 1)) }), run: (c) => c.tf.add(c.a, c.b) },
    'numpy-ts': { setup: (nt, d) => ({ a: d.nt([1]), b: d.nt([1], 1) }), run: (c) => c.nt.add(c.a, c.b) },
  },

  {
    name: 'gather 1M of 10M', group: 'indexing', unit: 'GB/s', work: (FLOAT + FLOAT + FLOAT) * 1_000_000,
    desc: 'np.take(a, idx): 1M random int32 indices into 10M float32',
    quark: {
      needs: (q) => (typeof q.np.take === 'function' ? null : 'np.take'),
      setup: (q) => ({ a: q.rand([M10]), i: q.randint(M10, [1_000_000]) }),
      run: (c) => c.q.np.take(c.a, c.i),
    },
    numpy: { setup: `a = rand(${M10}); i = randint(${M10}, 1000000).astype(np.int32)`, op: 'np.take(a, i)' },
    torch: { setup: `a = rand(${M10}); i = randint(${M10}, 1000000)`, op: 'torch.take(a, i)' },
    jax: { setup: `a = rand(${M10}); i = randint(${M10}, 1000000); f = jax.jit(lambda a, i: jnp.take(a, i, mode='clip'))`, op: 'f(a, i)' },
    tfjs: { setup: (tf, d) => ({ a: tf.tensor1d(d.rand([M10])), i: tf.tensor1d(d.randint(M10, [1_000_000]), 'int32') }), run: (c) => c.tf.gather(c.a, c.i) },
    'numpy-ts': {
      setup: (nt, d) => ({ a: d.nt([M10]), i: nt.array(d.randint(M10, [1_000_000]), 'int32') }),
      run: (c) => c.nt.take(c.a, c.i),
    },
  },
  {
    name: 'strided copy a[::2, ::2] 4096²', group: 'indexing', unit: 'GB/s', work: 2 * FLOAT * 2048 * 2048,
    desc: 'a[::2, ::2].copy() of (4096, 4096) float32 → (2048, 2048)',
    quark: {
      needs: (q) => (typeof q.npx.slice === 'function' ? null : 'npx.slice'),
      setup: (q) => ({ a: q.rand([4096, 4096]) }),
      run: (c) => c.q.npx.slice(c.a, { begin: [0, 0], end: [4096, 4096], step: [2, 2] }),
    },
    numpy: { setup: 'a = rand(4096, 4096)', op: 'a[::2, ::2].copy()' },
    torch: { setup: 'a = rand(4096, 4096)', op: 'a[::2, ::2].contiguous()' },
    jax: { setup: 'a = rand(4096, 4096); f = jax.jit(lambda a: a[::2, ::2])', op: 'f(a)' },
    tfjs: { setup: (tf, d) => ({ a: tf.tensor2d(d.rand([4096, 4096]), [4096, 4096]) }), run: (c) => c.tf.stridedSlice(c.a, [0, 0], [4096, 4096], [2, 2]) },
    'numpy-ts': {
      setup: (nt, d) => ({ a: d.nt([4096, 4096]) }),
      run: (c) => { const v = c.a.slice('::2', '::2'); const r = v.copy(); v.dispose(); return r; },
    },
  },
  {
    name: "strided gather a.get('::2, 1::3') 4096²", group: 'indexing', unit: 'GB/s', work: 2 * FLOAT * 2048 * 1365,
    desc: "a[::2, 1::3].copy() of (4096, 4096) float32 → (2048, 1365): a strided view materialised",
    quark: {
      needs: (q) => (typeof q.np.NDArray.prototype.get === 'function' ? null : 'NDArray.get'),
      setup: (q) => ({ a: q.rand([4096, 4096]) }),
      run: (c) => { const v = c.a.get('::2, 1::3'); const r = v.copy(); v.dispose(); return r; },
    },
    numpy: { setup: 'a = rand(4096, 4096)', op: 'a[::2, 1::3].copy()' },
    torch: { setup: 'a = rand(4096, 4096)', op: 'a[::2, 1::3].contiguous()' },
    jax: { setup: 'a = rand(4096, 4096); f = jax.jit(lambda a: a[::2, 1::3])', op: 'f(a)' },
    tfjs: { setup: (tf, d) => ({ a: tf.tensor2d(d.rand([4096, 4096]), [4096, 4096]) }), run: (c) => c.tf.stridedSlice(c.a, [0, 1], [4096, 4096], [2, 3]) },
    'numpy-ts': {
      setup: (nt, d) => ({ a: d.nt([4096, 4096]) }),
      run: (c) => { const v = c.a.slice('::2', '1::3'); const r = v.copy(); v.dispose(); return r; },
    },
  },
  {
    name: 'concatenate 2×(4096,1024) axis 1', group: 'indexing', unit: 'GB/s', work: 2 * 2 * FLOAT * 4096 * 1024,
    desc: 'np.concatenate([a, b], axis=1) of two (4096, 1024) float32 → (4096, 2048)',
    quark: {
      needs: (q) => (typeof q.np.concatenate === 'function' ? null : 'np.concatenate'),
      setup: (q) => ({ a: q.rand([4096, 1024]), b: q.rand([4096, 1024], 1) }),
      run: (c) => c.q.np.concatenate([c.a, c.b], { axis: 1 }),
    },
    numpy: { setup: 'a = rand(4096, 1024); b = rand(4096, 1024)', op: 'np.concatenate([a, b], axis=1)' },
    torch: { setup: 'a = rand(4096, 1024); b = rand(4096, 1024)', op: 'torch.cat([a, b], dim=1)' },
    jax: { setup: 'a = rand(4096, 1024); b = rand(4096, 1024); f = jax.jit(lambda a, b: jnp.concatenate([a, b], axis=1))', op: 'f(a, b)' },
    tfjs: {
      setup: (tf, d) => ({ a: tf.tensor2d(d.rand([4096, 1024]), [4096, 1024]), b: tf.tensor2d(d.rand([4096, 1024], 1), [4096, 1024]) }),
      run: (c) => c.tf.concat([c.a, c.b], 1),
    },
    'numpy-ts': { setup: (nt, d) => ({ a: d.nt([4096, 1024]), b: d.nt([4096, 1024], 1) }), run: (c) => c.nt.concatenate([c.a, c.b], 1) },
  },
  {
    name: 'concatenate 8×1M', group: 'indexing', unit: 'GB/s', work: 2 * FLOAT * 8 * (1 << 20),
    desc: 'np.concatenate of eight (1048576,) float32 arrays → (8388608,)',
    quark: {
      needs: (q) => (typeof q.np.concatenate === 'function' ? null : 'np.concatenate'),
      setup: (q) => ({ xs: Array.from({ length: 8 }, (_, i) => q.rand([1 << 20], i)) }),
      run: (c) => c.q.np.concatenate(c.xs),
    },
    numpy: { setup: 'xs = [rand(1 << 20) for _ in range(8)]', op: 'np.concatenate(xs)' },
    torch: { setup: 'xs = [rand(1 << 20) for _ in range(8)]', op: 'torch.cat(xs)' },
    jax: { setup: 'xs = [rand(1 << 20) for _ in range(8)]; f = jax.jit(lambda *xs: jnp.concatenate(xs))', op: 'f(*xs)' },
    tfjs: {
      setup: (tf, d) => ({ xs: Array.from({ length: 8 }, (_, i) => tf.tensor1d(d.rand([1 << 20], i))) }),
      run: (c) => c.tf.concat(c.xs, 0),
    },
    'numpy-ts': { setup: (nt, d) => ({ xs: Array.from({ length: 8 }, (_, i) => d.nt([1 << 20], i)) }), run: (c) => c.nt.concatenate(c.xs, 0) },
  },
  {
    name: 'transpose copy 4096²', group: 'indexing', unit: 'GB/s', work: 2 * FLOAT * 4096 * 4096,
    desc: 'a.T.copy() of (4096, 4096) float32',
    quark: { setup: (q) => ({ a: q.rand([4096, 4096]) }), run: (c) => { const t = c.a.T; const r = t.copy(); t.dispose(); return r; } },
    numpy: { setup: 'a = rand(4096, 4096)', op: 'a.T.copy()' },
    torch: { setup: 'a = rand(4096, 4096)', op: 'a.t().contiguous()' },
    jax: { setup: 'a = rand(4096, 4096); f = jax.jit(lambda a: a.T)', op: 'f(a)' },
    tfjs: { setup: (tf, d) => ({ a: tf.tensor2d(d.rand([4096, 4096]), [4096, 4096]) }), run: (c) => c.tf.transpose(c.a) },
    'numpy-ts': { setup: (nt, d) => ({ a: d.nt([4096, 4096]) }), run: (c) => c.nt.ascontiguousarray(c.a.T) },
  },

  {
    name: 'batched matmul 512×64³', group: 'linear algebra', unit: 'GFLOP/s', work: 2 * 512 * 64 ** 3,
    desc: '(512, 64, 64) @ (512, 64, 64) float32',
    quark: {
      needs: (q) => (typeof q.np.matmul === 'function' ? null : 'np.matmul'),
      setup: (q) => ({ a: q.rand([512, 64, 64]), b: q.rand([512, 64, 64], 1) }),
      run: (c) => c.q.np.matmul(c.a, c.b),
    },
    numpy: { setup: 'a = rand(512, 64, 64); b = rand(512, 64, 64)', op: 'a @ b' },
    torch: { setup: 'a = rand(512, 64, 64); b = rand(512, 64, 64)', op: 'torch.bmm(a, b)' },
    jax: { setup: 'a = rand(512, 64, 64); b = rand(512, 64, 64); f = jax.jit(jnp.matmul)', op: 'f(a, b)' },
    tfjs: {
      setup: (tf, d) => ({ a: tf.tensor3d(d.rand([512, 64, 64]), [512, 64, 64]), b: tf.tensor3d(d.rand([512, 64, 64], 1), [512, 64, 64]) }),
      run: (c) => c.tf.matMul(c.a, c.b),
    },
    'numpy-ts': { setup: (nt, d) => ({ a: d.nt([512, 64, 64]), b: d.nt([512, 64, 64], 1) }), run: (c) => c.nt.matmul(c.a, c.b) },
  },
  {
    name: 'einsum bhqd,bhkd->bhqk', group: 'linear algebra', unit: 'GFLOP/s', work: 2 * 8 * 8 * 256 * 256 * 64,
    desc: "einsum('bhqd,bhkd->bhqk') with q, k (8, 8, 256, 64) float32 (attention scores; NumPy with optimize=True)",
    quark: {
      needs: (q) => (typeof q.np.einsum === 'function' ? null : 'np.einsum'),
      setup: (q) => ({ a: q.rand([8, 8, 256, 64]), b: q.rand([8, 8, 256, 64], 1) }),
      run: (c) => c.q.np.einsum('bhqd,bhkd->bhqk', c.a, c.b),
    },
    numpy: { setup: 'a = rand(8, 8, 256, 64); b = rand(8, 8, 256, 64)', op: "np.einsum('bhqd,bhkd->bhqk', a, b, optimize=True)" },
    torch: { setup: 'a = rand(8, 8, 256, 64); b = rand(8, 8, 256, 64)', op: "torch.einsum('bhqd,bhkd->bhqk', a, b)" },
    jax: { setup: "a = rand(8, 8, 256, 64); b = rand(8, 8, 256, 64); f = jax.jit(lambda a, b: jnp.einsum('bhqd,bhkd->bhqk', a, b))", op: 'f(a, b)' },
    tfjs: {
      setup: (tf, d) => ({ a: tf.tensor4d(d.rand([8, 8, 256, 64]), [8, 8, 256, 64]), b: tf.tensor4d(d.rand([8, 8, 256, 64], 1), [8, 8, 256, 64]) }),
      run: (c) => c.tf.einsum('bhqd,bhkd->bhqk', c.a, c.b),
    },
    'numpy-ts': {
      setup: (nt, d) => ({ a: d.nt([8, 8, 256, 64]), b: d.nt([8, 8, 256, 64], 1) }),
      run: (c) => c.nt.einsum('bhqd,bhkd->bhqk', c.a, c.b),
    },
    skip: {
      'tfjs-cpu': 'left out: over a minute per call in a trial run (run with --slow to include)',
      'numpy-ts': 'left out: over a minute per call in a trial run (run with --slow to include)',
    },
  },

  {
    name: 'einsum ij,jk,kl->il', group: 'linear algebra', unit: 'GFLOP/s', work: 4 * 512 ** 3,
    desc: "einsum('ij,jk,kl->il') of three (512, 512) float32 (a matrix chain: two products in the best order; NumPy with optimize=True)",
    quark: {
      needs: (q) => (typeof q.np.einsum === 'function' ? null : 'np.einsum'),
      setup: (q) => ({ a: q.rand([512, 512]), b: q.rand([512, 512], 1), c: q.rand([512, 512], 2) }),
      run: (c) => c.q.np.einsum('ij,jk,kl->il', c.a, c.b, c.c),
    },
    numpy: { setup: 'a = rand(512, 512); b = rand(512, 512); c = rand(512, 512)', op: "np.einsum('ij,jk,kl->il', a, b, c, optimize=True)" },
    torch: { setup: 'a = rand(512, 512); b = rand(512, 512); c = rand(512, 512)', op: "torch.einsum('ij,jk,kl->il', a, b, c)" },
    jax: { setup: "a = rand(512, 512); b = rand(512, 512); c = rand(512, 512); f = jax.jit(lambda a, b, c: jnp.einsum('ij,jk,kl->il', a, b, c))", op: 'f(a, b, c)' },
    tfjs: {
      setup: (tf, d) => ({ a: tf.tensor2d(d.rand([512, 512]), [512, 512]), b: tf.tensor2d(d.rand([512, 512], 1), [512, 512]), c: tf.tensor2d(d.rand([512, 512], 2), [512, 512]) }),
      run: (c) => c.tf.einsum('ij,jk,kl->il', c.a, c.b, c.c),
    },
    'numpy-ts': {
      setup: (nt, d) => ({ a: d.nt([512, 512]), b: d.nt([512, 512], 1), c: d.nt([512, 512], 2) }),
      run: (c) => c.nt.einsum('ij,jk,kl->il', c.a, c.b, c.c),
    },
    // (a synchronous call in the benchmark's own process cannot be cut short: it held the whole run)
    skip: { 'numpy-ts': 'left out: its first call ran for over 10 minutes in a full run (run with --slow to include)' },
  },

  ...[32, 1].map((n) => conv2d(n, false)),
  conv2d(32, true),

  ...[false, true].map((h) => trainStep('mlp', h)),
  ...[false, true].map((h) => trainStep('lenet', h)),
];

/** conv2d n×64×56×56, 64 filters 3×3, stride 1, pad 1; `backward`: forward + grads of input and weight. */
function conv2d(n, backward) {
  const fwdFlops = 2 * n * 64 * 56 * 56 * 64 * 9;
  const xs = `rand(${n}, 64, 56, 56)`;
  return {
    name: backward ? `conv2d fwd+bwd ${n}×64×56² 3×3` : `conv2d fwd ${n}×64×56² 3×3`,
    group: 'convolution', unit: 'GFLOP/s', work: backward ? 3 * fwdFlops : fwdFlops,
    desc: `${n}×64×56×56 input, 64 filters 3×3, pad 1, float32${backward ? ': forward + gradients of input and weight' : ''} (tfjs: NHWC)`,
    quark: {
      needs: (q) => (typeof q.npx.convolution !== 'function' ? 'npx.convolution'
        : backward && typeof q.autograd?.record !== 'function' ? 'autograd.record' : null),
      setup: (q) => {
        const x = q.rand([n, 64, 56, 56]);
        const w = q.rand([64, 64, 3, 3], 1);
        const dy = q.rand([n, 64, 56, 56], 2);
        if (backward) { x.attach_grad(); w.attach_grad(); }
        return { x, w, dy };
      },
      run: (c) => {
        const { npx, np, autograd } = c.q;
        const conv = () => npx.convolution(c.x, c.w, null, { kernel: [3, 3], pad: [1, 1], num_filter: 64, no_bias: true });
        if (!backward) return conv();
        np.scope(() => { const y = autograd.record(conv); y.backward(c.dy); });
        return undefined;
      },
    },
    torch: backward
      ? { setup: `x = ${xs}.requires_grad_(); w = rand(64, 64, 3, 3).requires_grad_(); dy = rand(${n}, 64, 56, 56)
def step():
    x.grad = None; w.grad = None
    F.conv2d(x, w, padding=1).backward(dy)
    return x.grad`, op: 'step()' }
      : { setup: `x = ${xs}; w = rand(64, 64, 3, 3)`, op: 'F.conv2d(x, w, padding=1)' },
    jax: backward
      ? { setup: `x = ${xs}; w = rand(64, 64, 3, 3); dy = rand(${n}, 64, 56, 56)
conv = lambda x, w: lax.conv_general_dilated(x, w, (1, 1), ((1, 1), (1, 1)), dimension_numbers=('NCHW', 'OIHW', 'NCHW'))
def fb(x, w, dy):
    y, vjp = jax.vjp(conv, x, w)
    return vjp(dy)
f = jax.jit(fb)`, op: 'f(x, w, dy)' }
      : { setup: `x = ${xs}; w = rand(64, 64, 3, 3)
f = jax.jit(lambda x, w: lax.conv_general_dilated(x, w, (1, 1), ((1, 1), (1, 1)), dimension_numbers=('NCHW', 'OIHW', 'NCHW')))`, op: 'f(x, w)' },
    tfjs: {
      setup: (tf, d) => {
        const x = tf.tensor4d(d.rand([n, 56, 56, 64]), [n, 56, 56, 64]);
        const w = tf.tensor4d(d.rand([3, 3, 64, 64], 1), [3, 3, 64, 64]);
        const dy = tf.tensor4d(d.rand([n, 56, 56, 64], 2), [n, 56, 56, 64]);
        const g = backward ? tf.grads((x, w) => tf.conv2d(x, w, 1, 'same')) : null;
        return { x, w, dy, g };
      },
      run: (c) => (backward ? c.g([c.x, c.w], c.dy) : c.tf.conv2d(c.x, c.w, 1, 'same')),
    },
    skip: { numpy: noConv, 'numpy-ts': noConv, ...(n >= 32 ? { 'tfjs-cpu': slowJs } : {}) },
  };
}

function trainStep(kind, hybridize) {
  const label = kind === 'mlp' ? 'MLP 784-1024-512-10' : 'LeNet CNN';
  return {
    name: `${kind === 'mlp' ? 'MLP' : 'LeNet'} train step b128${hybridize ? ' hybridized' : ''}`,
    group: 'training', unit: 'ms',
    desc: `${label} SGD step (forward, softmax cross-entropy, backward, update), batch 128, float32` +
      (kind === 'lenet' ? ' — conv5×5(6, pad 2)/relu/maxpool2, conv5×5(16)/relu/maxpool2, dense 120/84/10 on 28×28×1' : '') +
      (hybridize ? '; quark: net.hybridize(); JAX: the whole step under jax.jit' : `; quark imperative${kind === 'mlp' ? ' (np ops + autograd, SGD by isub)' : ''}; JAX op by op (no jit)`),
    quark: {
      needs: (q) => (kind === 'mlp' && !hybridize
        ? (typeof q.autograd?.record === 'function' && typeof q.np.matmul === 'function' ? null : 'autograd.record, np.matmul')
        : quarkNeeds(q, kind) ?? (hybridize && typeof q.gluon.nn.Sequential.prototype.hybridize !== 'function' ? 'hybridize' : null)),
      setup: (q, d) => quarkStep(q, d, kind, hybridize),
      run: (c) => c.step(),
    },
    torch: hybridize ? undefined : { setup: TORCH_STEP(kind === 'mlp' ? TORCH_MLP : TORCH_LENET, kind === 'mlp' ? 'rand(128, 784)' : 'rand(128, 1, 28, 28)'), op: 'step()' },
    jax: { setup: kind === 'mlp' ? JAX_MLP(hybridize) : JAX_LENET(hybridize), op: 'step()' },
    tfjs: hybridize ? undefined : { setup: (tf, d) => tfjsStep(tf, d, kind), run: (c) => c.step() },
    skip: {
      numpy: noGrad, 'numpy-ts': noGrad,
      ...(hybridize ? {
        torch: 'eager only: torch.compile (Inductor) would spend minutes compiling, not measured',
        'tfjs-cpu': 'no graph mode', 'tfjs-wasm': 'no graph mode',
      } : {}),
      ...(kind === 'lenet' && !hybridize ? { 'tfjs-cpu': slowJs } : {}),
    },
  };
}
