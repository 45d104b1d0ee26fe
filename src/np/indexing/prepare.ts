// From an index (string or structured parts) to a plan: the basic view it starts from and, for
// advanced indexing, the index arrays, their broadcast shape and where its dimensions go. This is
// NumPy's prepare_index and mapiter setup, in one place for get and set.
import { castArray } from '../../core/apply.js';
import { isInteger } from '../../core/dtype.js';
import { layoutOf } from '../../core/movement.js';
import { NDArray, type Scalar } from '../../core/ndarray.js';
import { broadcastShapes, broadcastStrides, fmtShapeC } from '../../core/shape.js';
import { array } from '../creation/array.js';
import { flatnonzero, nonzeroCoords } from '../sorting/nonzero.js';
import { type BasicItem, basicIndexOp, outOfBounds } from './ops.js';
import { type IndexList, type ParsedPart, parseIndex } from './parse.js';
import { Slice } from './slice.js';

/** One part of a structured index: what NumPy accepts inside `a[...]`. */
export type IndexPart = number | bigint | boolean | null | Slice | string | NDArray | readonly IndexPartList[];
type IndexPartList = number | bigint | boolean | readonly IndexPartList[];

type Item =
  | { kind: 'int'; value: number }
  | { kind: 'slice'; start: number | null; stop: number | null; step: number | null }
  | { kind: 'new' }
  | { kind: 'ellipsis' }
  | { kind: 'array'; array: NDArray }
  | { kind: 'bool'; array: NDArray };

const INVALID = 'only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices';
const NOT_INT_ARRAY = 'arrays used as indices must be of integer (or boolean) type';

export interface IndexPlan {
  /** The basic view: integers, slices, newaxis; index arrays' axes are kept whole. */
  readonly basic: BasicItem[];
  /** Advanced indexing: the index arrays (broadcast to bshape) and the view axes they index. */
  readonly advanced: boolean;
  readonly arrays: NDArray[];
  readonly dims: number[];
  /** How many view axes each index array indexes: 1, or a boolean mask's axes merged into one. */
  readonly spans: number[];
  readonly axes: number[];
  readonly bshape: number[];
  readonly pos: number;
  /** A single boolean mask covering every axis (NumPy words assignment errors differently). */
  readonly fullMask: boolean;
  /** Arrays made while preparing (converted lists, nonzero results): dispose after use. */
  readonly temps: NDArray[];
}

function listToArray(list: readonly IndexPartList[], who: string, temps: NDArray[]): Item {
  const flat = (x: IndexPartList): IndexPartList[] => (Array.isArray(x) ? (x as IndexPartList[]).flatMap(flat) : [x]);
  const leaves = flat(list as IndexPartList);
  for (const v of leaves) {
    if (typeof v === 'number' && !Number.isInteger(v)) throw new RangeError(`${who}: ${NOT_INT_ARRAY}`);
    if (typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'boolean') throw new RangeError(`${who}: ${INVALID}`);
  }
  const allBool = leaves.length > 0 && leaves.every((v) => typeof v === 'boolean');
  let a: NDArray;
  try {
    // An empty list indexes as an empty integer array (NumPy's intp), whatever its nesting.
    a = array(list as never, { dtype: allBool ? 'bool' : 'int64' });
  } catch (e) {
    if (e instanceof Error) e.message = `${who}: ${e.message.replace(/^array: /, '')}`;
    throw e;
  }
  temps.push(a);
  return allBool ? { kind: 'bool', array: a } : { kind: 'array', array: a };
}

function fromParsed(p: ParsedPart, who: string, temps: NDArray[]): Item {
  switch (p.kind) {
    case 'int': return { kind: 'int', value: p.value };
    case 'slice': return { kind: 'slice', start: p.slice.start, stop: p.slice.stop, step: p.slice.step };
    case 'new': return { kind: 'new' };
    case 'ellipsis': return { kind: 'ellipsis' };
    case 'bool': return boolScalar(p.value, temps);
    case 'list': return listToArray(p.value as IndexList[], who, temps);
  }
}

function boolScalar(v: boolean, temps: NDArray[]): Item {
  const a = array(v, { dtype: 'bool' });
  temps.push(a);
  return { kind: 'bool', array: a };
}

function toItems(parts: readonly IndexPart[], who: string, temps: NDArray[]): Item[] {
  const items: Item[] = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      for (const q of parseIndex(p)) items.push(fromParsed(q, who, temps));
    } else if (typeof p === 'number') {
      if (!Number.isInteger(p)) throw new RangeError(`${who}: ${INVALID}`);
      items.push({ kind: 'int', value: p });
    } else if (typeof p === 'bigint') items.push({ kind: 'int', value: Number(p) });
    else if (typeof p === 'boolean') items.push(boolScalar(p, temps));
    else if (p === null) items.push({ kind: 'new' });
    else if (p instanceof Slice) items.push({ kind: 'slice', start: p.start, stop: p.stop, step: p.step });
    else if (p instanceof NDArray) {
      p._check(who);
      if (p.dtype === 'bool') items.push({ kind: 'bool', array: p });
      else if (!isInteger(p.dtype)) throw new RangeError(`${who}: ${NOT_INT_ARRAY}`);
      else if (p.ndim === 0) items.push({ kind: 'int', value: Number(p.item() as number | bigint) }); // as NumPy: a 0-d integer array is an integer
      else items.push({ kind: 'array', array: p });
    } else if (Array.isArray(p)) items.push(listToArray(p as readonly IndexPartList[], who, temps));
    else throw new RangeError(`${who}: ${INVALID}`);
  }
  return items;
}

