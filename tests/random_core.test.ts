// The generator itself: Philox4x32-10 against Random123's published known-answer vectors, the
// counter-based stream layout (element i of a draw depends only on key and counter + i), seeding
// and state, determinism across calls and OpenMP thread counts, and consecutive draws differing.
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';

afterAll(() => npx.set_np());
afterEach(() => npx.set_num_threads(1));

const list = (a: NDArray): unknown[] => {
  try {
    return Array.from(a.dataSync() as ArrayLike<unknown>);
  } finally {
    a.dispose();
  }
};

describe('Philox4x32-10 known answers (Random123 kat_vectors)', () => {
  // ctr (c0..c3), key (k0, k1) → output words; from Random123's tests/kat_vectors.
  const KAT: [number[], [number, number], number[]][] = [
    [[0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]],
    [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]],
    [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]],
  ];
  it.each(KAT)('counter %j key %j', (ctr, key, out) => {
    const bg = new np.random.Philox(null, { key, counter: ctr as [number, number, number, number] });
    const r = bg.random_raw(1);
    expect(r.dtype).toBe('uint32');
    expect(r.shape).toEqual([1, 4]);
    expect(list(r)).toEqual(out);
  });

  it('block i of a raw draw is the block of counter lo + i (with carry into c1)', () => {
    const bg = new np.random.Philox(null, { key: [0, 0], counter: [0xfffffffe, 0, 0, 0] });
    const r = list(bg.random_raw(3)) as number[];
    // block 2 has counter (0, 1, 0, 0): the first KAT vector's counter with c1 = 1.
    const direct = list(new np.random.Philox(null, { key: [0, 0], counter: [0, 1, 0, 0] }).random_raw(1));
    expect(r.slice(8)).toEqual(direct);
    // and the counter moved on by 3
    expect(bg.state.counter).toBe(0xfffffffen + 3n);
  });

  it('seed s is key s with counter 0', () => {
    const a = list(new np.random.Philox(0x1234_5678_9abc_def0n).random_raw(2));
    const b = list(new np.random.Philox(null, { key: [0x9abcdef0, 0x12345678] }).random_raw(2));
    expect(a).toEqual(b);
    expect(new np.random.Philox(7).state).toEqual({ bit_generator: 'Philox4x32', key: 7n, counter: 0n });
  });
});

