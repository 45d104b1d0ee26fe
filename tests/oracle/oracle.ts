// NumPy as a test oracle: a long-lived `python3 -u tests/oracle/server.py` per test worker, spoken to
// over stdin/stdout with length-prefixed frames (see server.py for the framing). Calls made in the same
// tick are sent as one batch frame, so `Promise.all(cases.map((c) => oracle.eval(...)))` and
// `evalMany` both cost one round trip.
//
//   const np = NumpyOracle.shared();
//   const r = await np.eval('np.add(a, b)', { a: rawA, b: 2 });
//   if (isOracleError(r)) ... else if (isRawArray(r)) ...
//
// Arguments: RawArray → ndarray (writable copy); number → int if integral else float (NaN/±Infinity/-0
// become floats; wrap with pyFloat(x) to force a Python float); bigint → int; boolean, string, null;
// Uint8Array → bytes; arrays → lists; pyTuple([...]) → tuple.
// Results: ndarray → RawArrayResult (C order, isScalar false); NumPy scalar → 0-d RawArrayResult with
// isScalar true; Python int → number, or bigint beyond ±(2^53 − 1); float → number; bool, str, None;
// bytes → Uint8Array; tuple/list → array; np.dtype or scalar type → its name (string). A raised
// exception → OracleError { error: class name, message }.

import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { decodeNpy, encodeNpy, type RawArray } from '../../src/np/io/npy.js';
import { conformanceLogger, type CaseContext } from './conformance_log.js';
import { Complex } from '../../src/core/complex.js';

export type RawArrayResult = RawArray & { isScalar: boolean };
export type OracleValue = RawArrayResult | number | bigint | boolean | string | null | Uint8Array | Complex | OracleValue[];
export interface OracleError { error: string; message: string }

/** Forces a Python float argument (a JS number that is integral would otherwise arrive as an int). */
export class PyFloat { constructor(readonly value: number) {} }
/** A Python tuple argument (e.g. `axis=(0, 1)`). */
export class PyTuple { constructor(readonly items: OracleArg[]) {} }
export const pyFloat = (x: number): PyFloat => new PyFloat(x);
export const pyTuple = (items: OracleArg[]): PyTuple => new PyTuple(items);

export type OracleArg = RawArray | number | bigint | boolean | string | null | Uint8Array | PyFloat | PyTuple | OracleArg[];
export type OracleArgs = Record<string, OracleArg>;
export interface OracleRequest { expr: string; args?: OracleArgs }

export function isOracleError(v: unknown): v is OracleError {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v)
    && typeof (v as OracleError).error === 'string' && typeof (v as OracleError).message === 'string';
}

export function isRawArray(v: unknown): v is RawArrayResult {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v)
    && 'dtype' in v && 'shape' in v && 'data' in v;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface Pending {
  resolve: (v: OracleValue | OracleError) => void;
  reject: (e: Error) => void;
  /** Set only while the conformance log is on (QUARK_CONFORMANCE_LOG): the test and request. */
  log?: CaseContext;
}

// The conformance report's log (scripts/conformance/run.mjs): undefined, and so free, unless asked for.
const LOG = conformanceLogger();

const SERVER = fileURLToPath(new URL('./server.py', import.meta.url));

function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0.0';
  return String(x);
}

function encodeArg(v: OracleArg, blobs: Uint8Array[]): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    return Number.isFinite(v) && !Object.is(v, -0) ? v : { $f: floatRepr(v) };
  }
  if (typeof v === 'bigint') return { $i: v.toString() };
  if (v instanceof PyFloat) return { $f: floatRepr(v.value) };
  if (v instanceof PyTuple) return { $t: v.items.map((x) => encodeArg(x, blobs)) };
  if (v instanceof Uint8Array) {
    blobs.push(v);
    return { $y: blobs.length - 1 };
  }
  if (Array.isArray(v)) return v.map((x) => encodeArg(x, blobs));
  if (isRawArray(v)) {
    blobs.push(encodeNpy(v));
    return { $a: blobs.length - 1 };
  }
  throw new TypeError(`NumpyOracle: cannot send argument ${String(v)}`);
}

