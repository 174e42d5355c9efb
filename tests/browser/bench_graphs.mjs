// Graph explorer benchmark (a benchmark, not a test).
//
//   node tests/browser/bench_graphs.mjs --tbx build/tbx --tool build/tools/make_graph_logdir
//        [--nodes 50000] [--repeat 3] [--trace] [--no-settle]
//
// Writes a synthetic 48-block transformer graph of about --nodes nodes with make_graph_logdir
// (unless /tmp/tbx-graph-<nodes> exists), starts tbx on it, and measures:
//   1. the server's first /hierarchy answer (decode + hierarchy build, cold) and a cached one;
//   2. in headless chromium at 1400×1000, navigation → first graph painted (median of --repeat
//      loads, hierarchy cached on the server);
//   3. expanding "Transformer" and then the 501-op "Embedding[embed]" group: double-click → the
//      new layout painted (banded layers), and → dagre's layout of it swapped in (from a worker);
//   4. the longest main-thread task seen during 2, during 3 up to the first paint, and while the
//      dagre layout is swapped in (PerformanceObserver 'longtask' reports tasks over 50 ms; none
//      means every task was shorter). The observer is registered when the page's document is
//      created, inside the navigation's commit task, so it never sees that task.
// With --trace, a Chrome trace of each load gives the longest main-thread task of each phase by
// wall time (the navigation's commit included) and by CPU time (thread time, which a loaded
// machine inflates far less), each with what it ran (its largest parts by CPU: script evaluation,
// a timer, layout, the navigation's commit, …); each load's page-open tasks over 50 ms are printed
// with the events inside them. The graph is drawn by a render worker: its frames are not
// main-thread tasks. --trace also opens, before each load, a blank page (a few bytes of HTML from
// a loopback server in this script) in the same browser with the same context, init script and
// trace, and prints its longest task: Chromium's own floor for a page open on this machine (the
// navigation's commit: swapping the frame in, creating the document and the page's and the
// harness's script contexts), which no page goes below.
// Each load (and blank page) opens a new window and navigates once the browser has built that
// window's UI (settleBrowser in bench_common.mjs); --no-settle navigates at once.
// --profile adds V8's sampling profiler to the trace and prints the JavaScript functions inside
// the page-open tasks over 50 ms. The profiler's start runs inside the navigation's commit
// (CpuProfiler::StartProfiling, 5–10 ms of CPU and up to tens of ms of wall time), so its loads'
// commit figures are the tool's, not the page's.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { arg, chromium, flag, freePort, median, settleBrowser } from './bench_common.mjs';
import { CHROMIUM_ARGS } from './harness.mjs';
import { longTasksOfTrace } from './trace_long_tasks.mjs';

const nodes = Number(arg('nodes', 50000));
const repeat = Number(arg('repeat', 3));
const profiling = flag('profile');
const tracing = flag('trace') || profiling;
const traceCategories = [
  'toplevel', 'devtools.timeline', 'blink.user_timing', 'disabled-by-default-devtools.timeline', 'v8', 'disabled-by-default-v8.gc',
  ...(profiling ? ['disabled-by-default-v8.cpu_profiler'] : []),
];

const logdir = `/tmp/tbx-graph-${nodes}`;
if (!existsSync(logdir)) {
  execFileSync(resolve(arg('tool', 'build/tools/make_graph_logdir')), [logdir, `--nodes=${nodes}`], { stdio: 'inherit' });
}
const port = await freePort();
const child = spawn(resolve(arg('tbx', 'build/tbx')), [`--logdir=${logdir}`, `--port=${port}`], { stdio: 'ignore' });
const url = `http://127.0.0.1:${port}/`;
for (;;) {
  try {
    const info = await (await fetch(url + 'data/plugin/graphs/info')).json();
    if (info.model?.run_graph) break;
  } catch {
    /* not up yet */
  }
  await new Promise((r) => setTimeout(r, 100));
}
const timed = async (path) => {
  const start = performance.now();
  const body = await (await fetch(url + path)).json();
  return { ms: performance.now() - start, body };
};
const cold = await timed('data/plugin/graphs/hierarchy?run=model');
const warm = await timed('data/plugin/graphs/hierarchy?run=model');
console.log(`graph: ${cold.body.graph.nodes} nodes, ${cold.body.graph.edges} edges`);
console.log(`server /hierarchy: cold ${cold.ms.toFixed(0)} ms (build ${cold.body.graph.build_ms.toFixed(0)} ms), cached ${warm.ms.toFixed(1)} ms`);

const browser = await chromium.launch({
  executablePath: arg('chromium', '/usr/bin/chromium'),
  args: CHROMIUM_ARGS,
});
const paints = [];
const expands = [];
const refines = [];
let longest = 0;
let refineLongest = 0;
let openLongest = 0;
const traced = { open: [], expand: [], refine: [] };

