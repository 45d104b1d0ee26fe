import { backendOf, device } from '../../../core/device.js';
import type { Op } from '../../../core/op.js';
import { astypeOp } from '../../../np/math/astype.js';
import { viewGradKernel, viewGradOp } from '../../../np/view_grad.js';
import { registerCpuKernel } from '../backend.js';

registerCpuKernel(viewGradOp, (launch) => viewGradKernel(backendOf(device('cpu', 0)), astypeOp as Op<object>, launch));
