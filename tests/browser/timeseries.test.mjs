// Browser tests of the Time Series dashboard (the default tab) against the real tbx binary on the
// logdir of `make_timeseries_logdir fixture`: the grid's three card kinds, the tag filter and card
// kinds, pinning kept across reloads, linked step sliders, and that only cards near the viewport
// are requested (in batched POSTs) and far ones released. The fixture's image of step s is
// (10 + s) × 12 pixels.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, newPage, screenshot, startTbx } from './harness.mjs';

let logdir;
let server;
let browser;

before(async () => {
  const tool = process.env.TBX_TIMESERIES_LOGDIR_TOOL;
  if (!tool) throw new Error('TBX_TIMESERIES_LOGDIR_TOOL is not set (run the test through ctest)');
  logdir = mkdtempSync(join(tmpdir(), 'tbx-timeseries-'));
  execFileSync(tool, ['fixture', logdir], { stdio: ['ignore', 'inherit', 'inherit'] });
  server = await startTbx(logdir, { expectRuns: ['train', 'eval'] });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (logdir) rmSync(logdir, { recursive: true, force: true });
});

const card = (tag, run) => `.ts .card[data-tag=${JSON.stringify(tag)}]${run ? `[data-run=${JSON.stringify(run)}]` : ''}`;
// Card keys hold newlines, written `\a ` in a CSS string.
const slot = (key) => `.ts-slot[data-card-key="${key.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\a ')}"]`;

async function scrollToTop(page) {
  await page.evaluate(() => {
    document.querySelector('.main')?.scrollTo(0, 0);
    window.scrollTo(0, 0);
  });
}

/** Opens the app at `hash`, recording page errors and every series requested through timeSeries. */
async function open(hash = '', page = null) {
  const errors = [];
  page ??= await newPage(browser, errors);
  const log = { posts: 0, requested: [], pluginRoutes: [] };
  page.on('request', (request) => {
    const url = request.url();
    if (url.includes('/data/plugin/timeseries/timeSeries')) {
      log.posts++;
      const body = request.postData() ?? '';
      const json = body.slice(body.indexOf('['), body.lastIndexOf(']') + 1);
      for (const r of JSON.parse(json)) log.requested.push(r);
    } else if (/\/data\/plugin\/(scalars\/series|histograms\/histograms|images\/images)/.test(url)) {
      log.pluginRoutes.push(url);
    }
  });
  await page.goto(server.url + (hash ? `#${hash}` : ''));
  return { page, errors, log };
}

