// Starting and stopping the WebGPU backend. WebGPU needs an asynchronous start (adapter and
// device requests), so the backend registers itself only after `await npx.init_webgpu()`; until
// then using npx.webgpu() says so. The `webgpu` package (Dawn's node bindings) is imported
// dynamically so that quark loads without it; in a browser `navigator.gpu` is used instead.
import type { Device } from '../backend.js';
import { device as deviceOf, registerBackend, setBackendHint, unregisterBackend } from '../../core/device.js';
import { WebGpuBackend } from './backend.js';

const HINT = 'call await npx.init_webgpu() first';
setBackendHint('webgpu', HINT);

/** SwiftShader's Vulkan driver as Debian's chromium package installs it (CPU-only machines). */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

export interface WebGpuOptions {
  /** Passed to requestAdapter. */
  powerPreference?: 'low-power' | 'high-performance';
  /** Dawn toggles for `create()` in Node (e.g. 'enable-dawn-features=...'). */
  dawnOptions?: string[];
  /**
   * Linux, Node: point Vulkan at SwiftShader (chromium's CPU driver) by setting VK_ICD_FILENAMES
   * before the first `create()`. Default: when neither VK_ICD_FILENAMES nor VK_DRIVER_FILES is
   * set, the SwiftShader manifest exists, and no other Vulkan driver is installed (so a machine
   * with a GPU keeps its GPU). true: whenever the manifest exists; false: never.
   */
  swiftshader?: boolean;
}

interface State {
  readonly backend: WebGpuBackend;
  readonly gpuDevice: GPUDevice;
  readonly devices: Device[];
}

// The object create([]) returns must stay reachable for as long as any device lives: when it is
// collected, Dawn's event processing crashes or hangs. It is kept for the life of the process, on
// globalThis so that a second copy of this module (test runners re-import modules per file, an app
// may bundle two quarks) shares it instead of dropping it.
const ROOT = Symbol.for('quark.webgpu.root');
const holder = globalThis as { [ROOT]?: GPU };
let state: State | undefined;
let starting: Promise<Device[]> | undefined;

/**
 * Starts the WebGPU backend and registers it as device `webgpu(0)`; returns the WebGPU devices.
 * Calling it again returns the same list without doing anything.
 */
export function init_webgpu(options: WebGpuOptions = {}): Promise<Device[]> {
  if (state) return Promise.resolve(state.devices);
  starting ??= start(options).finally(() => {
    starting = undefined;
  });
  return starting;
}

/** Whether the WebGPU backend is running. */
export function webgpu_available(): boolean {
  return state !== undefined;
}

/**
 * Stops the backend: frees its buffers, destroys the device and unregisters `webgpu(0)`. Arrays
 * still on the device become unusable. For tests and orderly teardown; init_webgpu() may follow.
 */
export function shutdown_webgpu(): void {
  const s = state;
  if (!s) return;
  state = undefined;
  unregisterBackend('webgpu', 0);
  setBackendHint('webgpu', HINT);
  s.backend.close();
  s.gpuDevice.destroy();
}

async function start(options: WebGpuOptions): Promise<Device[]> {
  const gpu = await getGpu(options);
  const adapter = await gpu.requestAdapter(options.powerPreference ? { powerPreference: options.powerPreference } : undefined);
  if (!adapter) {
    throw new Error(
      'init_webgpu: no WebGPU adapter found. On a machine without a GPU install chromium (it ships SwiftShader) '
      + `and set VK_ICD_FILENAMES=${SWIFTSHADER_ICD}; Linux also needs the Vulkan loader (apt-get install libvulkan1).`,
    );
  }
  const al = adapter.limits;
  let gpuDevice: GPUDevice;
  try {
    gpuDevice = await adapter.requestDevice({
      label: 'quark',
      requiredLimits: {
        maxBufferSize: al.maxBufferSize,
        maxStorageBufferBindingSize: al.maxStorageBufferBindingSize,
      },
    });
  } catch (e) {
    throw new Error(`init_webgpu: the adapter refused a device: ${(e as Error).message}`);
  }
  const backend = new WebGpuBackend(gpuDevice);
  registerBackend('webgpu', 0, backend);
  const devices = [deviceOf('webgpu', 0)];
  state = { backend, gpuDevice, devices };
  void gpuDevice.lost.then((info) => {
    if (state?.gpuDevice !== gpuDevice) return; // destroyed by shutdown_webgpu()
    state = undefined;
    unregisterBackend('webgpu', 0);
    setBackendHint('webgpu', `the WebGPU device was lost (${info.message}); call await npx.init_webgpu() again`);
    backend.close();
  });
  return devices;
}

async function getGpu(options: WebGpuOptions): Promise<GPU> {
  const root = holder[ROOT];
  if (root) return root;
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) return (holder[ROOT] = nav.gpu);
  if (typeof process === 'undefined' || !process.versions?.node) {
    throw new Error('init_webgpu: this environment has no WebGPU (navigator.gpu is missing)');
  }
  await prepareVulkan(options.swiftshader);
  let mod: typeof import('webgpu');
  try {
    mod = await import('webgpu');
  } catch (e) {
    throw new Error(`init_webgpu: the 'webgpu' package (Dawn's node bindings) is needed in Node: npm install webgpu (${(e as Error).message})`);
  }
  return (holder[ROOT] = mod.create(options.dawnOptions ?? []));
}

/**
 * On Linux without a GPU driver: points Vulkan at SwiftShader when VK_ICD_FILENAMES is unset, and
 * when the system has no Vulkan loader (libvulkan1) but chromium ships one next to SwiftShader,
 * loads that copy first so that Dawn's dlopen('libvulkan.so.1') finds it already loaded.
 */
async function prepareVulkan(swiftshader: boolean | undefined): Promise<void> {
  if (process.platform !== 'linux') return;
  const { existsSync, readdirSync } = await import('node:fs');
  const { dirname, join } = await import('node:path');
  const env = process.env;
  if (swiftshader !== false && existsSync(SWIFTSHADER_ICD)) {
    // A GPU shows up as a DRM render node or an NVIDIA device node; installed ICD files alone
    // (Mesa's drivers come with many packages) say nothing about hardware being there.
    const hasDriver = (() => {
      try {
        if (readdirSync('/dev/dri').some((f) => f.startsWith('renderD'))) return true;
      } catch { /* no /dev/dri */ }
      return existsSync('/dev/nvidia0');
    })();
    if (swiftshader === true || (!env.VK_ICD_FILENAMES && !env.VK_DRIVER_FILES && !hasDriver)) env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  const icd = env.VK_ICD_FILENAMES;
  const RTLD_NOW = 0x2, RTLD_GLOBAL = 0x100, RTLD_NODELETE = 0x1000;
  // process.dlopen loads the library and then fails because it is no Node addon; RTLD_NODELETE
  // keeps it loaded all the same. A missing file is the one error that means "not there".
  const load = (path: string): boolean => {
    try {
      process.dlopen({ exports: {} }, path, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
      return true;
    } catch (e) {
      return !/cannot open shared object file/i.test((e as Error).message);
    }
  };
  if (load('libvulkan.so.1')) return;
  if (!icd) return;
  const bundled = join(dirname(icd.split(':')[0]!), 'libvulkan.so.1');
  if (existsSync(bundled)) load(bundled);
}
