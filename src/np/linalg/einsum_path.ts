// np.einsum's subscript parsing and contraction order. The order is NumPy's greedy one
// (numpy/_core/einsumfunc.py _greedy_path, after opt_einsum): at each step contract the pair that
// removes the most elements (then the fewest flops), within NumPy's memory limit (the largest
// input or output); pairs sharing an index first, outer products only when none does.

/** A parsed einsum: each operand's labels (one per axis), the output labels, every label's size. */
export interface EinsumSpec {
  readonly inputs: string[][];
  readonly output: string[];
  readonly sizes: Map<string, number>;
  /** The subscripts as NumPy prints them (ellipses expanded to letters in the report). */
  readonly text: string;
}

const isLetter = (c: string): boolean => /^[a-zA-Z]$/.test(c);

/** Splits one operand's subscripts into labels, '...' kept as one token. */
function tokens(s: string, who: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s.startsWith('...', i)) {
      if (out.includes('...')) throw new RangeError(`${who}: einstein sum subscripts string contains too many ellipses`);
      out.push('...');
      i += 2;
    } else if (isLetter(s[i]!)) out.push(s[i]!);
    else throw new RangeError(`${who}: invalid subscript '${s[i]}' in einstein sum subscripts string, subscripts must be letters`);
  }
  return out;
}

/** Parses `subscripts` for operands of `shapes` (NumPy's rules, including '...' and implicit output). */
export function parseEinsum(subscripts: string, shapes: readonly (readonly number[])[], who = 'einsum'): EinsumSpec {
  const s = subscripts.replace(/\s+/g, '');
  const arrow = s.indexOf('->');
  const lhs = arrow >= 0 ? s.slice(0, arrow) : s;
  const rhs = arrow >= 0 ? s.slice(arrow + 2) : undefined;
  if (rhs !== undefined && (rhs.includes('->') || rhs.includes(','))) throw new RangeError(`${who}: einstein sum subscript string does not contain proper '->' output specified`);
  const terms = lhs.split(',');
  if (terms.length < shapes.length) throw new RangeError(`${who}: more operands provided to einstein sum function than specified in the subscripts string`);
  if (terms.length > shapes.length) throw new RangeError(`${who}: fewer operands provided to einstein sum function than specified in the subscripts string`);
  const toks = terms.map((t) => tokens(t, who));
  // Broadcast (ellipsis) dims: right-aligned across operands, labelled '#0' … '#E-1'.
  let E = 0;
  toks.forEach((t, i) => {
    const named = t.filter((x) => x !== '...').length;
    const nd = shapes[i]!.length;
    if (t.includes('...')) {
      if (named > nd) throw new RangeError(`${who}: einstein sum subscripts string contains too many subscripts for operand ${i}`);
      E = Math.max(E, nd - named);
    } else if (named > nd) throw new RangeError(`${who}: einstein sum subscripts string contains too many subscripts for operand ${i}`);
    else if (named < nd) throw new RangeError(`${who}: operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.`);
  });
  const ell = (e: number): string[] => [...Array(e).keys()].map((j) => `#${E - e + j}`);
  const inputs = toks.map((t, i) => t.flatMap((x) => (x === '...' ? ell(shapes[i]!.length - (t.length - 1)) : [x])));
  const sizes = new Map<string, number>();
  inputs.forEach((labels, i) => labels.forEach((l, d) => {
    const n = shapes[i]![d]!;
    const prev = sizes.get(l);
    if (prev === undefined || prev === 1) sizes.set(l, n);
    else if (n !== 1 && n !== prev) {
      const name = l.startsWith('#') ? 'a broadcast (...) dimension' : `'${l}'`;
      throw new RangeError(`${who}: operands could not be broadcast together: size ${n} of ${name} in operand ${i} differs from ${prev}`);
    }
  }));
  let output: string[];
  if (rhs === undefined) {
    const counts = new Map<string, number>();
    for (const t of toks) for (const x of t) if (x !== '...') counts.set(x, (counts.get(x) ?? 0) + 1);
    // Implicit output: the broadcast dims, then labels seen once, in code-point order (NumPy's).
    output = [...ell(E), ...[...counts].filter(([, c]) => c === 1).map(([x]) => x).sort()];
  } else {
    const ot = tokens(rhs, who);
    for (const [i, x] of ot.entries()) {
      if (x !== '...' && ot.indexOf(x) !== i) throw new RangeError(`${who}: einstein sum subscripts string includes output subscript '${x}' multiple times`);
      if (x !== '...' && !sizes.has(x)) throw new RangeError(`${who}: einstein sum subscripts string included output subscript '${x}' which never appeared in an input`);
    }
    output = ot.flatMap((x) => (x === '...' ? ell(E) : [x]));
  }
  const text = `${toks.map((t) => t.join('')).join(',')}->${rhs ?? output.filter((x) => !x.startsWith('#')).join('')}`;
  return { inputs, output, sizes, text };
}

const sizeOfLabels = (labels: Iterable<string>, sizes: Map<string, number>): number => {
  let n = 1;
  for (const l of labels) n *= sizes.get(l)!;
  return n;
};

/** NumPy's _flop_count. */
function flopCount(contract: Set<string>, inner: boolean, terms: number, sizes: Map<string, number>): number {
  let f = Math.max(1, terms - 1);
  if (inner) f += 1;
  return sizeOfLabels(contract, sizes) * f;
}

