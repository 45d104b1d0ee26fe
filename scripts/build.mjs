// npm run build: TypeScript → dist/, kernel generation, native addon. Each step is skipped when
// its inputs are older than its outputs, so a second build with nothing changed is instant.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');

function newest(dir, filter = () => true) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'build') t = Math.max(t, newest(p, filter)); }
    else if (filter(p)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

const distStamp = resolve(root, 'dist/index.js');
if (force || newest(resolve(root, 'src')) > mtime(distStamp) || mtime(resolve(root, 'tsconfig.json')) > mtime(distStamp)) {
  console.log('[build] tsc');
  run(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
}
run(process.execPath, [resolve(root, 'scripts/gen-kernels.mjs')]);
const addon = resolve(root, 'native/build/Release/quark_native.node');
// The stamp carries the time the last successful native build *started*, so a source edited while
// it ran is still newer than the stamp and triggers the next build (ninja then redoes only that).
const nativeStamp = resolve(root, 'native/build/.built-from');
if (force || !existsSync(addon) || newest(resolve(root, 'native')) > mtime(nativeStamp)) {
  const started = new Date();
  console.log('[build] native addon (cmake-js)');
  run(process.execPath, [resolve(root, 'node_modules/cmake-js/bin/cmake-js'), 'compile', '--directory', 'native', '--out', 'native/build', '-G', 'Ninja', '--log-level', 'warn']);
  writeFileSync(nativeStamp, `${started.toISOString()}\n`);
  utimesSync(nativeStamp, started, started);
}
