// The .npz format: a zip archive of .npy files, one per array, named `<key>.npy` (numpy.savez /
// numpy.savez_compressed). Uses fflate; ZIP64 archives written by NumPy (it forces ZIP64 local
// headers) read fine, but archives over 4 GiB cannot be written (fflate has no ZIP64 writer).
//
// Loading is defensive: an entry's declared uncompressed size is checked, before anything is inflated,
// against `maxBytes` (the total for the archive) and against what DEFLATE can possibly produce from its
// compressed size (at most ~1032:1); the output buffer of each entry is allocated at its declared size
// and never grows, so a lying header cannot make it allocate more. Members whose names do not end in
// '.npy' are skipped.

import { unzipSync, zipSync, type UnzipFileInfo, type Zippable } from 'fflate';
import { decodeNpy, encodeNpy, type RawArray } from './npy.js';

export interface EncodeNpzOptions {
  /** Deflate each member (numpy.savez_compressed) instead of storing it (numpy.savez). */
  compress?: boolean;
}

export interface DecodeNpzOptions {
  /** Largest total uncompressed size of the archive's members, in bytes (default 2 GiB). */
  maxBytes?: number;
}

/** Default limit on the total uncompressed size of an archive. */
export const NPZ_DEFAULT_MAX_BYTES = 2 ** 31;
/** DEFLATE's best ratio is 1032:1; a declared size beyond that (plus slack) is a lie. */
const DEFLATE_MAX_RATIO = 1032;
const SLACK = 1024;

/** Serialises named arrays as a .npz archive (numpy.savez, or numpy.savez_compressed with `compress`). */
export function encodeNpz(arrays: Record<string, RawArray>, opts: EncodeNpzOptions = {}): Uint8Array {
  // NumPy's zipfile writes level 6 (zlib's default) for savez_compressed; level 0 makes fflate store.
  const level = opts.compress ? 6 : 0;
  const files: Zippable = {};
  for (const [name, a] of Object.entries(arrays)) {
    if (name.length === 0) throw new Error('np.savez: array names must not be empty');
    const fname = `${name}.npy`;
    if (Object.prototype.hasOwnProperty.call(files, fname)) throw new Error(`np.savez: duplicate array name '${name}'`);
    files[fname] = [encodeNpy(a), { level }];
  }
  // Fixed timestamp: identical arrays give identical archives. (fflate's epoch is 1980.)
  return zipSync(files, { mtime: new Date(1980, 0, 1, 0, 0, 0) });
}

function fail(msg: string): never {
  throw new Error(`np.load: ${msg}`);
}

/** Reads a .npz archive; keys are the member names without '.npy'. Throws `Error('np.load: …')`. */
export function decodeNpz(bytes: Uint8Array, opts: DecodeNpzOptions = {}): Record<string, RawArray> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('np.load: expected the file contents as a Uint8Array');
  const maxBytes = opts.maxBytes ?? NPZ_DEFAULT_MAX_BYTES;
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    fail('not a .npz file: no zip signature');
  }
  // Bound the sum of all declared sizes by what the whole file could inflate to: defeats archives
  // whose entries overlap (the same compressed bytes listed many times).
  const totalLimit = Math.min(maxBytes, bytes.length * DEFLATE_MAX_RATIO + SLACK);
  let total = 0;
  const filter = (f: UnzipFileInfo): boolean => {
    if (f.name.endsWith('/') || !f.name.endsWith('.npy')) return false;
    if (f.compression !== 0 && f.compression !== 8) {
      fail(`member '${f.name}' uses unsupported zip compression method ${f.compression} (stored and deflate are supported)`);
    }
    const declared = f.compression === 0 ? f.size : f.originalSize;
    if (f.compression === 8 && f.originalSize > f.size * DEFLATE_MAX_RATIO + SLACK) {
      fail(`member '${f.name}' declares ${f.originalSize} uncompressed bytes from ${f.size} compressed: not possible with deflate (zip bomb?)`);
    }
    if (f.size > bytes.length) fail(`member '${f.name}' declares ${f.size} compressed bytes, more than the whole file`);
    total += declared;
    if (total > maxBytes) {
      fail(`uncompressed members exceed the limit maxBytes=${maxBytes} (at '${f.name}': ${total} bytes so far)`);
    }
    if (total > totalLimit) fail(`members declare ${total} uncompressed bytes in a ${bytes.length}-byte file (zip bomb?)`);
    return true;
  };

  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg.startsWith('np.load: ')) throw e;
    fail(`invalid .npz (zip) file: ${msg}`);
  }
  const out: Record<string, RawArray> = {};
  for (const [name, data] of Object.entries(files)) {
    const key = name.slice(0, -4);
    try {
      out[key] = decodeNpy(data);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new Error(`${msg.startsWith('np.load: ') ? msg : `np.load: ${msg}`} (in member '${name}')`);
    }
  }
  return out;
}
