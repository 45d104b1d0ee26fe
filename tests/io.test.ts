// np.save / np.load / np.savez against real NumPy, through files on disk, both directions.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { np, npx } from '../src/index.js';
import type { DType } from '../src/core/dtype.js';
import { NumpyOracle, isOracleError } from './oracle/oracle.js';
import { expectMatches, fromRaw, toRaw } from './helpers/arrays.js';

const oracle = NumpyOracle.shared();
let dir = '';
let baseline = 0;
const NP_DTYPES: DType[] = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float16', 'float32', 'float64'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'quark-io-'));
  npx.set_np({ dtype: 'numpy' });
  baseline = np.memory().arrays;
});
afterAll(() => {
  npx.set_np();
  rmSync(dir, { recursive: true, force: true });
  expect(np.memory().arrays).toBe(baseline);
});

// Arrays made by NumPy itself, so the expected values never come from us.
const make = (dt: DType, shape: string) => `(np.arange(int(np.prod(${shape}))) * 37 % 251 - 100).astype('${dt}').reshape(${shape})`;

describe('np.save → numpy.load', () => {
  for (const dt of NP_DTYPES) {
    for (const shape of ['()', '(0,)', '(7,)', '(3, 4, 5)']) {
      it(`${dt} ${shape}`, async () => {
        const src = await oracle.eval(make(dt, shape));
        const a = fromRaw(src as never);
        const f = join(dir, `s_${dt}_${shape.replace(/\W/g, '')}`);
        np.save(f, a);
        const back = await oracle.eval('np.load(p)', { p: `${f}.npy` });
        expectMatches(a, back, {}, `${dt}${shape}`);
        a.dispose();
      });
    }
  }

  it('writes Fortran order for F-contiguous arrays, as NumPy does', async () => {
    const src = fromRaw((await oracle.eval(make('float32', '(4, 6)'))) as never);
    const t = src.T; // F-contiguous view
    const f = join(dir, 'fortran.npy');
    np.save(f, t);
    const r = await oracle.eval('(lambda x: (x.flags.f_contiguous, x.flags.c_contiguous, x))(np.load(p))', { p: f });
    expect(Array.isArray(r) && r[0] === true && r[1] === false).toBe(true);
    expectMatches(t, (r as never[])[2]!, {}, 'fortran');
    src.dispose(); t.dispose();
  });
});

describe('numpy.save → np.load', () => {
  for (const dt of NP_DTYPES) {
    it(`${dt}, C and Fortran order`, async () => {
      const f = join(dir, `n_${dt}.npy`);
      const g = join(dir, `nf_${dt}.npy`);
      const r = await oracle.eval(`(np.save(p, ${make(dt, '(2, 3, 4)')}), np.save(q, np.asfortranarray(${make(dt, '(5, 3)')})), np.load(p), np.load(q))`, { p: f, q: g });
      const [, , c, fo] = r as never[];
      const a = np.load(f) as InstanceType<typeof np.NDArray>;
      const b = np.load(g) as InstanceType<typeof np.NDArray>;
      expectMatches(a, c!, {}, 'C');
      expectMatches(b, fo!, {}, 'F');
      expect(b.flags.f_contiguous).toBe(true);
      a.dispose(); b.dispose();
    });
  }
});

describe('npz', () => {
  it('np.savez / savez_compressed load in NumPy with names', async () => {
    const x = np.array([[1, 2], [3, 4]], { dtype: 'int16' });
    const y = np.array([1.5, -2.25]);
    for (const fn of ['savez', 'savez_compressed'] as const) {
      const f = join(dir, `z_${fn}`);
      np[fn](f, x, { y });
      const r = await oracle.eval('(lambda z: (sorted(z.files), z["arr_0"], z["y"]))(np.load(p))', { p: `${f}.npz` });
      const [files, a0, yy] = r as never[];
      expect(files).toEqual(['arr_0', 'y']);
      expectMatches(x, a0!, {}, 'arr_0');
      expectMatches(y, yy!, {}, 'y');
    }
    x.dispose(); y.dispose();
  });

  it('numpy.savez_compressed loads here', async () => {
    const f = join(dir, 'from_numpy.npz');
    const r = await oracle.eval(`(np.savez_compressed(p, a=${make('uint8', '(3, 3)')}, b=${make('float64', '(4,)')}), np.load(p)["a"], np.load(p)["b"])`, { p: f });
    const [, ea, eb] = r as never[];
    const z = np.load(f) as InstanceType<typeof np.NpzFile>;
    expect(z.files.sort()).toEqual(['a', 'b']);
    expectMatches(z.get('a'), ea!, {}, 'a');
    expectMatches(z.get('b'), eb!, {}, 'b');
    z.dispose();
  });
});

/** A v1.0 .npy file with the given header text (padded as NumPy pads) and data bytes. */
function npyWithHeader(dict: string, data: Uint8Array): Uint8Array {
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const header = dict.padEnd(total - 10 - 1, ' ') + '\n';
  const out = new Uint8Array(total + data.length);
  out.set([0x93, ...new TextEncoder().encode('NUMPY'), 1, 0, header.length & 0xff, header.length >> 8]);
  out.set(new TextEncoder().encode(header), 10);
  out.set(data, total);
  return out;
}

describe('hostile files', () => {
  it('gives clear errors, never a crash or a huge allocation', async () => {
    const good = np.array([1, 2, 3], { dtype: 'float32' });
    const f = join(dir, 'good.npy');
    np.save(f, good);
    good.dispose();
    const bytes = (await oracle.eval('open(p, "rb").read()', { p: f })) as Uint8Array;
    const cases: [string, Uint8Array][] = [
      ['bad magic', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])],
      ['truncated header', bytes.slice(0, 20)],
      ['truncated data', bytes.slice(0, bytes.length - 2)],
      ['absurd shape', npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000, 1000000000), }", bytes.slice(-12))],
      ['negative dimension', npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (-3,), }", bytes.slice(-12))],
      ['header is not a dict', npyWithHeader('[1, 2, 3]', bytes.slice(-12))],
      ['object dtype', npyWithHeader("{'descr': '|O', 'fortran_order': False, 'shape': (3,), }", bytes.slice(-12))],
    ];
    for (const [name, b] of cases) {
      const p = join(dir, `bad_${name.replace(/\W/g, '_')}.npy`);
      writeFileSync(p, b);
      expect(() => np.load(p), name).toThrow(/^np\.load: /);
      // NumPy refuses the same bytes
      const r = await oracle.eval('np.load(p)', { p });
      expect(isOracleError(r), `numpy also refuses ${name}`).toBe(true);
    }
    expect(np.memory().arrays).toBe(baseline);
  });
});

describe('bytes round trip', () => {
  it('toRaw/fromRaw agree with save/load', () => {
    const a = np.array([[true, false], [false, true]]);
    const b = np.load(np.saveBytes(a)) as InstanceType<typeof np.NDArray>;
    expect(b.tolist()).toEqual(a.tolist());
    expect(toRaw(b).dtype).toBe('bool');
    a.dispose(); b.dispose();
  });
});
