// dot vdot inner outer tensordot kron cross vecdot einsum einsum_path multi_dot matrix_power
// against NumPy: float and integer dtypes (integers exact), scalars, 1-D/N-D cases, the errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DType } from '../src/core/dtype.js';
import type { NDArray } from '../src/core/ndarray.js';
import { np, npx } from '../src/index.js';
import { expectSameAsNumpy } from './helpers/arrays.js';
import { pyAs, testArray } from './helpers/linalg_data.js';
import { NumpyOracle } from './oracle/oracle.js';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

type Row = [string, readonly (readonly number[])[], (...xs: NDArray[]) => NDArray | NDArray[], DType?];

/** Runs rows [python expression over a, b, c…, operand shapes, quark function, dtype]. */
async function check(who: string, rows: readonly Row[], dtypes: readonly DType[] = ['float64', 'int32']): Promise<void> {
  const names = ['a', 'b', 'c', 'd'];
  const cases = rows.flatMap((r) => dtypes.map((d) => [r, r[3] ?? d] as const));
  const exp = await Promise.all(cases.map(([[py, shapes], d]) => {
    const args = Object.fromEntries(shapes.map((s, i) => [names[i]!, testArray(s, 'float64', i + 1).raw]));
    const pre = shapes.map((_, i) => `${names[i]} = ${pyAs(names[i]!, d)}`).join('\n');
    return oracle.eval(`${pre}\nresult = ${py}`, args);
  }));
  cases.forEach(([[py, shapes, f], d], i) => {
    expectSameAsNumpy(`${py} ${d} ${JSON.stringify(shapes)}`, who, () => f(...shapes.map((s, j) => testArray(s, d, j + 1).make())), exp[i]!, { match: { rtol: 1e-12 } });
  });
}

describe('dot / vdot / inner / outer', () => {
  it('np.dot: scalars, 1-D, 2-D, N-D · 1-D, N-D · M-D', () => check('dot', [
    ['np.dot(a, b)', [[], [3]], (a, b) => np.dot(a!, b!)],
    ['np.dot(a, b)', [[4], [4]], (a, b) => np.dot(a!, b!)],
    ['np.dot(a, b)', [[2, 3], [3, 4]], (a, b) => np.dot(a!, b!)],
    ['np.dot(a, b)', [[2, 3, 4], [4]], (a, b) => np.dot(a!, b!)],
    ['np.dot(a, b)', [[3], [2, 3, 4]], (a, b) => np.dot(a!, b!)],
    ['np.dot(a, b)', [[2, 3, 4], [5, 4, 2]], (a, b) => np.dot(a!, b!)],
    ['np.dot(a, b)', [[2, 0], [0, 3]], (a, b) => np.dot(a!, b!)],
    ['np.dot(a, b)', [[2, 3], [2, 3]], (a, b) => np.dot(a!, b!)],
    ['a.dot(b)', [[2, 3], [3]], (a, b) => a!.dot(b!)],
  ], ['float64', 'int64', 'float32', 'bool']));

  it('vdot, inner, outer, kron', () => check('x', [
    ['np.vdot(a, b)', [[2, 3], [3, 2]], (a, b) => np.vdot(a!, b!)],
    ['np.inner(a, b)', [[2, 3], [4, 3]], (a, b) => np.inner(a!, b!)],
    ['np.inner(a, b)', [[3], [2, 2, 3]], (a, b) => np.inner(a!, b!)],
    ['np.inner(a, b)', [[], [2, 3]], (a, b) => np.inner(a!, b!)],
    ['np.outer(a, b)', [[2, 2], [3]], (a, b) => np.outer(a!, b!)],
    ['np.kron(a, b)', [[2, 2], [3, 1]], (a, b) => np.kron(a!, b!)],
    ['np.kron(a, b)', [[3], [2, 2]], (a, b) => np.kron(a!, b!)],
  ], ['float64', 'int16', 'uint8']));

  it('raises as NumPy (shapes not aligned)', async () => {
    const rows: [string, () => unknown, string][] = [
      ['np.dot(np.ones((2, 3)), np.ones((2, 3)))', () => np.dot(np.ones([2, 3]), np.ones([2, 3])), 'dot'],
      ['np.inner(np.ones((2, 3)), np.ones(2))', () => np.inner(np.ones([2, 3]), np.ones([2])), 'inner'],
      ['np.vdot(np.ones(3), np.ones(2))', () => np.vdot(np.ones([3]), np.ones([2])), 'vdot'],
    ];
    for (const [py, f, who] of rows) {
      const e = await oracle.eval(py);
      expectSameAsNumpy(py, who, () => np.scope(() => { f(); return np.zeros([1]); }), e);
    }
  });
});

