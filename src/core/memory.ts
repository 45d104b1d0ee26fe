// Deterministic memory: storage reference counts, np.scope (sync and async), a FinalizationRegistry
// for forgotten arrays, and the live counts behind np.memory().
import { AsyncLocalStorage } from 'node:async_hooks';

import type { Backend, Device } from '../backends/backend.js';

/** A backend buffer shared by an array and its views. Freed when the last one lets go. */
export class Storage {
  refs = 0;
  freed = false;
  /**
   * Bumped by every write into an existing array (out=, in-place methods, copies into it): autograd
   * compares it with the version it saved, so a value changed after it was recorded is an error,
   * never a silently wrong gradient (PyTorch's version counter).
   */
  version = 0;
  /** Whether this buffer's bytes are reported to the JS engine as waiting on its GC (see watch). */
  gcReported = false;
  constructor(readonly backend: Backend, readonly device: Device, private _handle: number, readonly nbytes: number) {
    const c = counter(device);
    c.buffers++;
    c.bytes += nbytes;
  }
  get handle(): number { return this._handle; }
  /**
   * Exchanges the buffers of two storages of one backend and size (autograd hands a gradient to a
   * variable's .grad this way instead of copying); accounting is unchanged since sizes are equal.
   */
  swapBuffer(other: Storage): void {
    if (other.backend !== this.backend || other.nbytes !== this.nbytes || this.freed || other.freed) {
      throw new Error('internal: swapBuffer needs two live storages of one backend and size');
    }
    const h = this._handle;
    this._handle = other._handle;
    other._handle = h;
  }
  retain(): void { this.refs++; }
  release(): void {
    if (--this.refs > 0 || this.freed) return;
    this.freed = true;
    const c = counter(this.device);
    c.buffers--;
    c.bytes -= this.nbytes;
    if (this.gcReported) reportGcBytes(this.backend, -this.nbytes);
    this.backend.free(this.handle, this.nbytes);
  }
  /** Called when an array over this buffer is handed to the FinalizationRegistry. */
  awaitsGc(): void {
    if (this.gcReported || this.freed) return;
    this.gcReported = true;
    reportGcBytes(this.backend, this.nbytes);
  }
}

// Bytes that only the GC will free are reported to the engine (external memory), so that many
// forgotten arrays trigger a collection. Disposed and scoped arrays are never reported: telling V8
// of every allocation made it run a full GC whenever two large temporaries were alive at once.
// Small changes are batched to spare a native call per array.
const GC_REPORT_BATCH = 1 << 20;
const pendingGcBytes = new Map<Backend, number>();
function reportGcBytes(backend: Backend, delta: number): void {
  if (!backend.adjustExternal) return;
  const p = (pendingGcBytes.get(backend) ?? 0) + delta;
  if (p >= GC_REPORT_BATCH || p <= -GC_REPORT_BATCH) {
    pendingGcBytes.set(backend, 0);
    backend.adjustExternal(p);
  } else {
    pendingGcBytes.set(backend, p);
  }
}

