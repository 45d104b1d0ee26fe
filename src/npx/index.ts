// The npx namespace: MXNet's extensions to np (devices, modes; neural-network ops come later).
import type { Device } from '../backends/backend.js';
import { device, defaultDevice, hasBackend, registeredDevices, setDefaultDevice } from '../core/device.js';
import { defaults } from '../core/dtype.js';
import { getNumThreads, setNumThreads } from '../backends/cpu/backend.js';

export type { Device } from '../backends/backend.js';

export function cpu(id = 0): Device { return device('cpu', id); }
export function webgpu(id = 0): Device { return device('webgpu', id); }
export function cuda(id = 0): Device { return device('cuda', id); }
/** The best available GPU backend: CUDA, else WebGPU. */
export function gpu(id = 0): Device { return device(hasBackend('cuda', id) ? 'cuda' : 'webgpu', id); }
export function current_device(): Device { return defaultDevice(); }
export function set_device(d: Device): void { setDefaultDevice(d); }
export function devices(): Device[] { return registeredDevices(); }

export interface NpMode {
  /** 'numpy': creation and int→float promotion default to float64, as NumPy; 'float32' (default) as MXNet. */
  dtype?: 'numpy' | 'float32';
}

/** npx.set_np: chooses the default float dtype (MXNet's is_np_default_dtype). */
export function set_np(mode: NpMode = {}): void {
  defaults.float = mode.dtype === 'numpy' ? 'float64' : 'float32';
}

export function is_np_default_dtype(): boolean { return defaults.float === 'float64'; }

/** Threads the native CPU kernels use (OpenMP). */
export function set_num_threads(n: number): void { setNumThreads(n); }
export function num_threads(): number { return getNumThreads(); }

export { init_webgpu, shutdown_webgpu, webgpu_available } from '../backends/webgpu/init.js';
export { slice, type SliceOptions } from './slice.js';
export { stop_gradient } from './stop_gradient.js';
