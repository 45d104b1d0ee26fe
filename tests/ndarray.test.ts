// NDArray core against NumPy 2.4 over many dtypes, shapes and (non-contiguous) layouts: metadata
// (shape, ndim, size, dtype, itemsize, nbytes, strides in bytes, flags, T), copy/astype, reshape
// (a view exactly where NumPy makes one, -1 dims), ravel/flatten/transpose, and readback (tolist,
// item, dataSync, data()) — int64/uint64 values as bigint.
import fc from 'fast-check';
import { Complex } from '../src/core/complex.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type DType, isBig } from '../src/core/dtype.js';
import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { expectMatches } from './helpers/arrays.js';
import {
  ALL_DTYPES, type ArraySpec, anyArraySpecArb, arraySpecArb, build, draw, permArb, pyDType, pyTupleStr, pyView, rawOf, shapeArb, show,
} from './helpers/gen.js';
import { NumpyOracle, isOracleError, isRawArray, type OracleValue } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();

beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

/** NumPy values as plain JS (bfloat16 arrays go through float32, which holds them exactly). */
const pyPlain = (v: string, spec: ArraySpec) => (spec.dtype === 'bfloat16' ? `${v}.astype(np.float32)` : v);

/** Deep equality of JS readback values with the oracle's: NaN equals NaN, -0 is not 0, 64-bit ints compare as bigint. */
function sameValues(ours: unknown, theirs: unknown, dtype: DType, path = ''): string | undefined {
  if (Array.isArray(ours) || Array.isArray(theirs)) {
    if (!Array.isArray(ours) || !Array.isArray(theirs) || ours.length !== theirs.length) return `${path}: ${show(ours)} vs ${show(theirs)}`;
    for (let i = 0; i < ours.length; i++) {
      const r = sameValues(ours[i], theirs[i], dtype, `${path}[${i}]`);
      if (r) return r;
    }
    return undefined;
  }
  if (isBig(dtype)) {
    if (typeof ours !== 'bigint') return `${path}: ${show(ours)} is not a bigint`;
    return ours === BigInt(theirs as number | bigint) ? undefined : `${path}: ${ours} vs ${show(theirs)}`;
  }
  if (typeof ours === 'number' && typeof theirs === 'number') return Object.is(ours, theirs) ? undefined : `${path}: ${ours} vs ${theirs}`;
  if (ours instanceof Complex && theirs instanceof Complex) {
    return Object.is(ours.re, theirs.re) && Object.is(ours.im, theirs.im) ? undefined : `${path}: ${ours.toString()} vs ${theirs.toString()}`;
  }
  return ours === theirs ? undefined : `${path}: ${show(ours)} vs ${show(theirs)}`;
}

/**
 * Strides in bytes, except for empty arrays: NumPy 2.4 gives freshly allocated empty arrays all-zero
 * strides but views of them C fill strides; quark always uses fill strides. No element is ever
 * addressed through them, so the suite does not compare them.
 */
const stridesOf = (a: NDArray): number[] | 'empty' => (a.size ? a.strides : 'empty');

const specs = (n: number, salt: number, dtypes: readonly DType[] = ALL_DTYPES) => draw(anyArraySpecArb(dtypes), n, salt);

describe('metadata of views over every dtype and layout', () => {
  it('shape ndim size dtype itemsize nbytes strides flags and T match NumPy', async () => {
    await np.scope(async () => {
      const cases = specs(300, 1);
      const expected = await Promise.all(cases.map((s) => oracle.eval(
        `v = ${pyView('a', s)}\nresult = (list(v.shape), v.ndim, v.size, v.dtype.name, v.itemsize, v.nbytes, (list(v.strides) if v.size else 'empty'), ` +
        `bool(v.flags.c_contiguous), bool(v.flags.f_contiguous), bool(v.flags.owndata), list(v.T.shape), (list(v.T.strides) if v.T.size else 'empty'))`, { a: rawOf(s) })));
      let noncontig = 0;
      cases.forEach((s, i) => {
        const v = build(s);
        if (!v.flags.c_contiguous) noncontig++;
        const ours = [[...v.shape], v.ndim, v.size, v.dtype, v.itemsize, v.nbytes, stridesOf(v),
          v.flags.c_contiguous, v.flags.f_contiguous, v.flags.owndata, [...v.T.shape], stridesOf(v.T)];
        expect(ours, `${s.dtype} ${pyView(`base${show(s.base)}`, s)}`).toEqual(expected[i]);
      });
      expect(noncontig).toBeGreaterThan(30);
    });
  });

  it('the flags of empty and size-1 views follow NumPy (an empty array is C- and F-contiguous)', async () => {
    const cases: ArraySpec[] = [
      [2, 0, 3], [0, 2, 3], [2, 3, 0], [1, 3, 1], [3, 1, 2], [1, 1], [],
    ].flatMap((base) => draw(permArb(base.length), 3, base.length).map((p): ArraySpec => ({
      dtype: 'float64', shape: p.map((i) => base[i]!), base, steps: [{ t: 'T', axes: p }], data: new Float64Array(base.reduce((a, b) => a * b, 1)),
    })));
    await np.scope(async () => {
      const expected = await Promise.all(cases.map((s) => oracle.eval(
        `v = ${pyView('a', s)}\nresult = (bool(v.flags.c_contiguous), bool(v.flags.f_contiguous), (list(v.strides) if v.size else 'empty'))`, { a: rawOf(s) })));
      cases.forEach((s, i) => {
        const v = build(s);
        expect([v.flags.c_contiguous, v.flags.f_contiguous, stridesOf(v)], pyView(`base${show(s.base)}`, s)).toEqual(expected[i]);
      });
    });
  });
});

