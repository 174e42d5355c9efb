// Benchmark (not a test): a torch-sized histogram tag, STEPS steps × BUCKETS buckets, served by
// the real tbx and painted by the Histograms dashboard in headless chromium. Prints the time of
// the full-resolution histograms route (server, median of 5), the time from opening the page to
// the painted card (which loads the server-re-binned `histograms/rebinned`) with the page's data
// requests, the card's own time from its request leaving to its chart painted,
// the card's own re-bin + draw time, and the cost of one hover redraw.
//
//   TBX_BINARY=build/tbx TBX_DASHBOARDS_LOGDIR_TOOL=build/tests/browser/make_dashboards_logdir \
//   TBX_FRONTEND_DIR=frontend node tests/browser/bench_histograms.mjs [STEPS] [BUCKETS]
//
// Each open prints its timeline (the page's scripts, app start, the listing's and the re-binned
// data's requests, the card painted). With TBX_BENCH_TRACE=DIR the last open is recorded as a
// Chromium trace (kept in DIR) and its main-thread tasks over 20 ms are printed in order, with
// the events and JavaScript functions inside them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordRequests } from './bench_requests.mjs';
import { pageTimings } from './bench_trace.mjs';
import { longTasksOfTrace } from './trace_long_tasks.mjs';
import { startTrace } from './trace_summary.mjs';
import { settleBrowser } from './bench_common.mjs';
import { launchBrowser, newPage, screenshot, startTbx } from './harness.mjs';

const steps = Number(process.argv[2] ?? 600);
const buckets = Number(process.argv[3] ?? 1500);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The page's path to its first card, in ms after navigation start (the page's own clock): the
 * HTML, its scripts (first sent → last received), the app's start, the tag listing and the
 * re-binned data (sent → received), and the card's chart painted.
 */
async function timeline(page) {
  const t = await pageTimings(page);
  const mark = (name) => t.marks.find((m) => m.name === name)?.at;
  t.start = mark('tbx:app-start');
  t.painted = mark('tbx:histograms-painted');
  const scripts = t.res.filter((r) => r.path.endsWith('.js'));
  const span = (suffix) => {
    const r = t.res.find((x) => x.path.endsWith(suffix));
    // Sent → answered, and inside: waiting for a connection / the server's first byte / the transfer.
    return r
      ? `${r.start.toFixed(0)}→${r.end.toFixed(0)} (${(r.request - r.start).toFixed(0)}/${(r.firstByte - r.request).toFixed(0)}/${(r.end - r.firstByte).toFixed(0)})`
      : '—';
  };
  const kb = scripts.reduce((sum, r) => sum + r.bytes, 0) / 1e3;
  return `timeline: HTML ${t.html.toFixed(0)}; ${scripts.length} scripts (${kb.toFixed(0)} KB) ${Math.min(...scripts.map((r) => r.start)).toFixed(0)}→${Math.max(...scripts.map((r) => r.end)).toFixed(0)}; ` +
    `app start ${t.start?.toFixed(0) ?? '—'}; histograms/tags ${span('histograms/tags')}; rebinned ${span('histograms/rebinned')}; ` +
    `card painted ${t.painted?.toFixed(0) ?? '—'}`;
}

