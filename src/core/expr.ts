// The scalar expression of an elementwise op: written once, rendered to C++, WGSL and CUDA by
// each backend's dialect table (src/backends/*/codegen.ts).
//
// An expression is generic over its loop: its nodes get their dtypes from the loop's input dtypes
// (`inferTypes`), constants take the dtype of the operand they meet, comparisons and predicates
// give bool. float16/bfloat16 nodes compute in float32 (as NumPy's half loops do); the loop rounds
// once, on store. A dialect renders an expression as SSA (`renderSSA`), one temporary per node, so
// a subexpression used twice is computed once.
import type { DType } from './dtype.js';

/** Scalar functions a dialect must render. Each backend's table is checked to cover all of them. */
export const SCALAR_FNS = [
  // arithmetic: operands of one dtype, the result in it
  'add', 'sub', 'mul', 'div', 'neg', 'identity', 'maximum', 'minimum', 'fmax', 'fmin',
  'floor_divide', 'remainder', 'fmod', 'power', 'abs', 'sign', 'reciprocal',
  'sqrt', 'cbrt', 'exp', 'exp2', 'expm1', 'log', 'log2', 'log10', 'log1p',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'hypot',
  'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'deg2rad', 'rad2deg',
  'floor', 'ceil', 'trunc', 'rint', 'copysign', 'nextafter', 'spacing',
  'gcd', 'lcm', 'bit_and', 'bit_or', 'bit_xor', 'bit_not', 'lshift', 'rshift',
  // comparisons (bool; int64 may meet uint64) and predicates (bool)
  'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'isnan', 'isinf', 'isfinite', 'signbit',
  // select(cond: bool, a, b); ldexp(x: float, e: any integer); frexp's parts (int32 exponent)
  'select', 'ldexp', 'frexp_mant', 'frexp_exp',
  // complex conjugate (the identity on real dtypes)
  'conj',
] as const;
export type ScalarFn = (typeof SCALAR_FNS)[number];

/** How a function types its operands and result (see inferTypes). */
type Typing = 'same' | 'cmp' | 'pred' | 'select' | 'ldexp' | 'int32' | 'abs';
const TYPING: Partial<Record<ScalarFn, Typing>> = {
  abs: 'abs', // |z| of a complex is real (complex64 → float32)
  eq: 'cmp', ne: 'cmp', lt: 'cmp', le: 'cmp', gt: 'cmp', ge: 'cmp',
  isnan: 'pred', isinf: 'pred', isfinite: 'pred', signbit: 'pred',
  select: 'select', ldexp: 'ldexp', frexp_exp: 'int32',
};
const typingOf = (f: ScalarFn): Typing => TYPING[f] ?? 'same';

export type Expr =
  | { readonly k: 'arg'; readonly i: number }
  | { readonly k: 'const'; readonly v: number }
  | { readonly k: 'call'; readonly f: ScalarFn; readonly args: readonly Expr[] }
  /** NumPy's conversion to `to` (to bool: x != 0, so NaN is true). */
  | { readonly k: 'cast'; readonly to: DType; readonly x: Expr };

