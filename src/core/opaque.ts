// Opaque ops (sort, matmul, …) through the dispatch point: `infer` gives the outputs, the
// backend's registered kernel fills them.
import type { Device, TensorView } from '../backends/backend.js';
import { context } from './context.js';
import { backendOf, defaultDevice } from './device.js';
import { isComplex } from './dtype.js';
import { NDArray } from './ndarray.js';
import type { Op } from './op.js';

export function tensorView(a: NDArray): TensorView {
  return { handle: a._storage.handle, dtype: a.dtype, shape: a.shape, strides: a._strides, offset: a._offset };
}

/** `on`: the device of an op without inputs (random draws); else the default device. */
export function applyOpaque<A extends object>(op: Op<A>, inputs: readonly NDArray[], attrs: A, on?: Device): NDArray[] {
  const who = op.name;
  let device = inputs[0]?.device ?? on ?? defaultDevice();
  for (const x of inputs) {
    if (!(x instanceof NDArray)) throw new TypeError(`${who}: expected NDArray inputs`);
    x._check(who);
    if (x.device !== device) {
      throw new Error(`${who}: arrays are on different devices (${device.toString()} and ${x.device.toString()}); move one with to_device()`);
    }
    device = x.device;
  }
  if (!op.infer) throw new Error(`internal: opaque op ${who} has no infer`);
  const cplx = op.acceptsComplex ? undefined : inputs.find((x) => isComplex(x.dtype));
  if (cplx) throw new TypeError(`${who}: complex dtypes are not supported yet (got ${cplx.dtype})`);
  const metas = op.infer(inputs.map((x) => ({ shape: x.shape, dtype: x.dtype })), attrs);
  const backend = backendOf(device);
  if (!backend.opaque || !backend.supportsOpaque?.(op as Op<object>)) {
    throw new TypeError(`${who}: not supported on ${device.toString()} yet`);
  }
  const outputs = metas.map((m) => NDArray._empty(m.shape, m.dtype, device));
  try {
    backend.opaque({ op: op as Op<object>, inputs: inputs.map(tensorView), outputs: outputs.map(tensorView), attrs });
  } catch (e) {
    for (const o of outputs) o.dispose();
    throw e;
  }
  if (context.recorders.length) {
    for (const r of context.recorders) r.record({ op: op as Op<object>, inputs, attrs, outputs });
  }
  return outputs;
}
