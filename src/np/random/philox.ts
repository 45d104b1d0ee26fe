// The bit generator: Philox4x32-10 (Random123) keyed by the seed, with a 128-bit counter split in a
// 64-bit element index `lo` and a 64-bit block index `hi`. A draw of n elements takes counters
// lo .. lo + n - 1 and advances lo by n, so consecutive draws never share a block and element i of
// a draw depends only on (key, lo + i): the same on every backend and any thread count.
import type { Device } from '../../backends/backend.js';
import { device as deviceOf, parseDevice } from '../../core/device.js';
import type { NDArray } from '../../core/ndarray.js';
import { applyOpaque } from '../../core/opaque.js';
import { checkShape } from '../../core/shape.js';
import { toDeviceCopy } from '../creation/transfer.js';
import { reshape } from '../manip/views.js';
import { type StreamAttrs, randomRawOp } from './ops.js';

const U64 = 2n ** 64n;
const M32 = 0xffffffffn;

/** A seed: a non-negative integer below 2^64 (number or bigint); null draws one from the OS. */
export type SeedLike = number | bigint | null;

export interface PhiloxState {
  readonly bit_generator: 'Philox4x32';
  /** The 64-bit key (word 0 in the low half). */
  readonly key: bigint;
  /** The 128-bit counter: the element index in the low 64 bits, the block index in the high 64. */
  readonly counter: bigint;
}

export interface PhiloxOptions {
  /** The key, as a 64-bit integer (word 0 low) or its two 32-bit words; overrides the seed. */
  key?: bigint | number | readonly [number, number];
  /** The starting counter: a 128-bit integer or its four 32-bit words (c0 lowest). */
  counter?: bigint | number | readonly [number, number, number, number];
}

function entropy(): bigint {
  const w = new Uint32Array(2);
  globalThis.crypto.getRandomValues(w);
  return BigInt(w[0]!) | (BigInt(w[1]!) << 32n);
}

/** A seed as the 64-bit key; NumPy-style errors for negative, fractional or too large seeds. */
export function seedToKey(seed: SeedLike | undefined, who: string): bigint {
  if (seed === null || seed === undefined) return entropy();
  if (typeof seed === 'number' && !Number.isInteger(seed)) {
    throw new TypeError(`${who}: SeedSequence expects int or sequence of ints for entropy not ${seed}`);
  }
  if (typeof seed !== 'number' && typeof seed !== 'bigint') throw new TypeError(`${who}: seed must be an integer or null`);
  const s = BigInt(seed);
  if (s < 0n) throw new RangeError(`${who}: expected non-negative integer`);
  if (s >= U64) throw new RangeError(`${who}: seed must be below 2**64`);
  return s;
}

function wordsToBig(w: readonly number[], who: string): bigint {
  let v = 0n;
  w.forEach((x, i) => {
    if (!Number.isInteger(x) || x < 0 || x > 0xffffffff) throw new RangeError(`${who}: words must be 32-bit unsigned integers`);
    v |= BigInt(x) << BigInt(32 * i);
  });
  return v;
}

function toBig(v: bigint | number, bits: number, what: string, who: string): bigint {
  if (typeof v === 'number' && !Number.isInteger(v)) throw new TypeError(`${who}: ${what} must be an integer`);
  const b = BigInt(v);
  if (b < 0n || b >= 2n ** BigInt(bits)) throw new RangeError(`${who}: ${what} must be in [0, 2**${bits})`);
  return b;
}

/**
 * Philox4x32-10, NumPy's `Philox` bit generator in its 4x32 form (NumPy's is 4x64). Seeding puts the
 * seed itself in the key (word 0 = low 32 bits) and starts the counter at 0; there is no seed hashing.
 */
export class Philox {
  // Key and counter halves as 32-bit words (low first): a draw reads them without BigInt work.
  /** @internal */ _key: [number, number] = [0, 0];
  /** @internal */ _lo: [number, number] = [0, 0];
  /** @internal */ _hi: [number, number] = [0, 0];

