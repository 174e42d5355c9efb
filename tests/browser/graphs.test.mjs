// Browser tests of the graph explorer against the real tbx binary, on a PyTorch-style transformer
// graph written by make_graph_logdir (4 blocks of 5 heads, ~800 nodes): the graph paints with its
// top level collapsed, double-clicking a scope shows its children, search reveals a node deep
// inside series and the panel shows its op, attributes and shapes, the PNG download is a PNG, and
// the run metadata's step stats colour the graph by compute time and memory with a legend and show
// in the panel; a 501-op group is shown in bands at once, then in dagre's layout from the worker,
// with a node found by search kept in the middle. Opening the tab loads no other dashboard's code.
// The canvas is drawn by the render worker: a Chrome trace shows no canvas frame produced on the
// page's main thread. On Linux the text is in the system UI font, page and canvases, each weight
// found at the first lookup (a Chrome trace counts them).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, newPage, screenshot, startTbx } from './harness.mjs';

let logdir;
let server;
let browser;

before(async () => {
  const tool = process.env.TBX_GRAPH_LOGDIR_TOOL;
  if (!tool) throw new Error('TBX_GRAPH_LOGDIR_TOOL is not set (run the test through ctest)');
  logdir = mkdtempSync(join(tmpdir(), 'tbx-graphs-'));
  execFileSync(tool, [logdir, '--nodes=800', '--blocks=4'], { stdio: 'ignore' });
  server = await startTbx(logdir);
  for (let i = 0; i < 100; i++) {
    const info = await (await fetch(server.url + 'data/plugin/graphs/info')).json();
    if (info.model?.run_graph) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (logdir) rmSync(logdir, { recursive: true, force: true });
});

async function openGraphs() {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(server.url + '#tab=graphs');
  await page.waitForFunction(() => Number(document.querySelector('canvas.graphs__canvas')?.dataset.drawn ?? 0) > 0, null, {
    timeout: 20000,
  });
  return { page, errors };
}

const rectOf = (page, label) => page.evaluate((l) => window.__tbxGraphs?.screenRectOf(l) ?? null, label);

test('on Linux the page and its canvases use the system UI font, found at the first lookup', async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  // Chromium looks a font family up with a synchronous call to the browser process, and on Linux
  // TensorBoard's Roboto, Helvetica Neue and Arial (and the generic sans-serif's candidates) are
  // missing, each a lookup of its own: eleven on the main thread while the page opens, most in its
  // first style and layout. With `system-ui` alone, one per weight shown.
  await browser.startTracing(page, { categories: ['mojom'] });
  await page.goto(server.url + '#tab=graphs');
  await page.waitForFunction(() => Number(document.querySelector('canvas.graphs__canvas')?.dataset.drawn ?? 0) > 0, null, {
    timeout: 20000,
  });
  await page.waitForTimeout(300);
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const threadName = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const lookups = events.filter((e) => e.name === 'FontDataService::MatchFamilyName').map((e) => threadName.get(`${e.pid}:${e.tid}`));
  const onMain = lookups.filter((name) => name === 'CrRendererMain').length;
  assert.ok(onMain >= 1 && onMain <= 3, `font lookups by thread: ${lookups.join(', ')}`);
  assert.ok(lookups.length - onMain <= 3, `font lookups by thread: ${lookups.join(', ')}`);
  const fonts = await page.evaluate(() => [document.documentElement, document.querySelector('button')].map((e) => getComputedStyle(e).fontFamily));
  assert.deepEqual(fonts, ['system-ui', 'system-ui']);
  assert.deepEqual(errors, []);
});

test('paints the graph with the top level collapsed, and a double-click opens a scope', async () => {
  const { page, errors } = await openGraphs();
  assert.ok((await page.evaluate(() => window.__tbxGraphs.firstPaintMs)) > 0);
  const transformer = await rectOf(page, 'Transformer');
  assert.ok(transformer, 'Transformer scope is drawn');
  assert.ok(await rectOf(page, 'input'));
  assert.equal(await rectOf(page, 'ModuleList[blocks]'), null, 'children hidden while collapsed');
  const summary = await page.textContent('.graphs__panel');
  assert.match(summary, /791 nodes/);
  await screenshot(page, 'graphs_collapsed');
  // Every dashboard's code is a chunk loaded with its tab: opening Graphs loads its own chunk and
  // no other dashboard's (no Scalars code, no uPlot) — evaluating them made page open one long task.
  const scripts = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop()).filter((n) => n.endsWith('.js')),
  );
  assert.ok(scripts.some((n) => n.startsWith('dashboard-graphs-')), `graphs chunk loaded: ${scripts}`);
  assert.deepEqual(scripts.filter((n) => (n.startsWith('dashboard-') && !n.startsWith('dashboard-graphs-')) || /uPlot|scalar/i.test(n)), []);

  await page.mouse.dblclick(transformer.x + transformer.width / 2, transformer.y + transformer.height / 2);
  await page.waitForFunction(() => window.__tbxGraphs.screenRectOf('ModuleList[blocks]') !== undefined, null, {
    timeout: 10000,
  });
  assert.ok(await rectOf(page, 'Embedding[embed]'));
  const opened = await rectOf(page, 'Transformer');
  assert.ok(opened.height > transformer.height, 'the opened scope grew to hold its children');
  await screenshot(page, 'graphs_expanded');
  assert.deepEqual(errors, []);
});

