/// <reference types="@webgpu/types" />
// The WebGPU backend: buffers are GPU storage buffers behind integer handles; elementwise kernels
// are WGSL generated from each op's scalar expression (codegen.ts); readback is asynchronous.
//
// Alignment: WebGPU copies and writeBuffer need 4-byte offsets and sizes, while 1- and 2-byte
// dtypes give arrays at any byte offset and length. Every buffer is allocated rounded up to a
// multiple of 4 (its padding belongs to no array), so
//   - read: copies the enclosing aligned range to a staging buffer and slices it;
//   - write: writes directly when the offset is aligned and the range is whole words or runs to
//     the end of the allocation; otherwise uploads to a scratch buffer and merges the bytes in with
//     a byte-copy kernel that owns whole destination words;
//   - copy: copyBufferToBuffer under the same conditions, else the byte-copy kernel (through a
//     scratch buffer when source and destination are the same buffer).
// Work is submitted per operation, in queue order with writes and reads, so a freed buffer can be
// pooled and handed out again at once.
import { bf16BitsToNumber, f16BitsToNumber, numberToBf16Bits, numberToF16Bits } from '../../core/half.js';
import type { Loop, Op } from '../../core/op.js';
import type { Backend, ElementwiseLaunch, Operand } from '../backend.js';
import {
  CodegenError, type KernelBinding, type KernelOperand, type KernelSpec, byteCopyKernel,
  generateKernel, isWgslDType, paramLayout, storageBytes, uniformVec4s,
} from './codegen.js';

// WebGPU's flag values (the GPUBufferUsage / GPUMapMode globals are not installed in Node).
const USAGE = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;
const MAP_READ = 0x1;

interface Buf {
  readonly buffer: GPUBuffer;
  /** Bytes the caller asked for. */
  readonly nbytes: number;
  /** Bytes allocated (a multiple of 4, at least nbytes). */
  readonly cap: number;
}

interface Kernel {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
  readonly paramWords: number;
  readonly base: readonly number[];
}

const floor4 = (x: number): number => x - (x % 4);
const ceil4 = (x: number): number => Math.ceil(x / 4) * 4;

/** Size classes for pooling: powers of two up to 64 KiB, then multiples of 64 KiB. */
function sizeClass(nbytes: number): number {
  const n = Math.max(16, ceil4(nbytes));
  if (n <= 65536) return 2 ** Math.ceil(Math.log2(n));
  return Math.ceil(n / 65536) * 65536;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f32Bits = (x: number): number => {
  f32[0] = x;
  return u32[0]!;
};

/**
 * A scalar operand's value as its dtype's compute type holds it: one 32-bit word, or two (lo, hi)
 * for int64/uint64.
 */
export function scalarWords(o: Extract<Operand, { kind: 'scalar' }>): number[] {
  const v = o.value;
  if (typeof v === 'object') throw new TypeError(`webgpu: complex dtypes are not supported (${o.dtype})`);
  if (o.dtype === 'int64' || o.dtype === 'uint64') {
    const b = BigInt.asUintN(64, typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v))));
    return [Number(b & 0xffffffffn), Number(b >> 32n)];
  }
  const num = typeof v === 'boolean' ? Number(v) : typeof v === 'bigint' ? Number(BigInt.asIntN(64, v)) : v;
  switch (o.dtype) {
    case 'bool': return [num !== 0 ? 1 : 0];
    case 'int8': return [new Int8Array([num])[0]! >>> 0];
    case 'uint8': return [new Uint8Array([num])[0]!];
    case 'int16': return [new Int16Array([num])[0]! >>> 0];
    case 'uint16': return [new Uint16Array([num])[0]!];
    case 'int32': return [new Int32Array([typeof v === 'bigint' ? Number(BigInt.asIntN(32, v)) : num])[0]! >>> 0];
    case 'uint32': return [new Uint32Array([typeof v === 'bigint' ? Number(BigInt.asUintN(32, v)) : num])[0]!];
    case 'float32': return [f32Bits(num)];
    case 'float16': return [f32Bits(f16BitsToNumber(numberToF16Bits(num)))];
    case 'bfloat16': return [f32Bits(bf16BitsToNumber(numberToBf16Bits(num)))];
    default: throw new TypeError(`webgpu: dtype ${o.dtype} is not supported`);
  }
}