function decodeResult(v: Json, blobs: Uint8Array[]): OracleValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
  if (Array.isArray(v)) return v.map((x) => decodeResult(x, blobs));
  if (typeof v.$a === 'number') {
    const a = decodeNpy(blobs[v.$a]!);
    return { ...a, isScalar: v.s === 1 };
  }
  if (typeof v.$y === 'number') return blobs[v.$y]!.slice();
  if (typeof v.$i === 'string') {
    const b = BigInt(v.$i);
    return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
  }
  if (Array.isArray(v.$c)) {
    const [re, im] = v.$c.map((x) => decodeResult(x, blobs)) as [number, number];
    return new Complex(re, im);
  }
  if (typeof v.$f === 'string') return Number(v.$f === 'nan' ? NaN : v.$f === 'inf' ? Infinity : v.$f === '-inf' ? -Infinity : v.$f);
  throw new Error(`NumpyOracle: unexpected value in response: ${JSON.stringify(v).slice(0, 200)}`);
}

function frame(json: Json, blobs: Uint8Array[]): Buffer {
  const j = Buffer.from(JSON.stringify(json), 'utf8');
  let total = 4 + j.length;
  for (const b of blobs) total += b.length;
  if (total > 0xffffffff) throw new Error('NumpyOracle: request larger than 4 GiB');
  const out = Buffer.allocUnsafe(4 + total);
  out.writeUInt32LE(total, 0);
  out.writeUInt32LE(j.length, 4);
  j.copy(out, 8);
  let p = 8 + j.length;
  for (const b of blobs) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}

// Kept on globalThis so that test files in one worker share the process even though vitest gives each
// file its own copy of this module.
const SHARED = Symbol.for('quark.numpyOracle');
interface SharedHolder { [SHARED]?: NumpyOracle }
const holder = globalThis as SharedHolder;

export class NumpyOracle {
  private child: ChildProcess | undefined;
  private dead: Error | undefined;
  /** Requests not yet sent (flushed in a microtask). */
  private queue: { req: OracleRequest; p: Pending }[] = [];
  private flushScheduled = false;
  /** Frames sent and awaiting their response, oldest first. */
  private inflight: Pending[][] = [];
  private chunks: Buffer[] = [];
  private have = 0;
  private need = -1;
  private stderrTail = '';
  private readonly onExit = (): void => this.close();

  /** One oracle process per test worker, started on first use (and restarted if it died or was closed). */
  static shared(): NumpyOracle {
    const cur = holder[SHARED];
    if (cur && !cur.closed) return cur;
    const o = new NumpyOracle();
    holder[SHARED] = o;
    return o;
  }

  get closed(): boolean {
    return this.dead !== undefined;
  }

