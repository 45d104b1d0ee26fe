// np.split, array_split, hsplit, vsplit, dsplit: views of consecutive slices along one axis.
import { NDArray } from '../../core/ndarray.js';
import { normalizeAxis } from '../../core/shape.js';
import { type ArrayLike, arraysOf, intsOf, sliceAxis, withTemps } from './common.js';

/** An integer (that many sections) or the sorted indices where to cut (Python slice semantics). */
export type Sections = number | readonly number[] | NDArray;

export interface SplitOptions {
  axis?: number;
}

function checkInt(v: number, who: string): void {
  if (!Number.isInteger(v)) throw new TypeError(`${who}: indices_or_sections must be integers, got ${v}`);
}

/** NumPy's array_split on an already-converted array. */
function splitArray(a: NDArray, sectionsIn: Sections, axis: number, who: string): NDArray[] {
  const sections = plain(sectionsIn, who);
  const ax = normalizeAxis(axis, a.ndim, who);
  const total = a.shape[ax]!;
  let points: (number | null)[];
  if (typeof sections === 'number') {
    checkInt(sections, who);
    if (sections <= 0) throw new RangeError(`${who}: number sections must be larger than 0.`);
    const each = Math.floor(total / sections), extras = total % sections;
    points = [0];
    for (let i = 0; i < sections; i++) points.push(points[i]! as number + (i < extras ? each + 1 : each));
  } else {
    for (const v of sections) checkInt(v, who);
    points = [0, ...sections, total];
  }
  const out: NDArray[] = [];
  try {
    for (let i = 0; i + 1 < points.length; i++) out.push(sliceAxis(a, ax, points[i]!, points[i + 1]!));
  } catch (e) {
    for (const r of out) r.dispose();
    throw e;
  }
  return out;
}

function run(who: string, ary: ArrayLike, f: (a: NDArray) => NDArray[]): NDArray[] {
  return withTemps((owned) => f(arraysOf([ary], who, owned)[0]!));
}

const axisOf = (o: number | SplitOptions | undefined): number => (typeof o === 'number' ? o : o?.axis ?? 0);

/** np.array_split: like split, but an integer count need not divide the axis (the first parts get one more). */
export function array_split(ary: ArrayLike, sections: Sections, options?: number | SplitOptions): NDArray[] {
  return run('array_split', ary, (a) => {
    if (a.ndim === 0) throw new RangeError('array_split: axis 0 is out of bounds for array of dimension 0');
    return splitArray(a, sections, axisOf(options), 'array_split');
  });
}

/** Sections given as an integer NDArray read as a number (0-d) or a list. */
function plain(s: Sections, who: string): number | readonly number[] {
  if (!(s instanceof NDArray)) return s;
  const r = intsOf(s, who, 'indices_or_sections');
  return r.scalar ? r.values[0]! : r.values;
}

function split_(who: string, a: NDArray, sectionsIn: Sections, axis: number): NDArray[] {
  const sections = plain(sectionsIn, who);
  if (typeof sections === 'number') {
    const ax = normalizeAxis(axis, a.ndim, who);
    checkInt(sections, who);
    if (sections === 0) throw new RangeError(`${who}: integer division or modulo by zero`);
    if (a.shape[ax]! % sections !== 0) throw new RangeError(`${who}: array split does not result in an equal division`);
  }
  return splitArray(a, sections, axis, who);
}

/** np.split: `sections` equal parts (an error if they can't be equal), or cuts at the given indices. */
export function split(ary: ArrayLike, sections: Sections, options?: number | SplitOptions): NDArray[] {
  return run('split', ary, (a) => split_('split', a, sections, axisOf(options)));
}

/** np.hsplit: split along axis 1 (axis 0 for 1-D arrays). */
export function hsplit(ary: ArrayLike, sections: Sections): NDArray[] {
  return run('hsplit', ary, (a) => {
    if (a.ndim === 0) throw new RangeError('hsplit: hsplit only works on arrays of 1 or more dimensions');
    return split_('hsplit', a, sections, a.ndim > 1 ? 1 : 0);
  });
}

/** np.vsplit: split along axis 0 of an array of 2 or more dimensions. */
export function vsplit(ary: ArrayLike, sections: Sections): NDArray[] {
  return run('vsplit', ary, (a) => {
    if (a.ndim < 2) throw new RangeError('vsplit: vsplit only works on arrays of 2 or more dimensions');
    return split_('vsplit', a, sections, 0);
  });
}

/** np.dsplit: split along axis 2 of an array of 3 or more dimensions. */
export function dsplit(ary: ArrayLike, sections: Sections): NDArray[] {
  return run('dsplit', ary, (a) => {
    if (a.ndim < 3) throw new RangeError('dsplit: dsplit only works on arrays of 3 or more dimensions');
    return split_('dsplit', a, sections, 2);
  });
}
