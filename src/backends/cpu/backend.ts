// The native CPU backend: buffers are addon handles; kernels run synchronously in C++.
import { Complex } from '../../core/complex.js';
import { itemsize } from '../../core/dtype.js';
import { numberToBf16Bits, numberToF16Bits } from '../../core/half.js';
import type { Loop, Op } from '../../core/op.js';
import type { Backend, ElementwiseLaunch, OpaqueLaunch, Operand, ReduceLaunch, TensorView } from '../backend.js';
import { addon } from './native.js';

const info = addon.init();
const args = new Float64Array(info.args, 0, info.argDoubles);
const slots = new DataView(info.args, info.argDoubles * 8, info.scalarSlots * 8);
const kernelIndex = new Map<string, number>(info.kernels.map((n, i) => [n, i]));
const commandIndex = new Map<string, number>(info.commands.map((n, i) => [n, info.firstCommand + i]));

/** A CPU kernel of an opaque op: usually lays out its operands and calls runCommand. */
export type CpuKernel = (launch: OpaqueLaunch) => void;
const opaqueKernels = new Map<Op<object>, CpuKernel>();

/** Registers the CPU kernel of an opaque op (one file per op in src/backends/cpu/kernels/). */
export function registerCpuKernel(op: Op<object>, kernel: CpuKernel): void {
  opaqueKernels.set(op, kernel);
}

/**
 * Runs the native command `name` (registered in C++ with RegisterCommand) on tensors with their
 * own shapes, and `aux` numbers (dtype codes, axes, flags); see native/src/launch.h for the layout.
 */
export function runCommand(name: string, aux: readonly number[], tensors: readonly TensorView[]): void {
  const cmd = commandIndex.get(name);
  if (cmd === undefined) throw new Error(`internal: the native addon has no command '${name}' (rebuild with npm run build)`);
  args[0] = cmd; args[1] = tensors.length; args[2] = aux.length;
  let p = 3;
  for (const v of aux) args[p++] = v;
  for (const t of tensors) {
    const isz = itemsize(t.dtype);
    args[p++] = t.handle; args[p++] = t.offset * isz; args[p++] = isz; args[p++] = t.shape.length;
    for (const d of t.shape) args[p++] = d;
    for (const st of t.strides) args[p++] = st * isz;
  }
  if (p > info.argDoubles) throw new Error(`${name}: too many dimensions for one native call`);
  addon.exec();
}

export const cpuInfo = { isa: info.isa, onednn: info.onednn, kernels: info.kernels.length };

/** Writes a scalar operand into scalar slot `i`, in its dtype's storage format. */
function writeSlot(i: number, o: Extract<Operand, { kind: 'scalar' }>): void {
  const off = i * 8;
  const v = o.value;
  if (o.dtype === 'complex64' || o.dtype === 'complex128') {
    // (re, im) in consecutive floats; a complex128 takes two slots (see launch)
    const [re, im] = v instanceof Complex ? [v.re, v.im] : [Number(v), 0];
    if (o.dtype === 'complex64') { slots.setFloat32(off, re, true); slots.setFloat32(off + 4, im, true); }
    else { slots.setFloat64(off, re, true); slots.setFloat64(off + 8, im, true); }
    return;
  }
  if (v instanceof Complex) throw new TypeError(`internal: complex scalar for a ${o.dtype} operand`);
  const num = typeof v === 'boolean' ? Number(v) : v;
  switch (o.dtype) {
    case 'bool': slots.setUint8(off, num ? 1 : 0); break;
    case 'int8': slots.setInt8(off, Number(num)); break;
    case 'uint8': slots.setUint8(off, Number(num)); break;
    case 'int16': slots.setInt16(off, Number(num), true); break;
    case 'uint16': slots.setUint16(off, Number(num), true); break;
    case 'int32': slots.setInt32(off, Number(num), true); break;
    case 'uint32': slots.setUint32(off, Number(num), true); break;
    case 'int64': slots.setBigInt64(off, BigInt(num), true); break;
    case 'uint64': slots.setBigUint64(off, BigInt(num), true); break;
    case 'float32': slots.setFloat32(off, Number(num), true); break;
    case 'float64': slots.setFloat64(off, Number(num), true); break;
    case 'float16': slots.setUint16(off, numberToF16Bits(Number(num)), true); break;
    case 'bfloat16': slots.setUint16(off, numberToBf16Bits(Number(num)), true); break;
  }
}

// Kernel index per loop object (loops are per op), so the hot path builds no strings.
const loopKernel = new WeakMap<Loop, number>();

function kernelIndexOf(op: Op<object>, loop: Loop): number | undefined {
  let k = loopKernel.get(loop);
  if (k === undefined) {
    k = kernelIndex.get(`${op.name}:${loop.sig}`);
    if (k !== undefined) loopKernel.set(loop, k);
  }
  return k;
}