test('the canvas is drawn by a worker: no main-thread task rasterises or commits it', async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  // Each frame of a software canvas costs its thread several milliseconds (allocating, rasterising
  // and handing the frame to the compositor); on the UI thread that made the first paint the
  // longest task of the page's opening. Opening, panning and zooming must leave it to the worker.
  await browser.startTracing(page, { categories: ['blink', 'toplevel'] });
  await page.goto(server.url + '#tab=graphs');
  await page.waitForFunction(() => Number(document.querySelector('canvas.graphs__canvas')?.dataset.drawn ?? 0) > 0, null, {
    timeout: 20000,
  });
  const transformer = await rectOf(page, 'Transformer');
  await page.mouse.move(transformer.x - 40, transformer.y - 40);
  await page.mouse.down();
  await page.mouse.move(transformer.x, transformer.y - 20, { steps: 5 });
  await page.mouse.up();
  await page.mouse.wheel(0, -200);
  await page.waitForFunction(([x]) => window.__tbxGraphs.screenRectOf('Transformer').x !== x, [transformer.x]);
  await page.waitForTimeout(300);
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const threadName = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const frames = events.filter((e) => e.name === 'Canvas2DResourceProvider::ProduceCanvasResource');
  const where = frames.map((e) => threadName.get(`${e.pid}:${e.tid}`));
  assert.ok(where.length >= 2, `the canvas produced ${where.length} frames`);
  assert.deepEqual(
    where.filter((name) => name === 'CrRendererMain'),
    [],
    `canvas frames by thread: ${where.join(', ')}`,
  );
  assert.deepEqual(errors, []);
});

test('search reveals a node inside series and the panel shows op, attributes and shapes', async () => {
  const { page, errors } = await openGraphs();
  await page.fill('input[aria-label="Search nodes"]', 'Block\\[2\\]/.*Head\\[3\\]/aten::softmax$');
  await page.press('input[aria-label="Search nodes"]', 'Enter');
  await page.waitForSelector('.graphs__panel [data-field="op"]', { timeout: 10000 });
  assert.equal(await page.textContent('.graphs__panel [data-field="op"]'), 'aten::softmax');
  assert.equal(await page.textContent('.graphs__panel [data-field="shapes"]'), '8×128×128');
  const attrs = await page.$$eval('.graphs__attrs li', (lis) => lis.map((li) => li.dataset.attr));
  assert.deepEqual(attrs, ['_output_shapes', 'attr']);
  assert.match(await page.textContent('.graphs__results'), /1 match/);
  // Its ancestors are open: the node itself is drawn.
  assert.ok(await rectOf(page, 'Transformer/ModuleList[blocks]/Block[2]/Attention[attn]/Head[3]/aten::softmax'));
  // Inputs are links that select the producer.
  await page.click('.graphs__panel button.graphs__link >> text=aten::div');
  await page.waitForFunction(() => document.querySelector('.graphs__panel [data-field="op"]')?.textContent === 'aten::div');
  await screenshot(page, 'graphs_search');
  assert.deepEqual(errors, []);
});

test('Download PNG saves a PNG of the canvas', async () => {
  const { page, errors } = await openGraphs();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download PNG')]);
  assert.match(download.suggestedFilename(), /^graph-model\.png$/);
  const bytes = readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(bytes.length > 2000);
  assert.deepEqual(errors, []);
});

/** The canvas pixel (r, g, b) at a client point (read where the canvas is drawn: the render worker). */
const pixelAt = (page, x, y) => page.evaluate(([px, py]) => window.__tbxGraphs.pixelAt(px, py), [x, y]);