/**
 * Waits until `predicate` holds in the page, polling with page.evaluate: waitForFunction's first use
 * evaluates Playwright's 300 KB injected script on the page's main thread, a long task of the
 * harness that the trace would count as the app's.
 */
async function until(page, predicate, timeout) {
  for (const deadline = Date.now() + timeout; !(await page.evaluate(predicate)); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${predicate}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The work a task did, as its largest parts by CPU time (e.g. "Layout 6, TimerFire 5"). */
const PARTS = ['v8.evaluateModule', 'EvaluateScript', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'EventDispatch', 'ParseHTML', 'UpdateLayoutTree', 'Layout', 'Paint', 'Commit', 'Receive mojo message'];
function whatRan(events, task) {
  const inside = events.filter(
    (e) => e.pid === task.pid && e.tid === task.tid && e.ph === 'X' && PARTS.includes(e.name) && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur,
  );
  const cpu = new Map();
  for (const e of inside) {
    const tag = e.args?.chrome_mojo_event_info?.mojo_interface_tag;
    const name = tag ? `${e.name} (${tag})` : e.name;
    cpu.set(name, (cpu.get(name) ?? 0) + (e.tdur ?? 0) / 1000);
  }
  // Nested parts (a layout inside a timer's script) count in both: the largest names the task.
  return [...cpu].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', ');
}

/** The renderer main thread's top-level tasks (RunTask events) of the page whose marks the trace holds. */
function mainThreadTasks(events, markName) {
  const pid = events.find((e) => e.name === markName)?.pid;
  const main = events.find((e) => e.pid === pid && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasks = events
    .filter((e) => e.pid === pid && e.tid === main?.tid && e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // A RunTask nested in another (inside ThreadControllerImpl::RunTask) is part of the outer task.
  const outer = [];
  for (const t of tasks) {
    const last = outer[outer.length - 1];
    if (!last || t.ts >= last.ts + last.dur) outer.push(t);
  }
  return outer;
}

/**
 * The longest main-thread task between two marks ('' is the trace's start) by wall time and by CPU
 * time: `{ wall: { wall, cpu, what }, cpu: { wall, cpu, what } }` (ms).
 */
function longestBetween(events, tasks, from, to) {
  const lo = from ? events.find((e) => e.name === from).ts : 0;
  const hi = events.find((e) => e.name === to).ts;
  const inPhase = tasks.filter((t) => t.ts >= lo && t.ts < hi);
  const pick = (key) => {
    const task = inPhase.reduce((best, t) => (best && key(best) >= key(t) ? best : t), undefined);
    return task ? { wall: task.dur / 1000, cpu: (task.tdur ?? 0) / 1000, what: whatRan(events, task) } : { wall: 0, cpu: 0, what: '' };
  };
  return { wall: pick((t) => t.dur), cpu: pick((t) => t.tdur ?? 0) };
}

/** The longest main-thread task of each phase of a load, between the bench's marks. */
function longestByPhase(trace) {
  const events = JSON.parse(trace.toString()).traceEvents;
  const tasks = mainThreadTasks(events, 'bench-expand');
  const bounds = { open: ['', 'bench-expand'], expand: ['bench-expand', 'bench-refine'], refine: ['bench-refine', 'bench-end'] };
  return Object.fromEntries(Object.entries(bounds).map(([phase, [from, to]]) => [phase, longestBetween(events, tasks, from, to)]));
}

/** Registers the page's long-task observer (before any of its scripts run). */
const observeLongTasks = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
};

// The control: a minimal page, served from loopback like tbx's.
const blankServer = createServer((request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  response.end('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body><p>blank</p></body></html>');
});
await new Promise((res) => blankServer.listen(0, '127.0.0.1', res));
const blankUrl = `http://127.0.0.1:${blankServer.address().port}/`;
const blanks = [];

/** Opens the blank page in a context like the benchmark's, traced alike; its longest task. */
async function openBlank() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  if (!flag('no-settle')) await settleBrowser(child.pid);
  await page.addInitScript(observeLongTasks);
  await browser.startTracing(page, { categories: traceCategories });
  await page.goto(blankUrl);
  await page.waitForTimeout(300);
  await page.evaluate(() => performance.mark('bench-blank-end'));
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  await context.close();
  return longestBetween(events, mainThreadTasks(events, 'bench-blank-end'), '', 'bench-blank-end');
}

for (let i = 0; i < repeat; i++) {
  if (tracing) blanks.push(await openBlank());
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  // Navigate once the new window has built its browser UI (settleBrowser); --no-settle at once.
  if (!flag('no-settle')) await settleBrowser(child.pid);
  await page.addInitScript(observeLongTasks);
  if (tracing) await browser.startTracing(page, { categories: traceCategories });
  await page.goto(url + '#tab=graphs');
  await until(page, () => window.__tbxGraphs?.firstPaintAt !== undefined, 60000);
  paints.push(await page.evaluate(() => window.__tbxGraphs.firstPaintAt));
  await page.waitForTimeout(300);
  openLongest = Math.max(openLongest, ...(await page.evaluate(() => window.__longTasks.splice(0))));
  await page.evaluate(() => performance.mark('bench-expand'));
  for (const label of ['Transformer', 'Embedding[embed]']) {
    const rect = await page.evaluate((l) => window.__tbxGraphs.screenRectOf(l), label);
    await page.mouse.dblclick(rect.x + rect.width / 2, rect.y + 12);
    await until(page, () => window.__tbxGraphs.expandStartedAt === undefined && window.__tbxGraphs.lastExpandMs !== undefined, 60000);
    const ms = await page.evaluate(() => {
      const g = window.__tbxGraphs;
      const t = [g.lastExpandMs, g.lastExpandFetchMs, g.lastExpandLayoutMs];
      g.lastExpandMs = undefined;
      return t;
    });
    if (label === 'Embedding[embed]') expands.push(ms);
  }
  longest = Math.max(longest, ...(await page.evaluate(() => window.__longTasks.splice(0))));
  await page.evaluate(() => performance.mark('bench-refine'));
  await until(page, () => window.__tbxGraphs.lastRefineMs !== undefined, 120000);
  refines.push(await page.evaluate(() => window.__tbxGraphs.lastRefineMs));
  await page.waitForTimeout(300);
  refineLongest = Math.max(refineLongest, ...(await page.evaluate(() => window.__longTasks.splice(0))));
  if (tracing) {
    await page.evaluate(() => performance.mark('bench-end'));
    const trace = await browser.stopTracing();
    // BENCH_TRACE_DUMP=path keeps each load's trace (path.<load>.json) for chrome://tracing or Perfetto.
    if (process.env.BENCH_TRACE_DUMP) writeFileSync(`${process.env.BENCH_TRACE_DUMP}.${i}.json`, trace);
    const phases = longestByPhase(trace);
    for (const phase of Object.keys(traced)) traced[phase].push(phases[phase]);
    // The page open's long tasks (before the bench's first mark), with what ran inside them.
    const dir = mkdtempSync(join(tmpdir(), 'tbx-bench-graphs-trace-'));
    writeFileSync(join(dir, 'trace.json'), trace);
    const expandAt = JSON.parse(trace.toString()).traceEvents.find((e) => e.name === 'bench-expand')?.ts ?? Infinity;
    const openTasks = longTasksOfTrace(join(dir, 'trace.json')).filter((t) => t.startUs < expandAt);
    rmSync(dir, { recursive: true, force: true });
    for (const task of openTasks) {
      console.log(`load ${i}, page open: task of ${task.wallMs.toFixed(0)} ms (CPU ${task.cpuMs.toFixed(0)}): ${task.top.slice(0, 8).map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(', ')}`);
      if (task.functions.length) console.log(`  self: ${task.functions.map(([fn, ms]) => `${fn} ${ms.toFixed(0)}`).join(', ')}`);
    }
  }
  await context.close();
}
console.log(`navigation → first graph painted: median ${median(paints).toFixed(0)} ms (${paints.map((x) => x.toFixed(0)).join(', ')})`);
const part = (k) => expands.map((x) => x[k].toFixed(0)).join(', ');
console.log(`expand the 501-op group → painted: median ${median(expands.map((x) => x[0])).toFixed(0)} ms (${part(0)}; server fetch ${part(1)}; layout worker ${part(2)})`);
console.log(`expand → dagre layout swapped in: median ${median(refines).toFixed(0)} ms (${refines.map((x) => x.toFixed(0)).join(', ')})`);
const show = (ms) => (ms > 0 ? `${ms.toFixed(0)} ms` : 'none over 50 ms');
console.log(
  `longest main-thread task (PerformanceObserver; it misses the navigation's commit): page open (incl. loading the app) ${show(openLongest)}, expanding ${show(longest)}, ` +
    `swapping in the dagre layout ${show(refineLongest)}`,
);
if (tracing) {
  const fmt = (xs, key) => xs.map((x) => `${x[key].wall.toFixed(0)} wall/${x[key].cpu.toFixed(0)} CPU [${x[key].what}]`).join(', ');
  for (const key of ['wall', 'cpu']) {
    console.log(
      `longest main-thread task by ${key === 'wall' ? 'wall' : 'CPU'} time (Chrome trace; ms, per load): page open ${fmt(traced.open, key)}; ` +
        `expanding ${fmt(traced.expand, key)}; swapping in the dagre layout ${fmt(traced.refine, key)}`,
    );
  }
  console.log(`blank page (Chromium's floor), its longest task per load: by wall time ${fmt(blanks, 'wall')}; by CPU time ${fmt(blanks, 'cpu')}`);
}
await browser.close();
blankServer.close();
child.kill('SIGTERM');
