// np.array / np.asarray: JS values (nested lists, typed arrays, scalars, NDArrays) to arrays.
import type { Device } from '../../backends/backend.js';
import { castArray } from '../../core/apply.js';
import { parseDevice } from '../../core/device.js';
import { Complex } from '../../core/complex.js';
import { type DType, type DTypeLike, type TypedArray, complexOf, defaults, intFits, resultType, toDType } from '../../core/dtype.js';
import { NDArray, type NestedList, type Scalar } from '../../core/ndarray.js';
import { fmtShape } from '../../core/shape.js';
import { toDeviceCopy } from './transfer.js';
import { fillStorage } from './fill.js';

export interface CreationOptions {
  dtype?: DTypeLike;
  device?: Device | string;
}

export type ArrayInput = NDArray | NestedList | TypedArray | readonly ArrayInput[];

const TYPED_DTYPE = new Map<unknown, DType>([
  [Float32Array, 'float32'], [Float64Array, 'float64'], [Int8Array, 'int8'], [Uint8Array, 'uint8'],
  [Uint8ClampedArray, 'uint8'], [Int16Array, 'int16'], [Uint16Array, 'uint16'], [Int32Array, 'int32'],
  [Uint32Array, 'uint32'], [BigInt64Array, 'int64'], [BigUint64Array, 'uint64'],
]);

function isTyped(x: unknown): x is TypedArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

/** Shape of a nested list, and its leaves in C order; ragged input is an error as in NumPy. */
function flatten(obj: unknown, who: string): { shape: number[]; leaves: Scalar[]; jsLeaves: Scalar[]; dtypes: Set<DType> } {
  const shape: number[] = [];
  const leaves: Scalar[] = [];
  const jsLeaves: Scalar[] = [];
  const dtypes = new Set<DType>();
  // Find the shape along the first element chain, then check every branch against it.
  let probe: unknown = obj;
  while (Array.isArray(probe) || isTyped(probe) || probe instanceof NDArray) {
    if (probe instanceof NDArray) {
      shape.push(...probe.shape);
      break;
    }
    const arr = probe as ArrayLike<unknown>;
    shape.push(arr.length);
    if (arr.length === 0) break;
    probe = arr[0];
  }
  const walk = (x: unknown, d: number): void => {
    if (x instanceof NDArray) {
      const rest = shape.slice(d);
      if (x.ndim !== rest.length || x.shape.some((s, i) => s !== rest[i])) ragged(d);
      dtypes.add(x.dtype);
      const vals = x.tolist();
      const push = (v: NestedList): void => { if (Array.isArray(v)) v.forEach(push); else leaves.push(v); };
      push(vals);
      return;
    }
    if (Array.isArray(x) || isTyped(x)) {
      if (d >= shape.length || (x as ArrayLike<unknown>).length !== shape[d]) ragged(d);
      if (isTyped(x) && d === shape.length - 1) {
        dtypes.add(TYPED_DTYPE.get(x.constructor)!);
        for (let i = 0; i < x.length; i++) leaves.push(x[i]!);
        return;
      }
      const a = x as ArrayLike<unknown>;
      for (let i = 0; i < a.length; i++) walk(a[i], d + 1);
      return;
    }
    if (d !== shape.length) ragged(d);
    if (typeof x !== 'number' && typeof x !== 'bigint' && typeof x !== 'boolean' && !(x instanceof Complex)) {
      throw new TypeError(`${who}: unsupported element of type ${x === null ? 'null' : typeof x}`);
    }
    leaves.push(x);
    jsLeaves.push(x);
  };
  const ragged = (d: number): never => {
    throw new RangeError(
      `${who}: setting an array element with a sequence. The requested array has an inhomogeneous shape after ${d} dimensions. The detected shape was ${fmtShape(shape.slice(0, d))} + inhomogeneous part.`,
    );
  };
  walk(obj, 0);
  return { shape, leaves, jsLeaves, dtypes };
}

/** NumPy's dtype discovery for JS leaves: bool < int64 (uint64 if needed) < default float. */
function discoverDType(leaves: readonly Scalar[], fromArrays: Set<DType>): DType {
  let kind: 'bool' | 'int' | 'float' | undefined;
  let needU64 = false;
  let cplx = false;
  for (const v of leaves) {
    if (v instanceof Complex) cplx = true;
    else if (typeof v === 'boolean') kind ??= 'bool';
    else if (typeof v === 'bigint' || Number.isSafeInteger(v)) {
      if (kind !== 'float') kind = 'int';
      if (!intFits(v, 'int64')) {
        if (typeof v === 'bigint' && intFits(v, 'uint64')) needU64 = true;
        else throw new RangeError(`array: integer ${String(v)} is out of bounds for int64 and uint64`);
      }
    } else kind = 'float';
  }
  // a JS complex makes the default complex (complex128 in numpy mode, complex64 by default: the default-float rule)
  const js: DType | undefined = cplx ? complexOf(defaults.float) :
    kind === 'float' ? defaults.float : kind === 'int' ? (needU64 ? 'uint64' : defaults.int) : kind === 'bool' ? 'bool' : undefined;
  const all = [...fromArrays, ...(js ? [js] : [])];
  if (all.length === 0) return defaults.float; // empty list: NumPy's float64, our default float
  return resultType(all);
}

/** np.array(object, { dtype, device }): always a new array. */
export function array(obj: ArrayInput | Scalar, opts: CreationOptions = {}): NDArray {
  const who = 'array';
  const device = parseDevice(opts.device, who);
  const want = opts.dtype === undefined ? undefined : toDType(opts.dtype, who);
  if (obj instanceof NDArray) {
    obj._check(who);
    const moved = obj.device === device ? obj : toDeviceCopy(obj, device, who);
    const out = castArray(moved, want ?? obj.dtype);
    if (moved !== obj) moved.dispose();
    return out;
  }
  if (isTyped(obj)) {
    const src = TYPED_DTYPE.get(obj.constructor)!;
    const dtype = want ?? src;
    if (dtype === src) return NDArray._fromStorageData(obj, [obj.length], dtype, device);
    const data = fillStorage(obj as ArrayLike<Scalar>, dtype, who);
    return NDArray._fromStorageData(data, [obj.length], dtype, device);
  }
  const { shape, leaves, jsLeaves, dtypes } = flatten(obj, who);
  const dtype = want ?? discoverDType(jsLeaves, dtypes);
  return NDArray._fromStorageData(fillStorage(leaves, dtype, who), shape, dtype, device);
}

/** np.asarray: returns `obj` itself when it already is an NDArray of that dtype and device. */
export function asarray(obj: ArrayInput | Scalar, opts: CreationOptions = {}): NDArray {
  if (obj instanceof NDArray) {
    const dtype = opts.dtype === undefined ? obj.dtype : toDType(opts.dtype, 'asarray');
    const device = opts.device === undefined ? obj.device : parseDevice(opts.device, 'asarray');
    if (dtype === obj.dtype && device === obj.device) return obj;
  }
  return array(obj, opts);
}