const dir = mkdtempSync(join(tmpdir(), 'tbx-bench-histograms-'));
let server;
let browser;
try {
  let t = performance.now();
  execFileSync(process.env.TBX_DASHBOARDS_LOGDIR_TOOL, ['bench', dir, String(steps), String(buckets)]);
  console.log(`logdir: ${steps} steps x ${buckets} buckets written in ${(performance.now() - t).toFixed(0)} ms`);
  // Keep every histogram (tbx's default reservoir, like TensorBoard's, keeps 500 per tag).
  server = await startTbx(dir, { expectRuns: ['bench'], extraArgs: ['--samples_per_plugin=histograms=0'] });
  const route = `${server.url}data/plugin/histograms/histograms?run=bench&tag=weights%2Fbig`;
  // Wait until every step is loaded.
  for (let tries = 0; ; tries++) {
    const answer = await (await fetch(route)).json().catch(() => []);
    if (answer.length === steps) break;
    if (tries > 300) throw new Error(`the server holds ${answer.length} of ${steps} histograms after 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const routeMs = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    const body = await (await fetch(route)).arrayBuffer();
    routeMs.push(performance.now() - t);
    bytes = body.byteLength;
  }
  console.log(`server: histograms route ${median(routeMs).toFixed(1)} ms median (${routeMs.map((m) => m.toFixed(0)).join(', ')}), ${(bytes / 1e6).toFixed(1)} MB`);

  browser = await launchBrowser();
  const page = await newPage(browser);
  // Open the pages once the new window has built its browser UI (settleBrowser in bench_common.mjs;
  // TBX_BENCH_NO_SETTLE=1 opens at once).
  if (!process.env.TBX_BENCH_NO_SETTLE) await settleBrowser(server.pid);
  const card = `.card[data-tag="weights/big"][data-run="bench"]`;
  const recorder = recordRequests(page, server);
  const paints = [];
  for (let i = 0; i < 3; i++) {
    recorder.restart();
    const tracePath = process.env.TBX_BENCH_TRACE && i === 2 && join(process.env.TBX_BENCH_TRACE, 'bench_histograms_open.json');
    if (tracePath) await startTrace(browser, page, tracePath, { samples: true });
    t = performance.now();
    await page.goto(`${server.url}?bench=${i}#tab=histograms`);
    await page.waitForSelector(`${card}[data-histograms="${steps}"]`, { timeout: 60000 });
    const total = performance.now() - t;
    if (tracePath) {
      await browser.stopTracing();
      const tasks = longTasksOfTrace(tracePath, 20).sort((a, b) => a.startUs - b.startUs);
      console.log(`    trace (${tracePath}): main-thread tasks over 20 ms, in order (ms after the first):`);
      for (const task of tasks) {
        console.log(`      @${((task.startUs - tasks[0].startUs) / 1000).toFixed(0)} ${task.wallMs.toFixed(0)} ms (CPU ${task.cpuMs.toFixed(0)}): ` +
          `${task.top.slice(0, 5).map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', ')}`);
        if (task.functions.length) console.log(`        self: ${task.functions.slice(0, 6).map(([fn, ms]) => `${fn} ${ms.toFixed(0)}`).join(', ')}`);
      }
    }
    const times = await page.$eval(card, (e) => ({ ...e.dataset }));
    paints.push({ total, draw: Number(times.paintMs), fetch: Number(times.fetchMs), flatten: Number(times.flattenMs), card: Number(times.cardMs) });
    console.log(`  open ${i}: ${total.toFixed(0)} ms; card asked -> painted ${times.cardMs} ms`);
    for (const line of recorder.lines()) console.log(`    ${line}`);
    console.log(`    ${await timeline(page)}`);
  }
  const m = (key) => median(paints.map((p) => p[key])).toFixed(1);
  console.log(`browser: open page -> painted card ${m('total')} ms median; the card's own time, its request leaving -> painted, ${m('card')} ms median, of which fetch + JSON parse ${m('fetch')} ms, flatten ${m('flatten')} ms, re-bin + draw ${m('draw')} ms`);
  const hover = await page.$eval(`${card} .hist-chart`, (frame) => {
    const r = frame.getBoundingClientRect();
    const started = performance.now();
    const moves = 200;
    for (let i = 0; i < moves; i++) {
      frame.dispatchEvent(new PointerEvent('pointermove', { clientX: r.x + 10 + (i % 150) * 2, clientY: r.y + 20 + (i % 200), bubbles: true }));
    }
    return (performance.now() - started) / moves;
  });
  await screenshot(page, 'bench_histograms');
  console.log(`browser: hover redraw ${hover.toFixed(2)} ms per pointer move`);
  for (const mode of ['overlay', 'offset']) {
    t = performance.now();
    await page.check(`input[name="histogram-mode"] >> nth=${mode === 'overlay' ? 1 : 0}`);
    await page.waitForSelector(`${card}[data-mode="${mode}"]`);
    console.log(`browser: switch to ${mode} ${(performance.now() - t).toFixed(0)} ms (draw ${await page.$eval(card, (e) => e.dataset.paintMs)} ms)`);
  }
} finally {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}
