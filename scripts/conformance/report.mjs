// The conformance report from what scripts/conformance/run.mjs collected: docs/conformance.json (built
// here), docs/CONFORMANCE.md (rendered from it) and the README block. Rules: docs/conformance-method.md.

const NAMESPACES = ['np', 'np.linalg', 'np.fft', 'np.random', 'ndarray'];
const NS_OF_MODULE = { numpy: 'np', 'numpy.linalg': 'np.linalg', 'numpy.fft': 'np.fft', 'numpy.random': 'np.random', 'numpy.ndarray': 'ndarray' };
const DTYPE_ORDER = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64',
  'float16', 'bfloat16', 'float32', 'float64', 'complex64', 'complex128'];
const DTYPE_SHORT = { bool: 'b', int8: 'i8', uint8: 'u8', int16: 'i16', uint16: 'u16', int32: 'i32', uint32: 'u32',
  int64: 'i64', uint64: 'u64', float16: 'f16', bfloat16: 'bf16', float32: 'f32', float64: 'f64', complex64: 'c64', complex128: 'c128' };
const byDtype = (a, b) => (DTYPE_ORDER.indexOf(a) + 1 || 99) - (DTYPE_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b);

/** 'np.linalg.norm' → ['np.linalg', 'norm']. */
function split(name) {
  const i = name.lastIndexOf('.');
  return [name.slice(0, i), name.slice(i + 1)];
}