describe('readback: tolist, item, dataSync, data()', () => {
  it('tolist matches NumPy (bigint for int64/uint64, booleans for bool, -0 and NaN kept)', async () => {
    await np.scope(async () => {
      const cases = specs(250, 2);
      const expected = await Promise.all(cases.map((s) => oracle.eval(`${pyPlain(pyView('a', s), s)}.tolist()`, { a: rawOf(s) })));
      cases.forEach((s, i) => {
        const bad = sameValues(build(s).tolist(), expected[i], s.dtype);
        expect(bad, `${s.dtype} ${pyView(`base${show(s.base)}`, s)}`).toBeUndefined();
      });
      expect(typeof np.ones([], { dtype: 'int64' }).tolist()).toBe('bigint');
      expect(typeof np.ones([], { dtype: 'uint64' }).item()).toBe('bigint');
    });
  });

  it('item() and item(i), negative i included; item() of a size != 1 array raises naming item', async () => {
    await np.scope(async () => {
      const cases = specs(200, 3).map((s, k) => ({ s, i: s.shape.reduce((a, b) => a * b, 1) === 1 && k % 2 ? undefined : (k * 7919) % 13 - 6 }));
      const expected = await Promise.all(cases.map(({ s, i }) => oracle.eval(
        `${pyPlain(pyView('a', s), s)}.item(${i === undefined ? '' : i})`, { a: rawOf(s) })));
      cases.forEach(({ s, i }, k) => {
        const label = `${s.dtype} ${pyView(`base${show(s.base)}`, s)}.item(${i ?? ''})`;
        const e = expected[k]!;
        if (isOracleError(e)) {
          expect(() => build(s).item(i), label).toThrow(/^item: /);
          return;
        }
        expect(sameValues(build(s).item(i), e, s.dtype), label).toBeUndefined();
      });
    });
  });

  it('dataSync() and await data() give C-order values (halves widened to float32)', async () => {
    await np.scope(async () => {
      const cases = specs(150, 4);
      const expected = await Promise.all(cases.map((s) => oracle.eval(
        `v = ${pyView('a', s)}.ravel()\nresult = v.astype(np.float32) if v.dtype.name in ('float16', 'bfloat16') else v`, { a: rawOf(s) })));
      for (let k = 0; k < cases.length; k++) {
        const s = cases[k]!, e = expected[k]!;
        if (!isRawArray(e)) throw new Error(`oracle: ${show(e)}`);
        const v = build(s);
        const want = s.dtype === 'float16' || s.dtype === 'bfloat16' ? Float32Array : e.data.constructor;
        const sync = v.dataSync();
        const asyncData = await v.data();
        for (const got of [sync, asyncData]) {
          expect(got.constructor, s.dtype).toBe(want);
          const list = (x: ArrayLike<number | bigint>) => Array.from(x, (y) => (s.dtype === 'bool' ? y !== 0 : y));
          expect(sameValues(list(got), list(e.data), s.dtype), `${s.dtype} ${pyView('a', s)}`).toBeUndefined();
        }
      }
    });
  });
});

