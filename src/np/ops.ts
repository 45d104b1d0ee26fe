// Every op definition of the np namespace, imported for their registration. The kernel generator
// (scripts/gen-kernels.mjs) loads this module alone: it must not load a backend.
export * from './math/add.js';
export * from './math/subtract.js';
export * from './math/multiply.js';
export * from './math/true_divide.js';
export * from './math/negative.js';
export * from './math/exp.js';
export * from './math/astype.js';
export * from './math/maximum.js';
export * from './math/minimum.js';
export * from './reduce/sum.js';
export * from './reduce/prod.js';
export * from './reduce/max.js';
export * from './reduce/min.js';
