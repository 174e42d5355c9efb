// Browser tests of `tbx export`: a folder exported from the scalars fixture and the dashboards
// fixture (as one --logdir_spec) is opened from file:// in Chromium with no tbx server running,
// and must show the scalar charts in the run colours, a histogram, an image, audio and text.
// Screenshots go to TBX_SCREENSHOT_DIR (export_*.png).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { canvasColorCounts, env, launchBrowser, logdirTool, newPage, runColors, screenshot, waitForChart } from './harness.mjs';
import { canvasStats, cardSelector, injectedGlobals, runColor } from './dashboards_helpers.mjs';

let work;
let site;
let exportOutput;
let browser;

function dashboardsTool(...args) {
  execFileSync(process.env.TBX_DASHBOARDS_LOGDIR_TOOL, args.map(String), { stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Runs `tbx export` with `args`; returns { status, stderr }. */
function tbxExport(...args) {
  const result = spawnSync(env.binary(), ['export', ...args], { encoding: 'utf8', timeout: 120000 });
  return { status: result.status, stderr: result.stderr };
}

/** The manifest's request keys of the export in `dir`. */
function manifestKeys(dir) {
  const text = readFileSync(join(dir, 'data/manifest.js'), 'utf8');
  const json = text.slice(text.indexOf('=') + 1).replace(/;\s*$/, '');
  return Object.keys(JSON.parse(json).files);
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'tbx-export-'));
  logdirTool('fixture', join(work, 'scalars'));
  dashboardsTool('fixture', join(work, 'dashboards'));
  site = join(work, 'site');
  const result = tbxExport(`--logdir_spec=s:${join(work, 'scalars')},d:${join(work, 'dashboards')}`, `--out=${site}`);
  exportOutput = result.stderr;
  assert.equal(result.status, 0, result.stderr);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Opens the exported folder's index.html from file:// at `hash`; records page errors and http requests. */
async function openExport(hash) {
  const errors = [];
  const page = await newPage(browser, errors);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(join(site, 'index.html')).href + '#' + hash);
  return { page, errors, requests };
}

test('export prints a progress bar and the size written', () => {
  assert.match(exportOutput, /exporting \[#+\] 100% \d+\/\d+ requests/);
  assert.match(exportOutput, /wrote [\d.]+ (KiB|MiB) \(\d+ files, 6 runs\) to /);
  const top = readdirSync(site).sort();
  for (const name of ['index.html', 'tbx-export.js', 'tbx-export.css', 'data', 'blobs', '.tbx-export']) {
    assert.ok(top.includes(name), `${name} missing from ${top}`);
  }
});

test('the scalars dashboard opened from file:// draws every run in its colour', async () => {
  const { page, errors, requests } = await openExport('tab=scalars');
  await waitForChart(page, 'loss/total');
  const colors = await runColors(page);
  const runs = ['s/eval', 's/sweep/lr=0.1', 's/train'];
  for (const run of runs) assert.ok(colors[run], `no colour for ${run} in ${JSON.stringify(colors)}`);
  const counts = await canvasColorCounts(page, 'loss/total', runs.map((r) => colors[r]));
  counts.counts.forEach((n, k) => assert.ok(n > 20, `run ${runs[k]} drew ${n} pixels in ${colors[runs[k]]}`));
  await screenshot(page, 'export_scalars');
  assert.deepEqual(errors, []);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), [], 'the page asked the network');
});

test('zooming a scalar chart is answered from the exported points', async () => {
  const { page, errors } = await openExport('tab=scalars');
  await waitForChart(page, 'loss/total');
  const card = '.card[data-tag="loss/total"]';
  const before = Number(await page.getAttribute(card, 'data-points'));
  const box = await page.$eval(`${card} .chart-plot`, (e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  await page.mouse.move(box.x + box.width * 0.3, box.y + 5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height - 5, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(
    ([selector, n]) => Number(document.querySelector(selector)?.dataset.points) < n,
    [card, before],
    { timeout: 10000 },
  );
  await screenshot(page, 'export_scalars_zoomed');
  assert.deepEqual(errors, []);
});

test('a histogram and a distribution are drawn from the exported buckets', async () => {
  const { page, errors } = await openExport('tab=histograms');
  const card = cardSelector('weights/dense', 'd/train');
  await page.waitForSelector(`${card}[data-histograms="40"] canvas`, { timeout: 20000 });
  const color = await runColor(page, 'd/train');
  const stats = await canvasStats(page, `${card} canvas`, color);
  assert.ok(stats.near > 200, `the histogram drew ${stats.near} pixels in the run colour ${color}`);
  await screenshot(page, 'export_histograms');

  await page.evaluate(() => (window.location.hash = '#tab=distributions'));
  const bands = cardSelector('weights/dense', 'd/train');
  await page.waitForSelector(`${bands}[data-steps="40"] canvas`, { timeout: 20000 });
  const distribution = await canvasStats(page, `${bands} canvas`, color);
  assert.ok(distribution.painted > 1000, `the distribution painted ${distribution.painted} pixels`);
  // Run and tag names that look like HTML are data in the exported scripts, never markup.
  assert.deepEqual(await injectedGlobals(page), []);
  assert.deepEqual(errors, []);
});

test('images, audio and text come from the exported files', async () => {
  const { page, errors } = await openExport('tab=images');
  const grid = cardSelector('samples/grid', 'd/train');
  await page.waitForSelector(`${grid}[data-steps="12"] img`, { timeout: 20000 });
  await page.waitForFunction(
    (selector) => {
      const imgs = [...document.querySelectorAll(`${selector} img`)];
      return imgs.length > 0 && imgs.every((img) => img.complete && img.naturalWidth > 0);
    },
    grid,
  );
  const shown = await page.$$eval(`${grid} img`, (imgs) => imgs.map((img) => [img.naturalWidth, img.naturalHeight, img.getAttribute('src')]));
  // The fixture's newest step (11) is 31 px wide, one image per sample.
  assert.deepEqual(shown.map(([w, h]) => [w, h]), [[31, 10], [31, 11], [31, 12]]);
  for (const [, , src] of shown) assert.match(src, /^blobs\/[0-9a-f]{16}\.png$/);
  await screenshot(page, 'export_images');

  await page.evaluate(() => (window.location.hash = '#tab=audio'));
  const tone = cardSelector('audio/tone', 'd/train');
  await page.waitForSelector(`${tone} audio`, { timeout: 20000 });
  assert.match(await page.getAttribute(`${tone} audio`, 'src'), /^blobs\/[0-9a-f]{16}\.wav$/);
  await page.waitForFunction((s) => document.querySelector(`${s} audio`).readyState >= 1, tone, { timeout: 10000 });

  await page.evaluate(() => (window.location.hash = '#tab=text'));
  const report = cardSelector('notes/report', 'd/train');
  await page.waitForSelector(`${report} table`, { timeout: 20000 });
  await screenshot(page, 'export_text');
  assert.deepEqual(errors, []);
});

test('--runs and --tags choose what goes in', () => {
  const out = join(work, 'filtered');
  const result = tbxExport(`--logdir=${join(work, 'dashboards')}`, `--out=${out}`, '--runs=^train$', '--tags=^(weights|progress)');
  assert.equal(result.status, 0, result.stderr);
  const keys = manifestKeys(out);
  assert.ok(keys.includes('data/plugin/histograms/histograms?run=train&tag=weights%2Fdense'), keys.join('\n'));
  assert.ok(keys.some((k) => k.startsWith('data/plugin/scalars/series?') && k.includes('run=train')));
  assert.ok(!keys.some((k) => k.includes('run=eval')), 'run eval was exported');
  assert.ok(!keys.some((k) => k.includes('tag=samples')), 'tag samples/grid was exported');
  const runs = readFileSync(join(out, 'data', readdirSync(join(out, 'data')).find((f) => readFileSync(join(out, 'data', f), 'utf8').includes('["train"]')) ?? 'none'), 'utf8');
  assert.match(runs, /\["train"\]/);
});
