// Benchmark helper (not a test): the long tasks of a page's main thread in a recorded Chromium
// trace, with their wall time, their CPU time (the trace's thread duration, steadier than wall
// time on a loaded machine), the events that took the most time inside them and, when the trace
// has V8's sampling profiler (category disabled-by-default-v8.cpu_profiler), the JavaScript
// functions whose own (self) samples fell inside them. Used by bench_timeseries.mjs and
// bench_histograms.mjs when TBX_BENCH_TRACE is set. Node only.
import { readFileSync } from 'node:fs';

/**
 * The self-time samples of the page's main thread: [{ ts (µs, trace clock), fn: "name file:line" }].
 * V8 writes one Profile event per sampled thread, then ProfileChunk events with new nodes, sample
 * node ids and time deltas (µs) from the previous sample.
 */
function samplesOfThread(events, pid, tid) {
  const samples = [];
  const profiles = new Map();
  for (const e of events) {
    if (e.pid !== pid) continue;
    if (e.name === 'Profile' && e.tid === tid) profiles.set(e.id, { ts: e.args.data.startTime, nodes: new Map() });
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || !profiles.has(e.id)) continue;
    const profile = profiles.get(e.id);
    const data = e.args.data;
    for (const node of data.cpuProfile?.nodes ?? []) {
      const frame = node.callFrame;
      const file = String(frame.url ?? '').split('/').pop();
      profile.nodes.set(node.id, `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`);
    }
    const ids = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    for (let i = 0; i < ids.length; i++) {
      profile.ts += deltas[i] ?? 0;
      samples.push({ ts: profile.ts, fn: profile.nodes.get(ids[i]) ?? String(ids[i]) });
    }
  }
  return samples.sort((a, b) => a.ts - b.ts);
}

/**
 * The renderer main thread's top-level tasks over `thresholdMs` (wall or CPU) in the trace at `path`,
 * longest first: `{ startUs (trace clock), wallMs, cpuMs, top: [[event name, inclusive ms], …],
 * functions: [[function, self ms], …] }`.
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
  if (!main) return [];
  const [pid, tid] = main.split(':').map(Number);
  const list = events
    .filter((e) => e.ph === 'X' && typeof e.dur === 'number' && e.pid === pid && e.tid === tid)
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
    // Name the JavaScript entry points by what they call.
    let name = e.name;
    const data = e.args?.data;
    if (e.name === 'FunctionCall' && data) name = `FunctionCall ${data.functionName || '(anonymous)'} ${String(data.url ?? '').split('/').pop()}:${(data.lineNumber ?? 0) + 1}`;
    current.names.set(name, (current.names.get(name) ?? 0) + e.dur / 1000);
  }
  const samples = samplesOfThread(events, pid, tid);
  const long = tasks.filter((t) => !t.tool && (t.wallMs > thresholdMs || t.cpuMs > thresholdMs));
  for (const task of long) {
    const functions = new Map();
    let previous = null;
    for (const s of samples) {
      if (s.ts < task.start || s.ts > task.end) continue;
      // A sample accounts for the time since the previous one in this task.
      const ms = previous === null ? 0 : (s.ts - previous) / 1000;
      previous = s.ts;
      functions.set(s.fn, (functions.get(s.fn) ?? 0) + ms);
    }
    task.functions = [...functions.entries()].filter(([fn]) => fn !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, 8);
  }
  return long
    .sort((a, b) => b.wallMs - a.wallMs)
    .map((t) => ({
      startUs: t.start,
      wallMs: t.wallMs,
      cpuMs: t.cpuMs,
      top: [...t.names.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8),
      functions: t.functions,
    }));
}
