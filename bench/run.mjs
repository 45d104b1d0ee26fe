#!/usr/bin/env node
// quark's benchmark: `npm run bench [-- [filter …] [--quick] [--slow] [--only=a,b] [--no-install]]`
//
// Runs every workload of bench/workloads.mjs on quark and, in the same run, on the peers installed
// here: NumPy, PyTorch and JAX (each in one long-lived Python process, bench/peers/python_peers.py),
// TensorFlow.js ('cpu' and 'wasm' backends) and numpy-ts (in this Node process). Implementations are
// interleaved round by round, after a warm-up, with an adaptive number of calls per sample; the
// table gives the median and spread, and quark's time divided by each peer's.
//
// A full run (no filter, not --quick) writes bench/results/latest.json, a dated copy, the chart
// bench/results/ratios.png and the results section of bench/README.md. Other runs write
// bench/results/partial.json only.
//
// Options:
//   FILTER …        run only workloads whose name contains one of the words (case-insensitive)
//   --quick         smoke run: few, short samples (for tests); does not touch the README
//   --slow          include what is left out by default for taking many seconds per call
//   --only=a,b      only these implementations (quark,numpy,torch,jax,tfjs-cpu,tfjs-wasm,numpy-ts)
//   --threads=N     threads for every implementation (default 2)
//   --no-install    do not pip/npm install missing peers (they are skipped)
//   --no-build      do not run the build first
//   --verbose       show the Python peers' stderr
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadSnapshot, otherLoad, waitQuiet } from './lib/quiet.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, '..');
const RESULTS = join(BENCH, 'results');
const t0 = Date.now();
const LOAD_START = os.loadavg().map((x) => +x.toFixed(2));

// ---------------------------------------------------------------- arguments

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const opt = (name, dflt) => {
  const a = argv.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : dflt;
};
const filters = argv.filter((a) => !a.startsWith('--')).map((s) => s.toLowerCase());
const QUICK = flag('quick');
const SLOW = flag('slow');
const VERBOSE = flag('verbose');
const THREADS = Number(opt('threads', '2'));
const ALL_IMPLS = ['quark', 'numpy', 'torch', 'jax', 'tfjs-cpu', 'tfjs-wasm', 'numpy-ts'];
const ONLY = opt('only', null)?.split(',').map((s) => s.trim()).filter(Boolean) ?? ALL_IMPLS;
for (const o of ONLY) if (!ALL_IMPLS.includes(o)) { console.error(`unknown implementation '${o}' (known: ${ALL_IMPLS.join(', ')})`); process.exit(2); }
const FULL = filters.length === 0 && !QUICK && ONLY.length === ALL_IMPLS.length;

/** Timing policy (ms). */
const POLICY = QUICK
  ? { budget: 40, minSamples: 3, maxSamples: 10, rounds: 2, minSampleMs: 1, callLimit: 1500, firstCallLimit: 15_000, implLimit: 3000, quietWait: 0, quietTotal: 0, warmupMs: 20 }
  : { budget: 600, minSamples: 5, maxSamples: 60, rounds: 5, minSampleMs: 3, callLimit: 4000, firstCallLimit: 30_000, implLimit: 8000, quietWait: 10_000, quietTotal: 120_000, warmupMs: 250 };

if (SLOW) Object.assign(POLICY, { callLimit: 600_000, firstCallLimit: 600_000, implLimit: 1_200_000 });
let quietBudget = POLICY.quietTotal;

/**
 * Before a workload: while other processes keep more than 30% of the machine busy, wait (up to
 * POLICY.quietWait per workload and POLICY.quietTotal per run) for them to calm down.
 */
async function waitForQuietMachine(pids) {
  const t = Date.now();
  while (quietBudget > 0 && Date.now() - t < POLICY.quietWait) {
    const a = loadSnapshot(pids);
    await new Promise((r) => setTimeout(r, 500));
    const load = otherLoad(a, loadSnapshot(pids));
    quietBudget -= 500;
    if (load === null || load < 0.3) break;
  }
  return (Date.now() - t) / 1000;
}

// OpenMP reads this when quark's native addon loads (below): 2 threads, as every peer gets.
process.env.OMP_NUM_THREADS = String(THREADS);

const say = (s) => process.stdout.write(`[bench] ${s}\n`);
/**
 * The JS heap of this process is shared by the in-process implementations (quark, tfjs,
 * numpy-ts): one's garbage would be collected on the next one's time. A full collection between
 * turns gives each a clean heap (the Python peers run in their own processes).
 */
const collectGarbage = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc');
  } catch {
    return () => {};
  }
})();
/** Waits until the implementation's threads (BLAS / OpenMP pools) stopped spinning. */
const cool = (impl) => {
  if (impl.kind === 'js') collectGarbage();
  return waitQuiet(impl.pid ?? process.pid, impl.kind === 'js' ? { skipTid: process.pid } : {});
};

