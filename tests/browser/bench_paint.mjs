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
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { waitForFirstScreenPainted } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const runs = Number(arg('runs', 50));
const tags = Number(arg('tags', 20));
const steps = Number(arg('steps', 10000));
const repeat = Number(arg('repeat', 5));
const { chromium } = await import(
  pathToFileURL(join(here, '../../frontend/node_modules/playwright-core/index.mjs')).href
);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

async function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

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
  const port = await freePort();
  const started = Date.now();
  child = spawn(tbx, [`--logdir=${logdir}`, `--port=${port}`], { stdio: 'inherit' });
  url = `http://127.0.0.1:${port}/`;
  for (;;) {
    try {
      const status = await (await fetch(url + 'data/status')).json();
      if (status.first_load_done && status.runs.length >= runs && status.runs.every((r) => r.loaded)) break;
    } catch {
      // Starting.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(`tbx loaded the logdir in ${((Date.now() - started) / 1000).toFixed(1)} s`);
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
    await page.goto(`${url}#tab=scalars`, { waitUntil: 'commit' });
    await waitForFirstScreenPainted(page, { timeout: 60000, polling: 'raf' });
    const { paintedMs, charts } = await page.evaluate(() => ({
      paintedMs: performance.now(),
      charts: [...document.querySelectorAll('.card[data-points]')].length,
    }));
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
    const e = seriesEntries[0];
    const asJson = e.name.replace('format=binary', 'format=json');
    console.log(
      `bytes per chart (${seriesEntries.length} charts fetched): binary ${median(seriesEntries.map((x) => x.decoded))} B ` +
        `(${median(seriesEntries.map((x) => x.transfer))} B on the wire to Chromium; gzip ${await gzipBytes(e.name)} B); ` +
        `the same as JSON ${await rawBytes(asJson)} B (gzip ${await gzipBytes(asJson)} B)`,
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
    console.log(`JSON.parse of one chart's JSON in the page: median ${parseMs.toFixed(1)} ms (binary: no parse)`);
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