export function buildReport({ numpy, attribution, records, outcome, omissions, exported, files, run }) {
  const warnings = [];
  const isExported = (name) => {
    const [ns, short] = split(name);
    return ns === 'ndarray' ? short in exported.ndarray : exported[ns].includes(short);
  };

  // A case passes when its test passed; requests made in hooks (no current test) go with their file.
  const unmatched = new Set();
  const passed = (r) => {
    const o = outcome.get(r.f);
    if (!o) return false;
    if (!r.t) return o.status === 'passed';
    const s = o.tests.get(r.t);
    if (s === undefined) unmatched.add(`${r.f} :: ${r.t}`);
    return s === 'passed';
  };

  const entries = new Map(numpy.api.map((a) => [a.name, {
    name: a.name, namespace: NS_OF_MODULE[a.module], kind: a.kind, ...(a.alias_of ? { alias_of: a.alias_of } : {}),
    implemented: isExported(a.name), counted: true,
    cases_run: 0, cases_passed: 0, direct_run: 0, direct_passed: 0, numpy_raised: 0, tests: new Set(), test_files: new Set(), dtypes: new Set(), failing_tests: new Set(),
  }]));

  // A case's direct function: of the names it credits, the one credited least often over the whole run
  // (ties: all of them). Input builders and result readers (np.ones, .reshape, .dtype) are credited by
  // many cases, the function under test by few, so this picks the latter (docs/conformance-method.md).
  const freq = new Map();
  for (const r of records) for (const n of attribution(r)) freq.set(n, (freq.get(n) ?? 0) + 1);
  const direct = (names) => {
    const m = Math.min(...names.map((n) => freq.get(n)));
    return new Set(names.filter((n) => freq.get(n) === m));
  };

  const nsCases = Object.fromEntries(NAMESPACES.map((n) => [n, { run: 0, passed: 0 }]));
  let casesPassed = 0;
  let attributed = 0;
  const perCase = [0, 0, 0, 0]; // cases naming 0, 1, 2, 3+ listed functions
  for (const r of records) {
    const ok = passed(r);
    if (ok) casesPassed++;
    const names = attribution(r);
    if (names.length) attributed++;
    perCase[Math.min(names.length, 3)]++;
    const test = `${r.f} :: ${r.t || '(hooks)'}`;
    const nss = new Set();
    const main = direct(names);
    for (const n of names) {
      const e = entries.get(n);
      if (!e) continue;
      if (e.implemented) nss.add(e.namespace);
      e.cases_run++;
      if (ok) e.cases_passed++;
      else e.failing_tests.add(test);
      if (main.has(n)) {
        e.direct_run++;
        if (ok) e.direct_passed++;
      }
      if (r.x) e.numpy_raised++;
      e.tests.add(test);
      e.test_files.add(r.f);
      for (const d of [...r.s, ...r.r]) e.dtypes.add(d);
    }
    for (const ns of nss) {
      nsCases[ns].run++;
      if (ok) nsCases[ns].passed++;
    }
  }
  if (unmatched.size) warnings.push(`${unmatched.size} tests in the oracle log are missing from vitest's results (counted as not passed): ${[...unmatched].slice(0, 5).join('; ')}`);
  for (const f of new Set(records.map((r) => r.f))) if (!outcome.has(f)) warnings.push(`${f} logged oracle requests but has no vitest result`);

  // Omissions and differences (hand-kept), checked against NumPy and the exports.
  const notCounted = new Set([...numpy.not_counted.classes, ...numpy.not_counted.constants, ...numpy.not_counted.submodules]);
  for (const [name, o] of Object.entries(omissions.omitted)) {
    const e = entries.get(name);
    if (!e) {
      warnings.push(`omission ${name} is not in NumPy ${numpy.numpy}'s list${notCounted.has(name) ? ' (a class or constant: not counted anyway)' : ''}`);
      continue;
    }
    e.omitted = o.reason;
    if (typeof o.deprecated === 'string') {
      const w = numpy.deprecated[name];
      if (w) {
        e.counted = false;
        e.numpy_deprecation = w;
      } else warnings.push(`${name} is listed as deprecated but NumPy ${numpy.numpy} gives no deprecation warning: counted`);
    }
    if (e.implemented) warnings.push(`${name} is listed as omitted but quark exports it`);
  }
  for (const [name, text] of Object.entries(omissions.differences)) {
    if (name === 'general') continue;
    const e = entries.get(name);
    if (!e) warnings.push(`difference for ${name}: not in NumPy ${numpy.numpy}'s list`);
    else e.difference = text;
  }

  const functions = [...entries.values()].map((e) => ({
    ...e,
    tests: e.tests.size,
    test_files: [...e.test_files].sort(),
    dtypes: [...e.dtypes].sort(byDtype),
    failing_tests: [...e.failing_tests].sort(),
  }));

  const quarkOnly = {};
  for (const ns of NAMESPACES) {
    const have = new Set(functions.filter((f) => f.namespace === ns).map((f) => split(f.name)[1]));
    const mine = ns === 'ndarray' ? Object.keys(exported.ndarray) : exported[ns];
    quarkOnly[ns] = mine.filter((k) => !have.has(k)).sort().map((k) => {
      const q = `${ns}.${k}`;
      const numpyKind = numpy.not_counted.classes.includes(q) ? 'class' : numpy.not_counted.constants.includes(q) ? 'constant'
        : numpy.not_counted.submodules.includes(q) ? 'submodule' : undefined;
      return numpyKind ? { name: k, numpy_kind: numpyKind } : { name: k };
    });
  }

  const counted = functions.filter((f) => f.counted);
  const namespaces = Object.fromEntries(NAMESPACES.map((ns) => {
    const c = counted.filter((f) => f.namespace === ns);
    return [ns, {
      total: c.length, implemented: c.filter((f) => f.implemented).length,
      with_cases: c.filter((f) => f.implemented && f.cases_run > 0).length,
      cases_run: nsCases[ns].run, cases_passed: nsCases[ns].passed,
    }];
  }));

  const testFiles = files.map((f) => {
    const o = outcome.get(f);
    const st = o ? [...o.tests.values()] : [];
    const notRun = o ? [...o.tests].filter(([, s]) => s !== 'passed' && s !== 'failed').map(([n, s]) => `${s}: ${n}`) : [];
    return { file: f, status: o?.status ?? 'missing', tests: st.length, passed: st.filter((s) => s === 'passed').length,
      failed: st.filter((s) => s === 'failed').length, not_run: notRun, cases: records.filter((r) => r.f === f).length };
  });
  const allTests = testFiles.reduce((a, t) => ({ run: a.run + t.passed + t.failed, passed: a.passed + t.passed }), { run: 0, passed: 0 });

  return {
    $comment: 'Generated by `npm run conformance` (scripts/conformance/run.mjs); do not edit. Method: docs/conformance-method.md.',
    run: { ...run, numpy: numpy.numpy },
    totals: {
      implemented: counted.filter((f) => f.implemented).length,
      total: counted.length,
      deprecated_not_counted: functions.length - counted.length,
      implemented_with_cases: counted.filter((f) => f.implemented && f.cases_run > 0).length,
      cases_run: records.length,
      cases_passed: casesPassed,
      cases_attributed: attributed,
      cases_by_names_credited: { 0: perCase[0], 1: perCase[1], 2: perCase[2], '3+': perCase[3] },
      tests_run: allTests.run,
      tests_passed: allTests.passed,
      test_files: files.length,
    },
    namespaces,
    general_differences: omissions.differences.general ? [omissions.differences.general] : [],
    functions,
    quark_only: quarkOnly,
    not_counted: numpy.not_counted,
    submodules_not_covered: omissions.submodules,
    test_files: testFiles,
    warnings,
  };
}

// ---- Markdown ----