/** Builder handed to an op's `scalar` function: `(a, b) => a.add(b)`. */
export class X {
  constructor(readonly e: Expr) {}
  private call(f: ScalarFn, ...rest: (X | number)[]): X {
    return new X({ k: 'call', f, args: [this.e, ...rest.map(lift)] });
  }
  add(o: X | number): X { return this.call('add', o); }
  sub(o: X | number): X { return this.call('sub', o); }
  mul(o: X | number): X { return this.call('mul', o); }
  /** True division (float loops only). */
  div(o: X | number): X { return this.call('div', o); }
  neg(): X { return this.call('neg'); }
  /** NaN-propagating maximum / minimum (NumPy's np.maximum / np.minimum). */
  maximum(o: X | number): X { return this.call('maximum', o); }
  minimum(o: X | number): X { return this.call('minimum', o); }
  /** NaN-ignoring maximum / minimum (np.fmax / np.fmin). */
  fmax(o: X | number): X { return this.call('fmax', o); }
  fmin(o: X | number): X { return this.call('fmin', o); }
  /** Python's floor division and modulo (integers: x // 0 = x % 0 = 0). */
  floor_divide(o: X | number): X { return this.call('floor_divide', o); }
  remainder(o: X | number): X { return this.call('remainder', o); }
  /** C's fmod / % (the sign of the dividend; integers: x % 0 = 0). */
  fmod(o: X | number): X { return this.call('fmod', o); }
  /** Integers: negative exponents raise (NumPy's ValueError). */
  power(o: X | number): X { return this.call('power', o); }
  abs(): X { return this.call('abs'); }
  sign(): X { return this.call('sign'); }
  /** 1 / x; integers as C's conversion of 1.0 / x. */
  reciprocal(): X { return this.call('reciprocal'); }
  sqrt(): X { return this.call('sqrt'); }
  cbrt(): X { return this.call('cbrt'); }
  exp(): X { return this.call('exp'); }
  exp2(): X { return this.call('exp2'); }
  expm1(): X { return this.call('expm1'); }
  log(): X { return this.call('log'); }
  log2(): X { return this.call('log2'); }
  log10(): X { return this.call('log10'); }
  log1p(): X { return this.call('log1p'); }
  sin(): X { return this.call('sin'); }
  cos(): X { return this.call('cos'); }
  tan(): X { return this.call('tan'); }
  asin(): X { return this.call('asin'); }
  acos(): X { return this.call('acos'); }
  atan(): X { return this.call('atan'); }
  atan2(o: X | number): X { return this.call('atan2', o); }
  hypot(o: X | number): X { return this.call('hypot', o); }
  sinh(): X { return this.call('sinh'); }
  cosh(): X { return this.call('cosh'); }
  tanh(): X { return this.call('tanh'); }
  asinh(): X { return this.call('asinh'); }
  acosh(): X { return this.call('acosh'); }
  atanh(): X { return this.call('atanh'); }
  deg2rad(): X { return this.call('deg2rad'); }
  rad2deg(): X { return this.call('rad2deg'); }
  /** Integers: the identity. */
  floor(): X { return this.call('floor'); }
  ceil(): X { return this.call('ceil'); }
  trunc(): X { return this.call('trunc'); }
  /** Round half to even. */
  rint(): X { return this.call('rint'); }
  copysign(o: X | number): X { return this.call('copysign', o); }
  nextafter(o: X | number): X { return this.call('nextafter', o); }
  spacing(): X { return this.call('spacing'); }
  gcd(o: X | number): X { return this.call('gcd', o); }
  lcm(o: X | number): X { return this.call('lcm', o); }
  /** Bitwise and/or/xor/not (bool: logical). */
  and(o: X | number): X { return this.call('bit_and', o); }
  or(o: X | number): X { return this.call('bit_or', o); }
  xor(o: X | number): X { return this.call('bit_xor', o); }
  not(): X { return this.call('bit_not'); }
  /** Shifts by the width of the type or more (or by a negative amount) give 0 (-1 for negative >>). */
  lshift(o: X | number): X { return this.call('lshift', o); }
  rshift(o: X | number): X { return this.call('rshift', o); }
  eq(o: X | number): X { return this.call('eq', o); }
  ne(o: X | number): X { return this.call('ne', o); }
  lt(o: X | number): X { return this.call('lt', o); }
  le(o: X | number): X { return this.call('le', o); }
  gt(o: X | number): X { return this.call('gt', o); }
  ge(o: X | number): X { return this.call('ge', o); }
  isnan(): X { return this.call('isnan'); }
  isinf(): X { return this.call('isinf'); }
  isfinite(): X { return this.call('isfinite'); }
  signbit(): X { return this.call('signbit'); }
  /** `this ? a : b`, this being bool. */
  select(a: X | number, b: X | number): X { return this.call('select', a, b); }
  ldexp(e: X | number): X { return this.call('ldexp', e); }
  frexp_mant(): X { return this.call('frexp_mant'); }
  frexp_exp(): X { return this.call('frexp_exp'); }
  /** Complex conjugate; the identity for real dtypes. */
  conj(): X { return this.call('conj'); }
  /** NumPy's conversion (to bool: truthiness). */
  cast(to: DType): X { return new X({ k: 'cast', to, x: this.e }); }
}

function lift(v: X | number): Expr {
  return typeof v === 'number' ? { k: 'const', v } : v.e;
}

/** Builds the expression trees (one per output) of a scalar function with `n` inputs. */
export function traceScalar(fn: (...xs: X[]) => X | readonly X[], n: number): Expr[] {
  const args = Array.from({ length: n }, (_, i) => new X({ k: 'arg', i }));
  const r = fn(...args);
  return (r instanceof X ? [r] : [...r]).map((x) => x.e);
}

// ---- typing -----------------------------------------------------------------------------------

const isInt64Pair = (a: DType, b: DType): boolean =>
  (a === 'int64' && b === 'uint64') || (a === 'uint64' && b === 'int64');

/**
 * The dtype of every node of `roots` for a loop with `inputs`. Constants take the dtype of the
 * operand they meet; an expression that mixes dtypes where its function wants one throws (the
 * op's scalar must cast explicitly).
 */
