// The oracle's side of the conformance report (scripts/conformance.mjs, docs/conformance-method.md).
// With QUARK_CONFORMANCE_LOG=<dir> set, every oracle request appends one JSON line to
// <dir>/oracle-<pid>.jsonl: the test file and test that made it, the Python expression (the report
// parses it for the NumPy functions it calls; short string arguments too, for `getattr(np, op)`), the dtypes of the arrays sent and received, and the
// exception class when NumPy raised. Without the variable `conformanceLogger()` is undefined and the
// oracle does no extra work.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** What a request carries from `eval` (where the current test is known) to its response. */
export interface CaseContext { f: string; t: string | null; e: string; s: string[]; a?: Record<string, string> }

interface Logged { log?: CaseContext }

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Dtypes of the arrays in an argument or result (RawArray-like objects, nested in lists). */
function dtypesOf(v: unknown, into: Set<string>): void {
  if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return;
  if (Array.isArray(v)) {
    for (const x of v) dtypesOf(x, into);
    return;
  }
  const o = v as { dtype?: unknown; shape?: unknown; data?: unknown; items?: unknown };
  if (typeof o.dtype === 'string' && 'shape' in o && 'data' in o) into.add(o.dtype);
  else if (Array.isArray(o.items)) dtypesOf(o.items, into); // PyTuple
}

export interface ConformanceLogger {
  context(expr: string, args: Record<string, unknown> | undefined): CaseContext;
  record(pendings: readonly Logged[], results: readonly unknown[]): void;
}

export function conformanceLogger(): ConformanceLogger | undefined {
  const dir = process.env.QUARK_CONFORMANCE_LOG;
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `oracle-${process.pid}.jsonl`);
  let broken = false;
  return {
    context(expr, args) {
      // Read when the request is made: the response may arrive after the test moved on.
      const st = expect.getState();
      const sent = new Set<string>();
      // Short string arguments too: `getattr(np, op)` names its function through one.
      let strs: Record<string, string> | undefined;
      if (args) {
        for (const [k, v] of Object.entries(args)) {
          dtypesOf(v, sent);
          if (typeof v === 'string' && v.length <= 40) (strs ??= {})[k] = v;
        }
      }
      const ctx: CaseContext = { f: st.testPath ? relative(ROOT, st.testPath) : '', t: st.currentTestName ?? null, e: expr, s: [...sent] };
      if (strs) ctx.a = strs;
      return ctx;
    },
    record(pendings, results) {
      let out = '';
      pendings.forEach((p, i) => {
        if (!p.log) return;
        const r = results[i];
        const got = new Set<string>();
        let err: string | undefined;
        if (r !== null && typeof r === 'object' && !Array.isArray(r) && typeof (r as { error?: unknown }).error === 'string'
          && typeof (r as { message?: unknown }).message === 'string') err = (r as { error: string }).error;
        else dtypesOf(r, got);
        out += `${JSON.stringify({ ...p.log, r: [...got], ...(err ? { x: err } : {}) })}\n`;
      });
      // A log that cannot be written must not stall the oracle's responses: say so once, go on.
      if (out && !broken) {
        try {
          appendFileSync(file, out);
        } catch (e) {
          broken = true;
          process.stderr.write(`conformance log: cannot write ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
        }
      }
    },
  };
}
