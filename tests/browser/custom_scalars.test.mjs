// Browser tests of the custom scalars dashboard against the real tbx binary on the
// make_prmesh_logdir fixture: the layout's categories appear (a closed one starts collapsed), a
// multiline chart draws every tag matching its regex for both runs with the Scalars chart, and a
// margin chart draws its value lines over their bands, and the tag filter picks charts by title.
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
  await page.waitForSelector(`${LOSS} .uplot`);
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
  await screenshot(page, 'custom_scalars_margin');
  assert.deepEqual(errors, []);
});

test('the tag filter picks charts by title', async () => {
  const { page } = await openPage(env, 'tab=custom_scalars');
  await page.waitForSelector(`${LOSS}[data-lines="4"]`, { timeout: 30000 });
  await page.fill('input[placeholder="Filter tags (regex)"]', '^acc');
  await page.waitForSelector(`.custom-category[data-category="Losses"]`, { state: 'detached' });
  await page.waitForSelector('.custom-category[data-category="Accuracy"]');
});
