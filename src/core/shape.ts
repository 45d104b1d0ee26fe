// Shapes, strides (in elements), broadcasting and axis rules shared by every op.

export type Shape = readonly number[];

/** A shape as Python's repr of a tuple: (2, 3), (4,), (). */
export const fmtShape = (s: Shape): string => (s.length === 1 ? `(${s[0]},)` : `(${s.join(', ')})`);
/** A shape as NumPy's C code prints it in error messages: (2,3), (4,), (). */
export const fmtShapeC = (s: Shape): string => (s.length === 1 ? `(${s[0]},)` : `(${s.join(',')})`);

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** C-order strides in elements. */
export function contiguousStrides(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= Math.max(shape[i]!, 1);
  }
  return s;
}

// An empty array is C- and F-contiguous whatever its strides (NumPy's flags), so look for a 0
// anywhere before comparing strides.
export function isCContiguous(shape: Shape, strides: readonly number[]): boolean {
  if (shape.includes(0)) return true;
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i]!;
    if (d !== 1 && strides[i] !== acc) return false;
    acc *= d;
  }
  return true;
}

export function isFContiguous(shape: Shape, strides: readonly number[]): boolean {
  if (shape.includes(0)) return true;
  let acc = 1;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i]!;
    if (d !== 1 && strides[i] !== acc) return false;
    acc *= d;
  }
  return true;
}

/** Validates a user-given shape: non-negative safe integers. */
export function checkShape(shape: readonly unknown[], who: string): number[] {
  const out: number[] = [];
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d)) {
      throw new TypeError(`${who}: shape entries must be integers, got ${String(d)}`);
    }
    if (d < 0) throw new RangeError(`${who}: negative dimensions are not allowed (shape ${fmtShape(shape as number[])})`);
    out.push(d);
  }
  if (sizeOf(out) > Number.MAX_SAFE_INTEGER) throw new RangeError(`${who}: array is too big (shape ${fmtShape(out)})`);
  return out;
}

export function broadcastShapes(shapes: readonly Shape[], who?: string): number[] {
  const nd = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(nd).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const j = nd - s.length + i;
      const d = s[i]!;
      const o = out[j]!;
      if (d === o || d === 1) continue;
      if (o === 1) out[j] = d;
      else {
        const list = shapes.map(fmtShapeC).join(' ');
        throw new RangeError(`${who ? who + ': ' : ''}operands could not be broadcast together with shapes ${list}`);
      }
    }
  }
  return out;
}

/** Strides that view an array of `shape`/`strides` as broadcast to `target` (0 where repeated). */
export function broadcastStrides(shape: Shape, strides: readonly number[], target: Shape): number[] {
  const out = new Array<number>(target.length).fill(0);
  const off = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[off + i] = shape[i] === 1 && target[off + i] !== 1 ? 0 : strides[i]!;
  return out;
}

export function normalizeAxis(axis: number, ndim: number, who: string): number {
  if (!Number.isInteger(axis)) throw new TypeError(`${who}: axis must be an integer, got ${axis}`);
  if (axis < -ndim || axis >= ndim) {
    throw new RangeError(`${who}: axis ${axis} is out of bounds for array of dimension ${ndim}`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/**
 * New strides for reshaping without a copy, or null when the memory layout forbids it, as NumPy's
 * PyArray_Newshape decides: the same shape keeps its strides, a C-contiguous array gets C strides,
 * anything else goes through _attempt_nocopy_reshape (the loop below). Only the strides of size-1
 * dims differ between these, but NumPy reports them.
 */
export function reshapeStrides(shape: Shape, strides: readonly number[], newShape: Shape): number[] | null {
  if (newShape.length === shape.length && newShape.every((d, i) => d === shape[i])) return [...strides];
  if (isCContiguous(shape, strides)) return contiguousStrides(newShape);
  const oldDims: number[] = [];
  const oldStrides: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] !== 1) {
      oldDims.push(shape[i]!);
      oldStrides.push(strides[i]!);
    }
  }
  const newStrides = new Array<number>(newShape.length).fill(0);
  let oi = 0, oj = 1, ni = 0, nj = 1;
  const on = oldDims.length, nn = newShape.length;
  if (sizeOf(newShape) === 0) return contiguousStrides(newShape);
  while (ni < nn && oi < on) {
    let np = newShape[ni]!;
    let op = oldDims[oi]!;
    while (np !== op) {
      if (np < op) np *= newShape[nj++]!;
      else op *= oldDims[oj++]!;
    }
    for (let ok = oi; ok < oj - 1; ok++) {
      if (oldStrides[ok] !== oldDims[ok + 1]! * oldStrides[ok + 1]!) return null;
    }
    newStrides[nj - 1] = oldStrides[oj - 1]!;
    for (let nk = nj - 1; nk > ni; nk--) newStrides[nk - 1] = newStrides[nk]! * newShape[nk]!;
    ni = nj++;
    oi = oj++;
  }
  // trailing ones
  const last = ni > 0 ? newStrides[ni - 1]! : 1;
  for (let k = ni; k < nn; k++) newStrides[k] = last;
  return newStrides;
}

/** Resolves one -1 in a reshape target. */
export function resolveReshape(size: number, newShape: readonly number[], who: string): number[] {
  let unknown = -1;
  let known = 1;
  newShape.forEach((d, i) => {
    if (!Number.isInteger(d)) throw new TypeError(`${who}: shape entries must be integers, got ${d}`);
    if (d === -1) {
      if (unknown >= 0) throw new RangeError(`${who}: can only specify one unknown dimension`);
      unknown = i;
    } else if (d < 0) throw new RangeError(`${who}: negative dimensions not allowed`);
    else known *= d;
  });
  const out = [...newShape];
  if (unknown >= 0) {
    if (known === 0 || size % known !== 0) {
      throw new RangeError(`${who}: cannot reshape array of size ${size} into shape ${fmtShapeC(newShape)}`);
    }
    out[unknown] = size / known;
  }
  if (sizeOf(out) !== size) {
    throw new RangeError(`${who}: cannot reshape array of size ${size} into shape ${fmtShapeC(newShape)}`);
  }
  return out;
}
