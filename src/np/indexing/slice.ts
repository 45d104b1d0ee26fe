// Python's slice object for the structured index form: np.s(start, stop, step), null for omitted.

/** A slice `start:stop:step` (null parts are omitted, as Python's None). */
export class Slice {
  constructor(
    readonly start: number | null,
    readonly stop: number | null,
    readonly step: number | null,
  ) {}

  toString(): string {
    const f = (v: number | null): string => (v === null ? '' : String(v));
    return `${f(this.start)}:${f(this.stop)}${this.step === null ? '' : `:${this.step}`}`;
  }
}

type Part = number | bigint | null | undefined;

function part(v: Part, what: string): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new TypeError(`s: slice indices must be integers or null, got ${what} ${String(v)}`);
  }
  return n;
}

/**
 * np.s(start, stop, step): a slice for the structured index form (`a.get(0, np.s(null, null, -1))`).
 * As Python's slice(): one argument is the stop (`np.s(3)` is `:3`); null or undefined omits a part.
 */
export function s(start?: Part, stop?: Part, step?: Part): Slice {
  if (arguments.length === 1) return new Slice(null, part(start, 'stop'), null);
  return new Slice(part(start, 'start'), part(stop, 'stop'), part(step, 'step'));
}

/** The resolved slice over a dimension of length n (Python's slice.indices): start, step, length. */
export function sliceIndices(sl: { start: number | null; stop: number | null; step: number | null }, n: number, who: string): [number, number, number] {
  const step = sl.step ?? 1;
  if (step === 0) throw new RangeError(`${who}: slice step cannot be zero`);
  const lower = step > 0 ? 0 : -1;
  const upper = step > 0 ? n : n - 1;
  const fix = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    if (v < 0) return Math.max(v + n, lower);
    return Math.min(v, upper);
  };
  const start = fix(sl.start, step > 0 ? lower : upper);
  const stop = fix(sl.stop, step > 0 ? upper : lower);
  const len = step > 0 ? (start < stop ? Math.ceil((stop - start) / step) : 0) : stop < start ? Math.ceil((start - stop) / -step) : 0;
  return [start, step, len];
}

/** np.newaxis: null, as NumPy's is None. */
export const newaxis = null;
