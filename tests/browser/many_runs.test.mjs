// Browser test of a scalar chart of many runs (past the chart's bulk threshold of 200), against the
// real tbx binary on 300 runs × 1 tag × 20 steps written by make_browser_logdir: every run colour
// of the selector is drawn on the chart, the hover tooltip lists the 10 runs nearest the cursor
// (checked against a scan of every run's points, from the series route), a run keeps its
// selector colour in the tooltip, and log scale, the wall-time axis, smoothing, box zoom and live
// data keep working in this mode.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { allRunsLoaded, canvasColorCounts, launchBrowser, logdirTool, newPage, runColors, screenshot, startTbx, waitForChart } from './harness.mjs';

const RUNS = 300;
const STEPS = 20;
const TAG = 'group_0/metric_0';
let dir;
let server;
let browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tbx-many-runs-'));
  logdirTool('bench', dir, RUNS, 1, STEPS);
  server = await startTbx(dir, { expectRuns: ['run_0', `run_${RUNS - 1}`] });
  await allRunsLoaded(server.url, RUNS);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open() {
  const errors = [];
  const page = await newPage(browser, errors);
  // Unsmoothed, so the drawn points are the raw values the test reads from the series route.
  await page.goto(`${server.url}#tab=scalars&smoothing=0`);
  await waitForChart(page, TAG);
  await page.waitForSelector(`.card[data-tag="${TAG}"][data-runs="${RUNS}"]`);
  return { page, errors };
}

test('draws every run colour of the selector on a chart of 300 runs', async () => {
  const { page, errors } = await open();
  // The selector shows a screenful of rows: enough to hold every palette colour.
  const colors = [...new Set(Object.values(await runColors(page)))];
  assert.ok(colors.length >= 10, `only ${colors.length} distinct run colours in the selector`);
  const { counts } = await canvasColorCounts(page, TAG, colors);
  // Lines of one colour are stroked together, colour after colour, so the first colour lies under
  // the others: it must show, but may show little.
  counts.forEach((count, i) => assert.ok(count > 0, `colour ${colors[i]} drew no pixels`));
  assert.ok(counts.reduce((a, b) => a + b) > 5000, `${counts.reduce((a, b) => a + b)} pixels in run colours`);
  assert.deepEqual(errors, []);
});

test('the tooltip lists the runs nearest the cursor, in their selector colours', async () => {
  const { page, errors } = await open();
  const { series } = await (await fetch(`${server.url}data/plugin/scalars/series?tag=${encodeURIComponent(TAG)}`)).json();
  assert.equal(series.length, RUNS);
  const card = `.card[data-tag="${TAG}"]`;
  const over = await page.$(`${card} .chart-plot`);
  const box = await over.boundingBox();
  const [xMin, xMax, yMin, yMax] = JSON.parse(await page.$eval(`${card} .card__chart`, (e) => e.dataset.view));
  // Distance in CSS pixels (device pixel ratio 1) from the cursor to each run's nearest point.
  const distances = (cx, cy) =>
    new Map(
      series.map((s) => {
        let best = Infinity;
        s.step.forEach((step, i) => {
          const px = ((step - xMin) / (xMax - xMin)) * box.width;
          const py = box.height - ((s.value[i] - yMin) / (yMax - yMin)) * box.height;
          best = Math.min(best, Math.hypot(px - cx, py - cy));
        });
        return [s.run, best];
      }),
    );

  // Over a point of run_150, then over a sparse area near the top of the chart.
  const target = series.find((s) => s.run === 'run_150');
  const cursors = [
    [((target.step[8] - xMin) / (xMax - xMin)) * box.width, box.height - ((target.value[8] - yMin) / (yMax - yMin)) * box.height],
    [box.width * 0.6, box.height * 0.15],
  ];
  for (const [cx, cy] of cursors) {
    await page.mouse.move(box.x + cx, box.y + cy);
    await page.waitForSelector('.chart-tooltip:not([hidden]) tbody tr');
    const shown = await page.$$eval('.chart-tooltip:not([hidden])', (boxes) => ({
      caption: boxes[0].querySelector('caption')?.textContent,
      rows: [...boxes[0].querySelectorAll('tbody tr')].map((tr) => [tr.cells[1].textContent, getComputedStyle(tr.querySelector('.swatch')).backgroundColor]),
    }));
    assert.equal(shown.caption, `10 nearest of ${RUNS} runs`);
    assert.equal(shown.rows.length, 10);
    const d = distances(cx, cy);
    const tenth = [...d.values()].sort((a, b) => a - b)[9];
    // Each run listed is among the 10 nearest (within a pixel: the chart rounds its cursor).
    for (const [run] of shown.rows) assert.ok(d.get(run) <= tenth + 1, `${run} is ${d.get(run)} px away; the 10th nearest ${tenth} px`);
    if (cx === cursors[0][0]) {
      assert.ok(shown.rows.some(([run]) => run === 'run_150'), `run_150 under the cursor is not listed: ${shown.rows.map((r) => r[0])}`);
    }
    await screenshot(page, 'many_runs_tooltip');

    // A run keeps its selector colour in the tooltip: filter the selector down to two listed runs.
    const picked = shown.rows.slice(0, 2);
    await page.fill('.run-selector input[type="search"]', `^(${picked.map(([run]) => run).join('|')})$`);
    await page.waitForFunction(() => document.querySelectorAll('.run-list .run-row').length === 2);
    const selector = await runColors(page);
    for (const [run, color] of picked) assert.equal(selector[run], color, `${run}: tooltip ${color}, selector ${selector[run]}`);
    await page.fill('.run-selector input[type="search"]', '');
    await page.waitForSelector(`${card}[data-runs="${RUNS}"]`);
  }
  assert.deepEqual(errors, []);
});