test('run metadata colours by compute time and memory, with a legend, and fills the panel', async () => {
  const { page, errors } = await openGraphs();
  const options = await page.$$eval('select[aria-label="Run metadata"] option', (os) => os.map((o) => o.value));
  assert.deepEqual(options, ['', 'step1']);
  await page.selectOption('select[aria-label="Run metadata"]', 'step1');
  // Choosing run metadata switches to compute time; the legend names the scale's maximum.
  await page.waitForSelector('.graphs-legend[data-mode="compute"] [data-field="max"]', { timeout: 10000 });
  assert.equal(await page.inputValue('select[aria-label="Colour by"]'), 'compute');
  assert.match(await page.textContent('.graphs-legend'), /Compute time.*0 µs.*ms.*791 op runs matched/s);
  await page.waitForFunction(() => Number(document.querySelector('canvas.graphs__canvas')?.dataset.drawn ?? 0) > 0);
  // Transformer holds nearly all the time: the top of the scale, TensorBoard's #fb6a4a.
  const transformer = await rectOf(page, 'Transformer');
  const inside = [transformer.x + transformer.width - 6, transformer.y + transformer.height - 5];
  for (const deadline = Date.now() + 10000; ; ) {
    const [r, g, b] = await pixelAt(page, ...inside);
    if (r === 251 && g === 106 && b === 74) break;
    assert.ok(Date.now() < deadline, `Transformer is drawn at the top of the scale: ${[r, g, b]}`);
    await page.waitForTimeout(50);
  }
  // The input op is tiny next to it: near the light end.
  const input = await rectOf(page, 'input');
  const light = await pixelAt(page, input.x + input.width - 6, input.y + input.height - 5);
  assert.ok(light[1] > 235 && light[2] > 225, `input is light: ${light}`);
  await screenshot(page, 'graphs_compute_time');

  await page.selectOption('select[aria-label="Colour by"]', 'memory');
  await page.waitForSelector('.graphs-legend[data-mode="memory"]');
  assert.match(await page.textContent('.graphs-legend'), /Memory.*0 B.*MB/s);
  await screenshot(page, 'graphs_memory');

  // The panel of one softmax: 8×128×128 float outputs = 512 KB; 2 + 5 µs per 1000 elements = 657 µs
  // (make_graph_logdir's cost model).
  await page.fill('input[aria-label="Search nodes"]', 'Block\\[2\\]/.*Head\\[3\\]/aten::softmax$');
  await page.press('input[aria-label="Search nodes"]', 'Enter');
  await page.waitForSelector('.graphs__panel [data-field="compute"]', { timeout: 10000 });
  assert.equal(await page.textContent('.graphs__panel [data-field="compute"]'), '657 µs');
  assert.equal(await page.textContent('.graphs__panel [data-field="memory"]'), '512 KB');
  assert.equal(await page.textContent('.graphs__panel [data-field="stats-device"]'), '/device:GPU:0');
  await screenshot(page, 'graphs_stats_panel');

  // Without run metadata the stats colourings are unavailable again.
  await page.selectOption('select[aria-label="Run metadata"]', '');
  assert.equal(await page.inputValue('select[aria-label="Colour by"]'), 'structure');
  assert.ok(await page.$eval('select[aria-label="Colour by"] option[value="compute"]', (o) => o.disabled));
  assert.deepEqual(errors, []);
});

test('a large group shows bands first, then dagre’s layout, keeping a searched node centred', async () => {
  const { page, errors } = await openGraphs();
  // Embedding[embed] holds 501 ops: past the band threshold.
  await page.fill('input[aria-label="Search nodes"]', 'Embedding\\[embed\\]/aten::gather_amz$');
  await page.press('input[aria-label="Search nodes"]', 'Enter');
  const name = 'Transformer/Embedding[embed]/aten::gather_amz';
  await page.waitForFunction((n) => window.__tbxGraphs.screenRectOf(n) !== undefined, name, { timeout: 10000 });
  const before = await page.evaluate(() => window.__tbxGraphs.refinedAt);
  assert.equal(before, undefined, 'dagre has not answered yet');
  await screenshot(page, 'graphs_large_group_bands');
  await page.waitForFunction(() => window.__tbxGraphs.refinedAt !== undefined, null, { timeout: 60000 });
  await page.waitForTimeout(200);
  const canvas = await page.$eval('canvas.graphs__canvas', (c) => {
    const b = c.getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  });
  const node = await rectOf(page, name);
  assert.ok(Math.abs(node.x + node.width / 2 - canvas.x) < 2, 'centred horizontally after the swap');
  assert.ok(Math.abs(node.y + node.height / 2 - canvas.y) < 2, 'centred vertically after the swap');
  await screenshot(page, 'graphs_large_group_dagre');
  assert.deepEqual(errors, []);
});