describe('tensordot / vecdot / cross', () => {
  it('tensordot with integer and list axes', () => check('tensordot', [
    ['np.tensordot(a, b)', [[2, 3, 4], [3, 4, 5]], (a, b) => np.tensordot(a!, b!)],
    ['np.tensordot(a, b, 0)', [[2, 3], [4]], (a, b) => np.tensordot(a!, b!, 0)],
    ['np.tensordot(a, b, axes=([1, 0], [0, 1]))', [[3, 4, 5], [4, 3, 2]], (a, b) => np.tensordot(a!, b!, [[1, 0], [0, 1]])],
    ['np.tensordot(a, b, axes=(2, 0))', [[2, 3, 4], [4, 2]], (a, b) => np.tensordot(a!, b!, [2, 0])],
  ]));

  it('vecdot broadcasts batch dims, any axis', () => check('vecdot', [
    ['np.vecdot(a, b)', [[2, 3], [3]], (a, b) => np.vecdot(a!, b!)],
    ['np.vecdot(a, b)', [[4, 1, 3], [2, 3]], (a, b) => np.vecdot(a!, b!)],
    ['np.vecdot(a, b, axis=0)', [[3, 2], [3, 2]], (a, b) => np.vecdot(a!, b!, { axis: 0 })],
    ['np.linalg.vecdot(a, b)', [[3], [3]], (a, b) => np.linalg.vecdot(a!, b!)],
  ], ['float64', 'int8']));

  it('cross: 3-vectors, 2-vectors, mixed, axisc, and linalg.cross', () => check('cross', [
    ['np.cross(a, b)', [[3], [3]], (a, b) => np.cross(a!, b!)],
    ['np.cross(a, b)', [[4, 3], [3]], (a, b) => np.cross(a!, b!)],
    ['np.cross(a, b)', [[2], [2]], (a, b) => np.cross(a!, b!)],
    ['np.cross(a, b)', [[5, 2], [5, 3]], (a, b) => np.cross(a!, b!)],
    ['np.cross(a, b)', [[3], [2]], (a, b) => np.cross(a!, b!)],
    ['np.cross(a, b, axisa=0, axisb=0, axisc=0)', [[3, 4], [3, 4]], (a, b) => np.cross(a!, b!, { axisa: 0, axisb: 0, axisc: 0 })],
    ['np.linalg.cross(a, b)', [[2, 3], [2, 3]], (a, b) => np.linalg.cross(a!, b!)],
    ['np.linalg.cross(a, b)', [[2, 2], [2, 2]], (a, b) => np.linalg.cross(a!, b!)],
  ]).then(() => check('cross', [
    ['np.cross(a, b)', [[3], [2]], (a, b) => np.cross(a!, b!)],
    ['np.cross(a, b)', [[2, 2], [2, 3]], (a, b) => np.cross(a!, b!)],
  ], ['uint8', 'int16'])));
});