// ---------------------------------------------------------------- build quark

function ensureBuilt() {
  if (flag('no-build')) return;
  if (!existsSync(join(ROOT, 'node_modules', 'typescript'))) {
    say('node_modules missing: running scripts/setup.sh (system packages, npm ci, build) …');
    const r = spawnSync('bash', [join(ROOT, 'scripts', 'setup.sh')], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) { console.error('[bench] scripts/setup.sh failed'); process.exit(1); }
    return;
  }
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    if (!existsSync(join(ROOT, 'dist', 'index.js'))) { console.error('[bench] build failed'); process.exit(1); }
    say('build failed: benchmarking the dist/ already there');
  }
}

// ---------------------------------------------------------------- implementations

async function loadImpls() {
  const { ensureNpm, ensurePython } = await import('./lib/install.mjs');
  const install = !flag('no-install');
  const impls = [];
  const unavailable = (name, reason) => ({ name, unavailable: reason });

  if (ONLY.includes('quark')) {
    const { loadQuark } = await import('./peers/quark.mjs');
    try { impls.push(await loadQuark({ threads: THREADS })); } catch (e) { impls.push(unavailable('quark', `cannot load dist/: ${e.message}`)); }
  }

  const pyWanted = ['numpy', 'torch', 'jax'].filter((p) => ONLY.includes(p));
  const npmWanted = [...(ONLY.some((n) => n.startsWith('tfjs')) ? ['tfjs'] : []), ...(ONLY.includes('numpy-ts') ? ['numpy-ts'] : [])];
  const python = process.env.PYTHON ?? 'python3';
  const pyStatus = pyWanted.length ? ensurePython(python, pyWanted, { install }) : {};
  const npmStatus = npmWanted.length ? ensureNpm(npmWanted, { install }) : {};

  const { PythonPeer } = await import('./peers/python.mjs');
  const starting = pyWanted.map((p) => {
    if (pyStatus[p]) return Promise.resolve(unavailable(p, pyStatus[p]));
    const peer = new PythonPeer(p, { python, threads: THREADS, verbose: VERBOSE });
    return peer.start().then((r) => (r.ok ? peer : unavailable(p, `failed to start: ${r.error}`)));
  });

  const js = [];
  if (npmWanted.includes('tfjs')) {
    if (npmStatus.tfjs) {
      for (const n of ['tfjs-cpu', 'tfjs-wasm']) if (ONLY.includes(n)) js.push(unavailable(n, npmStatus.tfjs));
    } else {
      try {
        const { loadTfjs } = await import('./peers/tfjs.mjs');
        for (const i of await loadTfjs()) if (ONLY.includes(i.name)) js.push(i);
      } catch (e) {
        for (const n of ['tfjs-cpu', 'tfjs-wasm']) if (ONLY.includes(n)) js.push(unavailable(n, `cannot load: ${e.message}`));
      }
    }
  }
  if (npmWanted.includes('numpy-ts')) {
    if (npmStatus['numpy-ts']) js.push(unavailable('numpy-ts', npmStatus['numpy-ts']));
    else {
      try {
        const { loadNumpyTs } = await import('./peers/numpy_ts.mjs');
        js.push(await loadNumpyTs());
      } catch (e) { js.push(unavailable('numpy-ts', `cannot load: ${e.message}`)); }
    }
  }
  impls.push(...(await Promise.all(starting)), ...js);
  impls.sort((a, b) => ALL_IMPLS.indexOf(a.name) - ALL_IMPLS.indexOf(b.name));
  return impls;
}

// ---------------------------------------------------------------- measuring one workload

function skipReason(w, impl) {
  const declared = w.skip?.[impl.name];
  if (declared && !(SLOW && /--slow/.test(declared))) return declared;
  if (impl.kind === 'python') return w[impl.name] ? null : 'no such op';
  return impl.spec(w) ? null : 'no such op';
}

