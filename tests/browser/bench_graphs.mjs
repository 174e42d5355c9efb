// Graph explorer benchmark (a benchmark, not a test).
//
//   node tests/browser/bench_graphs.mjs --tbx build/tbx --tool build/tools/make_graph_logdir
//        [--nodes 50000] [--repeat 3]
//
// Writes a synthetic 48-block transformer graph of about --nodes nodes with make_graph_logdir
// (unless /tmp/tbx-graph-<nodes> exists), starts tbx on it, and measures:
//   1. the server's first /hierarchy answer (decode + hierarchy build, cold) and a cached one;
//   2. in headless chromium at 1400×1000, navigation → first graph painted (median of --repeat
//      loads, hierarchy cached on the server);
//   3. expanding "Transformer" and then the 501-op "Embedding[embed]" group: double-click → the
//      new layout painted;
//   4. the longest main-thread task seen during 2 and during 3 (PerformanceObserver 'longtask' reports
//      tasks over 50 ms; none means every task was shorter).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const nodes = Number(arg('nodes', 50000));
const repeat = Number(arg('repeat', 3));
const { chromium } = await import(pathToFileURL(join(here, '../../frontend/node_modules/playwright-core/index.mjs')).href);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

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
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const paints = [];
const expands = [];
let longest = 0;
let openLongest = 0;
for (let i = 0; i < repeat; i++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url + '#tab=graphs');
  await page.waitForFunction(() => window.__tbxGraphs?.firstPaintAt !== undefined, null, { timeout: 60000 });
  paints.push(await page.evaluate(() => window.__tbxGraphs.firstPaintAt));
  await page.waitForTimeout(300);
  openLongest = Math.max(openLongest, ...(await page.evaluate(() => window.__longTasks.splice(0))));
  for (const label of ['Transformer', 'Embedding[embed]']) {
    const rect = await page.evaluate((l) => window.__tbxGraphs.screenRectOf(l), label);
    await page.mouse.dblclick(rect.x + rect.width / 2, rect.y + 12);
    await page.waitForFunction(
      () => window.__tbxGraphs.expandStartedAt === undefined && window.__tbxGraphs.lastExpandMs !== undefined,
      null,
      { timeout: 60000 },
    );
    const ms = await page.evaluate(() => {
      const g = window.__tbxGraphs;
      const t = [g.lastExpandMs, g.lastExpandFetchMs, g.lastExpandLayoutMs];
      g.lastExpandMs = undefined;
      return t;
    });
    if (label === 'Embedding[embed]') expands.push(ms);
  }
  await page.waitForTimeout(300);
  longest = Math.max(longest, ...(await page.evaluate(() => window.__longTasks)));
  await context.close();
}
console.log(`navigation → first graph painted: median ${median(paints).toFixed(0)} ms (${paints.map((x) => x.toFixed(0)).join(', ')})`);
const part = (k) => expands.map((x) => x[k].toFixed(0)).join(', ');
console.log(`expand the 501-op group → painted: median ${median(expands.map((x) => x[0])).toFixed(0)} ms (${part(0)}; server fetch ${part(1)}; layout worker ${part(2)})`);
const show = (ms) => (ms > 0 ? `${ms.toFixed(0)} ms` : 'none over 50 ms');
console.log(`longest main-thread task: page open (incl. loading the app) ${show(openLongest)}, expanding ${show(longest)}`);
await browser.close();
child.kill('SIGTERM');