const fmt = (n) => n.toLocaleString('en-US');
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '–');
const code = (s) => `\`${s}\``;
const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function status(f) {
  if (!f.counted) return 'deprecated';
  if (f.implemented) return '✓';
  return f.omitted ? 'omitted' : '–';
}

function notes(f) {
  const n = [];
  if (f.numpy_deprecation) n.push(`not counted: NumPy warns (${f.numpy_deprecation.split(':')[0]}); ${f.omitted}`);
  else if (f.omitted) n.push(`omitted: ${f.omitted}`);
  if (f.alias_of) n.push(`NumPy alias of ${code(f.alias_of)} (cases are credited to the name an expression uses)`);
  if (f.difference) n.push(`differs: ${f.difference}`);
  if (!f.implemented && f.cases_run) n.push('cases come from other functions\' tests (NumPy used to build or check their inputs)');
  if (f.failing_tests.length) n.push(`${f.failing_tests.length} failing test${f.failing_tests.length > 1 ? 's' : ''}`);
  return n.join('; ');
}

export function renderMarkdown(r) {
  const t = r.totals;
  const L = [];
  L.push('# NumPy conformance', '');
  L.push('<!-- Generated by `npm run conformance` (scripts/conformance/run.mjs) from the NumPy-oracle test suites; do not edit. -->', '');
  if (r.run.partial) L.push('**Partial run** (only some test files): not the published report.', '');
  L.push(`**${fmt(t.implemented)} / ${fmt(t.total)}** of NumPy ${r.run.numpy}'s functions and ndarray methods implemented ` +
    `(${pct(t.implemented, t.total)}; ${t.deprecated_not_counted} names NumPy deprecates are not counted) · ` +
    `**${fmt(t.cases_passed)} / ${fmt(t.cases_run)}** NumPy-oracle cases passing, in ${fmt(t.tests_passed)} / ${fmt(t.tests_run)} ` +
    `passing tests of ${t.test_files} test file${t.test_files === 1 ? '' : 's'} · ${t.implemented_with_cases} implemented functions have oracle cases.`, '');
  L.push(`Generated ${r.run.generated.slice(0, 16).replace('T', ' ')} UTC from quark ${r.run.commit}${r.run.dirty ? ' (with uncommitted changes)' : ''}, ` +
    `NumPy ${r.run.numpy}, Node ${r.run.node}, ${r.run.cores} cores: setup/build ${r.run.setup_seconds} s, test suites ${r.run.vitest_seconds} s, ` +
    `report ${r.run.report_seconds} s. How it is made and what the numbers mean: [conformance-method.md](conformance-method.md). ` +
    'Machine-readable twin: [conformance.json](conformance.json).', '');
  L.push('The list of functions is NumPy\'s own, read at run time: every public callable of `numpy`, `numpy.linalg`, ' +
    '`numpy.fft` and `numpy.random` that is not a class or module (ufuncs included), and every public name of ' +
    '`numpy.ndarray` (methods and attributes). A case is one oracle request (one NumPy evaluation compared with quark); ' +
    'it passes when its test passed, and counts for every NumPy function its Python expression names.', '');

  const bn = t.cases_by_names_credited;
  L.push(`Attribution: ${fmt(bn[1])} cases name one listed function, ${fmt(bn[2])} two, ${fmt(bn['3+'])} three or more ` +
    `(each is credited to all of them), ${fmt(bn[0])} none (operators, Python builtins, harness checks).`, '');
  L.push('| namespace | implemented | implemented, with oracle cases | oracle cases passed / run (naming an implemented function) |', '|---|---|---|---|');
  for (const [ns, s] of Object.entries(r.namespaces)) {
    L.push(`| [${code(ns)}](#${ns.replace(/\./g, '')}) | ${s.implemented} / ${s.total} | ${s.with_cases} | ${s.cases_run ? `${fmt(s.cases_passed)} / ${fmt(s.cases_run)}` : ''} |`);
  }
  L.push(`| all | ${t.implemented} / ${t.total} | ${t.implemented_with_cases} | ${fmt(t.cases_passed)} / ${fmt(t.cases_run)} |`, '');
  for (const g of r.general_differences) L.push(`Known difference everywhere: ${g}`, '');
  if (r.warnings.length) {
    L.push('**Warnings from this run:**', '');
    for (const w of r.warnings) L.push(`- ${cell(w)}`);
    L.push('');
  }

  L.push('Columns: **quark** ✓ exported, – not yet, *omitted* on purpose (reason in notes; still counted), *deprecated* ' +
    '(NumPy warns; not counted). **all cases**: oracle cases passed / run whose expression names the function; **direct ' +
    'cases**: those of them where it is the least-credited name of the expression (the function under test, not an input ' +
    'builder or result reader such as `np.ones` or `.dtype`; see the method); **raised** cases where NumPy raised (error paths ' +
    'checked); **tests** distinct tests; **dtypes** of the arrays sent to and received from NumPy (b bool, i/u int, ' +
    'f float, bf16 bfloat16, c complex).', '');
  for (const ns of Object.keys(r.namespaces)) {
    L.push(`## ${ns}`, '');
    L.push('| name | kind | quark | direct cases | all cases | raised | tests | dtypes | notes |', '|---|---|---|---|---|---|---|---|---|');
    for (const f of r.functions.filter((x) => x.namespace === ns)) {
      const pr = (p, n) => (n ? `${fmt(p)} / ${fmt(n)}` : '');
      L.push(`| ${code(f.name)} | ${f.kind} | ${status(f)} | ${pr(f.direct_passed, f.direct_run)} | ${pr(f.cases_passed, f.cases_run)} | ` +
        `${f.numpy_raised || ''} | ${f.tests || ''} | ${f.dtypes.map((d) => DTYPE_SHORT[d] ?? d).join(' ')} | ${cell(notes(f))} |`);
    }
    L.push('');
  }

  L.push('## quark-only exports', '', 'Exported functions and NDArray members with no NumPy counterpart of the same name in the ' +
    'lists above (quark extensions, JS forms of Python protocols, or NumPy classes/constants, which the lists leave out).', '');
  for (const [ns, names] of Object.entries(r.quark_only)) {
    if (!names.length) continue;
    L.push(`- ${code(ns)}: ${names.map((n) => code(n.name) + (n.numpy_kind ? ` (NumPy ${n.numpy_kind})` : '')).join(', ')}`);
  }
  L.push('', '## NumPy submodules not covered', '');
  for (const [m, why] of Object.entries(r.submodules_not_covered)) L.push(`- ${code(m)}: ${why}`);
  L.push('', '## Test files', '', '| file | tests passed / run | oracle cases |', '|---|---|---|');
  for (const f of r.test_files) L.push(`| ${code(f.file)} | ${f.passed} / ${f.passed + f.failed}${f.status === 'missing' ? ' (no result)' : ''} | ${fmt(f.cases)} |`);
  const notRun = r.test_files.flatMap((f) => f.not_run.map((n) => `${code(f.file)} ${cell(n)}`));
  if (notRun.length) {
    L.push('', '## Tests not run', '', 'Skipped tests and `it.todo` entries (known gaps) of these files.', '');
    for (const n of notRun) L.push(`- ${n}`);
  }
  const failing = r.functions.filter((f) => f.failing_tests.length);
  if (failing.length) {
    L.push('', '## Failing tests', '', 'Tests that failed in this run, with the NumPy functions their oracle cases name.', '');
    const byTest = new Map();
    for (const f of failing) for (const t of f.failing_tests) byTest.set(t, [...(byTest.get(t) ?? []), f.name]);
    for (const [t, names] of [...byTest].sort()) L.push(`- ${cell(t)}: ${names.map(code).join(', ')}`);
  }
  L.push('');
  return L.join('\n');
}

