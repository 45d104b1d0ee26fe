// Regenerates native/gen/elementwise.gen.cc from the op definitions (needs the compiled dist/).
// `--check` exits 1 if the committed file is stale instead of writing it.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { allOps } = await import(resolve(root, 'dist/core/op.js'));
await import(resolve(root, 'dist/np/ops.js'));
const { generateCpuKernels } = await import(resolve(root, 'dist/backends/cpu/codegen.js'));

const target = resolve(root, 'native/gen/elementwise.gen.cc');
const text = generateCpuKernels(allOps());
let old = '';
try { old = readFileSync(target, 'utf8'); } catch {}
if (process.argv.includes('--check')) {
  if (old !== text) {
    console.error('native/gen/elementwise.gen.cc is stale: run npm run build');
    process.exit(1);
  }
} else if (old !== text) {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log('generated native/gen/elementwise.gen.cc');
}
