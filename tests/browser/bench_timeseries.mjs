// Benchmark (not a test): the Time Series grid over a large logdir written by
// `make_timeseries_logdir bench` (SCALAR_TAGS scalar tags × RUNS runs × STEPS steps, plus
// HIST_TAGS histogram and IMG_TAGS image tags), served by the real tbx and shown in headless
// chromium. Prints: page open → first screen of cards painted (scalar cards: every line drawn);
// then, scrolling through the whole grid a screen at a time, the longest main-thread task
// (PerformanceObserver 'longtask', tasks over 50 ms) and the JS heap after a garbage collection
// (performance.memory) at the start, largest and end.
//
//   TBX_BINARY=build/tbx TBX_TIMESERIES_LOGDIR_TOOL=build/tests/browser/make_timeseries_logdir \
//   TBX_FRONTEND_DIR=frontend node tests/browser/bench_timeseries.mjs \
//     [SCALAR_TAGS=1000] [RUNS=50] [STEPS=1000] [HIST_TAGS=50] [IMG_TAGS=50]
//
// With TBX_BENCH_TRACE=DIR the scroll is recorded as a Chromium trace (kept in DIR) and its main
// thread's tasks over 50 ms are printed with their CPU time and the events inside them.
//
// The full size writes about 2.7 GB. With TBX_BENCH_LOGDIR=DIR the logdir is written there once
// (when DIR does not exist yet) and kept, so later runs skip writing it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordRequests } from './bench_requests.mjs';
import { startTrace } from './trace_summary.mjs';
import { longTasksOfTrace } from './trace_long_tasks.mjs';
import { settleBrowser } from './bench_common.mjs';
import { launchBrowser, newPage, screenshot, startTbx } from './harness.mjs';