describe('views and copies', () => {
  /** A shape of the same size as `s` (dims split, merged, ones added), with maybe one -1. */
  const targetArb = (s: readonly number[]) => fc.tuple(shapeArb(4), fc.nat(), fc.boolean()).map(([t, k, minus]) => {
    const n = s.reduce((a, b) => a * b, 1);
    // factor n into t's rank greedily so the target is valid most of the time (not always: bad ones must raise alike)
    const dims = t.length ? [...t] : [];
    let rest = n;
    for (let i = 0; i < dims.length - 1; i++) {
      const d = dims[i]!;
      if (d > 0 && rest % d === 0) rest /= d;
      else dims[i] = 1;
    }
    if (dims.length) dims[dims.length - 1] = k % 11 === 0 ? rest + 1 : rest;
    else if (n !== 1) dims.push(n);
    if (minus && dims.length) dims[k % dims.length] = -1;
    return dims;
  });

  it('reshape: values and strides as NumPy, and a view exactly when NumPy makes one', async () => {
    await np.scope(async () => {
      const cases = draw(anyArraySpecArb(ALL_DTYPES, 4).chain((s) => targetArb(s.shape).map((t) => ({ s, t }))), 300, 5);
      const expected = await Promise.all(cases.map(({ s, t }) => oracle.eval(
        `v = ${pyView('a', s)}\nr = v.reshape(${pyTupleStr(t)})\nresult = ((list(r.strides) if r.size else 'empty'), bool(np.shares_memory(r, v)) if r.size else None, ${pyPlain('r', s)})`,
        { a: rawOf(s) })));
      let views = 0, copies = 0, raised = 0;
      cases.forEach(({ s, t }, i) => {
        const label = `${s.dtype} ${pyView(`base${show(s.base)}`, s)}.reshape(${pyTupleStr(t)})`;
        const e = expected[i]!;
        const v = build(s);
        if (isOracleError(e)) {
          raised++;
          expect(() => v.reshape(t), label).toThrow(/^reshape: /);
          return;
        }
        const [strides, shares, values] = e as [number[] | 'empty', boolean | null, OracleValue];
        const r = v.reshape(t);
        expect(stridesOf(r), `${label} strides`).toEqual(strides);
        if (shares !== null) {
          expect(r._storage === v._storage, `${label} is a view`).toBe(shares);
          if (shares) views++; else copies++;
        }
        expectMatches(r.dtype === 'bfloat16' ? r.astype('float32') : r, values, { rtol: 0 }, label);
      });
      expect(views).toBeGreaterThan(50);
      expect(copies).toBeGreaterThan(10);
      expect(raised).toBeGreaterThan(5);
    });
  });

  it('reshape accepts varargs, an array, a number, and np.reshape; -1 is resolved', async () => {
    await np.scope(async () => {
      const a = np.NDArray._fromStorageData(new Int32Array([0, 1, 2, 3, 4, 5]), [6], 'int32');
      expect(a.reshape(2, 3).shape).toEqual([2, 3]);
      expect(a.reshape([3, -1]).shape).toEqual([3, 2]);
      expect(a.reshape(-1).shape).toEqual([6]);
      expect(np.reshape(a, [1, -1, 2]).shape).toEqual([1, 3, 2]);
      expect(np.reshape(a, 6).shape).toEqual([6]);
      expect(a.reshape(2, 3).T.reshape(-1).tolist()).toEqual([0, 3, 1, 4, 2, 5]);
    });
  });

  it('ravel (a view when C-contiguous), flatten (always a copy), transpose with axes, T', async () => {
    await np.scope(async () => {
      const cases = draw(anyArraySpecArb(ALL_DTYPES, 4).chain((s) => fc.tuple(permArb(s.shape.length), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }))
        .map(([p, neg]) => ({ s, axes: p.map((x, i) => (neg[i] ? x - p.length : x)) }))), 200, 6);
      const expected = await Promise.all(cases.map(({ s, axes }) => oracle.eval(
        `v = ${pyView('a', s)}\nr = v.ravel()\nf = v.flatten()\nt = v.transpose(${pyTupleStr(axes)})\n` +
        `result = (${pyPlain('r', s)}, bool(np.shares_memory(r, v)) if v.size else None, ${pyPlain('f', s)}, (list(f.strides) if f.size else 'empty'), ` +
        `${pyPlain('t', s)}, list(t.shape), (list(t.strides) if t.size else 'empty'), bool(np.shares_memory(t, v)) if v.size else None)`, { a: rawOf(s) })));
      cases.forEach(({ s, axes }, i) => {
        const label = `${s.dtype} ${pyView(`base${show(s.base)}`, s)}`;
        const [er, rShares, ef, fStrides, et, tShape, tStrides, tShares] = expected[i] as [OracleValue, boolean | null, OracleValue, number[] | 'empty', OracleValue, number[], number[] | 'empty', boolean | null];
        const v = build(s);
        const plain = (x: NDArray) => (x.dtype === 'bfloat16' ? x.astype('float32') : x);
        const r = v.ravel(), f = v.flatten(), t = v.transpose(axes);
        expectMatches(plain(r), er, { rtol: 0 }, `${label}.ravel()`);
        if (rShares !== null) expect(r._storage === v._storage, `${label}.ravel() is a view`).toBe(rShares);
        expectMatches(plain(f), ef, { rtol: 0 }, `${label}.flatten()`);
        expect(f._storage === v._storage, `${label}.flatten() copies`).toBe(false);
        expect(stridesOf(f)).toEqual(fStrides);
        expectMatches(plain(t), et, { rtol: 0 }, `${label}.transpose(${axes})`);
        expect([[...t.shape], stridesOf(t)], `${label}.transpose(${axes})`).toEqual([tShape, tStrides]);
        if (tShares !== null) expect(t._storage === v._storage).toBe(tShares);
        expect(v.T.shape).toEqual([...v.shape].reverse());
        expect(np.transpose(v).strides).toEqual([...v.strides].reverse()); // (quark's own, empty or not)
      });
    });
  });

  it('base is the array that owns the memory (view chains collapse, as in NumPy)', async () => {
    await np.scope(async () => {
      const s: ArraySpec = { dtype: 'float32', shape: [2, 3], base: [2, 3], steps: [], data: new Float32Array(6) };
      const e = await oracle.eval('b = a.T\nc = b.T\nd = c.reshape(3, 2)\ne = b.reshape(6)\n' +
        'result = (a.base is None, b.base is a, c.base is a, d.base is a, e.base is None, e.base is a, b.base is None)', { a: rawOf(s) });
      const a = build(s);
      const b = a.T, c = b.T, d = c.reshape(3, 2), f = b.reshape(6);
      expect([a.base === null, b.base === a, c.base === a, d.base === a, f.base === null, f.base === a, b.base === null]).toEqual(e);
    });
  });

  it('flatten() and the copy ravel() makes own their data, as in NumPy', async () => {
    await np.scope(async () => {
      const s: ArraySpec = { dtype: 'int16', shape: [3, 2], base: [2, 3], steps: [{ t: 'T', axes: [1, 0] }], data: new Int16Array([1, 2, 3, 4, 5, 6]) };
      const e = await oracle.eval(`v = ${pyView('a', s)}\nresult = (bool(v.flatten().flags.owndata), bool(v.ravel().flags.owndata), bool(v.reshape(6).flags.owndata))`, { a: rawOf(s) });
      const v = build(s);
      expect([v.flatten().flags.owndata, v.ravel().flags.owndata, v.reshape(6).flags.owndata]).toEqual(e);
    });
  });

  it('copy() is C-contiguous, owns its data and holds the same values; np.copy too', async () => {
    await np.scope(async () => {
      const cases = specs(150, 7);
      const expected = await Promise.all(cases.map((s) => oracle.eval(
        `c = ${pyView('a', s)}.copy()\nresult = (${pyPlain('c', s)}, (list(c.strides) if c.size else 'empty'), bool(c.flags.owndata), bool(c.flags.c_contiguous))`, { a: rawOf(s) })));
      cases.forEach((s, i) => {
        const [ev, strides, own, cc] = expected[i] as [OracleValue, number[] | 'empty', boolean, boolean];
        const v = build(s);
        for (const c of [v.copy(), np.copy(v)]) {
          expect(c._storage === v._storage).toBe(false);
          expect([stridesOf(c), c.flags.owndata, c.flags.c_contiguous], `${s.dtype} ${pyView('a', s)}`).toEqual([strides, own, cc]);
          expectMatches(c.dtype === 'bfloat16' ? c.astype('float32') : c, ev, { rtol: 0 }, `${s.dtype} ${pyView('a', s)}.copy()`);
        }
      });
    });
  });

  it('astype: a new array of the dtype (values as NumPy); copy: false returns the array itself when nothing changes', async () => {
    await np.scope(async () => {
      const cases = draw(fc.tuple(fc.constantFrom(...ALL_DTYPES.filter((d) => d !== 'bfloat16')), fc.constantFrom('bool', 'int64', 'uint8', 'float16', 'float32', 'float64') as fc.Arbitrary<DType>)
        .chain(([from, to]) => shapeArb(3).chain((sh) => arraySpecArb(from, sh, fc.integer({ min: 0, max: 100 }).map((x) => (from === 'bool' ? x % 2 : from === 'float16' ? [0, 0x3c00, 0x4000, 0x3800][x % 4]! : /int64/.test(from) ? BigInt(x) : x)))
          .map((s) => ({ s, to })))), 120, 8);
      const expected = await Promise.all(cases.map(({ s, to }) => oracle.eval(`${pyView('a', s)}.astype(${pyDType(to)})`, { a: rawOf(s) })));
      cases.forEach(({ s, to }, i) => {
        const v = build(s);
        const c = v.astype(to);
        expect(c).not.toBe(v);
        expectMatches(c, expected[i]!, { rtol: 0 }, `${s.dtype} -> ${to}`);
        expect(v.astype(s.dtype, { copy: false })).toBe(v);
        const c2 = v.astype(s.dtype);
        expect(c2).not.toBe(v);
        expect(c2._storage === v._storage).toBe(false);
        expect(np.astype(v, to).dtype).toBe(to);
        if (to !== s.dtype) expect(v.astype(to, { copy: false })).not.toBe(v);
      });
    });
  });
});
