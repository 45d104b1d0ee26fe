// Importing quark without a usable native addon fails at import with an error that says what to do.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

const dist = resolve(import.meta.dirname, '../dist/index.js');
const dir = mkdtempSync(join(tmpdir(), 'quark-addon-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function importError(addon: string): string {
  try {
    execFileSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(dist)})`], {
      env: { ...process.env, QUARK_NATIVE_ADDON: addon }, stdio: 'pipe',
    });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  }
}

describe('native addon loading', () => {
  it('a missing addon names the file and the build command', () => {
    const msg = importError(join(dir, 'nope.node'));
    expect(msg).toMatch(/quark: the native addon is missing \(.*nope\.node\)\. Build it with 'npm run build'/);
  });

  it('a file that is not an addon gives a clear load error, not a crash', () => {
    const bad = join(dir, 'bad.node');
    writeFileSync(bad, 'not a shared library');
    expect(importError(bad)).toMatch(/quark: could not load the native addon .*bad\.node/);
  });

  it('the built addon loads', () => {
    expect(importError(resolve(import.meta.dirname, '../native/build/Release/quark_native.node'))).toBe('');
  });
});