describe('determinism', () => {
  const draws: [string, (g: ReturnType<typeof np.random.default_rng>, n: number) => NDArray][] = [
    ['random', (g, n) => g.random(n)],
    ['random float32', (g, n) => g.random(n, { dtype: 'float32' })],
    ['normal', (g, n) => g.normal(2, 3, n)],
    ['gamma', (g, n) => g.gamma(0.7, 1, n)],
    ['beta', (g, n) => g.beta(2, 3, n)],
    ['binomial', (g, n) => g.binomial(500, 0.3, n)],
    ['poisson', (g, n) => g.poisson(30, n)],
    ['integers', (g, n) => g.integers(-1000, 1000, n)],
    ['integers uint64', (g, n) => g.integers(0n, 2n ** 64n, n, { dtype: 'uint64' })],
    ['standard_t', (g, n) => g.standard_t(3, n)],
    ['normal with broadcast array parameters', (g, n) => g.normal([0, 10], [[1, 2]], [n / 2, 2])],
    ['hypergeometric', (g, n) => g.hypergeometric(300, 200, 120, n)],
    ['dirichlet', (g, n) => g.dirichlet([0.5, 2], n / 2)],
  ];

  it.each(draws)('%s: same seed, same values; consecutive calls differ', (_n, draw) => {
    const a = list(draw(np.random.default_rng(123), 1000));
    const b = list(draw(np.random.default_rng(123), 1000));
    expect(a).toEqual(b);
    const g = np.random.default_rng(123);
    const first = list(draw(g, 1000));
    const second = list(draw(g, 1000));
    expect(second).not.toEqual(first);
    const other = list(draw(np.random.default_rng(124), 1000));
    expect(other).not.toEqual(first);
  });

  it.each(draws)('%s: element i depends only on the counter (a longer draw starts with the shorter one)', (_n, draw) => {
    const short = list(draw(np.random.default_rng(5), 100));
    const long = list(draw(np.random.default_rng(5), 300));
    expect(long.slice(0, 100)).toEqual(short);
    // after a draw of 100, the next draw continues at counter 100
    const g = np.random.default_rng(5);
    list(draw(g, 100));
    expect(list(draw(g, 200))).toEqual(long.slice(100));
  });

  it.each(draws)('%s: identical for 1, 2 and 4 threads', (_n, draw) => {
    const n = 50_000; // above the parallel threshold
    const results = [1, 2, 4].map((t) => {
      npx.set_num_threads(t);
      return list(draw(np.random.default_rng(99), n));
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('vector draws (multinomial, multivariate_normal, permutation) are thread-count independent', () => {
    const run = (t: number) => {
      npx.set_num_threads(t);
      const g = np.random.default_rng(31);
      return [list(g.multinomial(100, [0.1, 0.2, 0.7], 5000)), list(g.multivariate_normal([0, 1], [[1, 0.3], [0.3, 2]], 5000)),
        list(g.permutation(40_000)), list(g.choice(1000, 20_000, true, Array(1000).fill(0.001)))];
    };
    const one = run(1);
    expect(run(4)).toEqual(one);
  });

  it('np.random.seed makes the module-level functions repeat; get_state / set_state restore', () => {
    np.random.seed(42);
    const a = list(np.random.rand(5));
    const st = np.random.get_state();
    const b = list(np.random.randn(5));
    np.random.seed(42);
    expect(list(np.random.rand(5))).toEqual(a);
    np.random.set_state(st);
    expect(list(np.random.randn(5))).toEqual(b);
    // the module-level stream is default_rng(seed)'s stream
    expect(list(np.random.default_rng(42).random(5))).toEqual(a);
  });

  it('default_rng without a seed is seeded from the OS (two generators differ)', () => {
    expect(list(np.random.default_rng().random(4))).not.toEqual(list(np.random.default_rng().random(4)));
  });

  it('advance skips draws', () => {
    const a = list(np.random.default_rng(1).random(10));
    const g = np.random.default_rng(1);
    g.bit_generator.advance(4);
    expect(list(g.random(6))).toEqual(a.slice(4));
  });

  it('default_rng passes a Generator through and wraps a Philox', () => {
    const g = np.random.default_rng(3);
    expect(np.random.default_rng(g)).toBe(g);
    const p = new np.random.Philox(3);
    expect(list(np.random.default_rng(p).random(3))).toEqual(list(np.random.default_rng(3).random(3)));
  });

  it('shuffle permutes in place, deterministically, keeping the rows', () => {
    np.scope(() => {
      const a = np.arange(12).reshape([6, 2]);
      np.random.default_rng(8).shuffle(a);
      const b = np.arange(12).reshape([6, 2]);
      np.random.default_rng(8).shuffle(b);
      expect(a.tolist()).toEqual(b.tolist());
      const rows = (a.tolist() as bigint[][]).map((r) => r.map(Number));
      expect(rows.map((r) => r[1]! - r[0]!)).toEqual([1, 1, 1, 1, 1, 1]);
      expect(rows.map((r) => r[0]!).sort((x, y) => x - y)).toEqual([0, 2, 4, 6, 8, 10]);
      expect(np.random.default_rng(8).permutation(np.arange(12).reshape([6, 2])).tolist()).toEqual(a.tolist());
    });
  });

  it('shuffle of a non-contiguous view permutes the view\'s rows in the base array', () => {
    np.scope(() => {
      const a = np.arange(12).reshape([3, 4]);
      const t = a.T; // rows of the view are columns of a
      np.random.default_rng(4).shuffle(t);
      const cols = (a.tolist() as bigint[][]).map((r) => r.map(Number));
      // each column of a is still one of the original columns (0+j, 4+j, 8+j), all four present
      const js = [0, 1, 2, 3].map((c) => cols[0]![c]!);
      expect([...js].sort()).toEqual([0, 1, 2, 3]);
      for (const [c, j] of js.entries()) expect([cols[0]![c], cols[1]![c], cols[2]![c]]).toEqual([j, 4 + j, 8 + j]);
      const perm = np.random.default_rng(4).permutation(4).tolist() as bigint[];
      expect(js).toEqual(perm.map(Number));
    });
  });
});

describe('permuted and bytes', () => {
  it('permuted shuffles each slice along the axis independently; axis null shuffles everything', () => {
    np.scope(() => {
      const x = np.arange(60).reshape([3, 20]);
      const p1 = np.random.default_rng(1).permuted(x, { axis: 1 });
      const rows = (p1.tolist() as bigint[][]).map((r) => r.map(Number));
      rows.forEach((r, i) => expect([...r].sort((a, b) => a - b)).toEqual([...Array(20).keys()].map((k) => 20 * i + k)));
      // independent: the rows are not all permuted the same way
      const offs = rows.map((r, i) => r.map((v) => v - 20 * i).join(','));
      expect(new Set(offs).size).toBe(3);
      const p0 = np.random.default_rng(1).permuted(x, { axis: 0 });
      const cols = (p0.tolist() as bigint[][]).map((r) => r.map(Number));
      for (let j = 0; j < 20; j++) expect(cols.map((r) => r[j]!).sort((a, b) => a - b)).toEqual([j, 20 + j, 40 + j]);
      const pn = np.random.default_rng(1).permuted(x);
      expect((pn.tolist() as bigint[][]).flat().map(Number).sort((a, b) => a - b)).toEqual([...Array(60).keys()]);
      expect(pn.shape).toEqual([3, 20]);
      expect(np.random.default_rng(1).permuted(x, { axis: 1 }).tolist()).toEqual(p1.tolist());
      expect(() => np.random.default_rng(1).permuted(x, { axis: 2 })).toThrow(/^permuted: axis 2 is out of bounds/);
    });
  });

  it('bytes: length, determinism, the Philox words little-endian', () => {
    const b = np.random.default_rng(3).bytes(21);
    expect(b.length).toBe(21);
    expect(np.random.default_rng(3).bytes(21)).toEqual(b);
    const words = list(new np.random.Philox(3).random_raw(2)) as number[];
    const expected = new Uint8Array(new Uint32Array(words).buffer).slice(0, 21);
    expect(b).toEqual(expected);
  });
});

describe('spawn', () => {
  it('children are deterministic, differ from each other and from the parent, and leave the parent alone', () => {
    const a = np.random.default_rng(21).spawn(3).map((c) => list(c.random(5)));
    const parent = np.random.default_rng(21);
    const b = parent.spawn(3).map((c) => list(c.random(5)));
    expect(b).toEqual(a);
    expect(new Set(a.map((x) => x.join(','))).size).toBe(3);
    expect(list(parent.random(5))).toEqual(list(np.random.default_rng(21).random(5)));
    // later spawns give new children
    const more = parent.spawn(1).map((c) => list(c.random(5)));
    expect(a.map((x) => x.join(','))).not.toContain(more[0]!.join(','));
    // a child's key is the Philox block of counter (index, 2^64 - 1) under the parent's key
    const blk = list(new np.random.Philox(null, { key: [21, 0], counter: [2, 0, 0xffffffff, 0xffffffff] }).random_raw(1)) as number[];
    expect(np.random.default_rng(21).bit_generator.spawn(3)[2]!.state.key).toBe(BigInt(blk[0]!) | (BigInt(blk[1]!) << 32n));
  });
});