async function measure(w, impls, data) {
  const results = {};
  const active = [];
  // Setup: the Python peers build their inputs in their own processes while Node builds its own.
  const pySetups = new Map();
  for (const impl of impls) {
    if (impl.unavailable) { results[impl.name] = { status: 'n/a', reason: `not available: ${impl.unavailable}` }; continue; }
    const why = skipReason(w, impl);
    if (why) { results[impl.name] = { status: 'n/a', reason: why }; continue; }
    if (impl.kind === 'python') pySetups.set(impl, impl.setup(w).then(() => null, (e) => e));
  }
  for (const impl of impls) {
    if (results[impl.name] || impl.kind === 'python') continue;
    try {
      await impl.setup(w, data);
      active.push(impl);
    } catch (e) {
      results[impl.name] = e.constructor?.name === 'NotAvailable' ? { status: 'n/a', reason: e.message } : failure(e, 'setup');
      await impl.teardown().catch(() => {});
    }
  }
  for (const [impl, p] of pySetups) {
    const e = await p;
    if (e) results[impl.name] = failure(e, 'setup');
    else active.push(impl);
  }
  active.sort((a, b) => impls.indexOf(a) - impls.indexOf(b));

  // Warm-up and calibration, one implementation at a time.
  const plan = new Map();
  for (const impl of [...active]) {
    try {
      // The first call may compile (JAX traces and compiles, op by op without jit): it gets a
      // longer leash than the calls after it.
      const first = (await impl.time(1, 1))[0];
      if (first > POLICY.firstCallLimit) throw Object.assign(new Error('slow'), { slowMs: first });
      let est = (await impl.time(1, 1))[0];
      if (est > POLICY.callLimit) throw Object.assign(new Error('slow'), { slowMs: est });
      let inner = 1;
      while (est * inner < (QUICK ? 5 : 20) && inner < 1 << 20) {
        inner = Math.min(1 << 20, Math.max(inner * 4, Math.ceil(((QUICK ? 5 : 20) / Math.max(est, 1e-4)))));
        est = (await impl.time(inner, 1))[0];
      }
      inner = Math.max(1, Math.ceil(POLICY.minSampleMs / est));
      const sampleMs = inner * est;
      let total = Math.round(POLICY.budget / sampleMs);
      total = Math.min(POLICY.maxSamples, Math.max(est > 500 ? 3 : POLICY.minSamples, total));
      if (total * sampleMs > POLICY.implLimit) total = Math.max(1, Math.floor(POLICY.implLimit / sampleMs));
      const rounds = Math.min(POLICY.rounds, total);
      // Warm-up to the steady state before anything is kept: V8 optimises the JS implementations'
      // hot paths only after some hundreds of calls, and the first blocks of a size fault their
      // pages in (the first round of a 2-call warm-up ran up to 2.5x slower than the last, for
      // quark's 1-element add). Every implementation gets the same ≈ 0.25 s (calls over 0.5 s: none).
      if (est <= 500) await impl.time(inner, Math.max(1, Math.ceil(POLICY.warmupMs / sampleMs)));
      plan.set(impl, { inner, rounds, perRound: Math.ceil(total / rounds), samples: [] });
    } catch (e) {
      if (e.slowMs !== undefined) results[impl.name] = { status: 'slow', firstCallMs: e.slowMs };
      else results[impl.name] = failure(e, 'run');
    }
    await cool(impl);
  }

  // Interleaved rounds: every implementation runs once per round, the order rotating, so that
  // drift (other load, thermal, page cache) hits all of them alike.
  const order = [...plan.keys()];
  const maxRounds = Math.max(0, ...[...plan.values()].map((p) => p.rounds));
  for (let r = 0; r < maxRounds; r++) {
    for (let k = 0; k < order.length; k++) {
      const impl = order[(k + r) % order.length];
      const p = plan.get(impl);
      if (!p || r >= p.rounds) continue;
      try {
        p.samples.push(...(await impl.time(p.inner, p.perRound)));
      } catch (e) {
        results[impl.name] = failure(e, 'run');
        plan.delete(impl);
      }
      await cool(impl);
    }
  }
  for (const [impl, p] of plan) {
    const { stats } = await import('./lib/report.mjs');
    const round5 = (x) => +x.toPrecision(5);
    const st = stats(p.samples);
    for (const k of Object.keys(st)) if (k !== 'n') st[k] = round5(st[k]);
    results[impl.name] = { status: 'ok', stats: st, inner: p.inner, rounds: p.rounds, samples: p.samples.map(round5) };
  }
  for (const impl of active) await impl.teardown().catch(() => {});
  return results;
}

function firstLine(e) {
  return String(e?.message ?? e).split('\n')[0].slice(0, 240);
}

/** A missing kernel or gradient is the library lacking the op (n/a); anything else is an error. */
function failure(e, stage) {
  const msg = firstLine(e);
  if (/not registered for backend|gradient function not found|not implemented|NotImplementedError/i.test(msg)) {
    return { status: 'n/a', reason: `op missing: ${msg}` };
  }
  return { status: 'error', reason: `${stage}: ${msg}` };
}

// ---------------------------------------------------------------- main

