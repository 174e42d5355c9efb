// Benchmark of the Scalars dashboard with thousands of runs (a benchmark, not a test).
//
//   node tests/browser/bench_runs.mjs --tbx build/tbx [--runs 5000 --tags 20 --steps 1000]
//        [--logdir build/bench_data/scalars_5000x20x1000] [--repeat 3] [--trace] [--no-settle]
//   node tests/browser/bench_runs.mjs --url http://127.0.0.1:6006/     (a server already running)
//
// Writes the logdir with build/bench/bench_load (--bench_load PATH; by default the same logdir as
// its own 100M-point load benchmark) if it does not exist, starts tbx on it and waits for the
// first load. Then measures:
//   1. the listing routes at that size, from Node's fetch (median of 5): /data/runs, the scalars
//      and timeseries tag listings, and one chart's /series (every run, binary, the points per run
//      a chart of that many runs asks for);
//   2. in headless chromium at 1400×1000, with every run selected: navigation → every chart in the
//      viewport painted (per load), and the time one chart took to draw (published by the chart);
//   3. hover → tooltip: a mousemove dispatched at 40 places over a painted chart, each at the
//      start of a frame (inside an animation-frame callback, where Chromium delivers a real
//      mouse's moves: they are aligned to frames); the time until the tooltip holds the nearest
//      runs (the event's handlers, synchronous: uPlot's cursor, the index query, the tooltip's
//      table), and until that frame is rendered (a task posted from the frame runs after its
//      style, layout and paint): input → tooltip painted, without the wait for the display's next
//      refresh (up to 16.7 ms at 60 Hz, whatever the page does); and the time the chart took to
//      build its point index (once per redraw, when the page is idle). Wall times: on a loaded
//      machine the minimum is the closest to the work itself.
// With --trace, each load also prints where the time to first paint went (bench_trace.mjs).
// Each load opens a new window and navigates once the browser has built that window's UI
// (settleBrowser in bench_common.mjs), as in a browser that was already open; --no-settle navigates
// at once, sharing the two cores with that work.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { arg, flag, launchBenchBrowser, median, minimum, p95, serveLogdir, settleBrowser } from './bench_common.mjs';
import { printBreakdown, traceCategories } from './bench_trace.mjs';
import { waitForFirstScreenPainted } from './harness.mjs';

const runs = Number(arg('runs', 5000));
const tags = Number(arg('tags', 20));
const steps = Number(arg('steps', 1000));
const repeat = Number(arg('repeat', 3));
const tracing = flag('trace');
const ms = (x) => `${x.toFixed(1)} ms`;