/** NumPy's _find_contraction: the labels of the result of contracting `positions`. */
function findContraction(positions: readonly number[], sets: readonly Set<string>[], out: Set<string>) {
  const contract = new Set<string>();
  const remain = new Set(out);
  const rest: Set<string>[] = [];
  sets.forEach((v, i) => {
    if (positions.includes(i)) for (const x of v) contract.add(x);
    else {
      rest.push(v);
      for (const x of v) remain.add(x);
    }
  });
  const result = new Set([...contract].filter((x) => remain.has(x)));
  const removed = new Set([...contract].filter((x) => !result.has(x)));
  return { result, rest: [...rest, result], removed, contract };
}

export type EinsumPath = number[][];

/** The greedy contraction path (pairs of positions; contracted operands leave, the result goes last). */
export function greedyPath(spec: EinsumSpec): EinsumPath {
  let sets = spec.inputs.map((l) => new Set(l));
  const out = new Set(spec.output);
  const n = sets.length;
  if (n === 1) return [[0]];
  if (n === 2) return [[0, 1]];
  const all = new Set(spec.inputs.flat());
  if ([...all].every((x) => out.has(x)) && all.size === out.size) return [[...Array(n).keys()]];
  const sizeList = [...spec.inputs, spec.output].map((l) => sizeOfLabels(l, spec.sizes));
  const memoryLimit = Math.max(...sizeList);
  const whole = findContraction([...Array(n).keys()], sets, out);
  const naiveCost = flopCount(whole.contract, whole.removed.size > 0, n, spec.sizes);
  const path: EinsumPath = [];
  let pathCost = 0;
  const consider = (i: number, j: number) => {
    const c = findContraction([i, j], sets, out);
    const newSize = sizeOfLabels(c.result, spec.sizes);
    if (newSize > memoryLimit) return undefined;
    const removed = sizeOfLabels(sets[i]!, spec.sizes) + sizeOfLabels(sets[j]!, spec.sizes) - newSize;
    const cost = flopCount(c.contract, c.removed.size > 0, 2, spec.sizes);
    if (pathCost + cost > naiveCost) return undefined;
    return { key: [-removed, cost] as const, pos: [i, j], sets: c.rest };
  };
  while (sets.length > 1) {
    type Cand = NonNullable<ReturnType<typeof consider>>;
    let cands: Cand[] = [];
    for (let i = 0; i < sets.length; i++) {
      for (let j = i + 1; j < sets.length; j++) {
        if ([...sets[i]!].some((x) => sets[j]!.has(x))) {
          const c = consider(i, j);
          if (c) cands.push(c);
        }
      }
    }
    if (!cands.length) {
      for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) {
        const c = consider(i, j);
        if (c) cands.push(c);
      }
    }
    if (!cands.length) {
      path.push([...Array(sets.length).keys()]);
      break;
    }
    cands = cands.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1]);
    const best = cands[0]!;
    path.push(best.pos);
    pathCost += best.key[1];
    sets = best.sets;
  }
  return path;
}

/** NumPy's einsum_path report text (the same fields; spacing approximate). */
export function pathReport(spec: EinsumSpec, path: EinsumPath): string {
  const letters = (ls: readonly string[]) => ls.join('');
  const all = new Set(spec.inputs.flat());
  const out = new Set(spec.output);
  const whole = findContraction([...Array(spec.inputs.length).keys()], spec.inputs.map((l) => new Set(l)), out);
  const inner = spec.inputs.reduce((n, l) => n + new Set(l).size, 0) - all.size > 0;
  const naive = flopCount(whole.contract, inner, spec.inputs.length, spec.sizes);
  let inputs = spec.inputs.map((l) => [...l]);
  let opt = 0, largest = 0, scaling = 0;
  const rows: string[] = [];
  for (const step of path) {
    const sets = inputs.map((l) => new Set(l));
    const c = findContraction(step, sets, out);
    const cost = flopCount(c.contract, c.removed.size > 0, step.length, spec.sizes);
    opt += cost;
    scaling = Math.max(scaling, c.contract.size);
    const used = step.map((i) => inputs[i]!);
    inputs = inputs.filter((_, i) => !step.includes(i));
    const last = inputs.length === 0;
    // NumPy lists an intermediate's labels by (size, label).
    const res = last ? [...spec.output] : [...c.result].sort((a, b) => spec.sizes.get(a)! - spec.sizes.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
    largest = Math.max(largest, sizeOfLabels(res, spec.sizes));
    inputs.push(res);
    const cur = `${used.map(letters).join(',')}->${letters(res)}`;
    const rem = `${inputs.map(letters).join(',')}->${letters(spec.output)}`;
    rows.push(`${String(c.contract.size).padStart(4)}${cur.padStart(24)}${rem.padStart(41)}`);
  }
  const exp = (x: number) => x.toExponential(3).replace(/e([+-])(\d)$/, 'e$10$2');
  return [
    `  Complete contraction:  ${spec.text}`,
    `         Naive scaling:  ${all.size}`,
    `     Optimized scaling:  ${scaling}`,
    `      Naive FLOP count:  ${exp(naive)}`,
    `  Optimized FLOP count:  ${exp(opt + 1)}`,
    `   Theoretical speedup:  ${(naive / (opt + 1)).toFixed(3)}`,
    `  Largest intermediate:  ${exp(largest)} elements`,
    '-'.repeat(74),
    `scaling                  current                                remaining`,
    '-'.repeat(74),
    ...rows,
  ].join('\n');
}
