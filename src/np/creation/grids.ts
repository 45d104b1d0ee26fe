// np.meshgrid: coordinate matrices from coordinate vectors, as views (copy: false) or copies.
import { NDArray } from '../../core/ndarray.js';
import { broadcastShapes, broadcastStrides } from '../../core/shape.js';
import { copy as copyArray, reshape } from '../manip/views.js';
import { type ArrayInput, asarray } from './array.js';

export interface MeshgridOptions {
  /** 'xy' (Cartesian, the default) swaps the first two output axes; 'ij' is matrix indexing. */
  indexing?: 'xy' | 'ij';
  /** Return arrays with a length-1 axis everywhere but their own instead of full grids. */
  sparse?: boolean;
  /** false returns views of the inputs (broadcast, so several elements share memory). Default true. */
  copy?: boolean;
}

function isOptions(v: unknown): v is MeshgridOptions {
  return typeof v === 'object' && v !== null && !(v instanceof NDArray) && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/**
 * np.meshgrid(...xs, { indexing: 'xy', sparse: false, copy: true }): one array per input (each
 * input is flattened first), as NumPy's tuple.
 */
export function meshgrid(...args: [...ArrayInput[], MeshgridOptions] | ArrayInput[]): NDArray[] {
  const who = 'meshgrid';
  const list = [...args] as (ArrayInput | MeshgridOptions)[];
  const opts: MeshgridOptions = list.length > 0 && isOptions(list[list.length - 1]) ? (list.pop() as MeshgridOptions) : {};
  const xs = list as ArrayInput[];
  const indexing = opts.indexing ?? 'xy';
  if (indexing !== 'xy' && indexing !== 'ij') throw new RangeError(`${who}: Valid values for \`indexing\` are 'xy' and 'ij'.`);
  const sparse = opts.sparse ?? false;
  const copy = opts.copy ?? true;
  const nd = xs.length;
  const outputs: NDArray[] = [];
  try {
    xs.forEach((x, i) => {
      if (x instanceof NDArray) x._check(who);
      const a = asarray(x);
      const shape = new Array<number>(nd).fill(1);
      let pos = i;
      if (indexing === 'xy' && nd > 1 && i < 2) pos = 1 - i;
      shape[pos] = -1;
      try {
        outputs.push(reshape(a, shape));
      } finally {
        if (a !== x) a.dispose();
      }
    });
    let views = outputs;
    if (!sparse) {
      const full = broadcastShapes(outputs.map((o) => o.shape), who);
      views = outputs.map((o) => o._view(full, broadcastStrides(o.shape, o._strides, full), o._offset));
      for (const o of outputs) o.dispose();
      outputs.length = 0;
      outputs.push(...views);
    }
    if (!copy) return outputs;
    const copies: NDArray[] = [];
    try {
      for (const o of outputs) copies.push(copyArray(o));
    } catch (e) {
      for (const c of copies) c.dispose();
      throw e;
    }
    for (const o of outputs) o.dispose();
    return copies;
  } catch (e) {
    for (const o of outputs) o.dispose();
    throw e;
  }
}
