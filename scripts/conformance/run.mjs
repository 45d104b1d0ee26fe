// npm run conformance: runs the NumPy-oracle test files with the oracle's request log on, then writes
// docs/CONFORMANCE.md, docs/conformance.json and the README's conformance block. Method and rules:
// docs/conformance-method.md.
//
//   node scripts/conformance/run.mjs                 scripts/setup.sh --test (installs what is missing,
//                                                    builds), then every oracle test file: the report
//   node scripts/conformance/run.mjs --no-setup      the same without setup.sh (the build must be current)
//   node scripts/conformance/run.mjs --reuse         report again from the last run's log (no tests)
//   node scripts/conformance/run.mjs tests/x.test.ts only these files: a partial report, written to
//                                                    tmp/conformance/ and never over docs/
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { quarkExports } from './exports.mjs';
import { buildReport, renderMarkdown, updateReadme } from './report.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const reuse = argv.includes('--reuse');
const setup = !reuse && !argv.includes('--no-setup');
const only = argv.filter((a) => !a.startsWith('--'));
const work = join(root, 'tmp/conformance');
const logDir = join(work, 'log');
const resultsPath = join(work, 'vitest.json');
const metaPath = join(work, 'run.json');
const t0 = Date.now();
const say = (s) => console.log(`[conformance] ${s}`);

// ---- which test files: those that reach tests/oracle/oracle.ts through their local imports ----

/** Test files whose relative imports (followed through tests/) reach the oracle client. */
function oracleTestFiles() {
  const oracle = join(root, 'tests/oracle/oracle.ts');
  const memo = new Map();
  const reaches = (file, seen = new Set()) => {
    if (file === oracle) return true;
    if (memo.has(file)) return memo.get(file);
    if (seen.has(file) || !existsSync(file)) return false;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    let hit = false;
    for (const m of src.matchAll(/(?:from|import)\s*'(\.{1,2}\/[^']+)'/g)) {
      const dep = resolve(dirname(file), m[1]).replace(/\.js$/, '.ts');
      if (dep.startsWith(join(root, 'tests')) && reaches(dep, seen)) { hit = true; break; }
    }
    memo.set(file, hit);
    return hit;
  };
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.test.ts') && reaches(p)) out.push(relative(root, p));
    }
  };
  walk(join(root, 'tests'));
  // The oracle's own tests check the harness (framing, value round trips), not quark.
  return out.filter((f) => f !== 'tests/oracle.test.ts').sort();
}

// ---- set up and build (skips every step that is current), then run the suites ----

let setupSeconds = 0;
if (setup) {
  const t = Date.now();
  execFileSync('bash', [join(root, 'scripts/setup.sh'), '--test'], { cwd: root, stdio: 'inherit' });
  setupSeconds = (Date.now() - t) / 1000;
}

let files = only.length ? only : oracleTestFiles();
let partial = only.length > 0;
let vitestSeconds;
if (reuse) {
  if (!existsSync(resultsPath) || !existsSync(metaPath)) throw new Error('conformance --reuse: no previous run in tmp/conformance/');
  ({ files, vitestSeconds, partial } = JSON.parse(readFileSync(metaPath, 'utf8')));
  say(`reusing the log of the last run (${files.length} test files)`);
} else {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  say(`running ${files.length} oracle test files: ${files.join(' ')}`);
  const t = Date.now();
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...files,
    '--reporter=dot', '--reporter=json', `--outputFile.json=${resultsPath}`], {
    cwd: root, stdio: 'inherit',
    env: { ...process.env, QUARK_CONFORMANCE_LOG: logDir, OMP_NUM_THREADS: '1', XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' },
  });
  vitestSeconds = (Date.now() - t) / 1000;
  if (!existsSync(resultsPath)) throw new Error(`conformance: vitest wrote no results (exit ${r.status}, signal ${r.signal})`);
  writeFileSync(metaPath, JSON.stringify({ files, vitestSeconds, partial }));
}

// ---- what ran and passed ----

const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
/** file → { status, tests: Map<name, status> }; names as expect.getState().currentTestName gives them. */
const outcome = new Map();
for (const f of results.testResults) {
  const tests = new Map();
  for (const a of f.assertionResults) tests.set([...a.ancestorTitles, a.title].join(' > '), a.status);
  outcome.set(relative(root, f.name), { status: f.status, tests });
}