const [tags, runs, steps, histTags, imgTags] = [1000, 50, 1000, 50, 50].map((d, i) => Number(process.argv[2 + i] ?? d));
const kept = process.env.TBX_BENCH_LOGDIR;
const dir = kept ?? mkdtempSync(join(tmpdir(), 'tbx-bench-timeseries-'));
let server;
let browser;
try {
  let t = performance.now();
  if (!kept || !existsSync(dir)) {
    execFileSync(process.env.TBX_TIMESERIES_LOGDIR_TOOL, ['bench', dir, tags, runs, steps, histTags, imgTags].map(String));
    console.log(`logdir: ${tags} scalar tags x ${runs} runs x ${steps} steps + ${histTags} histogram + ${imgTags} image tags written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } else {
    console.log(`logdir: reusing ${dir} (${tags} scalar tags x ${runs} runs x ${steps} steps + ${histTags} histogram + ${imgTags} image tags)`);
  }
  t = performance.now();
  const runNames = Array.from({ length: runs }, (_, i) => `run_${String(i).padStart(3, '0')}`);
  server = await startTbx(dir, { expectRuns: runNames, startTimeoutMs: 1800e3 });
  // Wait until the last run's last step of its last tag is served.
  const lastTag = `group_${String(Math.floor((tags - 1) / 50)).padStart(2, '0')}/tag_${String(tags - 1).padStart(4, '0')}`;
  for (;;) {
    const url = `${server.url}data/plugin/scalars/series?tag=${encodeURIComponent(lastTag)}&run=${runNames[runs - 1]}`;
    const answer = await (await fetch(url)).json().catch(() => ({ series: [] }));
    if (answer.series[0]?.step.length === steps) break;
    if (performance.now() - t > 1800e3) throw new Error('the logdir did not load within 30 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`server: everything loaded ${((performance.now() - t) / 1000).toFixed(1)} s after start`);

  browser = await launchBrowser();
  const page = await newPage(browser);
  // Open the pages once the new window has built its browser UI (settleBrowser in bench_common.mjs;
  // TBX_BENCH_NO_SETTLE=1 opens at once).
  if (!process.env.TBX_BENCH_NO_SETTLE) await settleBrowser(server.pid);
  await page.addInitScript(() => {
    // The benchmark's own forced garbage collections (heap samples) run as tasks of the page:
    // their windows are recorded, and long tasks inside them are not the page's.
    window.__toolWindows = [];
    window.__allLongTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__allLongTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
    window.__pageLongTasks = () => {
      const tool = (t) => window.__toolWindows.some(([from, to]) => t.start + t.duration > from && t.start < to);
      return window.__allLongTasks.filter((t) => !tool(t)).map((t) => t.duration);
    };
  });
  const recorder = recordRequests(page, server);
  const opens = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    recorder.restart();
    await page.goto(`${server.url}?bench=${i}`);
    // First screen: every card mounted inside the viewport has drawn its data.
    await page.waitForFunction(() => {
      const main = document.querySelector('.main');
      const bottom = Math.min(window.innerHeight, main ? main.getBoundingClientRect().bottom : window.innerHeight);
      const shown = [...document.querySelectorAll('.ts-slot[data-mounted="true"] .card')].filter((c) => {
        const r = c.getBoundingClientRect();
        return r.top < bottom && r.bottom > 0;
      });
      // A scalar card's lines are drawn in pieces after its data arrives: painted once none is left.
      const painted = (c) => (c.dataset.points && !c.querySelector('[data-lines-pending]')) || c.dataset.histograms || c.querySelector('img[data-step]');
      return shown.length > 0 && shown.every(painted);
    }, null, { timeout: 120000, polling: 'raf' });
    opens.push(performance.now() - t);
    const longTasks = await page.evaluate(() => window.__pageLongTasks());
    console.log(`  open ${i}: ${opens[i].toFixed(0)} ms; tasks over 50 ms: ${longTasks.map((d) => d.toFixed(0)).join(', ') || 'none'}`);
    for (const line of recorder.lines()) console.log(`    ${line}`);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`browser: page open -> first screen painted ${median(opens).toFixed(0)} ms median (${opens.map((m) => m.toFixed(0)).join(', ')})`);
  await screenshot(page, 'bench_timeseries_first_screen');

  // The heap after a full garbage collection, so only what is still held counts.
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    const from = await page.evaluate(() => performance.now());
    await cdp.send('HeapProfiler.collectGarbage');
    return page.evaluate((started) => {
      window.__toolWindows.push([started, performance.now()]);
      return performance.memory?.usedJSHeapSize ?? 0;
    }, from);
  };
  await page.evaluate(() => (window.__allLongTasks = []));
  const heaps = [await heap()];
  const traceDir = process.env.TBX_BENCH_TRACE;
  const tracePath = traceDir && join(traceDir, 'bench_timeseries_scroll.json');
  if (tracePath) await startTrace(browser, page, tracePath, { samples: true });
  t = performance.now();
  let screens = 0;
  for (;;) {
    const done = await page.$eval('.main', (el) => {
      el.scrollBy(0, el.clientHeight * 0.9);
      return el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
    });
    screens++;
    await page.waitForTimeout(50);
    if (screens % 20 === 0) heaps.push(await heap());
    if (done) break;
  }
  await page.waitForTimeout(1000);
  if (tracePath) await browser.stopTracing();
  heaps.push(await heap());
  const longTasks = await page.evaluate(() => window.__pageLongTasks());
  const toolTasks = await page.evaluate(() => window.__allLongTasks.length) - longTasks.length;
  const mounted = await page.$$eval('.ts-slot[data-mounted="true"]', (s) => s.length);
  const cells = await page.$$eval('.ts-slot', (s) => s.length);
  console.log(`browser: scrolled ${screens} screens (${cells} cards) in ${((performance.now() - t) / 1000).toFixed(1)} s; ` +
    `longest task ${longTasks.length ? Math.max(...longTasks).toFixed(0) : '< 50'} ms, ${longTasks.length} tasks over 50 ms; ` +
    `JS heap ${(heaps[0] / 1e6).toFixed(0)} MB at the start, ${(Math.max(...heaps) / 1e6).toFixed(0)} MB at most, ${(heaps[heaps.length - 1] / 1e6).toFixed(0)} MB at the end; ${mounted} cards mounted at the end` +
    ` (not counted: ${toolTasks} long tasks of the benchmark's own forced garbage collections)`);
  if (tracePath) {
    const traced = longTasksOfTrace(tracePath);
    const cpu = traced.map((task) => task.cpuMs);
    console.log(`trace: ${traced.length} main-thread tasks over 50 ms (wall or CPU); CPU time of the longest ${cpu.length ? Math.max(...cpu).toFixed(0) : '-'} ms, ` +
      `${cpu.filter((c) => c > 50).length} over 50 ms of CPU (${tracePath})`);
    for (const task of traced.slice(0, 15)) {
      console.log(`  ${task.wallMs.toFixed(0)} ms (CPU ${task.cpuMs.toFixed(0)} ms): ${task.top.map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', ')}`);
      if (task.functions.length) console.log(`    self time: ${task.functions.map(([fn, ms]) => `${fn} ${ms.toFixed(0)}`).join(', ')}`);
    }
  }
} finally {
  await browser?.close();
  await server?.stop();
  if (!kept) rmSync(dir, { recursive: true, force: true });
}
