// dtypes, their storage, and NumPy 2 (NEP 50) type promotion.

export const DTYPES = [
  'bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64',
  'float16', 'bfloat16', 'float32', 'float64', 'complex64', 'complex128',
] as const;
export type DType = (typeof DTYPES)[number];

/** Anything a user may pass where a dtype is expected (NumPy's aliases included). */
export type DTypeLike = DType | 'float' | 'int' | 'bool_' | 'half' | 'single' | 'double' | 'long' | 'uint' | 'intp' | 'uintp'
  | 'complex' | 'csingle' | 'cdouble';

export type Kind = 'b' | 'i' | 'u' | 'f' | 'c';

export type TypedArray =
  | Uint8Array | Int8Array | Int16Array | Uint16Array | Int32Array | Uint32Array
  | BigInt64Array | BigUint64Array | Float32Array | Float64Array;

interface DTypeInfo {
  kind: Kind;
  itemsize: number;
  /** Storage array: float16/bfloat16 keep raw bits in Uint16Array; bool keeps 0/1 bytes. */
  storage: { new (n: number): TypedArray; new (b: ArrayBufferLike, off: number, n: number): TypedArray };
  /** NumPy's one-letter type char, as in `ufunc.types`; bfloat16 has none in NumPy. */
  char: string;
  /** .npy descr (little-endian); bfloat16 uses ml_dtypes' name. */
  descr: string;
  /** Storage elements per array element: complex keeps (re, im) interleaved, so 2. */
  lanes?: number;
}

const INFO: Record<DType, DTypeInfo> = {
  bool: { kind: 'b', itemsize: 1, storage: Uint8Array, char: '?', descr: '|b1' },
  int8: { kind: 'i', itemsize: 1, storage: Int8Array, char: 'b', descr: '|i1' },
  uint8: { kind: 'u', itemsize: 1, storage: Uint8Array, char: 'B', descr: '|u1' },
  int16: { kind: 'i', itemsize: 2, storage: Int16Array, char: 'h', descr: '<i2' },
  uint16: { kind: 'u', itemsize: 2, storage: Uint16Array, char: 'H', descr: '<u2' },
  int32: { kind: 'i', itemsize: 4, storage: Int32Array, char: 'i', descr: '<i4' },
  uint32: { kind: 'u', itemsize: 4, storage: Uint32Array, char: 'I', descr: '<u4' },
  int64: { kind: 'i', itemsize: 8, storage: BigInt64Array, char: 'q', descr: '<i8' },
  uint64: { kind: 'u', itemsize: 8, storage: BigUint64Array, char: 'Q', descr: '<u8' },
  float16: { kind: 'f', itemsize: 2, storage: Uint16Array, char: 'e', descr: '<f2' },
  bfloat16: { kind: 'f', itemsize: 2, storage: Uint16Array, char: 'E', descr: 'bfloat16' },
  float32: { kind: 'f', itemsize: 4, storage: Float32Array, char: 'f', descr: '<f4' },
  float64: { kind: 'f', itemsize: 8, storage: Float64Array, char: 'd', descr: '<f8' },
  complex64: { kind: 'c', itemsize: 8, storage: Float32Array, char: 'F', descr: '<c8', lanes: 2 },
  complex128: { kind: 'c', itemsize: 16, storage: Float64Array, char: 'D', descr: '<c16', lanes: 2 },
};

const ALIASES: Record<string, DType> = {
  float: 'float64', double: 'float64', single: 'float32', half: 'float16', int: 'int64', long: 'int64',
  intp: 'int64', uint: 'uint64', uintp: 'uint64', bool_: 'bool', f2: 'float16', f4: 'float32',
  f8: 'float64', i1: 'int8', i2: 'int16', i4: 'int32', i8: 'int64', u1: 'uint8', u2: 'uint16',
  u4: 'uint32', u8: 'uint64', b1: 'bool', complex: 'complex128', cdouble: 'complex128', csingle: 'complex64',
  c8: 'complex64', c16: 'complex128', cfloat: 'complex128',
};