export function inferTypes(roots: readonly Expr[], inputs: readonly DType[]): Map<Expr, DType> {
  const types = new Map<Expr, DType>();
  const untyped = new Set<Expr>();

  // Gives an untyped (all-constant) subexpression the dtype its context wants.
  const assign = (e: Expr, t: DType): void => {
    if (!untyped.has(e)) return;
    untyped.delete(e);
    types.set(e, t);
    if (e.k === 'call') for (const a of e.args) assign(a, t);
  };
  // One dtype for operands that must agree; undefined when all of them are constants.
  const unify = (f: string, args: readonly Expr[], ts: readonly (DType | undefined)[], allowInt64Pair = false): DType | undefined => {
    const t = ts.find((x) => x !== undefined);
    if (t === undefined) return undefined;
    args.forEach((a, i) => {
      const ti = ts[i];
      if (ti === undefined) assign(a, t);
      else if (ti !== t && !(allowInt64Pair && isInt64Pair(t, ti))) {
        throw new Error(`scalar expression: ${f} of ${t} and ${ti} (cast one operand)`);
      }
    });
    return t;
  };

  const visit = (e: Expr): DType | undefined => {
    if (types.has(e)) return types.get(e);
    if (untyped.has(e)) return undefined;
    let t: DType | undefined;
    switch (e.k) {
      case 'arg': {
        t = inputs[e.i];
        if (t === undefined) throw new Error(`scalar expression: argument ${e.i} of a loop with ${inputs.length} inputs`);
        break;
      }
      case 'const': t = undefined; break;
      case 'cast': {
        const x = visit(e.x);
        if (x === undefined) assign(e.x, e.to);
        t = e.to;
        break;
      }
      case 'call': {
        const ts = e.args.map(visit);
        switch (typingOf(e.f)) {
          case 'same': t = unify(e.f, e.args, ts); break;
          case 'abs': {
            const u = unify(e.f, e.args, ts);
            t = u === 'complex64' ? 'float32' : u === 'complex128' ? 'float64' : u;
            break;
          }
          case 'cmp': {
            if (unify(e.f, e.args, ts, true) === undefined) throw new Error(`scalar expression: ${e.f} of two constants`);
            t = 'bool';
            break;
          }
          case 'pred': case 'int32': {
            if (ts[0] === undefined) throw new Error(`scalar expression: ${e.f} of a constant`);
            t = typingOf(e.f) === 'pred' ? 'bool' : 'int32';
            break;
          }
          case 'select': {
            if (ts[0] === undefined) assign(e.args[0]!, 'bool');
            else if (ts[0] !== 'bool') throw new Error(`scalar expression: select on ${ts[0]} (cast it to bool)`);
            t = unify(e.f, e.args.slice(1), ts.slice(1));
            break;
          }
          case 'ldexp': {
            if (ts[0] === undefined) throw new Error('scalar expression: ldexp of a constant');
            if (ts[1] === undefined) assign(e.args[1]!, 'int32');
            t = ts[0];
            break;
          }
        }
        break;
      }
    }
    if (t === undefined) untyped.add(e);
    else types.set(e, t);
    return t;
  };
  for (const r of roots) {
    if (visit(r) === undefined) throw new Error('scalar expression: an output is a constant; give it a dtype with cast()');
  }
  return types;
}

// ---- rendering ------------------------------------------------------------------------------

/** What a backend's dialect supplies to render an expression. */
export interface Dialect {
  arg(i: number, t: DType): string;
  konst(v: number, t: DType): string;
  cast(x: string, from: DType, to: DType): string;
  call(f: ScalarFn, args: readonly string[], argTypes: readonly DType[], result: DType): string;
  /** A statement binding an SSA temporary. */
  bind(name: string, t: DType, value: string): string;
}

export interface Rendered {
  /** Statements binding the temporaries, in dependency order. */
  readonly lines: string[];
  /** The value of each output and its dtype. */
  readonly results: string[];
  readonly types: DType[];
}

/** Renders the outputs of an expression for a loop with `inputs`, one temporary per computed node. */
export function renderSSA(roots: readonly Expr[], inputs: readonly DType[], d: Dialect, prefix = 't'): Rendered {
  const types = inferTypes(roots, inputs);
  const names = new Map<Expr, string>();
  const lines: string[] = [];
  const typeOf = (e: Expr): DType => types.get(e)!;
  const value = (e: Expr): string => {
    const seen = names.get(e);
    if (seen !== undefined) return seen;
    let v: string;
    switch (e.k) {
      case 'arg': v = d.arg(e.i, typeOf(e)); names.set(e, v); return v;
      case 'const': v = d.konst(e.v, typeOf(e)); names.set(e, v); return v;
      case 'cast': {
        const x = value(e.x);
        v = typeOf(e.x) === e.to ? x : d.cast(x, typeOf(e.x), e.to);
        break;
      }
      case 'call': {
        const args = e.args.map(value);
        v = d.call(e.f, args, e.args.map(typeOf), typeOf(e));
        break;
      }
    }
    const name = `${prefix}${lines.length}`;
    lines.push(d.bind(name, typeOf(e), v));
    names.set(e, name);
    return name;
  };
  const results = roots.map(value);
  return { lines, results, types: roots.map(typeOf) };
}
