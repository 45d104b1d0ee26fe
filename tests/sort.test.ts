// np.sort against NumPy (the first opaque op: exercises applyOpaque and native commands).
import { afterAll, beforeAll, describe, it } from 'vitest';

import { np, npx } from '../src/index.js';
import { NumpyOracle } from './oracle/oracle.js';
import { expectMatches } from './helpers/arrays.js';
import { NUMPY_DTYPES, arraySpecArb, draw, pyView, rawOf, shapeArb } from './helpers/gen.js';
import fc from 'fast-check';

const oracle = NumpyOracle.shared();
beforeAll(() => npx.set_np({ dtype: 'numpy' }));
afterAll(() => npx.set_np());

describe('np.sort vs NumPy', () => {
  it('every dtype, axis, layout (NaN last)', async () => {
    const cases = draw(fc.constantFrom(...NUMPY_DTYPES).chain((d) => shapeArb(3, 1).chain((s) =>
      fc.tuple(arraySpecArb(d, s), fc.integer({ min: -s.length, max: s.length - 1 }), fc.boolean()))), 200, 11);
    const exp = await Promise.all(cases.map(([spec, axis]) => oracle.eval(`np.sort(${pyView('a', spec)}, axis=ax)`, { a: rawOf(spec), ax: axis })));
    cases.forEach(([spec, axis, stable], i) => {
      np.scope(() => {
        let a = np.NDArray._fromStorageData(spec.data, spec.base, spec.dtype);
        for (const st of spec.steps) a = st.t === 'T' ? a.transpose(st.axes) : a.reshape(st.shape);
        expectMatches(np.sort(a, { axis, stable }), exp[i]!, { zeroSign: false }, `sort ${spec.dtype} (${spec.shape}) axis=${axis}`);
      });
    });
  });
});
