// Deterministic memory: storage reference counts, np.scope (sync and async), a FinalizationRegistry
// for forgotten arrays, and the live counts behind np.memory().
import { AsyncLocalStorage } from 'node:async_hooks';

import type { Backend, Device } from '../backends/backend.js';

/** A backend buffer shared by an array and its views. Freed when the last one lets go. */
export class Storage {
  refs = 0;
  freed = false;
  constructor(readonly backend: Backend, readonly device: Device, readonly handle: number, readonly nbytes: number) {
    const c = counter(device);
    c.buffers++;
    c.bytes += nbytes;
  }
  retain(): void { this.refs++; }
  release(): void {
    if (--this.refs > 0 || this.freed) return;
    this.freed = true;
    const c = counter(this.device);
    c.buffers--;
    c.bytes -= this.nbytes;
    this.backend.free(this.handle);
  }
}

interface Counter { arrays: number; buffers: number; bytes: number }
const counters = new Map<string, Counter>();
function counter(d: Device): Counter {
  const k = d.toString();
  let c = counters.get(k);
  if (!c) counters.set(k, (c = { arrays: 0, buffers: 0, bytes: 0 }));
  return c;
}

/** What an array must offer the memory system. */
export interface Disposable {
  readonly device: Device;
  dispose(): void;
  readonly isDisposed: boolean;
}

// Forgotten arrays give their storage reference back when collected.
const finalizer = new FinalizationRegistry<{ storage: Storage; device: Device }>((held) => {
  counter(held.device).arrays--;
  held.storage.release();
});

export function trackNew(arr: object, storage: Storage, device: Device): void {
  storage.retain();
  counter(device).arrays++;
  finalizer.register(arr, { storage, device }, arr);
  scopes.getStore()?.arrays.push(arr as Disposable);
}

export function trackDisposed(arr: object, storage: Storage, device: Device): void {
  finalizer.unregister(arr);
  counter(device).arrays--;
  storage.release();
}

// ---- scopes ---------------------------------------------------------------------------------

interface Scope { arrays: Disposable[]; kept: Set<Disposable> }
const scopes = new AsyncLocalStorage<Scope>();

function collect(v: unknown, into: Set<Disposable>, seen = new Set<unknown>()): void {
  if (v === null || typeof v !== 'object' || seen.has(v)) return;
  seen.add(v);
  if (isDisposable(v)) {
    into.add(v);
    return;
  }
  if (Array.isArray(v)) for (const x of v) collect(x, into, seen);
  else if (v instanceof Map) for (const x of v.values()) collect(x, into, seen);
  else if (Object.getPrototypeOf(v) === Object.prototype) for (const x of Object.values(v)) collect(x, into, seen);
}

function isDisposable(v: object): v is Disposable {
  return typeof (v as Disposable).dispose === 'function' && 'isDisposed' in v && 'device' in v;
}

function closeScope(s: Scope, result: unknown): void {
  const keep = new Set<Disposable>(s.kept);
  collect(result, keep);
  const parent = scopes.getStore();
  for (const a of s.arrays) {
    if (keep.has(a)) parent?.arrays.push(a); // survivors belong to the enclosing scope
    else if (!a.isDisposed) a.dispose();
  }
}

/**
 * Runs `fn`; every array created inside that is not returned (in an array, plain object or Map)
 * or kept with np.keep() is disposed when it ends — when its promise settles, for async `fn`.
 */
export function scope<T>(fn: () => T): T {
  const s: Scope = { arrays: [], kept: new Set() };
  let result: T;
  try {
    result = scopes.run(s, fn);
  } catch (e) {
    closeScope(s, undefined);
    throw e;
  }
  if (result instanceof Promise) {
    return result.then(
      (v) => { closeScope(s, v); return v; },
      (e) => { closeScope(s, undefined); throw e; },
    ) as T;
  }
  closeScope(s, result);
  return result;
}

/** Exempts an array from the enclosing np.scope's clean-up. */
export function keep<T extends Disposable>(a: T): T {
  scopes.getStore()?.kept.add(a);
  return a;
}

export interface MemoryInfo {
  /** Live (not disposed) arrays and the bytes of the buffers behind them, per device. */
  devices: Record<string, { arrays: number; buffers: number; bytes: number }>;
  arrays: number;
  bytes: number;
}

export function memory(): MemoryInfo {
  const devices: MemoryInfo['devices'] = {};
  let arrays = 0, bytes = 0;
  for (const [k, c] of counters) {
    devices[k] = { ...c };
    arrays += c.arrays;
    bytes += c.bytes;
  }
  return { devices, arrays, bytes };
}
