// Moving arrays between devices: through the host, C-contiguous.
import type { Device } from '../../backends/backend.js';
import { backendOf } from '../../core/device.js';
import { NDArray } from '../../core/ndarray.js';

/** A C-contiguous copy of `a` on `device` (synchronous: `a` must be host-readable). */
export function toDeviceCopy(a: NDArray, device: Device, who: string): NDArray {
  a._check(who);
  if (!a._backend.readSync) {
    throw new Error(`${who}: moving an array off ${a.device.toString()} needs an asynchronous readback; use await a.to_device_async(device)`);
  }
  backendOf(device); // fails early with a clear error if the device is not available
  return NDArray._fromStorageData(a._readRawSync(who), a.shape, a.dtype, device);
}

export async function toDeviceCopyAsync(a: NDArray, device: Device): Promise<NDArray> {
  a._check('to_device_async');
  const raw = await a._readRaw();
  return NDArray._fromStorageData(raw, a.shape, a.dtype, device);
}
