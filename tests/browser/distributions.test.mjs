// Browser tests of the Distributions dashboard against the real tbx binary on the dashboards fixture.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot } from './harness.mjs';
import { canvasStats, cardSelector, openPage, runColor, startDashboards } from './dashboards_helpers.mjs';

let env;
before(async () => {
  env = await startDashboards();
});
after(async () => {
  await env?.stop();
});

const TRAIN_DENSE = cardSelector('weights/dense', 'train');

test('draws the percentile bands and the median in the run colour', async () => {
  const { page, errors } = await openPage(env, 'tab=distributions');
  await page.waitForSelector(`${TRAIN_DENSE}[data-steps="40"] canvas`, { timeout: 20000 });
  const color = await runColor(page, 'train');
  const stats = await canvasStats(page, `${TRAIN_DENSE} canvas`, color);
  // The bands cover a wide area; the opaque median line is the run colour itself.
  assert.ok(stats.painted > stats.total * 0.25, `only ${stats.painted} of ${stats.total} pixels painted`);
  assert.ok(stats.near > 150, `the median drew ${stats.near} pixels in ${color}`);
  await screenshot(page, 'distributions');
  assert.deepEqual(errors, []);
});

test('hovering lists the nine values of the nearest step; the axis choice is kept in the URL', async () => {
  const { page } = await openPage(env, 'tab=distributions&x=relative');
  await page.waitForSelector(`${TRAIN_DENSE}[data-steps="40"] canvas`, { timeout: 20000 });
  assert.equal(await page.isChecked('input[name="time-axis"] >> nth=1'), true);
  await page.locator(`${TRAIN_DENSE} .hist-chart`).scrollIntoViewIfNeeded();
  const box = await page.$eval(`${TRAIN_DENSE} .hist-chart`, (e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  await page.mouse.move(box.x + box.width - 14, box.y + box.height / 2);
  const tooltip = `${TRAIN_DENSE} .hist-chart__tooltip`;
  await page.waitForSelector(`${tooltip}:not([hidden])`);
  const text = await page.textContent(tooltip);
  assert.match(text, /^Step 39 /);
  for (const label of ['max', '93%', '84%', '69%', 'median', '31%', '16%', '7%', 'min']) {
    assert.match(text, new RegExp(`^${label}: -?[\\d.]`, 'm'), `no ${label} in ${text}`);
  }
  await screenshot(page, 'distributions_hover');
});
