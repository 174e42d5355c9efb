// Paint benchmark of the Scalars dashboard (a benchmark, not a test).
//
//   node tests/browser/bench_paint.mjs --tbx build/tbx --tool build/tests/browser/make_browser_logdir
//        [--logdir /tmp/tbx-bench-50x20x10k] [--runs 50 --tags 20 --steps 10000] [--repeat 5]
//   node tests/browser/bench_paint.mjs --url http://127.0.0.1:6006/     (a server already running)
//
// Writes the logdir with make_browser_logdir if it does not exist, starts tbx on it and waits for
// the first load. Then measures, in headless chromium at 1400×1000:
//   1. navigation → every chart in the viewport painted (median of --repeat cold loads);
//   2. smoothing slider: the work of one slider step inside its animation frame, from the start of
//      the frame's callbacks until every visible chart has redrawn (median and p95 over 100
//      steps), and the median interval between animation frames during a real mouse drag.
// With --trace, each load also prints where the time to first paint went (ms after navigation
// start): the app's scripts fetched and evaluated, the core requests (runs, plugins listing), the
// scalar tags, the first and last /series request sent and answered (and, per request, its wait
// for one of the browser's six connections, the server's time to the first byte, and the
// transfer, which includes waiting for the page's main thread), and the main thread's busy
// time by kind of task (script evaluation, timers and callbacks, layout and paint) from a Chrome
// trace, in CPU time (thread time; a loaded machine inflates wall time far more).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { arg, chromium, flag, median, p95, serveLogdir } from './bench_common.mjs';
import { waitForFirstScreenPainted } from './harness.mjs';

const runs = Number(arg('runs', 50));
const tags = Number(arg('tags', 20));
const steps = Number(arg('steps', 10000));
const repeat = Number(arg('repeat', 5));
const tracing = flag('trace');