export interface WebGpuLimits {
  /** Largest buffer this backend allocates (bytes). */
  readonly maxBufferSize: number;
  readonly workgroupSize: number;
  /** Workgroups per dispatch dimension; beyond it dispatches go 2-D. Lower it to test that path. */
  maxWorkgroupsPerDimension: number;
}

export class WebGpuBackend implements Backend {
  readonly type = 'webgpu' as const;
  readonly limits: WebGpuLimits;
  private readonly bufs = new Map<number, Buf>();
  private nextHandle = 1;
  private liveBytes = 0;
  private readonly pool = new Map<number, GPUBuffer[]>();
  private pooledBytes = 0;
  /** Freed buffers kept for reuse, at most this many bytes. */
  poolLimit = 64 * 1024 * 1024;
  private readonly pipelines = new Map<string, Kernel>();
  private readonly kernels = new Map<string, Kernel>();
  private readonly supported = new Map<string, boolean>();
  private params: GPUBuffer | undefined;
  private paramsCap = 0;
  private readonly errors: string[] = [];
  private closed = false;

  constructor(readonly device: GPUDevice) {
    const l = device.limits;
    this.limits = {
      maxBufferSize: floor4(Math.min(l.maxBufferSize, l.maxStorageBufferBindingSize)),
      workgroupSize: Math.min(256, l.maxComputeInvocationsPerWorkgroup, l.maxComputeWorkgroupSizeX),
      maxWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
    };
    // Errors no error scope caught (invalid shaders, out of memory): kept and thrown by the next
    // readback, so that a failed kernel never passes for a result. (Dawn also prints them.)
    device.onuncapturederror = (ev: GPUUncapturedErrorEvent) => {
      this.errors.push(ev.error?.message ?? String(ev.error));
    };
  }

  // ---- buffers --------------------------------------------------------------------------------

  private buf(handle: number, who: string): Buf {
    const b = this.bufs.get(handle);
    if (!b) throw new Error(`webgpu ${who}: unknown or freed buffer handle ${handle}`);
    return b;
  }

  private live(who: string): void {
    if (this.closed) throw new Error(`webgpu ${who}: the device was shut down (call await npx.init_webgpu() again)`);
  }

  alloc(nbytes: number): number {
    this.live('alloc');
    if (!Number.isInteger(nbytes) || nbytes < 0) throw new RangeError(`webgpu alloc: bad size ${nbytes}`);
    if (nbytes > this.limits.maxBufferSize) {
      throw new RangeError(`webgpu alloc: ${nbytes} bytes exceed the device's largest storage buffer (${this.limits.maxBufferSize} bytes)`);
    }
    const cls = Math.min(sizeClass(nbytes), Math.max(4, this.limits.maxBufferSize));
    let buffer = this.pool.get(cls)?.pop();
    if (buffer) this.pooledBytes -= cls;
    else {
      buffer = this.device.createBuffer({ size: cls, usage: USAGE.STORAGE | USAGE.COPY_SRC | USAGE.COPY_DST });
    }
    const h = this.nextHandle++;
    this.bufs.set(h, { buffer, nbytes, cap: cls });
    this.liveBytes += nbytes;
    return h;
  }

  free(handle: number): void {
    const b = this.bufs.get(handle);
    if (!b) return;
    this.bufs.delete(handle);
    this.liveBytes -= b.nbytes;
    if (this.closed) return;
    if (this.pooledBytes + b.cap <= this.poolLimit) {
      let list = this.pool.get(b.cap);
      if (!list) this.pool.set(b.cap, (list = []));
      list.push(b.buffer);
      this.pooledBytes += b.cap;
    } else {
      b.buffer.destroy();
    }
  }

  /** Destroys pooled (free) buffers. */
  trim(): void {
    for (const list of this.pool.values()) for (const b of list) b.destroy();
    this.pool.clear();
    this.pooledBytes = 0;
  }

  stats(): { buffers: number; bytes: number } {
    return { buffers: this.bufs.size, bytes: this.liveBytes };
  }

