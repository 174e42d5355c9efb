// Browser tests of the HParams dashboard against the real tbx binary on a sweep written by
// make_hparams_logdir (30 sessions in 10 groups of three seeds): sort and filter the table, brush a
// parallel-coordinates axis and see the table follow, open a group's metric curves. With
// TBX_HPARAMS_BENCH=1 it also times, at 10,000 sessions, a sort and a filter repaint of the table
// and a brush move repaint of the parallel coordinates.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, newPage, screenshot, startTbx } from './harness.mjs';

const SESSIONS = 30;
let dir;
let server;
let browser;

function writeSweep(sessions) {
  const d = mkdtempSync(join(tmpdir(), 'tbx-hparams-'));
  execFileSync(process.env.TBX_HPARAMS_LOGDIR_TOOL, [d, String(sessions)], { stdio: 'inherit' });
  return d;
}

before(async () => {
  dir = writeSweep(SESSIONS);
  server = await startTbx(dir, { expectRuns: ['trial_0', `trial_${SESSIONS - 1}`] });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(hash = 'tab=hparams') {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(`${server.url}#${hash}`);
  await page.waitForSelector('.hp-toolbar', { timeout: 20000 });
  return { page, errors };
}

const groupNames = (page) => page.$$eval('.hp-row', (rows) =>
  rows.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map((r) => r.dataset.group));
const count = (page) => page.textContent('[data-testid="hp-count"]');
const columnValues = (page, col) => page.$$eval('.hp-row', (rows, c) =>
  rows.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
    .map((r) => r.querySelectorAll('[role="cell"]')[c + 1].textContent), col);

test('the table lists one row per group, sorts by a column and filters', async () => {
  const { page, errors } = await open();
  await page.waitForSelector('.hp-row');
  assert.match(await count(page), /^10 of 10 groups/);
  // Columns: acc, loss (metrics) after the hparams batch_size, lr, optimizer, use_bn.
  const headers = await page.$$eval('[role="columnheader"] .hp-sort', (els) => els.map((e) => e.textContent.trim()));
  assert.deepEqual(headers, ['batch_size', 'lr', 'optimizer', 'use_bn', 'acc', 'loss']);
  await page.click('button[title="Sort by lr"]');
  const lrs = (await columnValues(page, 1)).map(Number);
  assert.deepEqual(lrs, [...lrs].sort((a, b) => a - b));
  await page.click('button[title="Sort by lr"]');
  const desc = (await columnValues(page, 1)).map(Number);
  assert.deepEqual(desc, [...lrs].reverse());
  assert.match(await page.evaluate(() => location.hash), /hp=/);
  // Regex filter on the optimizer: configs 0, 3, 6, 9 use adam.
  await page.fill('input[aria-label="optimizer filter"]', '^adam$');
  await page.waitForFunction(() => document.querySelector('[data-testid="hp-count"]').textContent.startsWith('4 of'));
  assert.deepEqual((await columnValues(page, 2)), ['adam', 'adam', 'adam', 'adam']);
  await screenshot(page, 'hparams_table');
  // Checkboxes for a discrete column: keep use_bn = true only (even configs: 5 groups).
  await page.fill('input[aria-label="optimizer filter"]', '');
  await page.waitForFunction(() => document.querySelector('[data-testid="hp-count"]').textContent.startsWith('10 of'));
  const useBn = page.locator('[role="columnheader"]', { hasText: 'use_bn' });
  await useBn.locator('summary').click();
  await useBn.locator('input[aria-label="use_bn false"]').uncheck();
  await page.waitForFunction(() => document.querySelector('[data-testid="hp-count"]').textContent.startsWith('5 of'));
  assert.deepEqual(new Set(await columnValues(page, 3)), new Set(['true']));
  assert.deepEqual(errors, []);
});

test('brushing a parallel-coordinates axis filters the table', async () => {
  const { page, errors } = await open('tab=hparams&hp=' + encodeURIComponent('{"mode":"parallel"}'));
  await page.waitForSelector('canvas[aria-label="Parallel coordinates"]');
  const box = await page.$eval('canvas[aria-label="Parallel coordinates"]', (c) => {
    const r = c.getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height };
  });
  // Axis 1 is lr (batch_size, lr, …); brush its upper half.
  const axes = 6;
  const x = box.x + 60 + (1 * (box.w - 120)) / (axes - 1);
  await page.mouse.move(x, box.y + 34 + 2);
  await page.mouse.down();
  await page.mouse.move(x, box.y + 34 + (420 - 58) * 0.5, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => !document.querySelector('[data-testid="hp-count"]').textContent.startsWith('10 of'));
  const shown = Number((await count(page)).split(' ')[0]);
  assert.ok(shown > 0 && shown < 10, `brush kept ${shown} groups`);
  await screenshot(page, 'hparams_parallel');
  // The table follows: the same groups, each with lr in the brushed range.
  await page.click('button[role="tab"]:has-text("Table")');
  await page.waitForSelector('.hp-row');
  assert.equal((await groupNames(page)).length, shown);
  const hash = decodeURIComponent(await page.evaluate(() => location.hash));
  const filter = JSON.parse(hash.split('hp=')[1]).filters['h:lr'];
  for (const lr of (await columnValues(page, 1)).map(Number)) {
    assert.ok(lr >= filter.min * 0.999 && lr <= filter.max * 1.001, `lr ${lr} outside ${JSON.stringify(filter)}`);
  }
  assert.deepEqual(errors, []);
});

test('expanding a group shows the metric curves of its sessions', async () => {
  const { page, errors } = await open();
  await page.click('.hp-row[data-group="config_0"] .hp-expand');
  await page.waitForSelector('.hp-expanded .card', { timeout: 20000 });
  const titles = await page.$$eval('.hp-expanded .card__title', (els) => els.map((e) => e.textContent));
  assert.deepEqual(titles.sort(), ['acc', 'loss']);
  await page.waitForSelector('.hp-expanded canvas', { timeout: 20000 });
  await screenshot(page, 'hparams_expanded');
  assert.deepEqual(errors, []);
});

test('the scatter matrix draws one cell per hparam and metric', async () => {
  const { page, errors } = await open('tab=hparams&hp=' + encodeURIComponent('{"mode":"scatter"}'));
  await page.waitForSelector('.hp-scatter canvas');
  assert.equal(await page.$$eval('.hp-scatter canvas', (c) => c.length), 4 * 2);
  await screenshot(page, 'hparams_scatter');
  assert.deepEqual(errors, []);
});

test('grouping runs by an hparam draws one band per group in the Scalars dashboard', async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  const group = encodeURIComponent(JSON.stringify({ by: 'hparam', key: 'optimizer', band: 'minmax' }));
  await page.goto(`${server.url}#tab=scalars&group=${group}`);
  // Three optimizers: one mean line and band per optimizer, whatever the 30 runs.
  await page.waitForSelector('.card[data-tag="acc"][data-group-count="3"]', { timeout: 30000 });
  const over = page.locator('.card[data-tag="acc"] .chart-plot');
  const box = await over.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForSelector('.chart-tooltip:not([hidden]) tbody tr');
  const rows = await page.$$eval('.chart-tooltip tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
  assert.deepEqual(rows.map((r) => r[1]).sort(), ['optimizer=adam', 'optimizer=rmsprop', 'optimizer=sgd']);
  // 30 sessions = configs 0..9 of three seeds; config % 3 picks the optimizer, so adam has
  // configs 0, 3, 6, 9 (12 runs), sgd and rmsprop three configs each (9 runs). The last column
  // is the group's min – max and run count.
  assert.deepEqual(Object.fromEntries(rows.map((r) => [r[1], r.at(-1).match(/· (\d+) runs$/)?.[1]])),
    { 'optimizer=adam': '12', 'optimizer=sgd': '9', 'optimizer=rmsprop': '9' });
  // One band per group on the chart's band layer.
  const painted = await page.$eval('.card[data-tag="acc"] canvas.chart-lines--bands', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  assert.ok(painted > 500, `the bands cover ${painted} pixels`);
  await screenshot(page, 'scalars_grouped');
  // The shared chart's box zoom.
  await page.mouse.move(box.x + box.width * 0.1, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height - 10, { steps: 5 });
  await page.mouse.up();
  await page.waitForSelector('.card[data-tag="acc"] button[aria-label="Reset zoom"]');
  await screenshot(page, 'scalars_grouped_zoomed');
  await page.dblclick('.card[data-tag="acc"] .chart-plot');
  await page.waitForSelector('.card[data-tag="acc"] button[aria-label="Reset zoom"]', { state: 'detached' });
  // By a regex capture on the run name: trial_1x runs share a group with trial_1.
  const byRegex = encodeURIComponent(JSON.stringify({ by: 'regex', key: '^trial_(\\d)', band: 'std' }));
  await page.goto(`${server.url}#tab=scalars&group=${byRegex}`);
  await page.reload();
  try {
    await page.waitForSelector('.card[data-tag="acc"][data-group-count="10"]', { timeout: 30000 });
  } finally {
    await screenshot(page, 'scalars_grouped_regex');
  }
  assert.deepEqual(errors, []);
});
