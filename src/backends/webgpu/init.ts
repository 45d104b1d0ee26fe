// Placeholder until the WebGPU backend lands: says clearly that it is not available.
import type { Device } from '../backend.js';

export async function init_webgpu(): Promise<Device[]> {
  throw new Error('init_webgpu: the WebGPU backend is not built yet');
}