export function isDType(s: unknown): s is DType {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(INFO, s);
}

/** Normalises a dtype name or alias; `who` names the calling function in the error. */
export function toDType(d: DTypeLike | string, who = 'dtype'): DType {
  if (isDType(d)) return d;
  if (typeof d === 'string' && Object.prototype.hasOwnProperty.call(ALIASES, d)) return ALIASES[d]!;
  throw new TypeError(`${who}: data type '${String(d)}' not understood`);
}

export const kindOf = (d: DType): Kind => INFO[d].kind;
export const itemsize = (d: DType): number => INFO[d].itemsize;
export const storageOf = (d: DType) => INFO[d].storage;
export const typeChar = (d: DType): string => INFO[d].char;
export const npyDescr = (d: DType): string => INFO[d].descr;
export const isFloat = (d: DType): boolean => INFO[d].kind === 'f';
export const isInteger = (d: DType): boolean => INFO[d].kind === 'i' || INFO[d].kind === 'u';
export const isComplex = (d: DType): boolean => INFO[d].kind === 'c';
/** Float or complex (NumPy's np.inexact). */
export const isInexact = (d: DType): boolean => INFO[d].kind === 'f' || INFO[d].kind === 'c';
/** Storage elements per array element (2 for complex: re, im interleaved). */
export const lanesOf = (d: DType): number => INFO[d].lanes ?? 1;
/** The dtype of a complex dtype's parts (complex64 → float32); real dtypes map to themselves. */
export const realOf = (d: DType): DType => (d === 'complex64' ? 'float32' : d === 'complex128' ? 'float64' : d);
/** The complex dtype holding a float dtype's values (float16/bfloat16/float32 → complex64, NumPy's rule). */
export function complexOf(d: DType): DType {
  const k = INFO[d].kind;
  if (k === 'c') return d;
  if (k !== 'f') return complexOf(floatFor(d));
  return d === 'float64' ? 'complex128' : 'complex64';
}
/** int64/uint64 values are BigInts in JS. */
export const isBig = (d: DType): boolean => d === 'int64' || d === 'uint64';

/** The dtype code native kernels dispatch on: its index in DTYPES (native/src/dtype_dispatch.h). */
export const dtypeCode = (d: DType): number => DTYPES.indexOf(d);

/** Storage for `n` elements (2n storage values for complex). */
export function makeStorage(d: DType, n: number): TypedArray {
  return new INFO[d].storage(n * (INFO[d].lanes ?? 1));
}

// ---- promotion ------------------------------------------------------------------------------

const SIGNED: Record<number, DType> = { 1: 'int8', 2: 'int16', 4: 'int32', 8: 'int64' };
const UNSIGNED: Record<number, DType> = { 1: 'uint8', 2: 'uint16', 4: 'uint32', 8: 'uint64' };

/** Smallest float that holds every value of an integer (or bool) dtype exactly, as NumPy decides. */
function floatFor(d: DType): DType {
  const k = INFO[d].kind;
  if (k === 'f') return d;
  const s = INFO[d].itemsize;
  if (k === 'b' || s === 1) return 'float16';
  if (s === 2) return 'float32';
  return 'float64';
}

const FLOAT_RANK: Record<string, number> = { float16: 1, bfloat16: 1, float32: 2, float64: 3 };

function promoteFloats(a: DType, b: DType): DType {
  if (a === b) return a;
  const ra = FLOAT_RANK[a]!, rb = FLOAT_RANK[b]!;
  if (ra === rb) return 'float32'; // float16 with bfloat16: neither holds the other
  return ra > rb ? a : b;
}

