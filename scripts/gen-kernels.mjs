// Regenerates native/gen/*.gen.cc (one file per op, plus the kernel table) from the op definitions
// (needs the compiled dist/). Files whose text is unchanged are not touched, so ninja rebuilds only
// what changed; generated files that no op produces any more are removed.
// `--check` exits 1 if any generated file is stale, missing or extra, instead of writing.
import { readFileSync, writeFileSync, mkdirSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { allOps } = await import(resolve(root, 'dist/core/op.js'));
await import(resolve(root, 'dist/np/ops.js'));
const { generateCpuKernels } = await import(resolve(root, 'dist/backends/cpu/codegen.js'));

const dir = resolve(root, 'native/gen');
const files = generateCpuKernels(allOps());
const present = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.gen.cc')) : [];
const read = (f) => {
  try { return readFileSync(resolve(dir, f), 'utf8'); } catch { return undefined; }
};

const stale = [...files].filter(([f, text]) => read(f) !== text).map(([f]) => f);
const extra = present.filter((f) => !files.has(f));

if (process.argv.includes('--check')) {
  if (stale.length || extra.length) {
    const what = [...stale.map((f) => `${f} (${read(f) === undefined ? 'missing' : 'stale'})`), ...extra.map((f) => `${f} (no op generates it)`)];
    console.error(`native/gen is out of date: ${what.join(', ')}; run npm run build`);
    process.exit(1);
  }
} else {
  mkdirSync(dir, { recursive: true });
  for (const f of stale) writeFileSync(resolve(dir, f), files.get(f));
  for (const f of extra) rmSync(resolve(dir, f));
  if (stale.length || extra.length) {
    console.log(`generated native/gen: ${stale.length} written, ${extra.length} removed`);
  }
}
