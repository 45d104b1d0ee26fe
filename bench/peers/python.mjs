// Client side of bench/peers/python_peers.py: one long-lived Python process per peer, spoken to in
// JSON lines. The process gets its own environment: 2 threads everywhere, and for NumPy the
// OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE variables removed (they are set on these machines for old
// OpenBLAS builds and halve a current NumPy's matmul); the Node process keeps them.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./python_peers.py', import.meta.url));

export function peerEnv(peer, threads) {
  const env = { ...process.env };
  const t = String(threads);
  Object.assign(env, {
    QUARK_BENCH_THREADS: t, OMP_NUM_THREADS: t, MKL_NUM_THREADS: t, OPENBLAS_NUM_THREADS: t,
    PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1',
  });
  if (peer === 'numpy') {
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
  }
  if (peer === 'jax') {
    env.JAX_PLATFORMS = 'cpu';
    env.TF_CPP_MIN_LOG_LEVEL = '2';
  }
  return env;
}

export class PythonPeer {
  constructor(peer, { python = 'python3', threads = 2, verbose = false } = {}) {
    this.name = peer;
    this.kind = 'python';
    this.python = python;
    this.threads = threads;
    this.verbose = verbose;
    this.pending = [];
    this.stderr = '';
    this.exited = null;
  }

  /** Starts the process and waits for its hello; resolves to { ok, info } or { ok: false, error }. */
  start(timeoutMs = 180_000) {
    this.proc = spawn(this.python, [SCRIPT, this.name], { env: peerEnv(this.name, this.threads), stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr.on('data', (b) => {
      const s = b.toString();
      if (this.verbose) process.stderr.write(`[${this.name}] ${s}`);
      this.stderr = (this.stderr + s).slice(-4000);
    });
    this.proc.on('exit', (code, sig) => {
      this.exited = `exited (${sig ?? code})`;
      for (const p of this.pending.splice(0)) p.reject(new Error(`${this.name} ${this.exited}: ${this.lastError()}`));
    });
    this.proc.on('error', (e) => {
      this.exited = e.message;
      for (const p of this.pending.splice(0)) p.reject(e);
    });
    this.proc.stdin.on('error', () => {});
    const rl = createInterface({ input: this.proc.stdout });
    rl.on('line', (line) => {
      const p = this.pending.shift();
      if (!p) return;
      try { p.resolve(JSON.parse(line)); } catch (e) { p.reject(new Error(`bad reply from ${this.name}: ${line.slice(0, 200)}`)); }
    });
    const hello = new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
    let timer;
    const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve({ ok: false, error: `no answer in ${timeoutMs / 1000} s` }), timeoutMs); });
    return Promise.race([hello.catch((e) => ({ ok: false, error: e.message })), timeout]).then((r) => {
      clearTimeout(timer);
      if (r.ok) this.info = r.info;
      else this.stop();
      return r;
    });
  }

  get pid() { return this.proc?.pid; }

  lastError() {
    const lines = this.stderr.trim().split('\n').filter(Boolean);
    return lines.slice(-1)[0] ?? '';
  }

  request(obj) {
    if (this.exited) return Promise.reject(new Error(`${this.name} ${this.exited}`));
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.proc.stdin.write(JSON.stringify(obj) + '\n');
    });
  }

  async setup(w) {
    const spec = w[this.name];
    const r = await this.request({ cmd: 'setup', setup: spec.setup, op: spec.op });
    if (!r.ok) throw new Error(r.error);
  }

  async time(inner, samples) {
    const r = await this.request({ cmd: 'time', inner, samples });
    if (!r.ok) throw new Error(r.error);
    return r.times;
  }

  async teardown() {
    if (this.exited) return;
    await this.request({ cmd: 'teardown' }).catch(() => {});
  }

  stop() {
    if (!this.proc || this.exited) return;
    try { this.proc.stdin.write(JSON.stringify({ cmd: 'quit' }) + '\n'); this.proc.stdin.end(); } catch { /* gone */ }
    const p = this.proc;
    setTimeout(() => { if (p.exitCode === null && p.signalCode === null) p.kill(); }, 3000).unref();
  }
}