  constructor(seed: SeedLike = null, opts: PhiloxOptions = {}) {
    const who = 'Philox';
    const key = opts.key === undefined ? seedToKey(seed, who)
      : typeof opts.key === 'object' ? wordsToBig(opts.key, who) : toBig(opts.key, 64, 'key', who);
    const ctr = opts.counter === undefined ? 0n
      : typeof opts.counter === 'object' ? wordsToBig(opts.counter, who) : toBig(opts.counter, 128, 'counter', who);
    this.setWords(key, ctr);
  }

  private setWords(key: bigint, ctr: bigint): void {
    const w = (v: bigint, k: number): number => Number((v >> BigInt(32 * k)) & M32);
    this._key = [w(key, 0), w(key, 1)];
    this._lo = [w(ctr, 0), w(ctr, 1)];
    this._hi = [w(ctr, 2), w(ctr, 3)];
  }

  get state(): PhiloxState {
    const big = (a: readonly number[]): bigint => a.reduce((v, x, i) => v | (BigInt(x) << BigInt(32 * i)), 0n);
    return { bit_generator: 'Philox4x32', key: big(this._key), counter: big([...this._lo, ...this._hi]) };
  }

  set state(s: PhiloxState) {
    const who = 'Philox.state';
    if (s.bit_generator !== 'Philox4x32') throw new TypeError(`${who}: state must be for a Philox4x32 PRNG`);
    this.setWords(toBig(s.key, 64, 'key', who), toBig(s.counter, 128, 'counter', who));
  }

  /** @internal the stream position of a draw of n elements; advances past them. */
  _take(n: number): StreamAttrs {
    const at: StreamAttrs = { key: this._key, lo: this._lo, hi: this._hi };
    // lo += n (mod 2^64) in 32-bit words; exact while the low word plus n stays below 2^53.
    const sum = this._lo[0] + n;
    const carry = Math.floor(sum / 2 ** 32);
    this._lo = [sum - carry * 2 ** 32, (this._lo[1] + carry) % 2 ** 32];
    return at;
  }

  /** @internal children made by spawn() so far. */ _spawned = 0;

  /**
   * `n` independent child bit generators (NumPy's spawn): child c's key is the first two words of
   * Philox(key, counter (c, 2^64 - 1)) — a block no draw reaches — and its counter starts at 0.
   * Deterministic for a given parent; the parent's own stream is not advanced.
   */
  spawn(n: number): Philox[] {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`spawn: n_children must be a non-negative integer`);
    const first = this._spawned;
    this._spawned += n;
    if (n === 0) return [];
    const blocks = applyOpaque(randomRawOp, [], { key: this._key, lo: [first, 0], hi: [0xffffffff, 0xffffffff], n }, deviceOf('cpu', 0))[0]!;
    try {
      const w = blocks._readRawSync('spawn') as Uint32Array;
      return Array.from({ length: n }, (_, c) => new Philox(null, { key: [w[4 * c]!, w[4 * c + 1]!] }));
    } finally {
      blocks.dispose();
    }
  }

  /** Moves the element counter forward by `delta` draws' worth of elements (NumPy's advance). */
  advance(delta: number | bigint): this {
    const lo = BigInt(this._lo[0]) | (BigInt(this._lo[1]) << 32n);
    const next = (((lo + BigInt(delta)) % U64) + U64) % U64;
    this._lo = [Number(next & M32), Number(next >> 32n)];
    return this;
  }

  /**
   * The raw Philox blocks: uint32 of shape `[...size, 4]`, element i's block for counter
   * (lo + i, hi). NumPy's random_raw returns uint64 words of its 4x64 generator instead.
   */
  random_raw(size: number | readonly number[] = [], opts: { device?: Device | string } = {}): NDArray {
    const shape = checkShape(typeof size === 'number' ? [size] : size, 'random_raw');
    const n = shape.reduce((a, b) => a * b, 1);
    const device = parseDevice(opts.device, 'random_raw');
    // Computed by the CPU kernel, then moved (the same bits on every device).
    const blocks = applyOpaque(randomRawOp, [], { ...this._take(n), n }, deviceOf('cpu', 0))[0]!;
    let shaped: NDArray | undefined;
    try {
      shaped = reshape(blocks, [...shape, 4]);
      return device === shaped.device ? shaped : toDeviceCopy(shaped, device, 'random_raw');
    } finally {
      blocks.dispose();
      if (shaped && shaped.device !== device) shaped.dispose();
    }
  }
}
