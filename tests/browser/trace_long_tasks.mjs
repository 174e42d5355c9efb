// Benchmark helper (not a test): the long tasks of a page's main thread in a recorded Chromium
// trace, with their wall time, their CPU time (the trace's thread duration, steadier than wall
// time on a loaded machine) and the events that took the most time inside them. Used by
// bench_timeseries.mjs when TBX_BENCH_TRACE is set. Node only.
import { readFileSync } from 'node:fs';

/**
 * The renderer main thread's top-level tasks over `thresholdMs` (wall or CPU) in the trace at `path`,
 * longest first: `{ wallMs, cpuMs, top: [[event name, inclusive ms], …] }`.
 */
export function longTasksOfTrace(path, thresholdMs = 50) {
  const trace = JSON.parse(readFileSync(path, 'utf8'));
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  // The page's main thread: the renderer thread named CrRendererMain with the most events.
  const counts = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain') counts.set(`${e.pid}:${e.tid}`, 0);
  }
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (counts.has(key)) counts.set(key, counts.get(key) + 1);
  }
  const main = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const list = events
    .filter((e) => e.ph === 'X' && typeof e.dur === 'number' && `${e.pid}:${e.tid}` === main)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  let current = null;
  for (const e of list) {
    if (!current || e.ts >= current.end) {
      current = { start: e.ts, end: e.ts + e.dur, wallMs: e.dur / 1000, cpuMs: (e.tdur ?? e.dur) / 1000, names: new Map(), tool: false };
      tasks.push(current);
      continue;
    }
    if (String(e.args?.src_file ?? '').includes('heap-profiler')) current.tool = true;
    current.names.set(e.name, (current.names.get(e.name) ?? 0) + e.dur / 1000);
  }
  return tasks
    .filter((t) => !t.tool && (t.wallMs > thresholdMs || t.cpuMs > thresholdMs))
    .sort((a, b) => b.wallMs - a.wallMs)
    .map((t) => ({
      wallMs: t.wallMs,
      cpuMs: t.cpuMs,
      top: [...t.names.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6),
    }));
}
