// Statistics, the printed tables, the README section and the ratio chart.
import { Canvas } from './png.mjs';

export function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => {
    const i = (s.length - 1) * p;
    const lo = Math.floor(i), hi = Math.ceil(i);
    return s[lo] + (s[hi] - s[lo]) * (i - lo);
  };
  return { median: q(0.5), q1: q(0.25), q3: q(0.75), min: s[0], max: s[s.length - 1], n: s.length };
}

const sig3 = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toPrecision(2));

export function fmtTime(ms) {
  if (ms < 1e-3) return `${sig3(ms * 1e6)} ns`;
  if (ms < 1) return `${sig3(ms * 1e3)} µs`;
  if (ms < 1000) return `${sig3(ms)} ms`;
  return `${sig3(ms / 1000)} s`;
}

export function fmtRatio(r) {
  if (r === undefined || r === null || !Number.isFinite(r)) return '–';
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}×`;
}

/** Spread as ± half the interquartile range, in % of the median. */
export const spreadPct = (st) => (st.median > 0 ? (100 * (st.q3 - st.q1)) / 2 / st.median : 0);

export function metricValue(w, ms) {
  if (w.unit === 'GFLOP/s' || w.unit === 'GB/s') return w.work / (ms * 1e6);
  if (w.unit === 'µs') return ms * 1e3;
  return ms;
}

export function fmtMetric(w, ms) {
  const v = metricValue(w, ms);
  if (w.unit === 'ms') return fmtTime(ms);
  if (w.unit === 'µs') return `${sig3(v)} µs`;
  return `${sig3(v)} ${w.unit}`;
}

function cellText(w, r, { metric = false } = {}) {
  if (!r) return '';
  if (r.status === 'ok') {
    const t = `${fmtTime(r.stats.median)} ±${spreadPct(r.stats).toFixed(0)}%`;
    return metric && w.unit !== 'ms' && w.unit !== 'µs' ? `${t} (${fmtMetric(w, r.stats.median)})` : t;
  }
  if (r.status === 'slow') return `> ${fmtTime(r.firstCallMs)}`;
  if (r.status === 'error') return 'error';
  return 'n/a';
}

function pad(s, n, right = false) {
  const len = [...s].length;
  return len >= n ? s : right ? ' '.repeat(n - len) + s : s + ' '.repeat(n - len);
}

function textTable(header, rows) {
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...r[i]].length)));
  const line = (cells) => cells.map((c, i) => pad(c, widths[i], i > 0)).join(' │ ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line)].join('\n');
}

/** Reasons for the n/a / error cells, grouped: "impl: reason — workloads". */
export function reasons(result) {
  const byKey = new Map();
  for (const w of result.workloads) {
    for (const [impl, r] of Object.entries(w.results)) {
      if (r.status === 'ok') continue;
      const why = r.status === 'slow' ? `one call took ${fmtTime(r.firstCallMs)}: over the per-call limit, not timed` : r.reason;
      const key = `${impl}\u0000${r.status}\u0000${why}`;
      if (!byKey.has(key)) byKey.set(key, { impl, status: r.status, why, names: [] });
      byKey.get(key).names.push(w.name);
    }
  }
  return [...byKey.values()];
}

const fmtLoad = (x) => (x === null || x === undefined ? '?' : `${(100 * x).toFixed(0)}%`);

export function printTables(result) {
  const impls = result.impls.map((i) => i.name);
  const peers = impls.filter((n) => n !== 'quark');
  const out = [];
  out.push('Median time per call, ± half the interquartile range (% of the median); "other" = CPU share other processes took meanwhile');
  out.push(textTable(['workload', ...impls, 'other'], result.workloads.map((w) => [w.name, ...impls.map((i) => cellText(w, w.results[i])), fmtLoad(w.otherLoad)])));
  out.push('');
  out.push('quark time / peer time (median over median): < 1 means quark is faster, > 1 means quark is slower');
  out.push(textTable(['workload', ...peers], result.workloads.map((w) => [w.name, ...peers.map((p) => fmtRatio(w.ratios[p]))])));
  const rs = reasons(result);
  if (rs.length) {
    out.push('');
    out.push('Not measured:');
    for (const r of rs) out.push(`  ${r.impl}${r.status === 'error' ? ' (error)' : ''}: ${r.why} — ${r.names.join(', ')}`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- README section

const mdEsc = (s) => String(s).replace(/\|/g, '\\|');

export function markdownSection(result, chartPath) {
  const impls = result.impls.map((i) => i.name);
  const peers = impls.filter((n) => n !== 'quark');
  const L = [];
  const m = result.machine;
  const loads = result.workloads.map((w) => w.otherLoad).filter((x) => x !== null && x !== undefined);
  const meanLoad = loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : null;
  L.push(`Run of ${result.date} (\`${result.command}\`, ${(result.durationS / 60).toFixed(1)} min in all) on ${m.cpu}, ` +
    `${m.cores} cores, ${m.memGiB} GiB, Node ${m.node}. Every implementation was given ${result.threads} threads. ` +
    `Other processes used ${fmtLoad(meanLoad)} of the machine's CPU on average during the workloads (load average ${m.loadavgStart?.[0] ?? '?'} at the start, ${m.loadavgEnd?.[0] ?? '?'} at the end).`);
  L.push('');
  L.push(`![quark time / peer time per workload](${chartPath})`);
  L.push('');
  L.push('**quark time / peer time** (median over median; **< 1: quark is faster**, > 1: quark is slower; – where either side did not run):');
  L.push('');
  L.push(`| workload | ${peers.join(' | ')} |`);
  L.push(`|---|${peers.map(() => '---:').join('|')}|`);
  for (const w of result.workloads) L.push(`| ${mdEsc(w.name)} | ${peers.map((p) => fmtRatio(w.ratios[p])).join(' | ')} |`);
  L.push('');
  L.push('**Median time per call** ± half the interquartile range, and the workload\'s metric (GFLOP/s, GB/s of data read + written once):');
  L.push('');
  L.push(`| workload | metric | ${impls.join(' | ')} | other load |`);
  L.push(`|---|---|${impls.map(() => '---:').join('|')}|---:|`);
  for (const w of result.workloads) {
    L.push(`| ${mdEsc(w.name)} | ${w.unit} | ${impls.map((i) => mdEsc(cellText(w, w.results[i], { metric: true }))).join(' | ')} | ${fmtLoad(w.otherLoad)} |`);
  }
  L.push('');
  L.push('*other load*: the share of the machine\'s CPU time that processes outside the benchmark used while the workload ran. ' +
    'Where it is high, the 2-thread implementations (quark, PyTorch, JAX, NumPy\'s BLAS) lose most: an OpenMP thread that loses its core ' +
    'stalls its team until the next scheduler tick, so their times cluster at multiples of 4 ms.');
  L.push('');
  const rs = reasons(result);
  if (rs.length) {
    L.push('Not measured (n/a, error, or over the per-call limit):');
    L.push('');
    for (const r of rs) L.push(`- **${r.impl}**${r.status === 'error' ? ' (error)' : ''}: ${mdEsc(r.why)} — ${r.names.map(mdEsc).join(', ')}`);
    L.push('');
  }
  L.push('Implementations, versions and threads:');
  L.push('');
  for (const i of result.impls) L.push(`- **${i.name}**: ${describeImpl(i)}`);
  L.push('');
  L.push('Workloads:');
  L.push('');
  for (const w of result.workloads) L.push(`- \`${mdEsc(w.name)}\`: ${mdEsc(w.desc ?? '')}`);
  return L.join('\n');
}

