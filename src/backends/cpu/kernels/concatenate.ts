import { backendOf, device } from '../../../core/device.js';
import { type RowCopy, concatenateKernel, concatenateOp } from '../../../np/manip/concatenate.js';
import { registerCpuKernel, runCommand } from '../backend.js';

// Contiguous same-dtype inputs: one memcpy per row of their slice (a single one along axis 0).
const rowCopy: RowCopy = (x, out, offset, rows, cols, rowStride) => runCommand('copy_rows', [], [
  { ...x, shape: [rows, cols], strides: [cols, 1] },
  { ...out, offset, shape: [rows, cols], strides: [rowStride, 1] },
]);

registerCpuKernel(concatenateOp, (launch) => concatenateKernel(backendOf(device('cpu', 0)), launch, rowCopy));