const records = [];
if (existsSync(logDir)) {
  for (const name of readdirSync(logDir).sort()) {
    for (const line of readFileSync(join(logDir, name), 'utf8').split('\n')) if (line) records.push(JSON.parse(line));
  }
}
say(`${records.length} oracle requests logged`);

// ---- NumPy's API and the attribution of each expression (Python, ast) ----

const omissions = JSON.parse(readFileSync(join(root, 'docs/conformance-omissions.json'), 'utf8'));
// An expression with its string arguments (which `getattr(np, op)` may name a function by).
const exprKey = (r) => (r.a ? `${r.e}\u0000${JSON.stringify(r.a)}` : r.e);
const keys = [...new Set(records.map(exprKey))];
const exprs = keys.map((k) => { const i = k.indexOf('\u0000'); return i < 0 ? [k, {}] : [k.slice(0, i), JSON.parse(k.slice(i + 1))]; });
const deprecatedChecks = Object.fromEntries(Object.entries(omissions.omitted)
  .filter(([, v]) => typeof v.deprecated === 'string').map(([k, v]) => [k, v.deprecated]));
const py = spawnSync('python3', [join(root, 'scripts/conformance/numpy_api.py')], {
  input: JSON.stringify({ exprs, deprecated_checks: deprecatedChecks }), maxBuffer: 1 << 30, encoding: 'utf8',
});
if (py.status !== 0) throw new Error(`conformance: numpy_api.py failed:\n${py.stderr}`);
const numpy = JSON.parse(py.stdout);
const attribution = new Map(keys.map((k, i) => [k, numpy.attribution[i]]));

// ---- what quark exports (the built package, as a user gets it) ----

const dist = join(root, 'dist/index.js');
if (!existsSync(dist)) throw new Error('conformance: dist/index.js is missing (npm run build)');
const { np, NDArray } = await import(pathToFileURL(dist).href);
const exported = quarkExports(np, NDArray);

/** JSON with one line per function and per test file, so that a regenerated report diffs by row. */
function toJson(r) {
  const rows = (a) => `[\n${a.map((x) => `  ${JSON.stringify(x)}`).join(',\n')}\n ]`;
  const parts = Object.entries(r).map(([k, v]) => ` ${JSON.stringify(k)}: ${k === 'functions' || k === 'test_files' ? rows(v) : JSON.stringify(v)}`);
  return `{\n${parts.join(',\n')}\n}\n`;
}

const git = (...a) => { try { return execFileSync('git', a, { cwd: root, encoding: 'utf8' }).trim(); } catch { return ''; } };
const report = buildReport({
  numpy, attribution: (r) => attribution.get(exprKey(r)) ?? [], records, outcome, omissions, exported, files,
  run: {
    command: 'npm run conformance', generated: new Date().toISOString(), partial,
    commit: git('rev-parse', '--short', 'HEAD'), dirty: git('status', '--porcelain', '--', 'src', 'tests') !== '',
    node: process.version, cores: cpus().length, setup_seconds: Math.round(setupSeconds),
    vitest_seconds: Math.round(vitestSeconds), report_seconds: Math.round((Date.now() - t0) / 1000 - setupSeconds - (reuse ? 0 : vitestSeconds)),
  },
});

const outDir = report.run.partial ? work : join(root, 'docs');
writeFileSync(join(outDir, 'conformance.json'), toJson(report));
writeFileSync(join(outDir, 'CONFORMANCE.md'), renderMarkdown(report));
if (!report.run.partial) {
  const readme = join(root, 'README.md');
  writeFileSync(readme, updateReadme(readFileSync(readme, 'utf8'), report));
}
const t = report.totals;
say(`implemented ${t.implemented} / ${t.total}; oracle cases passed ${t.cases_passed} / ${t.cases_run}; ` +
  `${t.tests_passed} / ${t.tests_run} tests passed`);
for (const w of report.warnings) say(`warning: ${w}`);
say(`wrote ${relative(root, join(outDir, 'CONFORMANCE.md'))} and conformance.json${report.run.partial ? ' (partial run)' : ' and README.md'} in ${Math.round((Date.now() - t0) / 1000)} s`);