async function main() {
  ensureBuilt();
  const { WORKLOADS } = await import('./workloads.mjs');
  const { Data } = await import('./lib/data.mjs');
  const report = await import('./lib/report.mjs');

  const workloads = WORKLOADS.filter((w) => filters.length === 0 || filters.some((f) => w.name.toLowerCase().includes(f)));
  if (workloads.length === 0) {
    console.error(`no workload matches ${filters.join(' ')}; workloads:\n  ${WORKLOADS.map((w) => w.name).join('\n  ')}`);
    process.exit(2);
  }
  say(`${workloads.length} workload(s), implementations: ${ONLY.join(', ')}; ${THREADS} threads each${QUICK ? '; quick run' : ''}`);
  const impls = await loadImpls();
  for (const i of impls) say(`${i.name}: ${i.unavailable ? `skipped — ${i.unavailable}` : report.describeImpl({ name: i.name, available: true, info: i.info })}`);

  const out = [];
  for (const [k, w] of workloads.entries()) {
    const tw = Date.now();
    const pids = [process.pid, ...impls.map((i) => i.pid).filter(Boolean)];
    const waited = await waitForQuietMachine(pids);
    const snap = loadSnapshot(pids);
    const data = new Data();
    const results = await measure(w, impls, data);
    const other = otherLoad(snap, loadSnapshot(pids));
    data.clear();
    globalThis.gc?.();
    const q = results.quark;
    const ratios = {};
    for (const [name, r] of Object.entries(results)) {
      if (name !== 'quark' && q?.status === 'ok' && r.status === 'ok') ratios[name] = q.stats.median / r.stats.median;
    }
    const entry = { name: w.name, group: w.group, unit: w.unit, work: w.work ?? null, desc: w.desc, otherLoad: other === null ? null : +other.toFixed(3), waitedForQuietS: +waited.toFixed(1), results, ratios };
    for (const r of Object.values(results)) if (r.status === 'ok') r.metric = report.metricValue(w, r.stats.median);
    out.push(entry);
    const cells = impls.map((i) => {
      const r = results[i.name];
      return `${i.name} ${r.status === 'ok' ? report.fmtTime(r.stats.median) : r.status === 'slow' ? `>${report.fmtTime(r.firstCallMs)}` : r.status}`;
    });
    const busy = (other === null ? '' : `, other load ${(100 * other).toFixed(0)}%`) + (waited >= 1 ? `, waited ${waited.toFixed(0)} s for a quieter machine` : '');
    say(`[${String(k + 1).padStart(2)}/${workloads.length}] ${w.name} (${((Date.now() - tw) / 1000).toFixed(1)} s${busy}): ${cells.join(' · ')}`);
  }
  for (const i of impls) i.stop?.();

  const result = {
    schema: 1,
    date: new Date().toISOString(),
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    quick: QUICK,
    filters,
    durationS: (Date.now() - t0) / 1000,
    threads: THREADS,
    policy: POLICY,
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`, node: process.versions.node,
      loadavgStart: LOAD_START, loadavgEnd: os.loadavg().map((x) => +x.toFixed(2)),
    },
    impls: impls.map((i) => (i.unavailable ? { name: i.name, available: false, reason: i.unavailable } : { name: i.name, available: true, info: i.info })),
    workloads: out,
  };

  console.log('');
  console.log(report.printTables(result));
  console.log('');

  mkdirSync(RESULTS, { recursive: true });
  if (FULL) {
    const json = toJson(result);
    writeFileSync(join(RESULTS, 'latest.json'), json);
    writeFileSync(join(RESULTS, `${result.date.slice(0, 19).replace(/:/g, '-')}.json`), json);
    writeFileSync(join(RESULTS, 'ratios.png'), report.drawChart(result));
    updateReadme(report.markdownSection(result, 'results/ratios.png'));
    say(`wrote ${['results/latest.json', `results/${result.date.slice(0, 19).replace(/:/g, '-')}.json`, 'results/ratios.png', 'README.md'].map((p) => relative(ROOT, join(BENCH, p))).join(', ')}`);
  } else {
    writeFileSync(join(RESULTS, 'partial.json'), toJson(result));
    say(`wrote ${relative(ROOT, join(RESULTS, 'partial.json'))} (a partial run leaves latest.json and the README alone)`);
  }
  say(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/** Indented JSON with arrays of numbers kept on one line. */
function toJson(obj) {
  return JSON.stringify(obj, null, 1).replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g, (_, inner) => `[${inner.replace(/\s+/g, '')}]`) + '\n';
}

const START = '<!-- bench:results:start (generated by `npm run bench`; do not edit by hand) -->';
const END = '<!-- bench:results:end -->';

function updateReadme(section) {
  const path = join(BENCH, 'README.md');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\n## Results\n\n';
  const block = `${START}\n${section}\n${END}`;
  const i = text.indexOf(START.slice(0, 30));
  const j = text.indexOf(END);
  const next = i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + END.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
}

main().then(
  () => process.exit(0),
  (e) => { console.error(e); process.exit(1); },
);
