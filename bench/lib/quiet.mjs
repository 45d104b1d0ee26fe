// Waiting for a process's threads to go idle between implementations. BLAS and OpenMP pools keep
// spinning after their last call (OpenBLAS's workers ≈ 100 ms, libgomp's a few ms): on a 2-core
// machine a spinning pool of one implementation halves the next one's cores and makes its OpenMP
// barriers crawl. Linux: the threads' run time from /proc/PID/task/*/schedstat (ns); elsewhere a
// fixed pause.
import { readdirSync, readFileSync } from 'node:fs';

function cpuNs(pid, skipTid) {
  let total = 0;
  let tids;
  try { tids = readdirSync(`/proc/${pid}/task`); } catch { return null; }
  for (const tid of tids) {
    if (skipTid !== undefined && Number(tid) === skipTid) continue;
    try { total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]); } catch { /* thread ended */ }
  }
  return total;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves once the threads of `pid` (all but `skipTid`) used < 10% of a core over a `windowMs`
 * window, or after `maxMs`. Returns the time waited (ms).
 */
export async function waitQuiet(pid, { skipTid, windowMs = 5, maxMs = 400, fallbackMs = 150 } = {}) {
  const t0 = performance.now();
  let prev = cpuNs(pid, skipTid);
  if (prev === null) { await sleep(fallbackMs); return fallbackMs; }
  for (;;) {
    await sleep(windowMs);
    const now = cpuNs(pid, skipTid);
    const waited = performance.now() - t0;
    if (now === null || now - prev < windowMs * 1e5 || waited >= maxMs) return waited;
    prev = now;
  }
}

/**
 * Snapshot for measuring the load of *other* processes while a workload runs: machine-wide busy
 * time from /proc/stat minus the time of the benchmark's own processes (`pids`), in clock ticks.
 * On a 2-core machine shared with other work, multi-threaded libraries lose most: an OpenMP
 * thread that loses its core holds its team until the next scheduler tick (4 ms).
 */
export function loadSnapshot(pids) {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
    const busy = user + nice + system + irq + softirq + steal;
    let ours = 0;
    for (const pid of pids) {
      try {
        const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
        ours += Number(rest[11]) + Number(rest[12]); // utime, stime (fields 14, 15)
      } catch { /* gone */ }
    }
    return { busy, total: busy + idle + iowait, ours };
  } catch {
    return null;
  }
}

/** Fraction of the machine's CPU time used by other processes between two snapshots (0…1). */
export function otherLoad(a, b) {
  if (!a || !b || b.total <= a.total) return null;
  return Math.max(0, (b.busy - a.busy - (b.ours - a.ours)) / (b.total - a.total));
}