/** The number of array axes an item consumes. */
const consumes = (it: Item): number => (it.kind === 'int' || it.kind === 'slice' || it.kind === 'array' ? 1 : it.kind === 'bool' ? it.array.ndim : 0);

/** Prepares `a[parts]`; the caller disposes plan.temps (also when it throws later). */
export function prepareIndex(a: NDArray, parts: readonly IndexPart[], who: string): IndexPlan {
  const temps: NDArray[] = [];
  try {
    return prepare(a, parts, who, temps);
  } catch (e) {
    for (const t of temps) t.dispose();
    throw e;
  }
}

function prepare(a: NDArray, parts: readonly IndexPart[], who: string, temps: NDArray[]): IndexPlan {
  const items = toItems(parts, who, temps);
  const nd = a.ndim;
  let used = 0;
  let ellipses = 0;
  for (const it of items) {
    used += consumes(it);
    if (it.kind === 'ellipsis') ellipses++;
  }
  if (ellipses > 1) throw new RangeError(`${who}: an index can only have a single ellipsis ('...')`);
  if (used > nd) {
    throw new RangeError(`${who}: too many indices for array: array is ${nd}-dimensional, but ${used} were indexed`);
  }
  const advanced = items.some((it) => it.kind === 'array' || it.kind === 'bool');
  const basic: BasicItem[] = [];
  const arrays: NDArray[] = [];
  const dims: number[] = [];
  const spans: number[] = [];
  const axes: number[] = [];
  const bshapes: (readonly number[])[] = [];
  // Placement (NumPy): the index dimensions replace the advanced indices when those (integers
  // count too) are next to each other, else they go first. A slice, newaxis or ellipsis between
  // two of them separates them, even an ellipsis that stands for no axes.
  let firstAdv = -1;
  let lastAdv = -1;
  let pos = 0;
  let vdim = 0;
  let axis = 0;
  let separated = false;
  items.forEach((it, i) => {
    const isAdv = advanced && (it.kind === 'int' || it.kind === 'array' || it.kind === 'bool');
    if (isAdv) {
      if (firstAdv < 0) {
        firstAdv = i;
        pos = vdim;
      } else if (lastAdv !== i - 1) separated = true;
      lastAdv = i;
    }
    switch (it.kind) {
      case 'int': {
        const n = a.shape[axis]!;
        if (it.value < -n || it.value >= n) throw new RangeError(`${who}: ${outOfBounds(it.value, axis, n)}`);
        basic.push({ kind: 'int', index: it.value });
        axis++;
        break;
      }
      case 'slice':
        if (it.step === 0) throw new RangeError(`${who}: slice step cannot be zero`);
        basic.push({ kind: 'slice', start: it.start, stop: it.stop, step: it.step });
        vdim++;
        axis++;
        break;
      case 'new':
        basic.push({ kind: 'new' });
        vdim++;
        break;
      case 'ellipsis':
        for (let k = 0; k < nd - used; k++) basic.push({ kind: 'slice', start: null, stop: null, step: null });
        vdim += nd - used;
        axis += nd - used;
        break;
      case 'array':
        basic.push({ kind: 'slice', start: null, stop: null, step: null });
        arrays.push(it.array);
        bshapes.push(it.array.shape);
        spans.push(1);
        dims.push(vdim++);
        axes.push(axis++);
        break;
      case 'bool': {
        const m = it.array;
        if (m.ndim === 0) {
          bshapes.push([m.item() ? 1 : 0]);
          break;
        }
        for (let j = 0; j < m.ndim; j++) {
          if (m.shape[j] !== a.shape[axis + j]) {
            throw new RangeError(
              `${who}: boolean index did not match indexed array along axis ${axis + j}; size of axis is ${a.shape[axis + j]} but size of corresponding boolean axis is ${m.shape[j]}`,
            );
          }
        }
        if (m.ndim > 1 && mergeable(a, axis, m.ndim)) {
          // The mask's axes merge into one (their strides allow it): one flat index array instead
          // of one coordinate array per axis (NumPy's single-mask fast path does the same walk).
          const flat = flatnonzero(m);
          temps.push(flat);
          for (let j = 0; j < m.ndim; j++) basic.push({ kind: 'slice', start: null, stop: null, step: null });
          arrays.push(flat);
          bshapes.push(flat.shape);
          spans.push(m.ndim);
          dims.push(vdim);
          axes.push(axis);
          vdim += m.ndim;
          axis += m.ndim;
          break;
        }
        const coords = nonzeroCoords(m);
        temps.push(coords);
        const count = coords.shape[1]!;
        for (let j = 0; j < m.ndim; j++) {
          const row = coords._view([count], [coords._strides[1]!], coords._offset + j * coords._strides[0]!);
          temps.push(row);
          basic.push({ kind: 'slice', start: null, stop: null, step: null });
          arrays.push(row);
          bshapes.push([count]);
          spans.push(1);
          dims.push(vdim++);
          axes.push(axis++);
        }
        break;
      }
    }
  });
  if (separated) pos = 0;
  const bshape = advanced ? broadcastIndexShapes(bshapes, who) : [];
  const fullMask = items.length === 1 && items[0]!.kind === 'bool' && items[0]!.array.ndim === nd && nd > 0;
  return { basic, advanced, arrays, dims, spans, axes, bshape, pos, fullMask, temps };
}