describe('np.einsum', () => {
  const rows: Row[] = [
    ['np.einsum("ij,jk->ik", a, b)', [[2, 3], [3, 4]], (a, b) => np.einsum('ij,jk->ik', a!, b!)],
    ['np.einsum("ij,jk", a, b)', [[2, 3], [3, 4]], (a, b) => np.einsum('ij,jk', a!, b!)],
    ['np.einsum("ba", a)', [[2, 3]], (a) => np.einsum('ba', a!)],
    ['np.einsum("ii", a)', [[3, 3]], (a) => np.einsum('ii', a!)],
    ['np.einsum("ii->i", a)', [[3, 3]], (a) => np.einsum('ii->i', a!)],
    ['np.einsum("ij->", a)', [[3, 4]], (a) => np.einsum('ij->', a!)],
    ['np.einsum("ij->j", a)', [[3, 4]], (a) => np.einsum('ij->j', a!)],
    ['np.einsum("i,i", a, b)', [[5], [5]], (a, b) => np.einsum('i,i', a!, b!)],
    ['np.einsum("i,j->ij", a, b)', [[3], [4]], (a, b) => np.einsum('i,j->ij', a!, b!)],
    ['np.einsum("bij,bjk->bik", a, b)', [[2, 3, 4], [2, 4, 5]], (a, b) => np.einsum('bij,bjk->bik', a!, b!)],
    ['np.einsum("bhqd,bhkd->bhqk", a, b)', [[2, 2, 3, 4], [2, 2, 5, 4]], (a, b) => np.einsum('bhqd,bhkd->bhqk', a!, b!)],
    ['np.einsum("...ij,...jk->...ik", a, b)', [[2, 1, 3, 4], [3, 4, 2]], (a, b) => np.einsum('...ij,...jk->...ik', a!, b!)],
    ['np.einsum("...i,...i", a, b)', [[2, 3], [3]], (a, b) => np.einsum('...i,...i', a!, b!)],
    ['np.einsum("i...->...", a)', [[3, 2, 2]], (a) => np.einsum('i...->...', a!)],
    ['np.einsum("ij,jk,kl->il", a, b, c)', [[2, 3], [3, 4], [4, 5]], (a, b, c) => np.einsum('ij,jk,kl->il', a!, b!, c!)],
    ['np.einsum("ij,jk,kl", a, b, c, optimize=True)', [[2, 3], [3, 4], [4, 5]], (a, b, c) => np.einsum('ij,jk,kl', a!, b!, c!, { optimize: false })],
    ['np.einsum("ijk,jl,kl->il", a, b, c)', [[2, 3, 4], [3, 5], [4, 5]], (a, b, c) => np.einsum('ijk,jl,kl->il', a!, b!, c!)],
    ['np.einsum("ab,cd,bc->ad", a, b, c)', [[2, 3], [4, 5], [3, 4]], (a, b, c) => np.einsum('ab,cd,bc->ad', a!, b!, c!)],
    ['np.einsum("i,j,k->ijk", a, b, c)', [[2], [3], [2]], (a, b, c) => np.einsum('i,j,k->ijk', a!, b!, c!)],
    ['np.einsum("ij,ij,ij->i", a, b, c)', [[3, 4], [3, 4], [3, 4]], (a, b, c) => np.einsum('ij,ij,ij->i', a!, b!, c!)],
    ['np.einsum("iij,jk->ik", a, b)', [[3, 3, 2], [2, 4]], (a, b) => np.einsum('iij,jk->ik', a!, b!)],
    ['np.einsum("ij,jk->ik", a, b)', [[2, 0], [0, 3]], (a, b) => np.einsum('ij,jk->ik', a!, b!)],
    ['np.einsum("Ab,bC->AC", a, b)', [[2, 3], [3, 2]], (a, b) => np.einsum('Ab,bC->AC', a!, b!)],
    ['np.einsum("ij->ji", a)', [[2, 3]], (a) => np.einsum('ij->ji', a!)],
  ];
  it('subscripts: explicit/implicit output, traces, diagonals, broadcasting, chains (float64, int32, uint8, bool)', () =>
    check('einsum', rows, ['float64', 'int32', 'uint8', 'bool']));

  it('raises as NumPy', async () => {
    const bad: [string, () => unknown][] = [
      ['np.einsum("ij,jk", np.ones((2, 3)), np.ones((2, 3)))', () => np.einsum('ij,jk', np.ones([2, 3]), np.ones([2, 3]))],
      ['np.einsum("ij->k", np.ones((2, 3)))', () => np.einsum('ij->k', np.ones([2, 3]))],
      ['np.einsum("ij,j", np.ones((2, 3)))', () => np.einsum('ij,j', np.ones([2, 3]))],
      ['np.einsum("i", np.ones((2, 3)))', () => np.einsum('i', np.ones([2, 3]))],
      ['np.einsum("ijk", np.ones((2, 3)))', () => np.einsum('ijk', np.ones([2, 3]))],
      ['np.einsum("i1", np.ones((2, 3)))', () => np.einsum('i1', np.ones([2, 3]))],
      ['np.einsum("ij->ii", np.ones((2, 3)))', () => np.einsum('ij->ii', np.ones([2, 3]))],
    ];
    for (const [py, f] of bad) {
      const e = await oracle.eval(py);
      expectSameAsNumpy(py, 'einsum', () => np.scope(() => { f(); return np.zeros([1]); }), e);
    }
  });

  it('einsum_path: NumPy\'s greedy path and report header', async () => {
    const cases: [string, number[][]][] = [
      ['ij,jk,kl->il', [[2, 3], [3, 4], [4, 5]]],
      ['ij,jk,kl->il', [[50, 3], [3, 40], [40, 5]]],
      ['ab,cd,bc->ad', [[2, 3], [4, 5], [3, 4]]],
      ['ea,fb,abcd,gc,hd->efgh', [[10, 10], [10, 10], [10, 10, 10, 10], [10, 10], [10, 10]]],
      ['ij,jk', [[2, 3], [3, 4]]],
    ];
    for (const [sub, shapes] of cases) {
      const args = Object.fromEntries(shapes.map((s, i) => [`x${i}`, testArray(s).raw]));
      const e = await oracle.eval(`p = np.einsum_path(${JSON.stringify(sub)}, ${shapes.map((_, i) => `x${i}`).join(', ')}, optimize='greedy')\nresult = [str([list(s) if isinstance(s, tuple) else s for s in p[0]]), p[1]]`, args);
      np.scope(() => {
        const [path, report] = np.einsum_path(sub, ...shapes.map((s) => np.zeros(s)));
        const [ePath, eReport] = e as [string, string];
        expect(JSON.stringify(path).replace(/"/g, "'").replace(/,/g, ', '), sub).toBe(ePath);
        // The header lines (costs, scaling, sizes) match NumPy's exactly.
        expect(report.split('\n').slice(0, 7), sub).toEqual(eReport.split('\n').slice(0, 7));
      });
    }
  });
});

describe('multi_dot / matrix_power', () => {
  it('multi_dot: chains with 1-D ends, in NumPy\'s optimal order', () => check('multi_dot', [
    ['np.linalg.multi_dot([a, b])', [[2, 3], [3, 4]], (a, b) => np.linalg.multi_dot([a!, b!])],
    ['np.linalg.multi_dot([a, b, c])', [[10, 3], [3, 20], [20, 2]], (a, b, c) => np.linalg.multi_dot([a!, b!, c!])],
    ['np.linalg.multi_dot([a, b, c, d])', [[3], [3, 4], [4, 5], [5]], (a, b, c, d) => np.linalg.multi_dot([a!, b!, c!, d!])],
    ['np.linalg.multi_dot([a, b, c])', [[3], [3, 4], [4, 2]], (a, b, c) => np.linalg.multi_dot([a!, b!, c!])],
  ]));

  it('matrix_power: positive, zero, negative powers and stacks', () => check('matrix_power', [
    ['np.linalg.matrix_power(a, 0)', [[3, 3]], (a) => np.linalg.matrix_power(a!, 0)],
    ['np.linalg.matrix_power(a, 1)', [[3, 3]], (a) => np.linalg.matrix_power(a!, 1)],
    ['np.linalg.matrix_power(a, 5)', [[2, 3, 3]], (a) => np.linalg.matrix_power(a!, 5)],
    ['np.linalg.matrix_power(a, 6)', [[4, 4]], (a) => np.linalg.matrix_power(a!, 6)],
    ['np.linalg.matrix_power(a, 2)', [[2, 3]], (a) => np.linalg.matrix_power(a!, 2)],
  ], ['float64', 'int64']).then(() => check('matrix_power', [
    ['np.linalg.matrix_power(a, -2)', [[3, 3]], (a) => np.linalg.matrix_power(a!, -2)],
  ], ['float64'])));
});

describe('np.einsum, random subscripts', () => {
  it('1-4 operands over labels a-e (repeats, implicit/explicit output, broadcast 1-sized dims) match NumPy', async () => {
    const { default: fc } = await import('fast-check');
    const { draw } = await import('./helpers/gen.js');
    const sizes: Record<string, number> = { a: 2, b: 3, c: 1, d: 4, e: 2 };
    const term = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 0, maxLength: 3 });
    const caseArb = fc.tuple(fc.array(term, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.nat(), fc.constantFrom<DType>('float64', 'int64'))
      .map(([terms, explicit, seed, d]) => {
        const used = [...new Set(terms.flat())].sort();
        // An explicit output: a random subset of the used labels, in a random order.
        const out = used.filter((_, i) => (seed >> i) & 1).sort((x, y) => ((seed * 7 + x.charCodeAt(0)) % 5) - ((seed * 7 + y.charCodeAt(0)) % 5));
        const sub = `${terms.map((t) => t.join('')).join(',')}${explicit ? `->${out.join('')}` : ''}`;
        // Label 'c' has size 1 everywhere; 'e' is size 1 in the first operand (broadcast).
        const shapes = terms.map((t, i) => t.map((l) => (l === 'e' && i === 0 ? 1 : sizes[l]!)));
        return { sub, shapes, d };
      });
    const cases = draw(caseArb, 150, 77);
    const exp = await Promise.all(cases.map(({ sub, shapes, d }) => {
      const args = Object.fromEntries(shapes.map((s, i) => [`x${i}`, testArray(s, 'float64', i + 1).raw]));
      return oracle.eval(`result = np.einsum(${JSON.stringify(sub)}, ${shapes.map((_, i) => pyAs(`x${i}`, d)).join(', ')}, optimize=True)`, args);
    }));
    // Most cases are valid einsums (NumPy raises only for an empty operand subscript of a non-0-d array).
    expect(exp.filter((e) => (e as { error?: string }).error).length).toBeLessThan(cases.length / 4);
    cases.forEach(({ sub, shapes, d }, i) => {
      expectSameAsNumpy(`einsum ${sub} ${JSON.stringify(shapes)} ${d}`, 'einsum', () => np.einsum(sub, ...shapes.map((s, j) => testArray(s, d, j + 1).make())), exp[i]!, { match: { rtol: 1e-12 } });
    });
  });
});
