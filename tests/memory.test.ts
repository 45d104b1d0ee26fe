// Deterministic memory: dispose(), use after dispose, np.scope (sync, async, nested, exceptions,
// results inside arrays/objects/Maps), np.keep, TS `using`, np.memory() returning to its baseline,
// views keeping their buffer alive, and the FinalizationRegistry freeing forgotten arrays.
import v8 from 'node:v8';
import vm from 'node:vm';

import { describe, expect, it } from 'vitest';

import type { NDArray } from '../src/core/ndarray.js';
import { np } from '../src/index.js';

const live = () => np.memory().arrays;
const bytes = () => np.memory().bytes;

/** Asserts that `fn` leaves np.memory() (arrays and bytes) where it found it. */
async function balanced(fn: () => unknown): Promise<void> {
  const a = live(), b = bytes();
  await fn();
  expect({ arrays: live(), bytes: bytes() }).toEqual({ arrays: a, bytes: b });
}

const f32 = (n: number) => np.zeros([n], { dtype: 'float32' });

describe('dispose', () => {
  it('frees the array and its buffer; np.memory() counts arrays, buffers and bytes per device', async () => {
    await balanced(() => {
      const a0 = live(), b0 = bytes();
      const a = f32(10);
      expect(live()).toBe(a0 + 1);
      expect(bytes()).toBe(b0 + 40);
      const dev = np.memory().devices['cpu(0)']!;
      expect(dev.arrays).toBeGreaterThanOrEqual(1);
      expect(dev.bytes).toBeGreaterThanOrEqual(40);
      expect(a.isDisposed).toBe(false);
      a.dispose();
      expect(a.isDisposed).toBe(true);
      expect([live(), bytes()]).toEqual([a0, b0]);
      a.dispose(); // idempotent
      expect([live(), bytes()]).toEqual([a0, b0]);
    });
  });

  it('a view keeps the buffer alive after its base is disposed, and its values stay readable', async () => {
    await balanced(() => {
      const b0 = bytes();
      const a = np.NDArray._fromStorageData(new Int32Array([1, 2, 3, 4, 5, 6]), [2, 3], 'int32');
      const t = a.T;
      const r = a.reshape(3, 2);
      expect(t._storage).toBe(a._storage);
      a.dispose();
      expect(bytes()).toBe(b0 + 24); // still held by the views
      expect(t.tolist()).toEqual([[1, 4], [2, 5], [3, 6]]);
      expect(np.scope(() => np.add(r, 1).tolist())).toEqual([[2, 3], [4, 5], [6, 7]]);
      t.dispose();
      expect(r.tolist()).toEqual([[1, 2], [3, 4], [5, 6]]);
      r.dispose();
    });
  });

  it('ops free their temporaries (input casts, out= casts, overlapping out=)', async () => {
    await balanced(() => np.scope(() => {
      const a = np.NDArray._fromStorageData(new Int8Array([1, 2, 3, 4]), [2, 2], 'int8');
      const f = np.zeros([2, 2], { dtype: 'float64' });
      np.add(a, f); // int8 → float64 cast
      np.add(a, 2.5);
      np.multiply(a, a, { out: f }); // int8 result cast into float64
      np.add(a, a.T, { out: a }); // overlap: computed aside, then copied
      np.exp(a, { dtype: 'float32' });
      a.astype('float16').reshape(4).T.copy();
    }));
  });

  it('every function names itself when given a disposed array', async () => {
    const a = f32(4);
    const b = f32(4);
    a.dispose();
    const cases: [string, () => unknown][] = [
      ['add', () => np.add(a, 1)], ['add', () => a.add(b)], ['add', () => np.add(b, a)], ['add', () => np.add(b, 1, { out: a })],
      ['subtract', () => a.sub(1)], ['multiply', () => a.mul(2)], ['true_divide', () => np.true_divide(1, a)],
      ['negative', () => a.neg()], ['exp', () => np.exp(a)], ['astype', () => a.astype('int8')],
      ['reshape', () => a.reshape(2, 2)], ['transpose', () => a.T], ['transpose', () => np.transpose(a)],
      ['copy', () => a.copy()], ['flatten', () => a.flatten()], ['ravel', () => a.ravel()],
      ['tolist', () => a.tolist()], ['item', () => a.item(0)], ['dataSync', () => a.dataSync()],
      ['array', () => np.array(a)], ['zeros_like', () => np.zeros_like(a)],
    ];
    const wrong: string[] = [];
    for (const [name, fn] of cases) {
      try {
        fn();
        wrong.push(`${name}: did not throw`);
      } catch (e) {
        if (!(e instanceof Error) || !new RegExp(`^${name}: .*dispose`).test(e.message)) wrong.push(`${name}: ${String((e as Error).message)}`);
      }
    }
    b.dispose();
    await expect(a.data()).rejects.toThrow(/^data: .*dispose/);
    expect(wrong).toEqual([]);
  });
});