/** The index arrays' broadcast shape (core/shape.ts's rule), with NumPy's indexing message. */
function broadcastIndexShapes(shapes: readonly (readonly number[])[], who: string): number[] {
  try {
    return broadcastShapes(shapes);
  } catch {
    throw new RangeError(`${who}: shape mismatch: indexing arrays could not be broadcast together with shapes ${shapes.map(fmtShapeC).join(' ')} `); // sic: NumPy's trailing space
  }
}

/** Whether axes [axis, axis + m) of `a` can be read as one axis (C order), as reshape would. */
function mergeable(a: NDArray, axis: number, m: number): boolean {
  let prev = -1;
  for (let d = axis; d < axis + m; d++) {
    if (a.shape[d] === 1) continue;
    if (prev >= 0 && a._strides[prev] !== a._strides[d]! * a.shape[d]!) return false;
    prev = d;
  }
  return true;
}

/** The basic view of `a` (an internal temporary: the public view goes through applyMovement). */
export function basicView(a: NDArray, basic: readonly BasicItem[]): NDArray {
  const v = basicIndexOp.view!(layoutOf(a), { items: basic })!;
  return a._view(v.shape, v.strides, v.offset);
}

/**
 * The operands of a gather/scatter over view `v`: v permuted to [indexed axes..., rest...] and
 * the index arrays broadcast to bshape (int32/int64 as they are, other integer types as int64).
 */
export function indexOperands(v: NDArray, plan: IndexPlan, temps: NDArray[]): { arr: NDArray; idx: NDArray[]; rest: number[] } {
  const shape: number[] = [];
  const strides: number[] = [];
  const inGroup = new Set<number>();
  plan.dims.forEach((d0, k) => {
    const span = plan.spans[k]!;
    let n = 1;
    let st = 0;
    for (let d = d0; d < d0 + span; d++) {
      inGroup.add(d);
      n *= v.shape[d]!;
      if (v.shape[d] !== 1) st = v._strides[d]!; // the innermost axis that moves
    }
    shape.push(n);
    strides.push(span === 1 ? v._strides[d0]! : st);
  });
  const restDims = [...Array(v.ndim).keys()].filter((d) => !inGroup.has(d));
  const arr = v._view([...shape, ...restDims.map((d) => v.shape[d]!)], [...strides, ...restDims.map((d) => v._strides[d]!)], v._offset);
  temps.push(arr);
  const idx = plan.arrays.map((x) => {
    let y = x;
    if (x.dtype !== 'int64' && x.dtype !== 'int32') {
      y = castArray(x, 'int64');
      temps.push(y);
    }
    const b = y._view(plan.bshape, broadcastStrides(y.shape, y._strides, plan.bshape), y._offset);
    temps.push(b);
    return b;
  });
  return { arr, idx, rest: restDims.map((d) => v.shape[d]!) };
}

/** A JS value or array as an array of `a`'s dtype and device, for assignment (NumPy's setitem casts unsafely). */
export function valueArray(a: NDArray, value: NDArray | Scalar | readonly unknown[], who: string, temps: NDArray[]): NDArray {
  if (value instanceof NDArray) {
    value._check(who);
    if (value.device !== a.device) {
      throw new Error(`${who}: arrays are on different devices (${a.device.toString()} and ${value.device.toString()}); move one with to_device()`);
    }
    // A copy when the dtype differs, or when the value shares memory with `a` (NumPy behaves as if
    // the value were copied first).
    if (value.dtype === a.dtype && value._storage !== a._storage) return value;
    const c = castArray(value, a.dtype);
    temps.push(c);
    return c;
  }
  try {
    const c = array(value as never, { dtype: a.dtype, device: a.device });
    temps.push(c);
    return c;
  } catch (e) {
    if (e instanceof Error) e.message = `${who}: ${e.message.replace(/^array: /, '')}`;
    throw e;
  }
}
