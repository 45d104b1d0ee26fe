// NDArray methods of the reductions (NumPy's ndarray.sum, .mean, .argmax, …), attached like
// src/np/methods.ts does. NumPy 2 removed ndarray.ptp, so there is none.
import { NDArray } from '../../core/ndarray.js';
import { type ArgOptions, argmax, argmin } from './arg.js';
import type { Axis, AxisOrOptions } from './common.js';
import { type CumulativeOptions, cumprod, cumsum } from './cumulative.js';
import { all, any } from './logical.js';
import { max } from './max.js';
import { type MeanOptions, mean } from './mean.js';
import { min } from './min.js';
import { prod } from './prod.js';
import { sum } from './sum.js';
import { type VarOptions, std, variance_ } from './var.js';

declare module '../../core/ndarray.js' {
  interface NDArray {
    sum(axisOrOptions?: AxisOrOptions): NDArray;
    prod(axisOrOptions?: AxisOrOptions): NDArray;
    mean(axisOrOptions?: Axis | MeanOptions): NDArray;
    std(axisOrOptions?: Axis | VarOptions): NDArray;
    var(axisOrOptions?: Axis | VarOptions): NDArray;
    max(axisOrOptions?: AxisOrOptions): NDArray;
    min(axisOrOptions?: AxisOrOptions): NDArray;
    argmax(axisOrOptions?: number | null | ArgOptions): NDArray;
    argmin(axisOrOptions?: number | null | ArgOptions): NDArray;
    all(axisOrOptions?: AxisOrOptions): NDArray;
    any(axisOrOptions?: AxisOrOptions): NDArray;
    cumsum(axisOrOptions?: number | null | CumulativeOptions): NDArray;
    cumprod(axisOrOptions?: number | null | CumulativeOptions): NDArray;
  }
}

type P = NDArray;

Object.assign(NDArray.prototype, {
  sum(this: P, o?: AxisOrOptions) { return sum(this, o); },
  prod(this: P, o?: AxisOrOptions) { return prod(this, o); },
  mean(this: P, o?: Axis | MeanOptions) { return mean(this, o); },
  std(this: P, o?: Axis | VarOptions) { return std(this, o); },
  var(this: P, o?: Axis | VarOptions) { return variance_(this, o); },
  max(this: P, o?: AxisOrOptions) { return max(this, o); },
  min(this: P, o?: AxisOrOptions) { return min(this, o); },
  argmax(this: P, o?: number | null | ArgOptions) { return argmax(this, o); },
  argmin(this: P, o?: number | null | ArgOptions) { return argmin(this, o); },
  all(this: P, o?: AxisOrOptions) { return all(this, o); },
  any(this: P, o?: AxisOrOptions) { return any(this, o); },
  cumsum(this: P, o?: number | null | CumulativeOptions) { return cumsum(this, o); },
  cumprod(this: P, o?: number | null | CumulativeOptions) { return cumprod(this, o); },
});
