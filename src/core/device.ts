// Devices and the backend behind each. Backends register themselves; core code asks here.
import type { Backend, Device, DeviceType } from '../backends/backend.js';

class DeviceImpl implements Device {
  constructor(readonly type: DeviceType, readonly id: number) {}
  toString(): string { return `${this.type}(${this.id})`; }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}

const devices = new Map<string, Device>();
const backends = new Map<DeviceType, Backend[]>();
const pending = new Map<DeviceType, string>();

/** One Device object per (type, id), so devices compare with ===. */
export function device(type: DeviceType, id = 0): Device {
  const key = `${type}:${id}`;
  let d = devices.get(key);
  if (!d) {
    d = new DeviceImpl(type, id);
    devices.set(key, d);
  }
  return d;
}

export function registerBackend(type: DeviceType, id: number, b: Backend): void {
  const list = backends.get(type) ?? [];
  list[id] = b;
  backends.set(type, list);
}

export function unregisterBackend(type: DeviceType, id: number): void {
  const list = backends.get(type);
  if (list) delete list[id];
}

/** Says how to make a backend available, for the error when it is not (e.g. WebGPU's async init). */
export function setBackendHint(type: DeviceType, hint: string): void {
  pending.set(type, hint);
}

export function backendOf(d: Device): Backend {
  const b = backends.get(d.type)?.[d.id];
  if (!b) {
    const hint = pending.get(d.type);
    throw new Error(`device ${d.toString()} is not available${hint ? `: ${hint}` : ''}`);
  }
  return b;
}

export function hasBackend(type: DeviceType, id = 0): boolean {
  return backends.get(type)?.[id] !== undefined;
}

export function registeredDevices(): Device[] {
  const out: Device[] = [];
  for (const [type, list] of backends) list.forEach((b, i) => b && out.push(device(type, i)));
  return out;
}

let current: Device = device('cpu', 0);
export function defaultDevice(): Device { return current; }
export function setDefaultDevice(d: Device): void { current = d; }

export function parseDevice(d: Device | string | undefined, who: string): Device {
  if (d === undefined) return current;
  if (typeof d !== 'string') return d;
  const m = /^(cpu|webgpu|cuda|gpu)(?:\((\d+)\)|:(\d+))?$/.exec(d);
  if (!m) throw new TypeError(`${who}: unknown device '${d}'`);
  const type = m[1] === 'gpu' ? (hasBackend('cuda') ? 'cuda' : 'webgpu') : (m[1] as DeviceType);
  return device(type, Number(m[2] ?? m[3] ?? 0));
}
