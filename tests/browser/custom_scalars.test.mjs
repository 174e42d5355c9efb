// Browser tests of the custom scalars dashboard against the real tbx binary on the
// make_prmesh_logdir fixture: the layout's categories appear (a closed one starts collapsed), a
// multiline chart draws every tag matching its regex for both runs with the Scalars chart, and a
// margin chart draws its value lines over their bands with the Scalars chart (box zoom, smoothing
// of lines and bands, the bounds in the tooltip), and the tag filter picks charts by title.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot } from './harness.mjs';
import { cardSelector, openPage, pixelsUnlike, startPrMesh } from './prmesh_helpers.mjs';

const LOSS = cardSelector('loss');
const ACC = cardSelector('acc');

let env;
before(async () => {
  env = await startPrMesh();
});
after(async () => {
  await env?.stop();
});

test('a multiline chart draws every matching tag of both runs', async () => {
  const { page, errors } = await openPage(env, 'tab=custom_scalars');
  await page.waitForSelector(`.custom-category[data-category="Losses"][data-open="true"] ${LOSS}[data-lines="4"]`, { timeout: 30000 });
  // The Scalars chart: uPlot's axes plus our line canvases.
  await page.waitForSelector(`${LOSS} .chart-plot`);
  await screenshot(page, 'custom_scalars_multiline');
  assert.deepEqual(errors, []);
});

test('a closed category starts collapsed and its margin chart draws bands when opened', async () => {
  const { page, errors } = await openPage(env, 'tab=custom_scalars');
  const accuracy = '.custom-category[data-category="Accuracy"]';
  await page.waitForSelector(`${accuracy}[data-open="false"]`, { timeout: 30000 });
  assert.equal(await page.$$eval(`${accuracy} .card`, (els) => els.length), 0);
  await page.click(`${accuracy} .tag-group__toggle`);
  await page.waitForSelector(`${accuracy} ${ACC}[data-kind="margin"][data-bands="2"]`);
  assert.ok((await pixelsUnlike(page, ACC, [255, 255, 255])) > 1000, 'the margin chart is not drawn');
  const bands = await layerDigest(page, `${ACC} canvas.chart-lines--bands`);
  assert.ok(bands.painted > 1000, `the bands cover only ${bands.painted} pixels`);
  await screenshot(page, 'custom_scalars_margin');
  assert.deepEqual(errors, []);
});

/** How many pixels of the canvas at `selector` are painted, and a digest of them. */
async function layerDigest(page, selector) {
  return page.$eval(selector, (canvas) => {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    let digest = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      painted++;
      digest = (digest * 31 + data[i] * 7 + data[i + 1] * 13 + data[i + 2] + i) % 1000000007;
    }
    return { painted, digest };
  });
}

async function openMargin(hash) {
  const { page, errors } = await openPage(env, `tab=custom_scalars&${hash}`);
  const accuracy = '.custom-category[data-category="Accuracy"]';
  await page.waitForSelector(`${accuracy}[data-open="false"]`, { timeout: 30000 });
  await page.click(`${accuracy} .tag-group__toggle`);
  await page.waitForSelector(`${ACC}[data-bands="2"] canvas.chart-lines--bands`);
  await page.waitForTimeout(200);
  return { page, errors };
}

test('a margin chart smooths its lines and bands, zooms by dragging and shows the bounds', async () => {
  const raw = await openMargin('smoothing=0');
  const rawBands = await layerDigest(raw.page, `${ACC} canvas.chart-lines--bands`);
  const smooth = await openMargin('smoothing=0.95');
  const smoothBands = await layerDigest(smooth.page, `${ACC} canvas.chart-lines--bands`);
  assert.notEqual(smoothBands.digest, rawBands.digest, 'smoothing did not change the bands');
  const smoothLines = await layerDigest(smooth.page, `${ACC} canvas.chart-lines--smoothed`);
  assert.ok(smoothLines.painted > 100, 'no smoothed lines drawn');

  const { page, errors } = raw;
  const over = page.locator(`${ACC} .chart-plot`);
  const box = await over.boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  await page.waitForSelector('.chart-tooltip:not([hidden]) tbody tr');
  const header = await page.$$eval('.chart-tooltip thead th', (ths) => ths.map((th) => th.textContent));
  assert.equal(header.at(-1), 'Band');
  const rows = await page.$$eval('.chart-tooltip tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.equal(rows.length, 2);
  for (const row of rows) {
    // The fixture's bounds are the value ∓ 0.05.
    const [low, high] = row.at(-1).match(/-?[\d.]+/g).map(Number);
    const value = Number(row[2]);
    assert.ok(Math.abs(value - 0.05 - low) < 1e-3 && Math.abs(value + 0.05 - high) < 1e-3, `bounds ${row.at(-1)} of ${value}`);
  }
  await page.mouse.move(box.x + box.width * 0.1, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height - 10, { steps: 5 });
  await page.mouse.up();
  await page.waitForSelector(`${ACC} button[aria-label="Reset zoom"]`);
  const zoomed = await layerDigest(page, `${ACC} canvas.chart-lines--bands`);
  assert.notEqual(zoomed.digest, rawBands.digest, 'zooming did not redraw the bands');
  await screenshot(page, 'custom_scalars_margin_zoomed');
  await page.click(`${ACC} button[aria-label="Reset zoom"]`);
  await page.waitForSelector(`${ACC} button[aria-label="Reset zoom"]`, { state: 'detached' });
  assert.deepEqual(errors, []);
});

test('the tag filter picks charts by title', async () => {
  const { page } = await openPage(env, 'tab=custom_scalars');
  await page.waitForSelector(`${LOSS}[data-lines="4"]`, { timeout: 30000 });
  await page.fill('input[placeholder="Filter tags (regex)"]', '^acc');
  await page.waitForSelector(`.custom-category[data-category="Losses"]`, { state: 'detached' });
  await page.waitForSelector('.custom-category[data-category="Accuracy"]');
});