let url = arg('url');
let child = null;
if (!url) {
  const tbx = resolve(arg('tbx', 'build/tbx'));
  const logdir = resolve(arg('logdir', `/tmp/tbx-bench-${runs}x${tags}x${steps}`));
  if (!existsSync(logdir)) {
    const started = Date.now();
    execFileSync(resolve(arg('tool', 'build/tests/browser/make_browser_logdir')), ['bench', logdir, runs, tags, steps].map(String), {
      stdio: 'inherit',
    });
    console.log(`wrote ${logdir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  ({ child, url } = await serveLogdir(tbx, logdir, runs));
}

/** Milestones of one load (ms after navigation start) and the main thread's busy time by kind. */
async function printBreakdown(page, trace, paintedMs) {
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').map((e) => ({
      name: new URL(e.name).pathname,
      start: e.startTime,
      request: e.requestStart,
      firstByte: e.responseStart,
      end: e.responseEnd,
    }));
    const marks = performance.getEntriesByType('mark').map((m) => ({ name: m.name, at: m.startTime }));
    return { html: nav.responseEnd, domInteractive: nav.domInteractive, res, marks };
  });
  timing.now = paintedMs;
  const span = (filter) => {
    const xs = timing.res.filter((r) => filter(r.name));
    if (xs.length === 0) return '—';
    const start = Math.min(...xs.map((x) => x.start));
    const lastStart = Math.max(...xs.map((x) => x.start));
    const firstEnd = Math.min(...xs.map((x) => x.end));
    const end = Math.max(...xs.map((x) => x.end));
    return xs.length === 1
      ? `${start.toFixed(0)}→${end.toFixed(0)}`
      : `${xs.length}× sent ${start.toFixed(0)}…${lastStart.toFixed(0)}, answered ${firstEnd.toFixed(0)}…${end.toFixed(0)}`;
  };
  const events = JSON.parse(trace.toString()).traceEvents;
  const navStart = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame)?.ts;
  const mainThread = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' &&
    events.some((x) => x.pid === e.pid && x.name === 'navigationStart'));
  const onMain = events.filter((e) => e.pid === mainThread?.pid && e.tid === mainThread?.tid && e.ph === 'X');
  const busy = {};
  const kinds = [['EvaluateScript', 'script eval'], ['v8.compileModule', 'module compile'], ['v8.evaluateModule', 'module eval'],
    ['FunctionCall', 'callbacks'], ['TimerFire', 'timers'], ['FireAnimationFrame', 'animation frames'], ['ParseHTML', 'HTML'],
    ['UpdateLayoutTree', 'style'], ['Layout', 'layout'], ['Paint', 'paint'], ['RunMicrotasks', 'microtasks']];
  const windowEnd = navStart + timing.now * 1000;
  for (const e of onMain) {
    if (e.ts < navStart || e.ts > windowEnd) continue;
    const kind = kinds.find(([name]) => e.name === name);
    if (kind) busy[kind[1]] = (busy[kind[1]] ?? 0) + (e.tdur ?? e.dur) / 1000;
  }
  // The thread's top-level tasks: a task runner's task, or a microtask checkpoint outside one
  // (where promise callbacks such as a chart's draw after its fetch run). A task nested in another
  // (a RunTask inside ThreadControllerImpl::RunTask) is counted once, as its outer task.
  const tasks = [];
  for (const e of onMain
    .filter((e) => ['RunTask', 'ThreadControllerImpl::RunTask', 'BlinkScheduler_PerformMicrotaskCheckpoint'].includes(e.name))
    .filter((e) => e.ts >= navStart && e.ts <= windowEnd)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
    const outer = tasks[tasks.length - 1];
    if (outer && e.ts < outer.ts + outer.dur) continue;
    tasks.push(e);
  }
  const cpu = (t) => (t.tdur ?? t.dur) / 1000;
  const total = tasks.reduce((sum, t) => sum + cpu(t), 0);
  // Before the first /series request left: the work on the way to asking for the charts' data.
  const firstSeries = Math.min(...timing.res.filter((r) => r.name.includes('scalars/series')).map((r) => r.start));
  const beforeSeries = tasks.filter((t) => (t.ts - navStart) / 1000 < firstSeries).reduce((sum, t) => sum + cpu(t), 0);
  const longest = tasks.map((t) => ({ at: (t.ts - navStart) / 1000, ms: cpu(t) })).sort((a, b) => b.ms - a.ms).slice(0, 4);
  // Each request's wait for a connection (sent → on the wire), the server's time to its first
  // byte, and the transfer (first → last byte, which includes waiting for the page's main thread).
  const phases = (filter) =>
    timing.res
      .filter((r) => filter(r.name))
      .map((r) => `${(r.request - r.start).toFixed(0)}/${(r.firstByte - r.request).toFixed(0)}/${(r.end - r.firstByte).toFixed(0)}`)
      .join(' ');
  const scripts = (n) => /\.js$/.test(n);
  console.log(`  HTML ${timing.html.toFixed(0)}; scripts ${span(scripts)}; app marks ${timing.marks.map((m) => `${m.name}@${m.at.toFixed(0)}`).join(' ')}`);
  console.log(`  runs ${span((n) => n.endsWith('/data/runs'))}; plugins_listing ${span((n) => n.endsWith('plugins_listing'))}; ` +
    `scalar tags ${span((n) => n.endsWith('scalars/tags'))}; series ${span((n) => n.includes('scalars/series'))}; painted ${timing.now.toFixed(0)}`);
  console.log(`  queued/server/transfer ms: scalar tags ${phases((n) => n.endsWith('scalars/tags'))}; series ${phases((n) => n.includes('scalars/series'))}`);
  console.log(`  main thread CPU ${total.toFixed(0)} ms (${beforeSeries.toFixed(0)} before the first series request left): ${Object.entries(busy).filter(([, ms]) => ms >= 1).map(([k, ms]) => `${k} ${ms.toFixed(0)}`).join(', ')}; ` +
    `longest tasks ${longest.map((t) => `${t.ms.toFixed(0)} ms @${t.at.toFixed(0)}`).join(', ')}`);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const paints = [];
  let page;
  for (let i = 0; i < repeat; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    if (tracing) {
      await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink.user_timing', 'v8.execute'] });
    }
    await page.goto(`${url}#tab=scalars`, { waitUntil: 'commit' });
    const paintedMs = await waitForFirstScreenPainted(page, { timeout: 60000, polling: 'raf' });
    if (tracing) await printBreakdown(page, await browser.stopTracing(), paintedMs);
    const charts = await page.evaluate(() => [...document.querySelectorAll('.card[data-points]')].length);
    paints.push(paintedMs);
    console.log(`load ${i + 1}: ${charts} visible charts painted ${paintedMs.toFixed(0)} ms after navigation start`);
    if (i < repeat - 1) await context.close();
  }

  // Bytes per chart: the /series answers of the last load as the browser received them, and the
  // same queries answered as JSON (both compressed as the server sends them to a gzip client).
  const seriesEntries = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('scalars/series'))
      .map((e) => ({ name: e.name, transfer: e.transferSize, decoded: e.decodedBodySize })),
  );
  const { get } = await import('node:http');
  const gzipBytes = (target) =>
    new Promise((res, rej) => {
      get(target, { headers: { 'accept-encoding': 'gzip' } }, (r) => {
        let n = 0;
        r.on('data', (d) => (n += d.length));
        r.on('end', () => res(n));
      }).on('error', rej);
    });
  const rawBytes = async (target) => (await (await fetch(target)).arrayBuffer()).byteLength;
  if (seriesEntries.length > 0) {
    // A request may carry several cards' tags (the dashboard batches the cards shown together).
    const tagsOf = (name) => new URL(name).searchParams.getAll('tag').length;
    const charts = seriesEntries.reduce((n, x) => n + tagsOf(x.name), 0);
    const perChart = (key) => median(seriesEntries.map((x) => x[key] / tagsOf(x.name))).toFixed(0);
    const e = seriesEntries[0];
    const asJson = e.name.replace('format=binary', 'format=json');
    const k = tagsOf(e.name);
    console.log(
      `bytes per chart (${charts} charts in ${seriesEntries.length} requests): binary ${perChart('decoded')} B ` +
        `(${perChart('transfer')} B on the wire to Chromium; gzip ${((await gzipBytes(e.name)) / k).toFixed(0)} B); ` +
        `the same as JSON ${((await rawBytes(asJson)) / k).toFixed(0)} B (gzip ${((await gzipBytes(asJson)) / k).toFixed(0)} B)`,
    );
    // The main-thread work the binary form saves: parsing that chart's JSON in the page.
    const parseMs = await page.evaluate(async (target) => {
      const text = await (await fetch(target)).text();
      const times = [];
      for (let i = 0; i < 11; i++) {
        const t0 = performance.now();
        JSON.parse(text);
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b)[5];
    }, asJson);
    console.log(`JSON.parse of one chart's JSON in the page: median ${(parseMs / k).toFixed(1)} ms (binary: no parse)`);
  }

  const slider = await page.$('input[aria-label="Smoothing"]');
  const stepTimes = await page.evaluate(async () => {
    const input = document.querySelector('input[aria-label="Smoothing"]');
    const times = [];
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => requestAnimationFrame(r));
      // The app applies a slider value in its next animation-frame callback (one change per
      // frame). Bracket that callback in the same frame: `before` is queued ahead of it and
      // `after` behind it, and rAF callbacks run in order with their microtasks (Preact's
      // render, the charts' redraws) in between. So after - before is the frame's work for one
      // step, without the wait for the frame itself.
      let before = 0;
      requestAnimationFrame(() => {
        before = performance.now();
      });
      input.value = String((i % 50) / 50 + 0.01);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const after = await new Promise((r) => requestAnimationFrame(() => r(performance.now())));
      times.push(after - before);
    }
    return times;
  });
  const box = await slider.boundingBox();
  await page.evaluate(() => {
    window.__frames = [];
    const loop = (t) => {
      window.__frames.push(t);
      if (window.__frames.length < 2000) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 0; i <= 60; i++) await page.mouse.move(box.x + 2 + ((box.width - 4) * i) / 60, box.y + box.height / 2);
  await page.mouse.up();
  const frames = await page.evaluate(() => window.__frames.slice(1).map((t, i) => t - window.__frames[i]));
  const visible = await page.evaluate(() => document.querySelectorAll('.card[data-points]').length);

  console.log(`\nlogdir: ${runs} runs × ${tags} tags × ${steps} steps; ${visible} charts drawn`);
  console.log(`navigation → visible charts painted: median ${median(paints).toFixed(0)} ms (target < 1000 ms)`);
  console.log(
    `smoothing slider, work per step (input → all charts redrawn): median ${median(stepTimes).toFixed(1)} ms, ` +
      `p95 ${p95(stepTimes).toFixed(1)} ms (target median < 16 ms)`,
  );
  console.log(`frame interval while dragging the slider: median ${median(frames).toFixed(1)} ms over ${frames.length} frames`);
} finally {
  await browser.close();
  child?.kill('SIGTERM');
}