describe('np.scope', () => {
  it('disposes what was made inside, except what is returned (also inside arrays, objects and Maps)', async () => {
    await balanced(() => {
      let inner: NDArray[] = [];
      const res = np.scope(() => {
        const x = f32(3), y = f32(3), z = f32(3), w = f32(3), gone = f32(3);
        inner = [x, y, z, w, gone];
        return { arr: [x, { deep: y }], m: new Map([['z', z]]), w };
      });
      expect(inner.map((a) => a.isDisposed)).toEqual([false, false, false, false, true]);
      expect(res.arr[0]).toBe(inner[0]);
      for (const a of inner) a.dispose();
    });
  });

  it('returns a single array alive, and leaves arrays made outside alone', async () => {
    await balanced(() => {
      const outside = f32(2);
      const r = np.scope(() => np.add(outside, 1));
      expect(r.isDisposed).toBe(false);
      expect(outside.isDisposed).toBe(false);
      expect(r.tolist()).toEqual([1, 1]);
      r.dispose();
      outside.dispose();
    });
  });

  it('nests: what an inner scope returns belongs to the outer one', async () => {
    await balanced(() => {
      let kept: NDArray | undefined, fromInner: NDArray | undefined;
      const r = np.scope(() => {
        fromInner = np.scope(() => {
          f32(1);
          return f32(2);
        });
        expect(fromInner.isDisposed).toBe(false);
        kept = f32(3);
        return kept;
      });
      expect(r).toBe(kept);
      expect(fromInner!.isDisposed).toBe(true); // not returned by the outer scope
      r.dispose();
    });
  });

  it('disposes everything when the function throws, and rethrows', async () => {
    await balanced(() => {
      let made: NDArray | undefined;
      expect(() => np.scope(() => {
        made = f32(4);
        throw new Error('boom');
      })).toThrow('boom');
      expect(made!.isDisposed).toBe(true);
    });
  });

  it('async: arrays made after an await are tracked; the result survives; rejection disposes all', async () => {
    await balanced(async () => {
      let before: NDArray | undefined, after: NDArray | undefined;
      const r = await np.scope(async () => {
        before = f32(1);
        await new Promise((res) => setTimeout(res, 5));
        after = f32(2);
        await Promise.resolve();
        return [np.add(after, 1)];
      });
      expect(before!.isDisposed).toBe(true);
      expect(after!.isDisposed).toBe(true);
      expect(r[0]!.isDisposed).toBe(false);
      r[0]!.dispose();

      let made: NDArray | undefined;
      await expect(np.scope(async () => {
        await Promise.resolve();
        made = f32(3);
        throw new Error('async boom');
      })).rejects.toThrow('async boom');
      expect(made!.isDisposed).toBe(true);
    });
  });

  it('async scopes running concurrently keep their own arrays', async () => {
    await balanced(async () => {
      const made: Record<string, NDArray[]> = { a: [], b: [] };
      const run = (k: 'a' | 'b', delay: number) => np.scope(async () => {
        for (let i = 0; i < 3; i++) {
          made[k]!.push(f32(1));
          await new Promise((res) => setTimeout(res, delay));
        }
        return made[k]![0]!;
      });
      const [ra, rb] = await Promise.all([run('a', 3), run('b', 1)]);
      expect(ra).toBe(made.a![0]);
      expect(rb).toBe(made.b![0]);
      expect(made.a!.map((x) => x.isDisposed)).toEqual([false, true, true]);
      expect(made.b!.map((x) => x.isDisposed)).toEqual([false, true, true]);
      ra.dispose();
      rb.dispose();
    });
  });

  it('np.keep exempts an array from the enclosing scope', async () => {
    await balanced(() => {
      let k: NDArray | undefined, other: NDArray | undefined;
      np.scope(() => {
        k = np.keep(f32(2));
        other = f32(2);
      });
      expect(k!.isDisposed).toBe(false);
      expect(other!.isDisposed).toBe(true);
      k!.dispose();
    });
  });
});

describe('TS `using` and Symbol.dispose', () => {
  it('disposes at the end of the block', async () => {
    await balanced(() => {
      let seen: NDArray | undefined;
      {
        using a = f32(8);
        seen = a;
        expect(a.isDisposed).toBe(false);
      }
      expect(seen.isDisposed).toBe(true);
      const b = f32(1);
      b[Symbol.dispose]();
      expect(b.isDisposed).toBe(true);
    });
  });
});

