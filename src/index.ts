// quark: NumPy-compatible arrays and deep learning for TypeScript, in the design of MXNet 2.0.
import { CpuBackend } from './backends/cpu/backend.js';
import { registerBackend } from './core/device.js';
import './backends/cpu/kernels/index.js';

registerBackend('cpu', 0, new CpuBackend());

export * as np from './np/index.js';
export * as npx from './npx/index.js';
export * as autograd from './autograd/index.js';
export * as gluon from './gluon/index.js';
export { NDArray } from './core/ndarray.js';
