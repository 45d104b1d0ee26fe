import { dtypeCode } from '../../../core/dtype.js';
import type { Op } from '../../../core/op.js';
import { choleskyOp, detOp, eigOp, eighOp, lstsqOp, qrOp, solveOp, svdOp } from '../../../np/linalg/lapack_ops.js';
import { registerCpuKernel, runCommand } from '../backend.js';

// Each LAPACK op is one native command (native/src/linalg.cc) taking the inputs then the outputs,
// with the dtype code and the op's attributes as aux numbers.
function lapack<A extends object>(op: Op<A>, aux: (attrs: A) => number[]): void {
  registerCpuKernel(op as Op<object>, ({ inputs, outputs, attrs }) => {
    runCommand(op.name, [dtypeCode(inputs[0]!.dtype), ...aux(attrs as A)], [...inputs, ...outputs]);
  });
}

lapack(detOp, (a) => [a.mode]);
lapack(solveOp, () => []);
lapack(choleskyOp, (a) => [a.upper ? 1 : 0]);
lapack(qrOp, (a) => [a.mode]);
lapack(svdOp, (a) => [a.job]);
lapack(eighOp, (a) => [a.vectors ? 1 : 0, a.upper ? 1 : 0]);
lapack(lstsqOp, (a) => [a.rcond]);
lapack(eigOp, (a) => [a.vectors ? 1 : 0]);
