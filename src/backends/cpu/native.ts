// Loads the C++ addon once, with an error that says what to do when it is missing or stale.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface NativeAddon {
  init(): {
    args: ArrayBuffer; kernels: string[]; commands: string[]; firstCommand: number; isa: string; onednn: string;
    argDoubles: number; scalarSlots: number;
  };
  alloc(nbytes: number): number;
  free(handle: number, view?: ArrayBuffer): void;
  adjustExternal(deltaBytes: number): void;
  view(handle: number): ArrayBuffer;
  exec(): void;
  setThreads(n: number): void;
  getThreads(): number;
  memory(): [number, number, number];
  trim(): void;
}

const here = dirname(fileURLToPath(import.meta.url));
/**
 * src/backends/cpu and dist/backends/cpu are both three levels below the package root.
 * QUARK_NATIVE_ADDON points elsewhere (a custom build; tests of the load errors).
 */
export const addonPath = process.env.QUARK_NATIVE_ADDON ?? resolve(here, '../../../native/build/Release/quark_native.node');

function load(): NativeAddon {
  if (!existsSync(addonPath)) {
    throw new Error(`quark: the native addon is missing (${addonPath}). Build it with 'npm run build'.`);
  }
  try {
    return createRequire(import.meta.url)(addonPath) as NativeAddon;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version|undefined symbol: napi/.test(msg)) {
      throw new Error(`quark: the native addon was built for another Node.js ABI (this is Node ${process.version}). Rebuild it with 'npm run build'. (${msg})`);
    }
    throw new Error(`quark: could not load the native addon ${addonPath}: ${msg}`);
  }
}

export const addon: NativeAddon = load();