  /** Pool and cache sizes, for tests and tuning. */
  internals(): { pooledBuffers: number; pooledBytes: number; pipelines: number } {
    let n = 0;
    for (const l of this.pool.values()) n += l.length;
    return { pooledBuffers: n, pooledBytes: this.pooledBytes, pipelines: this.pipelines.size };
  }

  write(handle: number, byteOffset: number, src: ArrayBufferView): void {
    this.live('write');
    const b = this.buf(handle, 'write');
    const n = src.byteLength;
    if (byteOffset < 0 || byteOffset + n > b.nbytes) {
      throw new RangeError(`webgpu write: bytes [${byteOffset}, ${byteOffset + n}) outside a buffer of ${b.nbytes}`);
    }
    if (n === 0) return;
    const bytes = new Uint8Array(src.buffer, src.byteOffset, n);
    if (byteOffset % 4 === 0 && (n % 4 === 0 || byteOffset + n >= b.nbytes)) {
      // The padding after the allocation's last byte belongs to no array.
      this.device.queue.writeBuffer(b.buffer, byteOffset, padded(bytes), 0, ceil4(n));
      return;
    }
    const tmp = this.device.createBuffer({ size: ceil4(n), usage: USAGE.STORAGE | USAGE.COPY_DST });
    this.device.queue.writeBuffer(tmp, 0, padded(bytes), 0, ceil4(n));
    this.byteCopy(tmp, 0, b.buffer, byteOffset, n);
    tmp.destroy();
  }

  async read(handle: number, byteOffset: number, nbytes: number): Promise<Uint8Array> {
    this.live('read');
    const b = this.buf(handle, 'read');
    if (byteOffset < 0 || byteOffset + nbytes > b.nbytes) {
      throw new RangeError(`webgpu read: bytes [${byteOffset}, ${byteOffset + nbytes}) outside a buffer of ${b.nbytes}`);
    }
    this.throwErrors('read');
    if (nbytes === 0) return new Uint8Array(0);
    const a0 = floor4(byteOffset);
    const size = ceil4(byteOffset + nbytes) - a0;
    const staging = this.device.createBuffer({ size, usage: USAGE.MAP_READ | USAGE.COPY_DST });
    try {
      const enc = this.device.createCommandEncoder();
      enc.copyBufferToBuffer(b.buffer, a0, staging, 0, size);
      this.device.queue.submit([enc.finish()]);
      await staging.mapAsync(MAP_READ);
      const out = new Uint8Array(staging.getMappedRange()).slice(byteOffset - a0, byteOffset - a0 + nbytes);
      staging.unmap();
      this.throwErrors('read');
      return out;
    } finally {
      staging.destroy();
    }
  }

  copy(src: number, srcOffset: number, dst: number, dstOffset: number, nbytes: number): void {
    this.live('copy');
    const s = this.buf(src, 'copy'), d = this.buf(dst, 'copy');
    if (srcOffset < 0 || srcOffset + nbytes > s.nbytes || dstOffset < 0 || dstOffset + nbytes > d.nbytes) {
      throw new RangeError('webgpu copy: range outside the buffers');
    }
    if (nbytes === 0) return;
    const aligned = srcOffset % 4 === 0 && dstOffset % 4 === 0 && (nbytes % 4 === 0 || dstOffset + nbytes >= d.nbytes);
    if (s.buffer !== d.buffer && aligned) {
      const enc = this.device.createCommandEncoder();
      enc.copyBufferToBuffer(s.buffer, srcOffset, d.buffer, dstOffset, ceil4(nbytes));
      this.device.queue.submit([enc.finish()]);
      return;
    }
    if (s.buffer === d.buffer) {
      // WebGPU forbids copies within one buffer; go through a scratch copy of the aligned range.
      const a0 = floor4(srcOffset);
      const size = ceil4(srcOffset + nbytes) - a0;
      const tmp = this.device.createBuffer({ size, usage: USAGE.STORAGE | USAGE.COPY_DST });
      const enc = this.device.createCommandEncoder();
      enc.copyBufferToBuffer(s.buffer, a0, tmp, 0, size);
      this.device.queue.submit([enc.finish()]);
      this.byteCopy(tmp, srcOffset - a0, d.buffer, dstOffset, nbytes);
      tmp.destroy();
      return;
    }
    this.byteCopy(s.buffer, srcOffset, d.buffer, dstOffset, nbytes);
  }

