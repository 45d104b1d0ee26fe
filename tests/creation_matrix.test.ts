// eye, identity, tri, tril, triu, diag, diagflat, meshgrid, frombuffer, fromfunction against NumPy
// in NumPy mode, and the errors of every creation function.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';

import { np, npx } from '../src/index.js';
import type { DType } from '../src/core/dtype.js';
import { type NDArray } from '../src/core/ndarray.js';
import { toRaw } from './helpers/arrays.js';
import { ALL, type Case, dtypeArb, runCases, sample, smallArray } from './helpers/creation_cases.js';
import { type OracleArgs } from './oracle/oracle.js';

describe('creation in NumPy mode (set_np numpy): exact parity', () => {
  beforeAll(() => npx.set_np({ dtype: 'numpy' }));
  afterAll(() => npx.set_np());

  it('eye / identity / tri: generated N, M, k, dtype', async () => {
    const arb = fc.record({
      N: fc.integer({ min: 0, max: 6 }),
      M: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      k: fc.integer({ min: -8, max: 8 }),
      dtype: dtypeArb,
    });
    const cases: Case[] = [];
    for (const { N, M, k, dtype } of sample(arb, 5, 150)) {
      const args: OracleArgs = { N, M: M ?? null, k, d: dtype ?? 'float64' };
      cases.push({ label: `eye(${N}, ${M}, k=${k}, ${dtype})`, ours: () => np.eye(N, M, { k, dtype }), expr: 'np.eye(N, M, k=k, dtype=d)', args });
      cases.push({ label: `tri(${N}, ${M}, k=${k}, ${dtype})`, ours: () => np.tri(N, M, { k, dtype }), expr: 'np.tri(N, M, k=k, dtype=d)', args });
      cases.push({ label: `identity(${N}, ${dtype})`, ours: () => np.identity(N, { dtype }), expr: 'np.identity(N, dtype=d)', args });
    }
    cases.push(
      { label: 'eye(3) default', ours: () => np.eye(3), expr: 'np.eye(3)' },
      { label: 'eye(2, {k:1}) options as 2nd arg', ours: () => np.eye(2, { k: 1 }), expr: 'np.eye(2, k=1)' },
      { label: 'tri(3) default', ours: () => np.tri(3), expr: 'np.tri(3)' },
      { label: 'tri(-1)', ours: () => np.tri(-1), expr: 'np.tri(-1)' },
      { label: 'tri(3,-2)', ours: () => np.tri(3, -2), expr: 'np.tri(3, -2)' },
      { label: 'tri(4, k=100)', ours: () => np.tri(4, { k: 100 }), expr: 'np.tri(4, k=100)' },
      { label: 'identity(4)', ours: () => np.identity(4), expr: 'np.identity(4)' },
    );
    await runCases(cases);
  });

  it('tril / triu: generated 1-D/2-D/3-D arrays of several dtypes, contiguous and transposed', async () => {
    const arb = fc.record({
      shape: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }),
      dtype: fc.constantFrom(...ALL),
      k: fc.integer({ min: -5, max: 5 }),
      transposed: fc.boolean(),
      seed: fc.integer({ min: 1, max: 1000 }),
    });
    const own: NDArray[] = [];
    const cases: Case[] = [];
    for (const { shape, dtype, k, transposed, seed } of sample(arb, 31, 150)) {
      const n = shape.reduce((p, d) => p * d, 1);
      const vals = Array.from({ length: n }, (_, i) => (i * 37 + seed) % 101);
      let a = smallArray(vals, shape, dtype);
      if (transposed && shape.length >= 2) {
        const axes = [...shape.keys()];
        [axes[axes.length - 1], axes[axes.length - 2]] = [axes[axes.length - 2]!, axes[axes.length - 1]!];
        const t = a.transpose(axes);
        a.dispose();
        a = t;
      }
      own.push(a);
      const A = a;
      const args: OracleArgs = { m: toRaw(A), k };
      const label = `(${A.shape.join('x')} ${dtype}${transposed ? ' T' : ''}, k=${k})`;
      cases.push({ label: `tril${label}`, ours: () => np.tril(A, { k }), expr: 'np.tril(m, k=k)', args });
      cases.push({ label: `triu${label}`, ours: () => np.triu(A, { k }), expr: 'np.triu(m, k=k)', args });
      cases.push({ label: `tril${label} (positional k)`, ours: () => np.tril(A, k), expr: 'np.tril(m, k)', args });
      cases.push({ label: `triu${label} (positional k)`, ours: () => np.triu(A, k), expr: 'np.triu(m, k)', args });
    }
    cases.push(
      { label: 'tril(list)', ours: () => np.tril([[1, 2, 3], [4, 5, 6]]), expr: 'np.tril([[1, 2, 3], [4, 5, 6]])' },
      { label: 'triu(list, k=-1)', ours: () => np.triu([[1.5, 2], [3, 4], [5, 6]], { k: -1 }), expr: 'np.triu([[1.5, 2], [3, 4], [5, 6]], k=-1)' },
    );
    try {
      await runCases(cases);
    } finally {
      own.forEach((a) => a.dispose());
    }
  });

  it('diag / diagflat: generated, both directions', async () => {
    const arb = fc.record({
      shape: fc.oneof(fc.tuple(fc.integer({ min: 0, max: 5 })), fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }))),
      dtype: fc.constantFrom(...ALL),
      k: fc.integer({ min: -7, max: 7 }),
      transposed: fc.boolean(),
    });
    const own: NDArray[] = [];
    const cases: Case[] = [];
    for (const { shape, dtype, k, transposed } of sample(arb, 77, 200)) {
      const n = shape.reduce((p, d) => p * d, 1);
      let a = smallArray(Array.from({ length: n }, (_, i) => i + 1), [...shape], dtype);
      if (transposed && shape.length === 2) {
        const t = a.T;
        a.dispose();
        a = t;
      }
      own.push(a);
      const A = a;
      const label = `(${A.shape.join('x')} ${dtype}${transposed ? ' T' : ''}, k=${k})`;
      cases.push({ label: `diag${label}`, ours: () => np.diag(A, { k }), expr: 'np.diag(v, k=k)', args: { v: toRaw(A), k } });
      cases.push({ label: `diagflat${label}`, ours: () => np.diagflat(A, { k }), expr: 'np.diagflat(v, k=k)', args: { v: toRaw(A), k } });
    }
    cases.push(
      { label: 'diag(list)', ours: () => np.diag([1, 2, 3]), expr: 'np.diag([1, 2, 3])' },
      { label: 'diag(2-D list, k=1)', ours: () => np.diag([[1, 2, 3], [4, 5, 6]], { k: 1 }), expr: 'np.diag([[1, 2, 3], [4, 5, 6]], k=1)' },
      { label: 'diagflat(scalar-ish 0-d)', ours: () => np.diagflat(3, { k: -1 }), expr: 'np.diagflat(3, k=-1)' },
    );
    try {
      await runCases(cases);
    } finally {
      own.forEach((a) => a.dispose());
    }
  });

  it('meshgrid: generated 0–3 inputs, xy/ij, sparse, copy', async () => {
    const arb = fc.record({
      lens: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 3 }),
      dtype: fc.constantFrom(...ALL),
      indexing: fc.constantFrom<'xy' | 'ij'>('xy', 'ij'),
      sparse: fc.boolean(),
      copy: fc.boolean(),
    });
    const own: NDArray[] = [];
    const cases: Case[] = [];
    for (const { lens, dtype, indexing, sparse, copy } of sample(arb, 3, 150)) {
      const xs = lens.map((n, i) => smallArray(Array.from({ length: n }, (_, j) => 10 * i + j + 1), [n], dtype));
      own.push(...xs);
      cases.push({
        label: `meshgrid(${lens.join(',')} ${dtype}, ${indexing}, sparse=${sparse}, copy=${copy})`,
        ours: () => np.meshgrid(...xs, { indexing, sparse, copy }),
        expr: 'np.meshgrid(*xs, indexing=i, sparse=s, copy=c)',
        args: { xs: xs.map(toRaw), i: indexing, s: sparse, c: copy },
      });
    }
    cases.push(
      { label: 'meshgrid()', ours: () => np.meshgrid(), expr: 'np.meshgrid()' },
      { label: 'meshgrid(lists)', ours: () => np.meshgrid([1, 2, 3], [4, 5]), expr: 'np.meshgrid([1, 2, 3], [4, 5])' },
      { label: 'meshgrid 2-D input flattened', ours: () => np.meshgrid([[1, 2], [3, 4]], [5]), expr: 'np.meshgrid([[1, 2], [3, 4]], [5])' },
    );
    try {
      await runCases(cases);
    } finally {
      own.forEach((a) => a.dispose());
    }
  });

  it('frombuffer: every dtype, offsets and counts', async () => {
    // Mostly valid reads (whole elements, offsets inside the buffer), some that NumPy rejects.
    const arb = fc.record({
      dtype: fc.option(fc.constantFrom(...ALL), { nil: undefined }),
      elems: fc.integer({ min: 0, max: 6 }),
      extra: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 7 }) }),
      view: fc.boolean(),
      seed: fc.integer({ min: 0, max: 255 }),
    }).chain(({ dtype, elems, extra, view, seed }) => {
      const isz = np.array(0, { dtype: dtype ?? 'float64' });
      const size = isz.itemsize;
      isz.dispose();
      const len = elems * size + extra;
      return fc.record({
        bytes: fc.constant(Uint8Array.from({ length: len }, (_, i) => (i * 73 + seed) % 256)),
        dtype: fc.constant(dtype),
        offset: fc.option(fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 2 }).map((k) => Math.min(len, k * size)) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: len + 3 }) }), { nil: undefined }),
        count: fc.option(fc.integer({ min: -2, max: elems + 1 }), { nil: undefined }),
        view: fc.constant(view),
      });
    });
    const cases = sample(arb, 13, 300).map(({ bytes, dtype, offset, count, view }): Case => {
      // Sometimes pass a view into a bigger buffer, to check that only its region is read.
      let src: ArrayBuffer | Uint8Array = bytes.slice().buffer;
      if (view) {
        const big = new Uint8Array(bytes.length + 7);
        big.set(bytes, 3);
        src = big.subarray(3, 3 + bytes.length);
      }
      return {
        label: `frombuffer(${bytes.length} bytes${view ? ' (view)' : ''}, dtype=${dtype}, offset=${offset}, count=${count})`,
        ours: () => np.frombuffer(src, { dtype, offset, count }),
        expr: 'np.frombuffer(buf, dtype=(d or float), offset=(0 if o is None else o), count=(-1 if c is None else c))',
        args: { buf: bytes, d: dtype ?? null, o: offset ?? null, c: count ?? null },
      };
    });
    await runCases(cases);
  });

  it('fromfunction: generated shapes and dtypes', async () => {
    const arb = fc.record({
      shape: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 3 }),
      dtype: fc.option(fc.constantFrom<DType>('bool', 'uint8', 'int32', 'int64', 'float16', 'float32', 'float64'), { nil: undefined }),
    });
    const fn = (...xs: NDArray[]): NDArray =>
      np.scope(() => (xs.length === 0 ? np.array(7) : xs.reduce((p, x) => p.add(x))));
    const cases = sample(arb, 17, 100).map(({ shape, dtype }): Case => ({
      label: `fromfunction(shape=${shape.join('x')}, dtype=${dtype})`,
      ours: () => np.fromfunction(fn, shape, { dtype }),
      expr: 'import functools\nresult = np.fromfunction(lambda *a: functools.reduce(np.add, a) if a else np.array(7), tuple(s), dtype=(d or float))',
      args: { s: shape, d: dtype ?? null },
    }));
    cases.push({
      label: 'fromfunction i*10+j',
      ours: () => np.fromfunction((i, j) => np.scope(() => i!.mul(10).add(j!)), [3, 4], { dtype: 'int64' }),
      expr: 'np.fromfunction(lambda i, j: i * 10 + j, (3, 4), dtype=int)',
    });
    await runCases(cases);
  });

  it('raises where NumPy raises, naming the function', async () => {
    const cases: Case[] = [
      { label: 'arange step 0 (int)', ours: () => np.arange(0, 10, 0), expr: 'np.arange(0, 10, 0)', raises: /^arange: division by zero/ },
      { label: 'arange step 0 (float)', ours: () => np.arange(0, 10.5, 0), expr: 'np.arange(0, 10.5, 0)', raises: /^arange: float division by zero/ },
      { label: 'arange step 0, empty range', ours: () => np.arange(5, 5, 0), expr: 'np.arange(5, 5, 0)', raises: /^arange: .*division by zero/ },
      { label: 'arange nan', ours: () => np.arange(0, NaN), expr: 'np.arange(0, a)', args: { a: NaN }, raises: /^arange: arange: cannot compute length/ },
      { label: 'arange inf', ours: () => np.arange(0, Infinity), expr: 'np.arange(0, a)', args: { a: Infinity }, raises: /^arange: Maximum allowed size exceeded/ },
      { label: 'arange -inf start', ours: () => np.arange(Infinity, 1, 1), expr: 'np.arange(a, 1, 1)', args: { a: Infinity }, raises: /^arange: Maximum allowed size exceeded/ },
      { label: 'arange 1e300', ours: () => np.arange(1e300), expr: 'np.arange(1e300)', raises: /^arange: Maximum allowed size exceeded/ },
      { label: 'arange tiny step', ours: () => np.arange(0, 1, 1e-300), expr: 'np.arange(0, 1, 1e-300)', raises: /^arange: Maximum allowed size exceeded/ },
      { label: 'arange too big', ours: () => np.arange(2e18), expr: 'np.arange(2e18)', raises: /^arange: array is too big/ },
      { label: 'arange bool length 3', ours: () => np.arange(3, { dtype: 'bool' }), expr: 'np.arange(3, dtype=bool)', raises: /^arange: arange\(\) is only supported for booleans/ },
      { label: 'arange int8 start out of bounds', ours: () => np.arange(250, 260, { dtype: 'int8' }), expr: 'np.arange(250, 260, dtype=np.int8)', raises: /^arange: Python integer 250 out of bounds for int8/ },
      { label: 'arange uint8 negative', ours: () => np.arange(-1, 3, { dtype: 'uint8' }), expr: 'np.arange(-1, 3, dtype=np.uint8)', raises: /^arange: Python integer -1 out of bounds for uint8/ },
      { label: 'arange uint8 negative float', ours: () => np.arange(-3.5, 2, 0.7, { dtype: 'uint8' }), expr: 'np.arange(-3.5, 2, 0.7, dtype=np.uint8)', raises: /^arange: Python integer -3 out of bounds/ },
      { label: 'arange int8 next out of bounds', ours: () => np.arange(0.5, 400, 250.5, { dtype: 'int8' }), expr: 'np.arange(0.5, 400, 250.5, dtype=np.int8)', raises: /^arange: Python integer 251 out of bounds/ },
      { label: 'arange bad dtype', ours: () => np.arange(3, { dtype: 'foo' as DType }), expr: "np.arange(3, dtype='foo')", raises: /^arange: data type 'foo' not understood/ },
      { label: 'linspace num float', ours: () => np.linspace(0, 1, { num: 2.5 }), expr: 'np.linspace(0, 1, 2.5)', raises: /^linspace: num must be an integer/ },
      { label: 'linspace num negative', ours: () => np.linspace(0, 1, { num: -1 }), expr: 'np.linspace(0, 1, -1)', raises: /^linspace: Number of samples, -1, must be non-negative/ },
      { label: 'linspace axis out of bounds', ours: () => np.linspace(0, 1, { num: 3, axis: 1 }), expr: 'np.linspace(0, 1, 3, axis=1)', raises: /^linspace: axis 1 is out of bounds for array of dimension 1/ },
      { label: 'linspace bad dtype', ours: () => np.linspace(0, 1, { dtype: 'float128' as DType }), expr: "np.linspace(0, 1, dtype='float1280')", raises: /^linspace: data type/ },
      { label: 'linspace shapes', ours: () => np.linspace([1, 2], [1, 2, 3]), expr: 'np.linspace([1, 2], [1, 2, 3])', raises: /^linspace: operands could not be broadcast/ },
      { label: 'logspace num negative', ours: () => np.logspace(0, 1, { num: -2 }), expr: 'np.logspace(0, 1, -2)', raises: /^logspace: Number of samples/ },
      { label: 'geomspace zero start', ours: () => np.geomspace(0, 1), expr: 'np.geomspace(0, 1)', raises: /^geomspace: Geometric sequence cannot include zero/ },
      { label: 'geomspace zero stop', ours: () => np.geomspace([1, 2], [3, 0]), expr: 'np.geomspace([1, 2], [3, 0])', raises: /^geomspace: Geometric sequence cannot include zero/ },
      { label: 'geomspace num float', ours: () => np.geomspace(1, 2, { num: 1.5 }), expr: 'np.geomspace(1, 2, 1.5)', raises: /^geomspace: num must be an integer/ },
      { label: 'eye negative', ours: () => np.eye(-1), expr: 'np.eye(-1)', raises: /^eye: negative dimensions are not allowed/ },
      { label: 'eye negative M', ours: () => np.eye(2, -2), expr: 'np.eye(2, -2)', raises: /^eye: negative dimensions/ },
      { label: 'eye float N', ours: () => np.eye(2.5), expr: 'np.eye(2.5)', raises: /^eye: N must be an integer/ },
      { label: 'eye float k', ours: () => np.eye(3, { k: 1.5 }), expr: 'np.eye(3, k=1.5)', raises: /^eye: k must be an integer/ },
      { label: 'eye bad dtype', ours: () => np.eye(3, { dtype: 'complex256' as DType }), expr: "np.eye(3, dtype='complex2560')", raises: /^eye: data type/ },
      { label: 'identity float', ours: () => np.identity(2.5), expr: 'np.identity(2.5)', raises: /^identity: n must be an integer/ },
      { label: 'identity negative', ours: () => np.identity(-1), expr: 'np.identity(-1)', raises: /^identity: negative dimensions/ },
      { label: 'tril 0-d', ours: () => np.tril(5), expr: 'np.tril(np.int64(5))', raises: /^tril: input must be at least 1-d/ },
      { label: 'triu 0-d', ours: () => np.triu(5), expr: 'np.triu(np.int64(5))', raises: /^triu: input must be at least 1-d/ },
      { label: 'diag 3-d', ours: () => np.diag([[[1]]]), expr: 'np.diag([[[1]]])', raises: /^diag: Input must be 1- or 2-d/ },
      { label: 'diag 0-d', ours: () => np.diag(1), expr: 'np.diag(np.float64(1))', raises: /^diag: Input must be 1- or 2-d/ },
      { label: 'diag float k', ours: () => np.diag([1, 2], { k: 1.5 }), expr: 'np.diag([1, 2], k=1.5)', raises: /^diag: k must be an integer/ },
      { label: 'meshgrid indexing', ours: () => np.meshgrid([1, 2], { indexing: 'foo' as 'xy' }), expr: "np.meshgrid([1, 2], indexing='foo')", raises: /^meshgrid: Valid values for `indexing` are 'xy' and 'ij'/ },
      { label: 'frombuffer size', ours: () => np.frombuffer(new Uint8Array(3), { dtype: 'int16' }), expr: "np.frombuffer(b'abc', dtype=np.int16)", raises: /^frombuffer: buffer size must be a multiple of element size/ },
      { label: 'frombuffer offset beyond', ours: () => np.frombuffer(new Uint8Array(4), { dtype: 'int16', offset: 5 }), expr: "np.frombuffer(b'abcd', dtype=np.int16, offset=5)", raises: /^frombuffer: offset must be non-negative and no greater than buffer length \(4\)/ },
      { label: 'frombuffer offset negative', ours: () => np.frombuffer(new Uint8Array(4), { dtype: 'int16', offset: -1 }), expr: "np.frombuffer(b'abcd', dtype=np.int16, offset=-1)", raises: /^frombuffer: offset must be non-negative/ },
      { label: 'frombuffer count', ours: () => np.frombuffer(new Uint8Array(4), { dtype: 'int16', count: 3 }), expr: "np.frombuffer(b'abcd', dtype=np.int16, count=3)", raises: /^frombuffer: buffer is smaller than requested size/ },
      { label: 'frombuffer default float64 size', ours: () => np.frombuffer(new Uint8Array(12)), expr: "np.frombuffer(b'a' * 12)", raises: /^frombuffer: buffer size must be a multiple/ },
      { label: 'fromfunction bool length 3', ours: () => np.fromfunction((i) => i, [3], { dtype: 'bool' }), expr: 'np.fromfunction(lambda i: i, (3,), dtype=bool)', raises: /^arange: arange\(\) is only supported for booleans/ },
    ];
    await runCases(cases);
  });
});