test('log scale, wall time, smoothing, zoom and live data keep working with 300 runs', async () => {
  const { page, errors } = await open();
  const card = `.card[data-tag="${TAG}"]`;
  const colors = [...new Set(Object.values(await runColors(page)))];
  const view = () => page.$eval(`${card} .card__chart`, (e) => JSON.parse(e.dataset.view));
  const over = await page.$(`${card} .chart-plot`);
  const box = await over.boundingBox();
  // The chart still draws in run colours and its tooltip lists the nearest runs.
  const drawsAndHovers = async (what) => {
    const { counts } = await canvasColorCounts(page, TAG, colors);
    const drawn = counts.reduce((a, b) => a + b);
    assert.ok(drawn > 2000, `${what}: ${drawn} pixels in run colours`);
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.6);
    await page.waitForSelector('.chart-tooltip:not([hidden]) tbody tr');
    const caption = await page.$eval('.chart-tooltip:not([hidden]) caption', (c) => c.textContent);
    assert.equal(caption, `10 nearest of ${RUNS} runs`, what);
    const headers = await page.$$eval('.chart-tooltip:not([hidden]) th', (ths) => ths.map((th) => th.textContent));
    await page.mouse.move(0, 0);
    return headers;
  };
  const changed = async (before) =>
    page.waitForFunction(
      ([selector, old]) => document.querySelector(selector).dataset.view !== old,
      [`${card} .card__chart`, JSON.stringify(before)],
    );

  let before = await view();
  await page.check('text=Log scale (y)');
  await changed(before);
  assert.ok((await view())[2] > 0, 'a log axis starts above 0');
  await drawsAndHovers('log scale');
  await page.uncheck('text=Log scale (y)');

  before = await view();
  await page.check('label.radio:has-text("Wall") input');
  await changed(before);
  assert.ok((await view())[0] > 1e9, 'the x axis is in wall time');
  await drawsAndHovers('wall time');
  await page.check('label.radio:has-text("Step") input');

  await page.fill('input[aria-label="Smoothing value"]', '0.9');
  await page.press('input[aria-label="Smoothing value"]', 'Enter');
  await page.waitForFunction(() => window.location.hash.includes('smoothing=0.9'));
  const headers = await drawsAndHovers('smoothed');
  assert.ok(headers.includes('Smoothed'), `tooltip columns ${headers}`);

  // Box zoom over the first half of the steps.
  before = await view();
  await page.mouse.move(box.x + 2, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height - 10, { steps: 5 });
  await page.mouse.up();
  await page.waitForSelector(`${card} button[aria-label="Reset zoom"]`);
  await changed(before);
  const zoomed = await view();
  assert.ok(zoomed[1] - zoomed[0] < (before[1] - before[0]) * 0.6, `zoomed x range ${zoomed}`);
  await drawsAndHovers('zoomed');
  await page.click(`${card} button[aria-label="Reset zoom"]`);
  await page.waitForSelector(`${card} button[aria-label="Reset zoom"]`, { state: 'detached' });

  // A point appended to one run shows up live.
  const runDir = join(dir, 'run_7');
  const eventFile = join(runDir, readdirSync(runDir).find((name) => name.includes('tfevents')));
  logdirTool('append', eventFile, TAG, STEPS + 30, 0.5);
  await page.waitForSelector(`${card}[data-max-step="${STEPS + 30}"][data-runs="${RUNS}"]`, { timeout: 20000 });
  await drawsAndHovers('after live data');
  assert.deepEqual(errors, []);
});