describe('FinalizationRegistry', () => {
  function getGc(): (() => void) | undefined {
    const g = (globalThis as { gc?: () => void }).gc;
    if (g) return g;
    try {
      v8.setFlagsFromString('--expose-gc');
      return vm.runInNewContext('gc') as () => void;
    } catch {
      return undefined;
    }
  }
  const gc = getGc();

  it.skipIf(!gc)('frees arrays that were forgotten without dispose()', async () => {
    const a0 = live(), b0 = bytes();
    const refs: WeakRef<NDArray>[] = [];
    (() => {
      for (let i = 0; i < 20; i++) refs.push(new WeakRef(f32(1000)));
    })();
    expect(live()).toBe(a0 + 20);
    for (let i = 0; i < 50 && live() > a0; i++) {
      gc!();
      await new Promise((res) => setTimeout(res, 10));
    }
    const collected = refs.filter((r) => r.deref() === undefined).length;
    const after = { arrays: live(), bytes: bytes() };
    // whatever V8 did not collect is disposed here, so the file still ends at its baseline
    for (const r of refs) r.deref()?.dispose();
    expect(collected).toBe(20);
    expect(after).toEqual({ arrays: a0, bytes: b0 });
  });

  it.skipIf(!gc)('frees forgotten arrays that a scope returned (the finalizer adopts scope survivors)', async () => {
    const a0 = live(), b0 = bytes();
    const refs: WeakRef<NDArray>[] = [];
    (() => {
      const kept = np.scope(() => {
        const tmp = f32(10);
        tmp.add(1);
        return [f32(1000), f32(1000)];
      });
      for (const k of kept) refs.push(new WeakRef(k));
    })();
    expect(live()).toBe(a0 + 2);
    for (let i = 0; i < 50 && live() > a0; i++) {
      gc!();
      await new Promise((res) => setTimeout(res, 10));
    }
    const collected = refs.filter((r) => r.deref() === undefined).length;
    const after = { arrays: live(), bytes: bytes() };
    for (const r of refs) r.deref()?.dispose();
    expect(collected).toBe(2);
    expect(after).toEqual({ arrays: a0, bytes: b0 });
  });

  it('collects forgotten large arrays without an explicit gc (their bytes are reported to V8)', async () => {
    // 96 forgotten 16 MiB arrays (1.5 GiB): V8 only knows to collect them because the buffers
    // the finalizer waits on are reported as external memory; the JS objects alone are tiny.
    const b0 = bytes();
    let peak = 0;
    for (let i = 0; i < 96; i++) {
      np.zeros([4 << 20], { dtype: 'float32' });
      await new Promise((res) => setImmediate(res)); // the nursery hands it to the finalizer
      peak = Math.max(peak, bytes() - b0);
    }
    for (let i = 0; i < 50 && bytes() > b0; i++) {
      gc?.();
      await new Promise((res) => setTimeout(res, 10));
    }
    expect(peak).toBeLessThan(768 << 20);
  });

  it('does not make V8 collect for disposed temporaries', async () => {
    // While every allocation was reported as external memory, two live 40 MB temporaries made V8
    // run a full GC at each step (5 ms each); only buffers that wait on the GC are reported now.
    const { PerformanceObserver, constants } = await import('node:perf_hooks');
    let major = 0;
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if ((e.detail as { kind?: number } | undefined)?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) major++;
      }
    });
    obs.observe({ entryTypes: ['gc'] });
    for (let i = 0; i < 20; i++) {
      const t = np.zeros([10_000_000], { dtype: 'float32' });
      const u = np.zeros([10_000_000], { dtype: 'float32' });
      t.dispose();
      u.dispose();
    }
    await new Promise((res) => setTimeout(res, 20)); // gc entries are delivered asynchronously
    obs.disconnect();
    expect(major).toBeLessThan(3);
  });
});

describe('the native caching allocator', () => {
  it('keeps caching newly freed blocks when full, dropping the blocks unused the longest', async () => {
    const { addon } = await import('../src/backends/cpu/native.js');
    const cached = (): number => addon.memory()[2];
    // Fill the 1 GiB cache with large blocks of distinct capacities (np.empty touches no page, so
    // this costs address space, not memory).
    for (const mib of [100, 200, 300, 400, 500]) np.empty([mib << 18], { dtype: 'float32' }).dispose();
    const full = cached();
    expect(full).toBeGreaterThan(768 << 20);
    expect(full).toBeLessThanOrEqual(1 << 30);
    // A new size freed now is cached (an older block makes room), and served to the next request.
    const a = np.empty([3 << 18], { dtype: 'float32' });
    a.dispose();
    const afterA = cached();
    expect(afterA).toBeLessThanOrEqual(1 << 30);
    const b = np.zeros([3 << 18], { dtype: 'float32' });
    expect(cached()).toBe(afterA - (3 << 20)); // b got a's block
    b.dispose();
    expect(cached()).toBe(afterA);
    addon.trim();
    expect(cached()).toBe(0);
  });
});