  private byteCopy(src: GPUBuffer, srcByte: number, dst: GPUBuffer, dstByte: number, nbytes: number): void {
    const wg = this.limits.workgroupSize;
    const k = this.pipeline(byteCopyKernel(wg));
    const first = Math.floor(dstByte / 4);
    const words = Math.ceil((dstByte + nbytes) / 4) - first;
    const params = new Uint32Array([srcByte, dstByte, nbytes, first, words, 0, 0, 0]);
    this.dispatch(k, params, [src, dst], words);
  }

  // ---- kernels --------------------------------------------------------------------------------

  private pipeline(source: string): Kernel {
    let k = this.pipelines.get(source);
    if (!k) {
      const module = this.device.createShaderModule({ code: source });
      const pipeline = this.device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
      k = { pipeline, layout: pipeline.getBindGroupLayout(0), paramWords: 0, base: [] };
      this.pipelines.set(source, k);
    }
    return k;
  }

  /** Writes the uniform block, binds it and the buffers, and dispatches one invocation per item. */
  private dispatch(k: Kernel, params: Uint32Array, buffers: readonly GPUBuffer[], items: number): void {
    const bytes = uniformVec4s(params.length) * 16;
    if (!this.params || this.paramsCap < bytes) {
      this.params?.destroy();
      this.paramsCap = Math.max(256, 2 ** Math.ceil(Math.log2(bytes)));
      this.params = this.device.createBuffer({ size: this.paramsCap, usage: USAGE.UNIFORM | USAGE.COPY_DST });
    }
    const data = params.length * 4 === bytes ? params : (() => {
      const p = new Uint32Array(bytes / 4);
      p.set(params);
      return p;
    })();
    // Reusing one uniform buffer is safe: the write is queued after the previous submit.
    this.device.queue.writeBuffer(this.params, 0, data);
    const bindGroup = this.device.createBindGroup({
      layout: k.layout,
      entries: [
        { binding: 0, resource: { buffer: this.params, offset: 0, size: bytes } },
        ...buffers.map((buffer, i) => ({ binding: i + 1, resource: { buffer } })),
      ],
    });
    const wg = this.limits.workgroupSize;
    const groups = Math.ceil(items / wg);
    const max = this.limits.maxWorkgroupsPerDimension;
    const gx = Math.min(groups, max);
    const gy = Math.ceil(groups / gx);
    if (gy > max) throw new RangeError(`webgpu: ${items} invocations exceed the dispatch limits`);
    const enc = this.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(k.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(gx, gy);
    pass.end();
    this.device.queue.submit([enc.finish()]);
  }

  supports(op: Op<object>, loop: Loop): boolean {
    const key = `${op.name}:${loop.sig}`;
    let ok = this.supported.get(key);
    if (ok === undefined) {
      ok = op.kind === 'elementwise' && op.expr !== undefined && op.nout === 1 && loop.outputs.length === 1
        && [...loop.inputs, ...loop.outputs].every(isWgslDType);
      if (ok) {
        // Whether the dialect has a form for this loop (e.g. no integer exp): generate a sample.
        try {
          const inputs: KernelOperand[] = loop.inputs.map((dtype, i) => ({ kind: 'buffer', dtype, binding: i }));
          const out = loop.outputs[0]!;
          generateKernel({
            op, loop, ndim: 1, inputs, output: { kind: 'buffer', dtype: out, binding: inputs.length },
            bindings: [...inputs.map(() => ({ write: false, atomic: false })), { write: true, atomic: storageBytes(out) < 4 }],
            workgroupSize: this.limits.workgroupSize,
          });
        } catch (e) {
          if (!(e instanceof CodegenError)) throw e;
          ok = false;
        }
      }
      this.supported.set(key, ok);
    }
    return ok;
  }

  elementwise(l: ElementwiseLaunch): void {
    this.live(l.op.name);
    if (l.outputs.length !== 1) throw new Error(`${l.op.name}: webgpu kernels have one output`);
    const out = l.outputs[0]!;
    if (out.kind !== 'buffer') throw new Error(`${l.op.name}: output must be a buffer`);
    const n = l.shape.reduce((a, b) => a * b, 1);
    if (n === 0) return;
    const operands = [...l.inputs, out];
    const { shape, strides } = collapse(l.shape, operands);
    const ndim = shape.length;

    // One binding per distinct buffer (an input may be the output buffer: in-place ops).
    const handles: number[] = [];
    const kops: KernelOperand[] = operands.map((o) => {
      if (o.kind === 'scalar') return { kind: 'scalar', dtype: o.dtype };
      let b = handles.indexOf(o.handle);
      if (b < 0) b = handles.push(o.handle) - 1;
      return { kind: 'buffer', dtype: o.dtype, binding: b };
    });
    const outK = kops[kops.length - 1] as KernelOperand & { kind: 'buffer' };
    const bindings: KernelBinding[] = handles.map((_, i) => ({
      write: i === outK.binding,
      atomic: i === outK.binding && storageBytes(out.dtype) < 4,
    }));
    const key = `${l.op.name}|${l.loop.sig}|${ndim}|${kops.map((o) => (o.kind === 'scalar' ? 's' : o.binding)).join(',')}`;
    let k = this.kernels.get(key);
    if (!k) {
      const spec: KernelSpec = {
        op: l.op, loop: l.loop, ndim, inputs: kops.slice(0, -1), output: outK, bindings,
        workgroupSize: this.limits.workgroupSize,
      };
      let source: string;
      try {
        source = generateKernel(spec);
      } catch (e) {
        if (e instanceof CodegenError) throw new TypeError(`${l.op.name}: no webgpu kernel for loop ${l.loop.sig} (${e.message})`);
        throw e;
      }
      const { base, words } = paramLayout(ndim, kops);
      k = { ...this.pipeline(source), paramWords: words, base };
      this.kernels.set(key, k);
    }

    const params = new Uint32Array(k.paramWords);
    params[0] = n;
    for (let d = 0; d < ndim; d++) params[1 + d] = shape[d]!;
    operands.forEach((o, i) => {
      const p = k.base[i]!;
      if (o.kind === 'scalar') {
        params.set(scalarWords(o), p);
        return;
      }
      params[p] = o.offset;
      const s = strides[i]!;
      for (let d = 0; d < ndim; d++) params[p + 1 + d] = s[d]! >>> 0;
    });
    this.dispatch(k, params, handles.map((h) => this.buf(h, l.op.name).buffer), n);
  }

  // ---- errors and teardown --------------------------------------------------------------------

  private throwErrors(who: string): void {
    if (this.errors.length === 0) return;
    const msg = this.errors.splice(0).join('\n');
    throw new Error(`webgpu ${who}: an earlier GPU command failed: ${msg}`);
  }

  /** Destroys every buffer; the device itself is destroyed by shutdown_webgpu(). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const b of this.bufs.values()) b.buffer.destroy();
    this.trim();
    this.params?.destroy();
    this.params = undefined;
    this.pipelines.clear();
    this.kernels.clear();
  }
}

function padded(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength % 4 === 0) return bytes;
  const p = new Uint8Array(ceil4(bytes.byteLength));
  p.set(bytes);
  return p;
}

/**
 * Drops size-1 dimensions and merges dimensions that every buffer operand walks contiguously
 * (outer stride = inner stride × inner size), so most launches become 1-D.
 */
export function collapse(shape: readonly number[], operands: readonly Operand[]): { shape: number[]; strides: number[][] } {
  const bufStrides = operands.map((o) => (o.kind === 'buffer' ? o.strides : null));
  const outShape: number[] = [];
  const outStrides: number[][] = operands.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d]!;
    if (size === 1) continue;
    const last = outShape.length - 1;
    if (last >= 0 && bufStrides.every((s, i) => s === null || outStrides[i]![last] === s[d]! * size)) {
      outShape[last]! *= size;
      bufStrides.forEach((s, i) => { if (s) outStrides[i]![last] = s[d]!; });
      continue;
    }
    outShape.push(size);
    bufStrides.forEach((s, i) => outStrides[i]!.push(s ? s[d]! : 0));
  }
  return { shape: outShape, strides: outStrides };
}