interface Counter { arrays: number; buffers: number; bytes: number }
// Keyed by the Device object (one per device), so the hot path does no string work.
const counters = new Map<Device, Counter>();
let lastDevice: Device | undefined;
let lastCounter: Counter | undefined;
function counter(d: Device): Counter {
  if (d === lastDevice) return lastCounter!;
  let c = counters.get(d);
  if (!c) counters.set(d, (c = { arrays: 0, buffers: 0, bytes: 0 }));
  lastDevice = d;
  lastCounter = c;
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

/** What the memory system keeps on each array. */
export interface Tracked {
  /** Whether the FinalizationRegistry watches this array. */
  _finalized: boolean;
}

function watch(arr: Tracked, storage: Storage, device: Device): void {
  finalizer.register(arr, { storage, device }, arr);
  arr._finalized = true;
  storage.awaitsGc();
}

// Arrays made outside any scope wait in a nursery before the finalizer watches them: most are
// temporaries disposed within the same task, and a registration plus its unregistration costs more
// than the rest of a small op. The nursery drains at the next macrotask, or at once when it holds
// many arrays or bytes, so a forgotten array is watched (and freed by the GC) only a little later.
// Entries are flat triples (array, storage, device) to avoid an object per array.
const NURSERY_MAX = 3 * 2048;
const NURSERY_MAX_BYTES = 256 << 20;
let nursery: unknown[] = [];
let nurseryBytes = 0;
let drainPending = false;

function drainNursery(): void {
  drainPending = false;
  const n = nursery;
  nursery = [];
  nurseryBytes = 0;
  for (let i = 0; i < n.length; i += 3) {
    const arr = n[i] as Tracked & Disposable;
    if (!arr.isDisposed && !arr._finalized) watch(arr, n[i + 1] as Storage, n[i + 2] as Device);
  }
}

export function trackNew(arr: Tracked, storage: Storage, device: Device): void {
  storage.retain();
  counter(device).arrays++;
  // (no scope open anywhere: skip the AsyncLocalStorage lookup, a large share of a small op)
  const s = openScopes > 0 ? scopes.getStore() : undefined;
  // Inside np.scope the scope frees the array, so the (costly) finalizer registration waits until
  // the array outlives its scope.
  if (s) {
    s.arrays.push(arr as unknown as Disposable);
    return;
  }
  nursery.push(arr, storage, device);
  nurseryBytes += storage.nbytes;
  if (nursery.length >= NURSERY_MAX || nurseryBytes >= NURSERY_MAX_BYTES) drainNursery();
  else if (!drainPending) {
    drainPending = true;
    setImmediate(drainNursery).unref();
  }
}

export function trackDisposed(arr: Tracked, storage: Storage, device: Device): void {
  if (arr._finalized) finalizer.unregister(arr);
  counter(device).arrays--;
  storage.release();
}

/** Survivors of a scope with no enclosing scope are handed to the finalizer. */
function adopt(a: Disposable): void {
  const t = a as unknown as Tracked & { _storage: Storage };
  if (!t._finalized && !a.isDisposed) watch(t, t._storage, a.device);
}

// ---- scopes ---------------------------------------------------------------------------------

interface Scope { arrays: Disposable[]; kept: Set<Disposable> }
const scopes = new AsyncLocalStorage<Scope>();
/** Scopes entered and not yet closed (an async scope stays open until its promise settles). */
let openScopes = 0;

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
    if (keep.has(a)) {
      if (parent) parent.arrays.push(a); // survivors belong to the enclosing scope
      else adopt(a);
    } else if (!a.isDisposed) a.dispose();
  }
}

/**
 * Runs `fn`; every array created inside that is not returned (in an array, plain object or Map)
 * or kept with np.keep() is disposed when it ends — when its promise settles, for async `fn`.
 */
export function scope<T>(fn: () => T): T {
  const s: Scope = { arrays: [], kept: new Set() };
  let result: T;
  openScopes++;
  try {
    result = scopes.run(s, fn);
  } catch (e) {
    openScopes--;
    closeScope(s, undefined);
    throw e;
  }
  if (result instanceof Promise) {
    return result.then(
      (v) => { openScopes--; closeScope(s, v); return v; },
      (e) => { openScopes--; closeScope(s, undefined); throw e; },
    ) as T;
  }
  openScopes--;
  closeScope(s, result);
  return result;
}

/**
 * Runs `fn` outside every np.scope: what it creates is not freed by an enclosing scope (autograd's
 * saved arrays and gradients belong to the tape and the variable instead).
 */
export function unscoped<T>(fn: () => T): T {
  return scopes.exit(fn);
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
  for (const [d, c] of counters) {
    devices[d.toString()] = { ...c };
    arrays += c.arrays;
    bytes += c.bytes;
  }
  return { devices, arrays, bytes };
}