export function describeImpl(i) {
  if (!i.available) return `not run: ${i.reason}`;
  const x = i.info ?? {};
  switch (i.name) {
    case 'quark':
      return `${x.version}, native CPU backend, ISA ${x.cpu?.isa ?? '?'}, oneDNN ${x.cpu?.onednn ?? '?'}, ${x.threads} OpenMP threads`;
    case 'numpy': {
      const tp = Array.isArray(x.threadpools) ? x.threadpools.find((t) => t.user_api === 'blas') : null;
      return `${x.version}, ${x.blas?.name ?? 'BLAS'} ${x.blas?.version ?? ''}` +
        (tp ? ` (kernel ${tp.architecture}, ${tp.num_threads} threads)` : '') +
        `, SIMD ${(x.simd?.found ?? []).join('/')}; OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset; ufuncs and reductions single-threaded`;
    }
    case 'torch':
      return `${x.version}, ${x.threads} threads (interop ${x.interop_threads}), CPU capability ${x.cpu_capability}, BLAS ${x.blas_info ?? '?'}` +
        `${Array.isArray(x.blas) ? `; ${x.blas.map((b) => b.replace(/ for Intel.*| \(Git Hash.*|-Product Build \d+/g, '')).join(', ')}` : ''}`;
    case 'jax':
      return `${x.version} (jaxlib ${x.jaxlib}), ${x.backend}, ${x.threads}; every op under jax.jit unless stated, timed with block_until_ready`;
    case 'tfjs-cpu':
      return `@tensorflow/tfjs ${x.version}, backend 'cpu' (${x.note}), ${x.threads} thread`;
    case 'tfjs-wasm':
      return `@tensorflow/tfjs ${x.version} + tfjs-backend-wasm ${x.wasm_version}, backend 'wasm' (SIMD ${x.wasm_simd ? 'on' : 'off'}, threads ${x.wasm_threads ? 'on' : 'off'})`;
    case 'numpy-ts':
      return `numpy-ts ${x.version} (${x.note})`;
    default:
      return JSON.stringify(x);
  }
}

// ---------------------------------------------------------------- chart

export const COLORS = {
  numpy: [31, 119, 180], torch: [238, 108, 0], jax: [44, 160, 44],
  'tfjs-cpu': [214, 39, 40], 'tfjs-wasm': [148, 103, 189], 'numpy-ts': [140, 86, 75],
};

/** Horizontal grouped bars of quark/peer on a log axis; one group per workload quark ran. */
export function drawChart(result) {
  const peers = result.impls.map((i) => i.name).filter((n) => n !== 'quark');
  const rows = result.workloads.filter((w) => peers.some((p) => Number.isFinite(w.ratios[p])));
  const barH = 11, barGap = 2, groupGap = 14;
  const left = 300, right = 80, top = 92, plotW = 620;
  const groupH = (w) => peers.filter((p) => Number.isFinite(w.ratios[p])).length * (barH + barGap) + groupGap;
  const plotH = Math.max(40, rows.reduce((s, w) => s + groupH(w), 0));
  const bottom = 64;
  const width = left + plotW + right, height = top + plotH + bottom;
  const c = new Canvas(width, height);
  const LO = -3, HI = 2; // log10 range: 0.001× … 100×
  const xOf = (r) => left + ((Math.min(HI, Math.max(LO, Math.log10(r))) - LO) / (HI - LO)) * plotW;

  c.text('quark time / peer time, per workload (log scale)', width / 2, 8, [0, 0, 0], 'center');
  c.text('← quark faster', xOf(1) - 8, 30, [20, 110, 20], 'right');
  c.text('quark slower →', xOf(1) + 8, 30, [170, 30, 30], 'left');
  // legend
  let lx = left;
  for (const p of peers) {
    c.fillRect(lx, 60, 14, 11, COLORS[p] ?? [90, 90, 90]);
    c.text(p, lx + 18, 57);
    lx += 18 + Canvas.textWidth(p) + 20;
  }
  // grid
  for (let e = LO; e <= HI; e++) {
    const x = xOf(10 ** e);
    c.vline(x, top - 6, top + plotH, e === 0 ? [0, 0, 0] : [200, 200, 200], e === 0 ? 0 : 3);
    c.text(e < 0 ? `${(10 ** e).toFixed(-e)}×` : `${10 ** e}×`, x, top + plotH + 6, [60, 60, 60], 'center');
  }
  for (let e = LO; e < HI; e++) {
    for (let k = 2; k < 10; k++) c.vline(xOf(k * 10 ** e), top + plotH - 4, top + plotH, [150, 150, 150]);
  }
  c.hline(left, left + plotW, top + plotH, [0, 0, 0]);
  // bars
  let y = top + groupGap / 2;
  for (const w of rows) {
    const present = peers.filter((p) => Number.isFinite(w.ratios[p]));
    const gh = present.length * (barH + barGap);
    let name = w.name;
    if ([...name].length > 36) name = [...name].slice(0, 35).join('') + '…';
    c.text(name, left - 10, y + gh / 2 - 9, [0, 0, 0], 'right');
    for (const p of present) {
      const r = w.ratios[p];
      const x0 = xOf(1), x1 = xOf(r);
      c.fillRect(Math.min(x0, x1), y, Math.max(1, Math.abs(x1 - x0)), barH, COLORS[p] ?? [90, 90, 90]);
      const label = fmtRatio(r) + (Math.log10(r) > HI || Math.log10(r) < LO ? ' (off scale)' : '');
      const ty = y + barH / 2 - 9;
      if (r >= 1) c.text(label, x1 + 4, ty, [40, 40, 40], 'left');
      else if (x1 - 4 - Canvas.textWidth(label) >= left + 2) c.text(label, x1 - 4, ty, [40, 40, 40], 'right');
      else c.text(label, x0 + 4, ty, [40, 40, 40], 'left'); // no room on the left: beside the 1× line
      y += barH + barGap;
    }
    y += groupGap;
    c.hline(left - 290, left + plotW + right - 10, y - groupGap / 2 - 1, [235, 235, 235]);
  }
  const foot = `Median times; ${result.date.slice(0, 10)}, ${result.threads} threads each. Workloads quark cannot run yet are left out.`;
  c.text(foot, width / 2, top + plotH + 32, [90, 90, 90], 'center');
  return c.toPNG();
}
