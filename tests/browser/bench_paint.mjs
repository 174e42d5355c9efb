// Paint benchmark of the Scalars dashboard (a benchmark, not a test).
//
//   node tests/browser/bench_paint.mjs --tbx build/tbx --tool build/tests/browser/make_browser_logdir
//        [--logdir /tmp/tbx-bench-50x20x10k] [--runs 50 --tags 20 --steps 10000] [--repeat 5]
//   node tests/browser/bench_paint.mjs --url http://127.0.0.1:6006/     (a server already running)
//
// Writes the logdir with make_browser_logdir if it does not exist, starts tbx on it and waits for
// the first load. Then measures, in headless chromium at 1400×1000:
//   1. navigation → every chart in the viewport painted (median of --repeat cold loads, each in a
//      new window, navigated once the browser is idle: see settleBrowser; --no-settle as before),
//      as the page itself sees it (harness.watchFirstScreen; --observed: with playwright's
//      waitForFunction, whose injected script then runs in the page during the load);
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
import { resolve } from 'node:path';
import {
  arg,
  ensureBenchLogdir,
  flag,
  launchBenchBrowser,
  median,
  p95,
  serveLogdir,
  settleBrowser,
} from './bench_common.mjs';
import { printBreakdown, traceCategories } from './bench_trace.mjs';
import { waitForFirstScreenPainted, watchFirstScreen } from './harness.mjs';

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
  ensureBenchLogdir(logdir, resolve(arg('tool', 'build/tests/browser/make_browser_logdir')), runs, tags, steps);
  ({ child, url } = await serveLogdir(tbx, logdir, runs));
}

const browser = await launchBenchBrowser();
try {
  const paints = [];
  const layers = [];
  let page;
  for (let i = 0; i < repeat; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    // Each load's new window first builds its browser UI (settleBrowser): the navigation starts
    // once that is done, as in a browser that was already open. --no-settle starts it at once.
    if (!flag('no-settle')) await settleBrowser(child?.pid);
    if (tracing) {
      await browser.startTracing(page, { categories: traceCategories });
    }
    // Both times are taken by the page itself (watchFirstScreen), so that none of playwright's
    // own scripts run in it during the load; --observed waits with waitForFunction, as figures
    // before 2026-12-07 14:30 UTC were taken (20-40 ms of playwright's work in the page).
    const observed = flag('observed');
    const watched = observed ? null : await watchFirstScreen(page, { timeout: 60000, layers: true });
    await page.goto(`${url}#tab=scalars`, { waitUntil: 'commit' });
    const paintedMs = observed
      ? await waitForFirstScreenPainted(page, { timeout: 60000, polling: 'raf' })
      : await watched.painted;
    // The faded raw lines under the smoothed ones are stroked after the first frame: when every
    // layer of the visible charts is drawn.
    const layersMs = observed
      ? await (
          await page.waitForFunction(
            () =>
              ![...document.querySelectorAll('.card')].some((card) => {
                const r = card.getBoundingClientRect();
                return r.bottom > 0 && r.top < window.innerHeight && card.querySelector('[data-lines-pending]');
              }) && performance.now(),
            null,
            { timeout: 60000, polling: 'raf' },
          )
        ).jsonValue()
      : await watched.layers;
    if (tracing) await printBreakdown(page, await browser.stopTracing(), paintedMs);
    const charts = await page.evaluate(() => [...document.querySelectorAll('.card[data-points]')].length);
    paints.push(paintedMs);
    layers.push(layersMs);
    console.log(
      `load ${i + 1}: ${charts} visible charts painted ${paintedMs.toFixed(0)} ms after navigation start, every layer ${layersMs.toFixed(0)} ms`,
    );
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
    // A request may carry several cards' tags (the dashboard batches the cards shown together), named
    // or, for the first screen, by position (first_tags=N: N tags when the logdir has that many).
    const tagsOf = (name) => {
      const params = new URL(name).searchParams;
      return params.getAll('tag').length || Number(params.get('first_tags'));
    };
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
  console.log(`navigation → visible charts painted: median ${median(paints).toFixed(0)} ms (target < 500 ms)`);
  console.log(`navigation → every line layer of the visible charts drawn: median ${median(layers).toFixed(0)} ms`);
  console.log(
    `smoothing slider, work per step (input → all charts redrawn): median ${median(stepTimes).toFixed(1)} ms, ` +
      `p95 ${p95(stepTimes).toFixed(1)} ms (target median < 16 ms)`,
  );
  console.log(`frame interval while dragging the slider: median ${median(frames).toFixed(1)} ms over ${frames.length} frames`);
} finally {
  await browser.close();
  child?.kill('SIGTERM');
}
