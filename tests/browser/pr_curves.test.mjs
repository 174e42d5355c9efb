// Browser tests of the PR curves dashboard against the real tbx binary on the make_prmesh_logdir
// fixture: one card per tag draws a curve for each of two runs, each run has its own step slider,
// and hovering a point shows its threshold, precision, recall and counts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot } from './harness.mjs';
import { cardSelector, openPage, pixelsUnlike, setRange, startPrMesh } from './prmesh_helpers.mjs';

const CARD = cardSelector('pr/class_0');

let env;
before(async () => {
  env = await startPrMesh();
});
after(async () => {
  await env?.stop();
});

test('a card draws one curve per run, each at its newest step, and the sliders move them apart', async () => {
  const { page, errors } = await openPage(env, 'tab=pr_curves');
  await page.waitForSelector(`${CARD}[data-curves="2"]`, { timeout: 30000 });
  assert.equal(await page.getAttribute(CARD, 'data-shown-steps'), 'run_a:4,run_b:4');
  assert.ok((await pixelsUnlike(page, `${CARD} .pr-chart`, [255, 255, 255])) > 500, 'nothing drawn');
  assert.equal(await page.$$eval(`${CARD} .pr-run .step-slider__input`, (els) => els.length), 2);
  await setRange(page, `${CARD} .pr-run[data-run="run_a"] .step-slider__input`, 0);
  await page.waitForSelector(`${CARD}[data-shown-steps="run_a:0,run_b:4"]`);
  await screenshot(page, 'pr_curves');
  assert.deepEqual(errors, []);
});

test('hovering a point shows its threshold, precision, recall and counts', async () => {
  const { page } = await openPage(env, 'tab=pr_curves');
  await page.waitForSelector(`${CARD}[data-curves="2"]`, { timeout: 30000 });
  const box = await page.locator(`${CARD} canvas`).boundingBox();
  // At threshold 0 every example is predicted positive: recall 1, precision about 0.5 (the chart's
  // plot area starts 40 px from the left and 10 px from the top and ends 12 px / 30 px before the
  // other edges).
  const x = box.x + box.width - 12;
  const y = box.y + 10 + 0.5 * (box.height - 40);
  await page.mouse.move(x - 5, y);
  await page.mouse.move(x, y);
  await page.waitForSelector(`${CARD} .pr-chart__tooltip:not([hidden])`);
  const text = await page.textContent(`${CARD} .pr-chart__tooltip`);
  assert.match(text, /threshold 0\.0000/);
  assert.match(text, /recall 1\.0000/);
  assert.match(text, /precision 0\.\d{4}/);
  assert.match(text, /TP \d+ {2}FP \d+/);
  assert.match(text, /TN 0 {2}FN 0/);
  await screenshot(page, 'pr_curves_tooltip');
});
