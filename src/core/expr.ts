// The scalar expression of an elementwise op: written once, rendered to C++, WGSL and CUDA by
// each backend's dialect table (src/backends/*/codegen.ts).

/** Scalar functions a dialect must render. Each backend's table is checked to cover all of them. */
export const SCALAR_FNS = ['add', 'sub', 'mul', 'div', 'neg', 'exp', 'maximum', 'minimum', 'identity'] as const;
export type ScalarFn = (typeof SCALAR_FNS)[number];

export type Expr =
  | { readonly k: 'arg'; readonly i: number }
  | { readonly k: 'const'; readonly v: number }
  | { readonly k: 'call'; readonly f: ScalarFn; readonly args: readonly Expr[] };

/** Builder handed to an op's `scalar` function: `(a, b) => a.add(b)`. */
export class X {
  constructor(readonly e: Expr) {}
  private call(f: ScalarFn, ...rest: (X | number)[]): X {
    return new X({ k: 'call', f, args: [this.e, ...rest.map(lift)] });
  }
  add(o: X | number): X { return this.call('add', o); }
  sub(o: X | number): X { return this.call('sub', o); }
  mul(o: X | number): X { return this.call('mul', o); }
  div(o: X | number): X { return this.call('div', o); }
  neg(): X { return this.call('neg'); }
  exp(): X { return this.call('exp'); }
  /** NaN-propagating maximum / minimum (NumPy's np.maximum / np.minimum). */
  maximum(o: X | number): X { return this.call('maximum', o); }
  minimum(o: X | number): X { return this.call('minimum', o); }
}

function lift(v: X | number): Expr {
  return typeof v === 'number' ? { k: 'const', v } : v.e;
}

/** Builds the expression tree of a scalar function with `n` inputs. */
export function traceScalar(fn: (...xs: X[]) => X, n: number): Expr {
  const args = Array.from({ length: n }, (_, i) => new X({ k: 'arg', i }));
  return fn(...args).e;
}

/** Renders an expression with a dialect: `fns` maps each scalar function to source text. */
export function renderExpr(
  e: Expr,
  arg: (i: number) => string,
  konst: (v: number) => string,
  fns: Record<ScalarFn, (...a: string[]) => string>,
): string {
  switch (e.k) {
    case 'arg': return arg(e.i);
    case 'const': return konst(e.v);
    case 'call': return fns[e.f](...e.args.map((x) => renderExpr(x, arg, konst, fns)));
  }
}
