// Runs around every test file: whatever the file allocates, it must free. np.memory() must be back
// at its starting count of live arrays when the file ends.
import { afterAll, beforeAll, expect } from 'vitest';

import { np } from '../../src/index.js';

let baseline = 0;
beforeAll(() => {
  baseline = np.memory().arrays;
});
afterAll(() => {
  expect(np.memory().arrays, 'arrays left alive at the end of this test file').toBe(baseline);
});
