// The NumPy index grammar as a string: 'i, a:b:c, None, ..., [0, 2], True', comma-separated.
// Malformed strings are rejected with the offending part named, never guessed at.
import { Slice } from './slice.js';

export type IndexList = number | boolean | IndexList[];

export type ParsedPart =
  | { kind: 'int'; value: number }
  | { kind: 'slice'; slice: Slice }
  | { kind: 'new' }
  | { kind: 'ellipsis' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'list'; value: IndexList[] };

const INT = /^[+-]?\d+$/;

function fail(src: string, msg: string): never {
  throw new SyntaxError(`index '${src}': ${msg}`);
}

function parseInt(text: string, src: string, what: string): number {
  const t = text.trim();
  if (!INT.test(t)) {
    if (/^[+-]?(\d+\.\d*|\.\d+|\d+e[+-]?\d+|inf|nan)$/i.test(t)) {
      fail(src, `${what} '${t}' is not an integer (only integers, slices (\`:\`), ellipsis (\`...\`), numpy.newaxis (\`None\`) and integer or boolean arrays are valid indices)`);
    }
    fail(src, `cannot parse ${what} '${t}'`);
  }
  const v = Number(t);
  if (!Number.isSafeInteger(v)) fail(src, `${what} '${t}' is too large`);
  return v;
}

/** Splits on commas outside brackets. */
function splitTop(s: string, src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '[') depth++;
    else if (ch === ']') {
      depth--;
      if (depth < 0) fail(src, "unbalanced ']'");
    }
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (depth !== 0) fail(src, "unbalanced '['");
  out.push(cur);
  return out;
}

function parseList(text: string, src: string): IndexList[] {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) fail(src, `cannot parse list '${t}'`);
  const inner = t.slice(1, -1).trim();
  if (inner === '') return [];
  const items = splitTop(inner, src);
  if (items.length > 1 && items[items.length - 1]!.trim() === '') items.pop(); // [0, 1,]
  return items.map((it): IndexList => {
    const x = it.trim();
    if (x.startsWith('[')) return parseList(x, src);
    if (x === 'True' || x === 'False') return x === 'True';
    if (x.includes(':')) fail(src, `a slice '${x}' cannot be inside a list`);
    if (x === '') fail(src, 'empty list element');
    return parseInt(x, src, 'list element');
  });
}

function parseOne(text: string, src: string): ParsedPart {
  const t = text.trim();
  if (t === '...' || t === 'Ellipsis') return { kind: 'ellipsis' };
  if (t === 'None' || t === 'newaxis' || t === 'np.newaxis') return { kind: 'new' };
  if (t === 'True' || t === 'False') return { kind: 'bool', value: t === 'True' };
  if (t.startsWith('[')) return { kind: 'list', value: parseList(t, src) };
  if (t.includes(':')) {
    const ps = t.split(':');
    if (ps.length > 3) fail(src, `slice '${t}' has more than three parts`);
    const [a, b, c] = ps.map((p, i) => (p.trim() === '' ? null : parseInt(p, src, ['slice start', 'slice stop', 'slice step'][i]!)));
    return { kind: 'slice', slice: new Slice(a ?? null, b ?? null, c ?? null) };
  }
  if (t === '') fail(src, 'empty index (two commas in a row?)');
  return { kind: 'int', value: parseInt(t, src, 'index') };
}

const cache = new Map<string, ParsedPart[]>();

/** Parses a NumPy index string. '()' is the empty tuple (the whole array, as a[()]). */
export function parseIndex(src: string): ParsedPart[] {
  const hit = cache.get(src);
  if (hit) return hit;
  const s = src.trim();
  if (s === '') fail(src, "empty index string (use '...' or '()' for the whole array)");
  let parts: ParsedPart[];
  if (s === '()') parts = [];
  else {
    const items = splitTop(s, src);
    // A trailing comma makes a tuple, as in Python (a[0,]); an empty item anywhere else is an error.
    if (items.length > 1 && items[items.length - 1]!.trim() === '') items.pop();
    parts = items.map((it) => parseOne(it, src));
  }
  if (cache.size > 256) cache.clear();
  cache.set(src, parts);
  return parts;
}
