import { device } from '../../../core/device.js';
import { backendOf } from '../../../core/device.js';
import { concatenateKernel, concatenateOp } from '../../../np/manip/concatenate.js';
import { registerCpuKernel } from '../backend.js';

// Copies through the CPU backend's strided cast kernel (vectorised, threaded for large copies).
registerCpuKernel(concatenateOp, (launch) => concatenateKernel(backendOf(device('cpu', 0)), launch));