  eval(expr: string, args?: OracleArgs): Promise<OracleValue | OracleError> {
    return new Promise((resolve, reject) => {
      if (this.dead) return reject(this.dead);
      const p: Pending = { resolve, reject };
      if (LOG) p.log = LOG.context(expr, args);
      this.queue.push({ req: { expr, args }, p });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        queueMicrotask(() => this.flush());
      }
    });
  }

  evalMany(reqs: readonly OracleRequest[]): Promise<(OracleValue | OracleError)[]> {
    return Promise.all(reqs.map((r) => this.eval(r.expr, r.args)));
  }

  close(): void {
    if (!this.dead) this.dead = new Error('NumpyOracle: closed');
    process.removeListener('exit', this.onExit);
    const c = this.child;
    this.child = undefined;
    if (c) {
      c.stdin?.end();
      if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    }
    this.failAll(this.dead);
    if (holder[SHARED] === this) delete holder[SHARED];
  }

  private start(): ChildProcess {
    const c = spawn('python3', ['-u', SERVER], { stdio: ['pipe', 'pipe', 'pipe'], env: process.env });
    c.stdout!.on('data', (b: Buffer) => this.onData(b));
    c.stderr!.on('data', (b: Buffer) => {
      this.stderrTail = (this.stderrTail + b.toString('utf8')).slice(-4000);
    });
    c.on('error', (e) => this.die(new Error(`NumpyOracle: cannot start python3: ${e.message}`)));
    c.on('exit', (code, sig) => {
      if (this.child === c) {
        this.die(new Error(`NumpyOracle: python3 exited (code ${code}, signal ${sig})${this.stderrTail ? `:\n${this.stderrTail}` : ''}`));
      }
    });
    c.stdin!.on('error', () => { /* reported through 'exit' */ });
    c.unref();
    (c.stdin as unknown as Socket).unref?.();
    (c.stderr as unknown as Socket).unref?.();
    (c.stdout as unknown as Socket).unref?.();
    process.once('exit', this.onExit);
    return c;
  }

  private die(e: Error): void {
    if (!this.dead) this.dead = e;
    this.child = undefined;
    process.removeListener('exit', this.onExit);
    this.failAll(e);
    if (holder[SHARED] === this) delete holder[SHARED];
  }

  private failAll(e: Error): void {
    const q = this.queue;
    this.queue = [];
    for (const { p } of q) p.reject(e);
    const f = this.inflight;
    this.inflight = [];
    for (const ps of f) for (const p of ps) p.reject(e);
  }

  /** Keeps the worker alive only while a response is awaited. */
  private setRef(on: boolean): void {
    const out = this.child?.stdout as unknown as Socket | undefined;
    if (on) out?.ref?.();
    else out?.unref?.();
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.dead || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    const blobs: Uint8Array[] = [];
    const q: Json[] = [];
    const pendings: Pending[] = [];
    for (const { req, p } of batch) {
      try {
        const a: { [k: string]: Json } = {};
        for (const [k, v] of Object.entries(req.args ?? {})) a[k] = encodeArg(v, blobs);
        q.push({ e: req.expr, a });
        pendings.push(p);
      } catch (e) {
        p.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
    if (pendings.length === 0) return;
    let buf: Buffer;
    try {
      buf = frame({ q, b: blobs.map((b) => b.length) }, blobs);
    } catch (e) {
      for (const p of pendings) p.reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    this.child ??= this.start();
    this.inflight.push(pendings);
    if (this.inflight.length === 1) this.setRef(true);
    this.child.stdin!.write(buf);
  }

  private onData(b: Buffer): void {
    this.chunks.push(b);
    this.have += b.length;
    for (;;) {
      if (this.need < 0) {
        if (this.have < 4) return;
        if (this.chunks[0]!.length < 4) this.chunks = [Buffer.concat(this.chunks, this.have)];
        this.need = 4 + this.chunks[0]!.readUInt32LE(0);
      }
      if (this.have < this.need) return;
      const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.have);
      const payload = all.subarray(4, this.need);
      const rest = all.subarray(this.need);
      this.chunks = rest.length ? [rest] : [];
      this.have = rest.length;
      this.need = -1;
      this.onFrame(payload);
    }
  }

  private onFrame(payload: Buffer): void {
    const pendings = this.inflight.shift();
    if (this.inflight.length === 0) this.setRef(false);
    if (!pendings) return;
    let results: (OracleValue | OracleError)[];
    try {
      const jlen = payload.readUInt32LE(0);
      const msg = JSON.parse(payload.toString('utf8', 4, 4 + jlen)) as { r?: Json[]; b?: number[]; fatal?: string };
      if (msg.fatal !== undefined) throw new Error(`NumpyOracle: server could not read the request: ${msg.fatal}`);
      const blobs: Uint8Array[] = [];
      let off = 4 + jlen;
      for (const n of msg.b ?? []) {
        blobs.push(new Uint8Array(payload.buffer, payload.byteOffset + off, n));
        off += n;
      }
      const r = msg.r ?? [];
      if (r.length !== pendings.length) throw new Error(`NumpyOracle: expected ${pendings.length} results, got ${r.length}`);
      results = r.map((v): OracleValue | OracleError => {
        if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.$e === 'string') {
          return { error: v.$e, message: String(v.m) };
        }
        try {
          return decodeResult(v, blobs);
        } catch (e) {
          return { error: 'OracleDecodeError', message: e instanceof Error ? e.message : String(e) };
        }
      });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      for (const p of pendings) p.reject(err);
      return;
    }
    if (LOG) LOG.record(pendings, results);
    pendings.forEach((p, i) => p.resolve(results[i]!));
  }
}
