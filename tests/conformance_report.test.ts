// docs/conformance.json (written by `npm run conformance`) must describe the API as exported now:
// every exported np / np.linalg / np.fft / np.random function and NDArray member is in the report
// (as an implemented NumPy name or as a quark-only export), and everything the report calls
// implemented is exported. Cheap: reads the report, runs no suite. When it fails, run
// `npm run conformance` and commit docs/CONFORMANCE.md, docs/conformance.json and README.md.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { quarkExports, type Namespace } from '../scripts/conformance/exports.mjs';
import { NDArray, np } from '../src/index.js';

interface ReportEntry { name: string; namespace: Namespace | 'ndarray'; implemented: boolean; counted: boolean }
interface Report {
  functions: ReportEntry[];
  quark_only: Record<Namespace | 'ndarray', { name: string }[]>;
  totals: { implemented: number; total: number; cases_run: number; cases_passed: number };
}

const report = JSON.parse(readFileSync(new URL('../docs/conformance.json', import.meta.url), 'utf8')) as Report;
const NAMESPACES = ['np', 'np.linalg', 'np.fft', 'np.random'] as const;
const STALE = 'docs/conformance.json is out of date with the exported API: run `npm run conformance`';

describe('the conformance report matches the exported API', () => {
  const now = quarkExports(np, NDArray);
  const exportedNow = (ns: Namespace | 'ndarray'): Set<string> => new Set(ns === 'ndarray' ? Object.keys(now.ndarray) : now[ns]);
  const inReport = (ns: Namespace | 'ndarray'): Set<string> => new Set([
    ...report.functions.filter((f) => f.namespace === ns && f.implemented).map((f) => f.name.slice(ns.length + 1)),
    ...report.quark_only[ns].map((q) => q.name),
  ]);

  it.each([...NAMESPACES, 'ndarray'] as const)('every %s export is in the report', (ns) => {
    const have = inReport(ns);
    expect([...exportedNow(ns)].filter((k) => !have.has(k)), STALE).toEqual([]);
  });

  it.each([...NAMESPACES, 'ndarray'] as const)('everything the report lists as implemented or quark-only in %s is exported', (ns) => {
    const have = exportedNow(ns);
    expect([...inReport(ns)].filter((k) => !have.has(k)), STALE).toEqual([]);
  });

  it('the totals agree with the rows', () => {
    const counted = report.functions.filter((f) => f.counted);
    expect(report.totals.total).toBe(counted.length);
    expect(report.totals.implemented).toBe(counted.filter((f) => f.implemented).length);
    expect(report.totals.cases_passed).toBeLessThanOrEqual(report.totals.cases_run);
  });
});
