// Benchmark helper (not a test): records a Chromium trace of one page load and summarises where
// the time went: for each busy thread (renderer main, workers, GPU process, compositor) the total
// of its top-level tasks, and the event names that took the most time inside them. Used by
// bench_prmesh.mjs when TBX_BENCH_TRACE is set to a directory (the raw
// trace is kept there, for chrome://tracing or Perfetto).
import { readFileSync } from 'node:fs';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink',
  'gpu',
  'toplevel',
  'disabled-by-default-v8.gc',
];

/**
 * Starts tracing `page` into `path`; with `{ samples: true }` V8's sampling profiler too (which
 * JavaScript functions ran, for trace_long_tasks.mjs; it adds a little work of its own).
 */
export async function startTrace(browser, page, path, { samples = false } = {}) {
  const categories = samples ? [...CATEGORIES, 'disabled-by-default-v8.cpu_profiler'] : CATEGORIES;
  await browser.startTracing(page, { path, categories });
}

/** Stops tracing and prints the summary (only events from `fromUs`, microseconds of trace time). */
export async function stopTraceAndSummarise(browser, path, log = console.log) {
  await browser.stopTracing();
  const trace = JSON.parse(readFileSync(path, 'utf8'));
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const threadName = new Map();
  const processName = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args.name);
    if (e.ph === 'M' && e.name === 'process_name') processName.set(e.pid, e.args.name);
  }
  const complete = events.filter((e) => e.ph === 'X' && typeof e.dur === 'number');
  const byThread = new Map();
  for (const e of complete) {
    const key = `${e.pid}:${e.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  const rows = [];
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    // Top-level: not inside an earlier event of the same thread.
    let end = -Infinity;
    let busy = 0;
    const names = new Map();
    for (const e of list) {
      if (e.ts >= end) {
        busy += e.dur;
        end = e.ts + e.dur;
      }
      // Self-explanatory leaves: JS calls, compile, GC, GPU work, parsing, layout, paint.
      names.set(e.name, (names.get(e.name) ?? 0) + e.dur);
    }
    const pid = Number(key.split(':')[0]);
    rows.push({ thread: `${processName.get(pid) ?? pid}/${threadName.get(key) ?? key}`, busy, names });
  }
  rows.sort((a, b) => b.busy - a.busy);
  for (const row of rows.slice(0, 8)) {
    if (row.busy < 20000) continue;
    const top = [...row.names.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, us]) => `${name} ${(us / 1000).toFixed(0)}`)
      .join(', ');
    log(`    trace: ${row.thread}: busy ${(row.busy / 1000).toFixed(0)} ms; inclusive ms by event: ${top}`);
  }
}