// ---- README block ----

const BEGIN = '<!-- conformance:begin (generated by npm run conformance) -->';
const END = '<!-- conformance:end -->';

export function updateReadme(text, r) {
  const t = r.totals;
  const block = [BEGIN, '## NumPy conformance', '',
    `**${fmt(t.implemented)} / ${fmt(t.total)}** of NumPy ${r.run.numpy}'s functions and ndarray methods implemented ` +
    `(\`np\`, \`np.linalg\`, \`np.fft\`, \`np.random\`, \`ndarray\`) · **${fmt(t.cases_passed)} / ${fmt(t.cases_run)}** ` +
    `NumPy-oracle cases passing (${r.run.generated.slice(0, 10)}, quark ${r.run.commit}). Per function: ` +
    '[docs/CONFORMANCE.md](docs/CONFORMANCE.md) (cases, dtypes, known differences); `npm run conformance` ' +
    'regenerates it ([how](docs/conformance-method.md)).', END].join('\n');
  const i = text.indexOf(BEGIN.slice(0, 22));
  const j = text.indexOf(END);
  if (i >= 0 && j > i) return text.slice(0, i) + block + text.slice(j + END.length);
  const k = text.indexOf('\n## Benchmarks');
  return k >= 0 ? `${text.slice(0, k + 1)}${block}\n${text.slice(k)}` : `${text.trimEnd()}\n\n${block}\n`;
}
