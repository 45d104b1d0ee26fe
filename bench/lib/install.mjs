// Installs the peers on demand. Python packages with pip (the machine's index); npm packages with
// `npm install --no-save` into bench/node_modules, so the project's own node_modules, package.json
// and lockfile are never touched. A peer that cannot be installed is reported and skipped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCH = fileURLToPath(new URL('..', import.meta.url));

/** npm packages of the JS peers, pinned (numpy-ts 1.4 is the newest that runs on Node 20). */
export const NPM_PEERS = {
  tfjs: ['@tensorflow/tfjs@4.22.0', '@tensorflow/tfjs-backend-wasm@4.22.0'],
  'numpy-ts': ['numpy-ts@1.4.0'],
};

/** Python modules of each peer and the pip requirement that provides them. */
export const PY_PEERS = { numpy: { module: 'numpy', pip: 'numpy>=2' }, torch: { module: 'torch', pip: 'torch' }, jax: { module: 'jax', pip: 'jax' } };

const say = (s) => process.stdout.write(`[bench] ${s}\n`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: opts.timeout ?? 900_000, env: opts.env ?? process.env, cwd: opts.cwd });
  const tail = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';
  return { ok: r.status === 0, tail: r.error ? r.error.message : tail };
}

export function pythonAvailable(python) {
  return run(python, ['-c', 'import sys; print(sys.version)']).ok;
}

function hasModule(python, mod) {
  return run(python, ['-c', `import ${mod}`], { env: { ...process.env, JAX_PLATFORMS: 'cpu' } }).ok;
}

function pip(python, reqs) {
  const args = ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', ...reqs];
  let r = run(python, args);
  if (!r.ok && /externally-managed/i.test(r.tail)) r = run(python, [...args, '--break-system-packages']);
  return r;
}

/** Returns { peer: null | reason } for the Python peers wanted. */
export function ensurePython(python, wanted, { install = true } = {}) {
  const status = {};
  if (!pythonAvailable(python)) {
    for (const p of wanted) status[p] = `${python} not found`;
    return status;
  }
  const missing = wanted.filter((p) => !hasModule(python, PY_PEERS[p].module));
  if (missing.length && install) {
    say(`pip install ${missing.map((p) => PY_PEERS[p].pip).join(' ')} (first run only; a few minutes for torch) …`);
    const r = pip(python, [...missing.map((p) => PY_PEERS[p].pip), 'threadpoolctl']);
    if (!r.ok) {
      // install one by one, so one missing wheel does not take the others down with it
      for (const p of missing) {
        const r1 = pip(python, [PY_PEERS[p].pip]);
        if (!r1.ok) say(`pip install ${PY_PEERS[p].pip} failed: ${r1.tail}`);
      }
    }
  } else if (install && wanted.includes('numpy') && !hasModule(python, 'threadpoolctl')) {
    pip(python, ['threadpoolctl']); // optional: it only reports which BLAS kernel NumPy runs
  }
  for (const p of wanted) {
    status[p] = hasModule(python, PY_PEERS[p].module) ? null : `cannot import ${PY_PEERS[p].module}${install ? ' (pip install failed)' : ' (not installed; --no-install)'}`;
  }
  return status;
}

function npmHas(spec) {
  const name = spec.slice(0, spec.lastIndexOf('@'));
  return existsSync(`${BENCH}/node_modules/${name}/package.json`);
}

/** Returns { group: null | reason } for the npm peer groups wanted. */
export function ensureNpm(groups, { install = true } = {}) {
  const status = {};
  const missing = groups.flatMap((g) => NPM_PEERS[g].filter((s) => !npmHas(s)));
  if (missing.length && install) {
    // Everything in one command: a later `npm install` into the same prefix would prune the rest.
    const all = groups.flatMap((g) => NPM_PEERS[g]);
    say(`npm install --no-save ${all.join(' ')} (into bench/node_modules) …`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = run(npm, ['install', '--prefix', BENCH, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', ...all]);
    if (!r.ok) say(`npm install failed: ${r.tail}`);
  }
  for (const g of groups) {
    const lacking = NPM_PEERS[g].filter((s) => !npmHas(s));
    status[g] = lacking.length ? `npm packages missing: ${lacking.join(', ')}${install ? ' (npm install failed)' : ' (--no-install)'}` : null;
  }
  return status;
}
