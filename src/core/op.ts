// The one definition of an op. Public functions, eager kernels, tracing, gradients, export and the
// capability matrix all read this object; nothing about an op is kept in a side list.
import { DTYPES, type DType, canCastSafely, defaults, typeChar } from './dtype.js';
import { type Expr, type X, traceScalar } from './expr.js';
import type { NDArray, Scalar } from './ndarray.js';

export type OpKind = 'elementwise' | 'reduce' | 'movement' | 'opaque';

export interface TensorMeta {
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/** One typed loop of an elementwise op, as NumPy's `ufunc.types` entries ('ff->f'). */
export interface Loop {
  readonly sig: string;
  readonly inputs: readonly DType[];
  readonly outputs: readonly DType[];
}

export interface ReduceSpec {
  /** Folds one input element into the accumulator: `(acc, x) => acc.add(x)`. */
  combine(acc: X, x: X): X;
  /** The identity (NumPy's ufunc.identity); absent for max/min, which start from the first element. */
  readonly identity?: number;
  /** Sum-like folds of floats use pairwise summation, as NumPy's add.reduce does. */
  readonly pairwise?: boolean;
  /**
   * NaN inputs are skipped (the nan- reductions). With an identity the fold reads NaN as it
   * (np.nansum); without one a NaN accumulator also takes the next number (np.nanmax: fmax.reduce).
   */
  readonly skipNaN?: boolean;
}

/** An array's layout in its storage (strides and offset in elements). */
export interface ViewLayout {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;
}

export interface OpSpec<A extends object> {
  readonly name: string;
  readonly kind: OpKind;
  readonly nin: number;
  readonly nout?: number;
  /** Attribute defaults; also the set of attribute names the op accepts. */
  readonly attrs?: A;
  /** Elementwise: the typed loops, in NumPy's search order. */
  readonly loops?: readonly string[];
  /**
   * Elementwise: picks the loop for the given input dtypes (after weak scalars got theirs).
   * Defaults to NumPy's linear search for the first loop every input casts to safely.
   */
  resolve?(inputs: readonly DType[], attrs: A, op: Op<A>): Loop | undefined;
  /**
   * Elementwise: the inputs are read as truth values (NumPy's logical ufuncs): an input converts to
   * a bool loop whatever `casting` says.
   */
  readonly truthy?: boolean;
  /**
   * Elementwise comparisons: NumPy 2 compares a Python int with an integer array exactly, never
   * casting it (so no casting rule refuses it; np/ufunc.ts's comparison() handles out-of-range ones).
   */
  readonly comparesInts?: boolean;
  /** Elementwise: false where the loop's dtypes are exact (astype), exempt from the default-float rule. */
  readonly defaultFloat?: boolean;
  /** Elementwise: the math, once, as a scalar expression (one per output: `[q, r]` for two). */
  scalar?(...xs: X[]): X | readonly X[];
  /** Reductions: the fold, written once like `scalar`, and its identity. */
  readonly reduce?: ReduceSpec;
  /**
   * Movement ops: the result's layout from the input's (core/movement.ts applies it); null where
   * the input's strides can't express the result, which then views a C-contiguous copy.
   */
  view?(input: ViewLayout, attrs: A): ViewLayout | null;
  /** Non-elementwise: output metadata from input metadata only. */
  infer?(inputs: readonly TensorMeta[], attrs: A): TensorMeta[];
  /**
   * The gradient (vector-Jacobian product), written with public ops so that it runs on every backend,
   * under tracing, and is itself recorded for higher-order gradients (docs/autograd.md). Gets the
   * gradients of the outputs and returns one per input: `null` for none (zero; non-differentiable
   * inputs). Results may have the broadcast shape and any float dtype: autograd sums them to each
   * input's shape and casts them to its dtype. Absent: the op is not differentiable, and a backward
   * pass that reaches it raises.
   */
  vjp?(grads: readonly NDArray[], ctx: VjpContext<A>): readonly (NDArray | null)[];
  /**
   * The outputs carry no gradient whatever the inputs (stop_gradient, detach): autograd records
   * them as constants, without a node.
   */
  readonly stopsGradient?: boolean;
  /** What `vjp` reads, so the tape keeps nothing else alive: inputs, outputs (default both). */
  readonly vjpSaves?: { readonly inputs?: boolean; readonly outputs?: boolean };
  /** Opaque ops: whether the kernels take complex inputs (others raise a clear TypeError for them). */
  readonly acceptsComplex?: boolean;
}

/** What an op's vjp sees of its forward call. */
export interface VjpContext<A extends object> {
  /** The inputs (arrays as the tape saved them, JS scalars as given); empty where vjpSaves.inputs is false. */
  readonly inputs: readonly (NDArray | Scalar)[];
  /** The outputs as the tape saved them; empty where vjpSaves.outputs is false. */
  readonly outputs: readonly NDArray[];
  readonly attrs: A;
  /** Every input's shape and dtype (null for a JS scalar), always available. */
  readonly inputMeta: readonly (TensorMeta | null)[];
  /** Which inputs want a gradient (the others' entries are ignored: return null to skip the work). */
  readonly needs: readonly boolean[];
}

export interface Op<A extends object = object> extends OpSpec<A> {
  readonly nout: number;
  readonly attrs: A;
  readonly parsedLoops: readonly Loop[];
  /** The traced scalar expression (elementwise ops; for reductions, the combine of (acc, x)). */
  readonly expr?: Expr;
  /** Every output's expression (elementwise ops with nout > 1 have several; expr is the first). */
  readonly exprs?: readonly Expr[];
}

const CHAR_TO_DTYPE: Record<string, DType> = Object.fromEntries(DTYPES.map((d) => [typeChar(d), d]));

export function parseLoop(sig: string): Loop {
  const [ins, outs] = sig.split('->') as [string, string];
  const conv = (s: string) =>
    [...s].map((c) => {
      const d = CHAR_TO_DTYPE[c];
      if (!d) throw new Error(`bad loop signature '${sig}'`);
      return d;
    });
  return { sig, inputs: conv(ins), outputs: conv(outs) };
}

export function loopSig(inputs: readonly DType[], outputs: readonly DType[]): string {
  return `${inputs.map(typeChar).join('')}->${outputs.map(typeChar).join('')}`;
}

const registry = new Map<string, Op<object>>();

export function defineOp<A extends object = Record<string, never>>(spec: OpSpec<A>): Op<A> {
  if (registry.has(spec.name)) throw new Error(`op '${spec.name}' is defined twice`);
  if (spec.kind === 'elementwise' && (!spec.loops || !spec.scalar)) {
    throw new Error(`elementwise op '${spec.name}' needs loops and a scalar expression`);
  }
  if (spec.kind === 'movement' && !spec.view) throw new Error(`movement op '${spec.name}' needs a view`);
  if (spec.kind === 'reduce' && (!spec.loops || !spec.reduce)) {
    throw new Error(`reduce op '${spec.name}' needs loops and a reduce.combine expression`);
  }
  const nout = spec.nout ?? 1;
  const exprs = spec.scalar ? traceScalar(spec.scalar, spec.nin)
    : spec.reduce ? traceScalar((acc, x) => spec.reduce!.combine(acc!, x!), 2) : undefined;
  if (spec.kind === 'elementwise' && exprs!.length !== nout) {
    throw new Error(`elementwise op '${spec.name}': its scalar gives ${exprs!.length} outputs, nout is ${nout}`);
  }
  const parsedLoops = (spec.loops ?? []).map(parseLoop);
  for (const l of spec.kind === 'elementwise' ? parsedLoops : []) {
    if (l.inputs.length !== spec.nin || l.outputs.length !== nout) throw new Error(`op '${spec.name}': loop '${l.sig}' does not fit nin=${spec.nin}, nout=${nout}`);
  }
  const op: Op<A> = {
    ...spec,
    nout,
    attrs: spec.attrs ?? ({} as A),
    parsedLoops,
    expr: exprs?.[0],
    exprs,
  };
  registry.set(spec.name, op as Op<object>);
  return op;
}

export function allOps(): Op<object>[] {
  return [...registry.values()];
}

/** NumPy's legacy loop search: the first loop to which every input casts safely. */
export function linearSearch(loops: readonly Loop[], inputs: readonly DType[]): Loop | undefined {
  return loops.find((l) => l.inputs.every((d, i) => canCastSafely(inputs[i]!, d)));
}

/**
 * The default-float rule: where NumPy would make float64 out of inputs none of which is float64
 * (int32 → exp → float64, int / int), quark makes the default float dtype (float32 unless
 * `npx.set_np({ dtype: 'numpy' })`), as MXNet, PyTorch and JAX do.
 */
export function applyDefaultFloat(loop: Loop, inputs: readonly DType[], loops: readonly Loop[]): Loop {
  if (defaults.float === 'float64') return loop;
  if (!loop.outputs.includes('float64') || inputs.includes('float64')) return loop;
  const want = loopSig(
    loop.inputs.map((d) => (d === 'float64' ? defaults.float : d)),
    loop.outputs.map((d) => (d === 'float64' ? defaults.float : d)),
  );
  return loops.find((l) => l.sig === want) ?? loop;
}

/** NumPy refuses some ufuncs on bool inputs alone (-bool, +bool, sign, gcd, bool - bool) rather than searching on. */
export function refuseBool(inputs: readonly DType[], _attrs: object, op: Op<object>): Loop | undefined {
  return inputs.every((d) => d === 'bool') ? undefined : linearSearch(op.parsedLoops, inputs);
}

/** NumPy 2's logical ufuncs: inputs of one dtype take its loop; mixed dtypes meet in '??->?'. */
export function logicalResolve(inputs: readonly DType[], _attrs: object, op: Op<object>): Loop | undefined {
  const same = inputs.every((d) => d === inputs[0]);
  return op.parsedLoops.find((l) => (same ? l.inputs[0] === inputs[0] : l.inputs[0] === 'bool'));
}

export function resolveLoop<A extends object>(op: Op<A>, inputs: readonly DType[], attrs: A): Loop | undefined {
  const loop = op.resolve ? op.resolve(inputs, attrs, op) : linearSearch(op.parsedLoops, inputs);
  return loop && op.defaultFloat !== false ? applyDefaultFloat(loop, inputs, op.parsedLoops) : loop;
}

/**
 * NumPy's loop list for the type chars `types` with `pattern`'s `T` replaced by each ('TT->?' over
 * 'bhf' gives 'bb->?', 'hh->?', 'ff->?'); bfloat16 ('E') follows wherever float16 ('e') is.
 */
export function loopsOf(types: string, pattern: string): string[] {
  const withE = types.includes('e') && !types.includes('E') ? types.replace('e', 'eE') : types;
  return [...withE].map((c) => pattern.replace(/T/g, c));
}
/** NumPy's type chars, in its loop order: bool, the integers, the floats (bfloat16 after float16). */
export const BOOL = '?';
export const INTS = 'bBhHiIqQ';
export const FLOATS = 'eEfd';
/** complex64, complex128 (after the floats in NumPy's loop order). */
export const COMPLEX = 'FD';

export const floatLoops = ['ee->e', 'EE->E', 'ff->f', 'dd->d'];
export const floatLoops1 = ['e->e', 'E->E', 'f->f', 'd->d'];
/** Integer loops in NumPy's order ('bb->b' … 'QQ->Q'). */
export const intLoops = ['bb->b', 'BB->B', 'hh->h', 'HH->H', 'ii->i', 'II->I', 'qq->q', 'QQ->Q'];
export const intLoops1 = intLoops.map((s) => `${s[0]}->${s[0]}`);