let url = arg('url');
let child = null;
if (!url) {
  const tbx = resolve(arg('tbx', 'build/tbx'));
  const logdir = resolve(arg('logdir', `build/bench_data/scalars_${runs}x${tags}x${steps}`));
  if (!existsSync(join(logdir, '.complete'))) {
    const started = Date.now();
    // bench_load writes the logdir (and marks it .complete) before measuring its load.
    execFileSync(resolve(arg('bench_load', 'build/bench/bench_load')), ['--logdir', logdir, '--runs', runs, '--tags', tags, '--steps', steps].map(String), {
      stdio: 'inherit',
    });
    console.log(`wrote ${logdir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  ({ child, url } = await serveLogdir(tbx, logdir, runs, ['--reload_interval=0']));
}

/** Median wall time of `n` fetches of `path` (whole body read), and the body's size. */
async function timeRoute(path, n = 5) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const response = await fetch(url + path);
    bytes = (await response.arrayBuffer()).byteLength;
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    times.push(performance.now() - t0);
  }
  console.log(`${path}: median ${ms(median(times))} (min ${ms(minimum(times))}), ${bytes} B`);
}

const browser = await launchBenchBrowser();
try {
  const served = await (await fetch(url + 'data/runs')).json();
  console.log(`${served.length} runs served`);
  await timeRoute('data/runs');
  await timeRoute('data/plugin/scalars/tags');
  await timeRoute('data/plugin/scalars/tag_list');
  await timeRoute('data/plugin/timeseries/tags');

  let page;
  for (let i = 0; i < repeat; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    // Navigate once the new window has built its browser UI (settleBrowser); --no-settle at once.
    if (!flag('no-settle')) await settleBrowser(child?.pid);
    if (tracing) await browser.startTracing(page, { categories: traceCategories });
    await page.goto(`${url}#tab=scalars`, { waitUntil: 'commit' });
    const paintedMs = await waitForFirstScreenPainted(page, { timeout: 180000, polling: 'raf' });
    if (tracing) await printBreakdown(page, await browser.stopTracing(), paintedMs);
    const { charts, drawn, drawMs } = await page.evaluate(() => {
      const cards = [...document.querySelectorAll('.card[data-points]')];
      return {
        charts: cards.length,
        drawn: cards.map((c) => Number(c.dataset.runs)),
        drawMs: cards.map((c) => Number(c.querySelector('.card__chart').dataset.drawMs ?? NaN)),
      };
    });
    console.log(
      `load ${i + 1}: ${charts} charts painted ${paintedMs.toFixed(0)} ms after navigation start ` +
        `(runs per chart ${Math.min(...drawn)}–${Math.max(...drawn)}; one chart's draw ${ms(Math.min(...drawMs))}–${ms(Math.max(...drawMs))})`,
    );
    if (i < repeat - 1) await context.close();
  }

  // One chart's series as the page fetched it (every run, the points per run it asks for).
  const series = await page.evaluate(() =>
    performance.getEntriesByType('resource').find((e) => e.name.includes('scalars/series'))?.name,
  );
  if (series) await timeRoute(series.slice(url.length));

  // Hover → tooltip over the first chart, once its point index is built (it is built when the
  // page is idle after the draw, off the input path; a hover before then builds it).
  await page.waitForSelector('.card[data-points] .card__chart[data-index-ms]', { timeout: 60000 });
  // The chart's cursor (uPlot, whose `over` takes the events) is built when the page is idle or on
  // the first pointer; this measures the hovers after it (the first hover's build is published in
  // data-interactive, ms).
  await page.waitForFunction(() => document.querySelector('.card[data-points] .u-over'), null, { timeout: 60000 });
  const hover = await page.evaluate(async () => {
    // The first chart whose cursor is built (the idle builds need not have reached the first card).
    const over = document.querySelector('.card[data-points] .u-over');
    const card = over.closest('.card');
    // Every chart has its own tooltip box (on the body); the hovered chart's is the one shown.
    const tooltips = () => [...document.querySelectorAll('.chart-tooltip')];
    const box = over.getBoundingClientRect();
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    // A task posted now runs after the current task: from an animation-frame callback, after the
    // frame's rendering (style, layout, paint).
    const afterTask = () => new Promise((r) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => r();
      channel.port2.postMessage(null);
    });
    const handler = [];
    const painted = [];
    const rows = [];
    let caption = '';
    for (let i = 0; i < 40; i++) {
      const x = box.left + box.width * (0.05 + 0.9 * ((i * 7) % 40) / 40);
      const y = box.top + box.height * (0.1 + 0.8 * ((i * 13) % 40) / 40);
      await frame();
      for (const box of tooltips()) box.hidden = true;
      // Hidden tooltips rendered first, so the measured frame renders the hover's changes only.
      await afterTask();
      const { t0, t1, rendered } = await new Promise((resolve) =>
        requestAnimationFrame(() => {
          const t0 = performance.now();
          over.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
          const t1 = performance.now();
          resolve({ t0, t1, rendered: afterTask() });
        }),
      );
      await rendered;
      const t2 = performance.now();
      const tooltip = tooltips().find((box) => !box.hidden);
      if (!tooltip) throw new Error('no tooltip after a mousemove');
      handler.push(t1 - t0);
      painted.push(t2 - t0);
      rows.push(tooltip.querySelectorAll('tbody tr').length);
      caption = tooltip.querySelector('caption')?.textContent ?? '';
    }
    const chart = card.querySelector('.card__chart');
    return { handler, painted, rows, caption, indexMs: chart.dataset.indexMs, buildMs: chart.dataset.interactive };
  });
  console.log(
    `hover → tooltip (${hover.caption}; ${Math.min(...hover.rows)}–${Math.max(...hover.rows)} rows): ` +
      `handlers median ${ms(median(hover.handler))}, min ${ms(Math.min(...hover.handler))}, p95 ${ms(p95(hover.handler))}; ` +
      `input → tooltip painted (handlers, style, layout, paint of that frame) median ${ms(median(hover.painted))}, min ${ms(Math.min(...hover.painted))}, p95 ${ms(p95(hover.painted))}; ` +
      `the chart's point index built in ${hover.indexMs} ms${hover.buildMs ? `, its cursor (uPlot) in ${hover.buildMs} ms` : ''}`,
  );
} finally {
  await browser.close();
  child?.kill('SIGTERM');
}