test('opens on Time Series, named tbx, with scalar, histogram and image cards in one grid', async () => {
  const { page, errors, log } = await open();
  await page.waitForSelector(`${card('loss')}[data-points="100"]`, { timeout: 20000 });
  // Image cards, then histogram cards come further down (tag groups are sorted).
  await page.$eval(slot('images\neval\nsamples/digits'), (el) => el.scrollIntoView());
  await page.waitForSelector(`${card('samples/digits', 'eval')}[data-steps="10"] img`);
  await page.$eval(slot('histograms\ntrain\nweights/dense'), (el) => el.scrollIntoView());
  await page.waitForSelector(`${card('weights/dense', 'train')}[data-histograms="20"]`);
  assert.equal(await page.textContent('.tab--active'), 'Time Series');
  assert.equal(await page.textContent('.header__brand'), 'tbx');
  assert.equal(await page.title(), 'tbx');
  // The newest image of each run, served by imageData.
  const src = await page.getAttribute(`${card('samples/digits', 'train')} img`, 'src');
  assert.match(src, /^data\/plugin\/timeseries\/imageData\?imageId=/);
  await page.waitForFunction((s) => document.querySelector(s)?.naturalWidth === 19, `${card('samples/digits', 'train')} img`);
  // Every card's data came through batched timeSeries POSTs, none through the plugins' routes.
  assert.deepEqual(log.pluginRoutes, []);
  assert.ok(log.posts >= 1 && log.posts < log.requested.length, `${log.posts} posts for ${log.requested.length} series`);
  // "mixed" is a scalar in train and an image in eval: both cards are shown.
  await scrollToTop(page);
  await page.waitForSelector(`${card('mixed')}[data-points="1"]`);
  await page.waitForSelector(`${card('mixed', 'eval')}[data-steps="1"]`);
  await screenshot(page, 'timeseries_grid');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the tag filter and the card types choose the cards', async () => {
  const { page, errors } = await open('tagFilter=%5Esamples');
  await page.waitForSelector(`${card('samples/digits', 'train')}`);
  const keys = () => page.$$eval('.ts-slot', (slots) => slots.map((s) => s.dataset.cardKey));
  assert.deepEqual(await keys(), ['images\ntrain\nsamples/digits', 'images\neval\nsamples/digits']);
  await page.fill('input[placeholder="Filter tags (regex)"]', '^(loss|weights)');
  await page.waitForSelector(slot('scalars\nloss'));
  assert.deepEqual(await keys(), ['scalars\nloss', 'histograms\ntrain\nweights/dense', 'histograms\neval\nweights/dense']);
  await page.getByLabel('Histograms', { exact: true }).uncheck();
  await page.waitForSelector(slot('histograms\ntrain\nweights/dense'), { state: 'detached' });
  assert.deepEqual(await keys(), ['scalars\nloss']);
  await page.getByLabel('Histograms', { exact: true }).check();
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a pinned card stays pinned after a reload, from the URL and from this browser', async () => {
  const { page, errors } = await open();
  const key = 'histograms\ntrain\nweights/dense';
  await page.click(`${slot(key)} .ts-pin`);
  await scrollToTop(page);
  await page.waitForSelector(`.ts-pinned ${slot(key)} .card[data-histograms="20"]`);
  await page.waitForFunction(() => window.location.hash.includes('pin='));
  await page.reload();
  await page.waitForSelector(`.ts-pinned ${slot(key)} .card[data-histograms="20"]`, { timeout: 20000 });
  // Without the URL's pins, this browser's copy is used.
  await page.goto(server.url);
  await page.waitForSelector(`.ts-pinned ${slot(key)}`, { timeout: 20000 });
  await screenshot(page, 'timeseries_pinned');
  await page.click(`.ts-pinned ${slot(key)} .ts-pin`);
  await page.waitForSelector('.ts-pinned', { state: 'detached' });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('linked step sliders move every card', async () => {
  const { page, errors } = await open('tagFilter=%5Esamples');
  const train = card('samples/digits', 'train');
  const evalCard = card('samples/digits', 'eval');
  await page.waitForSelector(`${evalCard}[data-steps="10"] img[data-step="18"]`, { timeout: 20000 });
  await page.getByLabel('Link step sliders across cards').check();
  const setIndex = (selector, index) =>
    page.$eval(
      `${selector} .step-slider__input`,
      (input, v) => {
        input.value = String(v);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      },
      index,
    );
  await setIndex(train, 4);
  await page.waitForSelector(`${train} img[data-step="4"]`);
  await page.waitForSelector(`${evalCard} img[data-step="4"]`);
  await setIndex(evalCard, 1);
  await page.waitForSelector(`${evalCard} img[data-step="2"]`);
  await page.waitForSelector(`${train} img[data-step="2"]`);
  await screenshot(page, 'timeseries_linked_step');
  // Unlinked, a slider moves only its own card.
  await page.getByLabel('Link step sliders across cards').uncheck();
  await setIndex(train, 9);
  await page.waitForSelector(`${train} img[data-step="9"]`);
  assert.equal(await page.getAttribute(`${evalCard} img`, 'data-step'), '2');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('only cards near the viewport are requested, and far ones are released', async () => {
  const { page, errors, log } = await open();
  await page.waitForSelector(`${card('loss')}[data-points="100"]`, { timeout: 20000 });
  await page.waitForTimeout(500);
  const fillers = () => new Set(log.requested.filter((r) => r.tag.startsWith('zz_filler/')).map((r) => r.tag));
  const slotCount = await page.$$eval('.ts-slot', (s) => s.length);
  assert.ok(slotCount > 120, `${slotCount} cells`);
  const firstScreen = fillers().size;
  assert.ok(firstScreen < 20, `${firstScreen} of 120 filler cards requested before scrolling`);
  const mounted = await page.$$eval('.ts-slot[data-mounted="true"]', (s) => s.length);
  assert.ok(mounted < 40, `${mounted} cards mounted`);

  // Scroll to the bottom a screen at a time: the cards passed are requested, in batches.
  const main = await page.$('.main');
  for (let i = 0; i < 60; i++) {
    const done = await main.evaluate((el) => {
      el.scrollBy(0, el.clientHeight * 0.9);
      window.scrollBy(0, window.innerHeight * 0.9);
      return el.scrollTop + el.clientHeight >= el.scrollHeight - 2 && window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    await page.waitForTimeout(120);
    if (done) break;
  }
  await page.waitForSelector(`${card('zz_filler/tag_119')}[data-points="5"]`, { timeout: 20000 });
  assert.ok(fillers().size > firstScreen, 'scrolling requested more cards');
  assert.ok(log.posts < log.requested.length, `${log.posts} posts for ${log.requested.length} series`);
  // The first cards are far away now: released.
  assert.equal(await page.getAttribute(slot('scalars\nloss'), 'data-mounted'), 'false');
  await screenshot(page, 'timeseries_scrolled');
  assert.deepEqual(errors, []);
  await page.context().close();
});