/** numpy.promote_types for the dtypes quark has (bfloat16 follows ml_dtypes/JAX). */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  const ka = INFO[a].kind, kb = INFO[b].kind;
  if (ka === 'b') return b;
  if (kb === 'b') return a;
  // complex: the complex type of the promoted real parts (complex64 with int32 or float64 → complex128)
  if (ka === 'c' || kb === 'c') return complexOf(promoteTypes(realOf(a), realOf(b)));
  if (ka === 'f' || kb === 'f') {
    if (ka === 'f' && kb === 'f') return promoteFloats(a, b);
    const [f, i] = ka === 'f' ? [a, b] : [b, a];
    // bfloat16 holds every int8/uint8 exactly (8 significant bits), like float16 does.
    if (f === 'bfloat16' && INFO[i].itemsize === 1) return 'bfloat16';
    return promoteFloats(f, floatFor(i));
  }
  const sa = INFO[a].itemsize, sb = INFO[b].itemsize;
  if (ka === kb) return sa >= sb ? a : b;
  const [u, s] = ka === 'u' ? [a, b] : [b, a];
  const su = INFO[u].itemsize, ss = INFO[s].itemsize;
  if (ss > su) return s;
  if (su === 8) return 'float64';
  return SIGNED[su * 2]!;
}

/** A JS value taking part in an op as a NEP 50 "weak" scalar: its kind counts, not its size. */
export type WeakKind = 'int' | 'float' | 'complex';

const INT_BOUNDS: Partial<Record<DType, [bigint, bigint]>> = {
  int8: [-128n, 127n], uint8: [0n, 255n], int16: [-32768n, 32767n], uint16: [0n, 65535n],
  int32: [-2147483648n, 2147483647n], uint32: [0n, 4294967295n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n], uint64: [0n, 2n ** 64n - 1n],
};

/** Whether an integer value fits a dtype (NumPy 2 raises OverflowError for weak ints that do not). */
export function intFits(v: number | bigint, d: DType): boolean {
  const b = INT_BOUNDS[d];
  if (!b) return true;
  const x = typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
  return x >= b[0] && x <= b[1];
}

/** Float dtypes produced from non-float inputs follow this default (float32 unless numpy mode). */
export interface DefaultDTypes { float: DType; int: DType }
export const defaults: DefaultDTypes = { float: 'float32', int: 'int64' };

/**
 * NEP 50 result_type of strong dtypes and weak JS scalars. A weak int takes the other operand's
 * dtype (bool → default int); a weak float keeps a float dtype and turns int/bool into the
 * default float. Only weak scalars → the default int / default float.
 */
export function resultType(strong: readonly DType[], weak: readonly WeakKind[] = []): DType {
  let r: DType | undefined;
  for (const d of strong) r = r === undefined ? d : promoteTypes(r, d);
  const hasFloat = weak.includes('float');
  const hasInt = weak.includes('int');
  const hasComplex = weak.includes('complex');
  if (r === undefined) return hasComplex ? complexOf(defaults.float) : hasFloat ? defaults.float : hasInt ? defaults.int : 'bool';
  // a weak complex keeps a float's precision (float32 → complex64) and makes int/bool the default complex
  if (hasComplex && INFO[r].kind !== 'c') return complexOf(INFO[r].kind === 'f' ? r : defaults.float);
  if (hasFloat && INFO[r].kind !== 'f' && INFO[r].kind !== 'c') return defaults.float;
  if (hasInt && INFO[r].kind === 'b') return defaults.int;
  return r;
}

/** NumPy's "safe" casting: every value of `from` is representable in `to`. */
export function canCastSafely(from: DType, to: DType): boolean {
  if (from === to) return true;
  return promoteTypes(from, to) === to;
}

export type Casting = 'no' | 'equiv' | 'safe' | 'same_kind' | 'unsafe';

const KIND_ORDER: Record<Kind, number> = { b: 0, u: 1, i: 2, f: 3, c: 4 };

export function canCast(from: DType, to: DType, casting: Casting = 'safe'): boolean {
  switch (casting) {
    case 'no': case 'equiv': return from === to;
    case 'safe': return canCastSafely(from, to);
    case 'same_kind': {
      if (canCastSafely(from, to)) return true;
      const kf = INFO[from].kind, kt = INFO[to].kind;
      // unsigned → signed of any size is same_kind; otherwise the kind must not go "down"
      return KIND_ORDER[kf] <= KIND_ORDER[kt] || (kf === 'i' && kt === 'u' ? false : kf === kt);
    }
    case 'unsafe': return true;
  }
}
