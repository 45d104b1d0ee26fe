// np.matmul: NumPy's gufunc (n?,k),(k,m?)->(n?,m?) over broadcast batch dimensions.
import { castArray, castInto } from '../../core/apply.js';
import { type DTypeLike, canCast, toDType } from '../../core/dtype.js';
import { NDArray } from '../../core/ndarray.js';
import { type TensorMeta, defineOp } from '../../core/op.js';
import { applyOpaque } from '../../core/opaque.js';
import { broadcastShapes, fmtShapeC } from '../../core/shape.js';
import { transpose } from '../manip/views.js';
import { type ArrayLike, asArray, productDType } from './common.js';

const SIG = '(n?,k),(k,m?)->(n?,m?)';

/** The shape np.matmul gives for inputs of these shapes (raises NumPy's errors). */
export function matmulShape(a: readonly number[], b: readonly number[], who = 'matmul'): number[] {
  for (const [i, s] of [a, b].entries()) {
    if (s.length < 1) throw new RangeError(`${who}: Input operand ${i} does not have enough dimensions (has 0, gufunc core with signature ${SIG} requires 1)`);
  }
  const k = a[a.length - 1]!;
  const kb = b.length === 1 ? b[0]! : b[b.length - 2]!;
  if (k !== kb) throw new RangeError(`${who}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ${SIG} (size ${kb} is different from ${k})`);
  const ba = a.slice(0, -2), bb = b.slice(0, -2);
  let batch: number[];
  try {
    batch = broadcastShapes([ba, bb]);
  } catch {
    const remap = (s: readonly number[], bs: readonly number[]) => `${fmtShapeC(s)}->(${[...bs, 'newaxis', 'newaxis'].join(',')})`;
    throw new RangeError(`${who}: operands could not be broadcast together with remapped shapes [original->remapped]: ${remap(a, ba)} ${remap(b, bb)}`);
  }
  return [...batch, ...(a.length > 1 ? [a[a.length - 2]!] : []), ...(b.length > 1 ? [b[b.length - 1]!] : [])];
}

/** Inputs of one dtype, each at least 1-D; the output follows NumPy's 1-D promotion rules. */
export const matmulOp = defineOp({
  name: 'matmul',
  kind: 'opaque',
  acceptsComplex: true, // cblas_cgemm / cblas_zgemm (native/src/matmul.cc)
  nin: 2,
  infer: ([a, b]): TensorMeta[] => [{ shape: matmulShape(a!.shape, b!.shape), dtype: a!.dtype }],
  vjp: (grads, ctx) => matmulVjp(grads[0]!, ctx.inputs[0] as NDArray, ctx.inputs[1] as NDArray, ctx.needs),
  vjpSaves: { outputs: false },
});

/** The last two axes swapped (a recorded view). */
const mT = (x: NDArray): NDArray => transpose(x, [...Array(x.ndim - 2).keys(), x.ndim - 1, x.ndim - 2]);

/**
 * C = A·B ⇒ dA = dC·Bᵀ, dB = Aᵀ·dC (e.g. Giles, "An extended collection of matrix derivative
 * results", 2008, §2.2.2), with 1-D operands promoted as matmul does (a: a row (1, k), b: a column
 * (k, 1); the removed axis put back into dC), and the broadcast batch axes summed back by
 * autograd's sumTo (the products below have the broadcast batch shape).
 */
function matmulVjp(g: NDArray, a: NDArray, b: NDArray, needs: readonly boolean[]): (NDArray | null)[] {
  const A = a.ndim === 1 ? a.reshape([1, a.shape[0]!]) : a;
  const B = b.ndim === 1 ? b.reshape([b.shape[0]!, 1]) : b;
  const gShape = [...g.shape];
  if (a.ndim === 1) gShape.splice(gShape.length - (b.ndim === 1 ? 0 : 1), 0, 1);
  if (b.ndim === 1) gShape.push(1);
  const G = g.reshape(gShape);
  let da: NDArray | null = null, db: NDArray | null = null;
  if (needs[0]) {
    da = matmul(G, mT(B));
    if (a.ndim === 1) da = da.reshape([...da.shape.slice(0, -2), da.shape[da.ndim - 1]!]);
  }
  if (needs[1]) {
    db = matmul(mT(A), G);
    if (b.ndim === 1) db = db.reshape(db.shape.slice(0, -1));
  }
  return [da, db];
}

export interface MatmulOptions {
  /** Where to write the result (its shape must be the result's; cast with casting 'same_kind'). */
  out?: NDArray;
  /** The dtype to compute in (inputs are cast to it). */
  dtype?: DTypeLike;
}

/** Whether oneDNN ran bfloat16 products here (CPUs without AVX-512 have no kernel: float32 then). */
let bf16Native = true;

/** The product in the inputs' common dtype (float16 computed in float32), as a new array. */
export function matmulRaw(a: NDArray, b: NDArray, dtype = productDType(a.dtype, b.dtype)): NDArray {
  const work = dtype === 'float16' || (dtype === 'bfloat16' && !bf16Native) ? 'float32' : dtype;
  const ac = a.dtype === work ? a : castArray(a, work);
  const bc = b.dtype === work ? b : castArray(b, work);
  try {
    let r: NDArray;
    try {
      r = applyOpaque(matmulOp, [ac, bc], {})[0]!;
    } catch (e) {
      if (work !== 'bfloat16' || !(e instanceof Error) || !e.message.includes('oneDNN has no kernel')) throw e;
      bf16Native = false;
      return matmulRaw(a, b, dtype);
    }
    if (work === dtype) return r;
    const c = castArray(r, dtype);
    r.dispose();
    return c;
  } finally {
    if (ac !== a) ac.dispose();
    if (bc !== b) bc.dispose();
  }
}

/**
 * np.matmul (the `@` operator): matrix products over the last two axes, broadcasting the leading
 * (batch) axes; a 1-D first operand is a row vector, a 1-D second one a column vector, and those
 * axes are removed from the result. Scalars are refused, as NumPy does.
 */
export function matmul(x1: ArrayLike, x2: ArrayLike, opts: MatmulOptions = {}): NDArray {
  const who = 'matmul';
  const a = asArray(x1, who), b = asArray(x2, who);
  try {
    const shape = matmulShape(a.shape, b.shape);
    const dt = opts.dtype === undefined ? productDType(a.dtype, b.dtype) : toDType(opts.dtype, who);
    const out = opts.out;
    if (out) {
      out._check(who);
      if (out.shape.length !== shape.length || out.shape.some((d, i) => d !== shape[i])) {
        throw new RangeError(`${who}: Output operand 0 has a mismatch in its core dimension 0, with gufunc signature ${SIG} (size ${out.shape[0]} is different from ${shape[0]})`);
      }
      if (!canCast(dt, out.dtype, 'same_kind')) {
        throw new TypeError(`${who}: Cannot cast ufunc 'matmul' output from dtype('${dt}') to dtype('${out.dtype}') with casting rule 'same_kind'`);
      }
    }
    const r = matmulRaw(a, b, dt);
    if (!out) return r;
    castInto(r, out);
    r.dispose();
    return out;
  } finally {
    if (!(x1 instanceof NDArray)) a.dispose();
    if (!(x2 instanceof NDArray)) b.dispose();
  }
}
