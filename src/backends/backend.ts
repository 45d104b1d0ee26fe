// The interface every backend implements. Core code talks only to this; it never knows which
// backend is behind a buffer handle.
import type { Complex } from '../core/complex.js';
import type { DType } from '../core/dtype.js';
import type { Loop, Op } from '../core/op.js';

export type DeviceType = 'cpu' | 'webgpu' | 'cuda';

/** A strided view of a backend buffer, or a scalar broadcast to every position. */
export type Operand =
  | { readonly kind: 'buffer'; readonly handle: number; readonly dtype: DType; readonly offset: number; readonly strides: readonly number[] }
  | { readonly kind: 'scalar'; readonly dtype: DType; readonly value: number | bigint | boolean | Complex };

/** An elementwise launch: every operand is viewed with `shape` (broadcast strides already applied). */
export interface ElementwiseLaunch {
  readonly op: Op<object>;
  readonly loop: Loop;
  readonly shape: readonly number[];
  readonly inputs: readonly Operand[];
  readonly outputs: readonly Operand[];
}

/**
 * A reduction: `output` is viewed with the input's `shape`, stride 0 along the reduced axes, and
 * already holds the initial value; the kernel folds every input element into its output element.
 */
export interface ReduceLaunch {
  readonly op: Op<object>;
  readonly loop: Loop;
  readonly shape: readonly number[];
  readonly input: Operand;
  readonly output: Operand;
  /** The op's identity in the output dtype (absent for idempotent ops without one: max, min). */
  readonly identity?: number | bigint | boolean | Complex;
}

/** An operand of an opaque op: a strided view with its own shape. */
export interface TensorView {
  readonly handle: number;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/** A launch of an opaque op (sort, matmul, …): outputs are allocated from the op's `infer`. */
export interface OpaqueLaunch {
  readonly op: Op<object>;
  readonly inputs: readonly TensorView[];
  readonly outputs: readonly TensorView[];
  readonly attrs: object;
}

export interface Backend {
  readonly type: DeviceType;
  /** Allocates `nbytes` (contents undefined) and returns a handle. */
  alloc(nbytes: number): number;
  /** Frees a buffer; `nbytes` is its size as allocated (a backend may keep small ones for reuse). */
  free(handle: number, nbytes?: number): void;
  /**
   * Tells the JS engine how many bytes of this backend wait on its garbage collector (buffers of
   * arrays nobody disposed), so that it collects them in time. Optional.
   */
  adjustExternal?(deltaBytes: number): void;
  /** Copies host bytes into a buffer at a byte offset. */
  write(handle: number, byteOffset: number, src: ArrayBufferView): void;
  /** Reads bytes back; every backend can do this asynchronously. */
  read(handle: number, byteOffset: number, nbytes: number): Promise<Uint8Array>;
  /** Synchronous readback, only where memory is host-visible (CPU). */
  readSync?(handle: number, byteOffset: number, nbytes: number): Uint8Array;
  /** Device-side byte copy between buffers of this backend. */
  copy(src: number, srcOffset: number, dst: number, dstOffset: number, nbytes: number): void;
  /** Whether this backend has a kernel for (op, loop). */
  supports(op: Op<object>, loop: Loop): boolean;
  /** Runs an elementwise op (including astype) on strided operands. */
  elementwise(launch: ElementwiseLaunch): void;
  /** Whether this backend has a kernel for an opaque op. */
  supportsOpaque?(op: Op<object>): boolean;
  /** Runs an opaque op's kernel. */
  opaque?(launch: OpaqueLaunch): void;
  /** Runs a reduction; a backend without reduction kernels leaves this out. */
  reduce?(launch: ReduceLaunch): void;
  /** Bytes and buffers this backend holds now (for np.memory()). */
  stats(): { buffers: number; bytes: number };
}

export interface Device {
  readonly type: DeviceType;
  readonly id: number;
  toString(): string;
}
