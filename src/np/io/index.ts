// np.save / np.load / np.savez / np.savez_compressed on files (or bytes), through the codecs.
import { readFileSync, writeFileSync } from 'node:fs';

import { NDArray } from '../../core/ndarray.js';
import { type RawArray, decodeNpy, encodeNpy } from './npy.js';
import { decodeNpz, encodeNpz } from './npz.js';

function toRawArray(a: NDArray, who: string): RawArray {
  a._check(who);
  const { c_contiguous, f_contiguous } = a.flags;
  // As NumPy: an array that is Fortran- but not C-contiguous is written in Fortran order.
  if (f_contiguous && !c_contiguous) {
    const t = a._view([...a.shape].reverse(), [...a._strides].reverse(), a._offset);
    try {
      return { dtype: a.dtype, shape: [...a.shape], data: t._readRawSync(who), fortranOrder: true };
    } finally {
      t.dispose();
    }
  }
  return { dtype: a.dtype, shape: [...a.shape], data: a._readRawSync(who), fortranOrder: false };
}

function fromRawArray(r: RawArray): NDArray {
  if (!r.fortranOrder) return NDArray._fromStorageData(r.data, r.shape, r.dtype);
  // Fortran data is the C layout of the reversed shape; its transpose is the array, F-contiguous.
  const rev = [...r.shape].reverse();
  const c = NDArray._fromStorageData(r.data, rev, r.dtype);
  const out = c._view(r.shape, [...c._strides].reverse(), 0);
  c.dispose();
  return out;
}

/** The bytes np.save would write. */
export function saveBytes(arr: NDArray): Uint8Array {
  return encodeNpy(toRawArray(arr, 'save'));
}

/** np.save(file, arr): writes .npy (appending '.npy' to the name when missing, as NumPy). */
export function save(file: string, arr: NDArray): void {
  if (!(arr instanceof NDArray)) throw new TypeError('save: arr must be an NDArray');
  writeFileSync(file.endsWith('.npy') ? file : `${file}.npy`, saveBytes(arr));
}

export type SavezArgs = (NDArray | Record<string, NDArray>)[];

function collect(args: SavezArgs, who: string): Record<string, RawArray> {
  const out: Record<string, RawArray> = {};
  let i = 0;
  for (const a of args) {
    if (a instanceof NDArray) {
      out[`arr_${i++}`] = toRawArray(a, who);
      continue;
    }
    for (const [k, v] of Object.entries(a)) {
      if (!(v instanceof NDArray)) throw new TypeError(`${who}: '${k}' is not an NDArray`);
      if (k in out) throw new Error(`${who}: cannot use un-named variables and keyword ${k}`);
      out[k] = toRawArray(v, who);
    }
  }
  return out;
}

function writeNpz(file: string, args: SavezArgs, compress: boolean, who: string): void {
  const bytes = encodeNpz(collect(args, who), { compress });
  writeFileSync(file.endsWith('.npz') ? file : `${file}.npz`, bytes);
}

/** np.savez(file, a, b, { name: c }): positional arrays are named arr_0, arr_1, … */
export function savez(file: string, ...args: SavezArgs): void { writeNpz(file, args, false, 'savez'); }
export function savez_compressed(file: string, ...args: SavezArgs): void { writeNpz(file, args, true, 'savez_compressed'); }

/** What np.load returns for an .npz: the arrays by name. Dispose each (or the whole) when done. */
export class NpzFile {
  constructor(readonly arrays: Record<string, NDArray>) {}
  get files(): string[] { return Object.keys(this.arrays); }
  get(name: string): NDArray {
    const a = this.arrays[name];
    if (!a) throw new Error(`load: ${name} is not a file in the archive`);
    return a;
  }
  dispose(): void { for (const a of Object.values(this.arrays)) a.dispose(); }
  [Symbol.dispose](): void { this.dispose(); }
}

export interface LoadOptions {
  /** Refuse files that would need more than this many bytes of array data. */
  max_bytes?: number;
}

/** np.load(file | bytes): an NDArray for .npy, an NpzFile for .npz (told apart by content). */
export function load(file: string | Uint8Array, opts: LoadOptions = {}): NDArray | NpzFile {
  const bytes = typeof file === 'string' ? new Uint8Array(readFileSync(file)) : file;
  const max = opts.max_bytes === undefined ? {} : { maxBytes: opts.max_bytes };
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const raws = decodeNpz(bytes, max);
    return new NpzFile(Object.fromEntries(Object.entries(raws).map(([k, r]) => [k, fromRawArray(r)])));
  }
  return fromRawArray(decodeNpy(bytes, max));
}