function kernelOf(op: Op<object>, loop: Loop): number {
  const k = kernelIndexOf(op, loop);
  if (k === undefined) throw new Error(`${op.name}: no CPU kernel for loop ${loop.sig}`);
  return k;
}

/** Lays a launch out in the shared argument block (see native/src/addon.cc) and runs it. */
function launch(cmd: number, kernel: number, extra: number, shape: readonly number[], ops: readonly Operand[]): void {
  const nargs = ops.length, ndim = shape.length;
  args[0] = cmd; args[1] = kernel; args[2] = nargs; args[3] = ndim; args[4] = extra;
  let p = 5;
  let slot = 0;
  for (const o of ops) {
    if (o.kind === 'scalar') {
      writeSlot(slot, o);
      args[p++] = -(slot + 1);
      args[p++] = 0;
      slot += o.dtype === 'complex128' ? 2 : 1;
    } else {
      args[p++] = o.handle;
      args[p++] = o.offset * itemsize(o.dtype);
    }
  }
  for (let d = 0; d < ndim; d++) args[p++] = shape[d]!;
  for (const o of ops) args[p++] = itemsize(o.dtype);
  for (const o of ops) {
    const isz = itemsize(o.dtype);
    for (let d = 0; d < ndim; d++) args[p++] = o.kind === 'scalar' ? 0 : o.strides[d]! * isz;
  }
  addon.exec();
}

// Freed small buffers wait here, by size, for the next allocation of that size: a 1-element op
// otherwise spends two of its ~1 µs in the native alloc and free calls. Bounded (at most
// SMALL_KEEP buffers of each size up to SMALL_MAX bytes, 2 MiB in all); contents are undefined
// either way.
const SMALL_MAX = 256;
const SMALL_KEEP = 64;
const smallFree: number[][] = [];

export class CpuBackend implements Backend {
  readonly type = 'cpu' as const;

  alloc(nbytes: number): number {
    if (nbytes <= SMALL_MAX) {
      const kept = smallFree[nbytes];
      if (kept !== undefined && kept.length > 0) return kept.pop()!;
    }
    return addon.alloc(nbytes);
  }
  free(handle: number, nbytes?: number): void {
    if (nbytes !== undefined && nbytes <= SMALL_MAX) {
      const kept = (smallFree[nbytes] ??= []);
      if (kept.length < SMALL_KEEP) {
        kept.push(handle);
        return;
      }
    }
    addon.free(handle);
  }
  adjustExternal(deltaBytes: number): void { addon.adjustExternal(deltaBytes); }

  write(handle: number, byteOffset: number, src: ArrayBufferView): void {
    const dst = new Uint8Array(addon.view(handle), byteOffset, src.byteLength);
    dst.set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength));
  }

  readSync(handle: number, byteOffset: number, nbytes: number): Uint8Array {
    return new Uint8Array(addon.view(handle), byteOffset, nbytes).slice();
  }

  read(handle: number, byteOffset: number, nbytes: number): Promise<Uint8Array> {
    return Promise.resolve(this.readSync(handle, byteOffset, nbytes));
  }

  copy(src: number, srcOffset: number, dst: number, dstOffset: number, nbytes: number): void {
    args[0] = 2; args[1] = src; args[2] = srcOffset; args[3] = dst; args[4] = dstOffset; args[5] = nbytes;
    addon.exec();
  }

  supports(op: Op<object>, loop: Loop): boolean {
    return kernelIndexOf(op, loop) !== undefined;
  }

  elementwise(l: ElementwiseLaunch): void {
    launch(1, kernelOf(l.op, l.loop), -1, l.shape, [...l.inputs, ...l.outputs]);
  }

  supportsOpaque(op: Op<object>): boolean {
    return opaqueKernels.has(op);
  }

  opaque(l: OpaqueLaunch): void {
    const k = opaqueKernels.get(l.op);
    if (!k) throw new Error(`${l.op.name}: no CPU kernel`);
    k(l);
  }

  reduce(l: ReduceLaunch): void {
    const ops: Operand[] = [l.output, l.input];
    let slot = -1;
    if (l.identity !== undefined) {
      slot = ops.length; // the slot after any scalar operands (reductions take none)
      writeSlot(slot, { kind: 'scalar', dtype: l.loop.outputs[0]!, value: l.identity });
    }
    launch(3, kernelOf(l.op, l.loop), slot, l.shape, ops);
  }

  stats(): { buffers: number; bytes: number } {
    const [buffers, bytes] = addon.memory();
    // buffers kept for reuse are free as far as arrays go
    let keptBuffers = 0, keptBytes = 0;
    smallFree.forEach((l, n) => { keptBuffers += l.length; keptBytes += l.length * n; });
    return { buffers: buffers - keptBuffers, bytes: bytes - keptBytes };
  }
}

export function setNumThreads(n: number): void { addon.setThreads(n); }
export function getNumThreads(): number { return addon.getThreads(); }
