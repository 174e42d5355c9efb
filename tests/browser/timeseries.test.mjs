// Browser tests of the Time Series dashboard (the default tab) against the real tbx binary on the
// logdir of `make_timeseries_logdir fixture`: the grid's three card kinds, scalar lines drawn in
// pieces, the tag filter and card kinds, pinning kept across reloads, linked steps moving every card kind (a scalar chart clicked before its
// uPlot module has arrived too), a hovered histogram
// step's original buckets, that only cards near the viewport are requested (in batched POSTs) and
// far ones released, and that released cards leave no chart behind but their line canvases, reused. The fixture's image of step s
// is (10 + s) × 12 pixels; its histograms have steps 0–19, its scalars 0–49.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { canvasColorCounts, holdUPlot, launchBrowser, newPage, runColors, screenshot, startTbx } from './harness.mjs';

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

test('a scalar card drawn in pieces ends with the line of every run drawn', async () => {
  const { page, errors } = await open('smoothing=0');
  // The grid draws a scalar card's axes and lines in later tasks; the chart's host says so
  // until the last piece has run.
  await page.waitForSelector(`${card('loss')}[data-points="100"] .card__chart:not([data-lines-pending])`, { timeout: 20000 });
  await page.waitForSelector(`${card('loss')} .card__chart[data-lines-pending]`, { state: 'detached' });
  // The pieces drew the lines: uPlot's first commit ran inside its piece, so its draw hook did not
  // draw every line at once in a microtask after it (and drop the pieces).
  assert.equal(await page.$eval(`${card('loss')} .card__chart`, (host) => host.dataset.firstDraw), 'pieces');
  const colors = await runColors(page);
  const { counts } = await canvasColorCounts(page, 'loss', [colors.train, colors.eval]);
  assert.ok(counts[0] > 20 && counts[1] > 20, `pixels of train and eval lines: ${counts}`);
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
  // Cards mount near the viewport only: bring the cell there first.
  await page.locator(slot(key)).scrollIntoViewIfNeeded();
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

test("a click on a scalar chart before uPlot's module has arrived picks its step once it has", async () => {
  // The chart imports uPlot (the cursor) only once it is drawn or pointed at; the click made while
  // its module is held back is replayed into uPlot once built (plugins/scalars/early_input.ts).
  const errors = [];
  const page = await newPage(browser, errors);
  const { release, askedFor } = await holdUPlot(page);
  await open('tagFilter=%5Eloss%24', page);
  const loss = card('loss');
  await page.waitForSelector(`${loss}[data-points="100"]:not([data-lines-pending])`, { timeout: 20000 });
  await page.getByLabel('Link step sliders across cards').check();
  const over = await page.$eval(`${loss} .chart-plot`, (o) => {
    o.scrollIntoView({ block: 'center' });
    const r = o.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  });
  await page.mouse.click(over.x + over.width * 0.9, over.y + over.height / 2);
  await askedFor;
  assert.equal(await page.getAttribute(loss, 'data-linked-step'), null, 'no step picked without uPlot');
  release();
  await page.waitForFunction((s) => Number(document.querySelector(s)?.dataset.linkedStep) >= 40, loss);
  const step = Number(await page.getAttribute(loss, 'data-linked-step'));
  assert.ok(step >= 40 && step <= 49, `picked step ${step}`);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a step picked on any card kind moves every card while steps are linked', async () => {
  const { page, errors } = await open('tagFilter=%5E(samples%7Cweights%7Closs%24)');
  const train = card('samples/digits', 'train');
  const hist = card('weights/dense', 'train');
  const loss = card('loss');
  await page.waitForSelector(`${card('samples/digits', 'eval')}[data-steps="10"] img[data-step="18"]`, { timeout: 20000 });
  await page.waitForSelector(`${hist}[data-histograms="20"]`);
  await page.waitForSelector(`${loss}[data-points="100"]`);
  await page.getByLabel('Link step sliders across cards').check();
  // An image slider: the scalar card marks the step, the histogram cards outline it.
  await page.$eval(`${train} .step-slider__input`, (input) => {
    input.value = '4';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForSelector(`${loss}[data-linked-step="4"]`);
  await page.waitForSelector(`${hist}[data-linked-step="4"]`);
  await page.waitForSelector(`${card('weights/dense', 'eval')}[data-linked-step="4"]`);
  assert.equal(await page.isVisible(`${loss} .chart-step-marker`), true);
  // A click on a histogram ridge: its step moves the images and the scalar rule.
  const box = await page.$eval(`${hist} .hist-chart__base`, (c) => {
    c.scrollIntoView({ block: 'center' });
    const r = c.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  });
  await page.mouse.click(box.x + box.width * 0.45, box.y + box.height * 0.35);
  await page.waitForFunction((s) => document.querySelector(s)?.dataset.linkedStep !== '4', hist);
  const histStep = Number(await page.getAttribute(hist, 'data-linked-step'));
  assert.ok(histStep >= 0 && histStep <= 19, `picked step ${histStep}`);
  await page.waitForSelector(`${loss}[data-linked-step="${histStep}"]`);
  // Train has images at steps 0–9: the nearest one is shown.
  await page.waitForSelector(`${train} img[data-step="${Math.min(9, histStep)}"]`);
  await screenshot(page, 'timeseries_linked_all_kinds');
  // A click on the scalar chart (not a drag): its nearest point's step.
  const over = await page.$eval(`${loss} .chart-plot`, (o) => {
    o.scrollIntoView({ block: 'center' });
    const r = o.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  });
  await page.mouse.click(over.x + over.width * 0.9, over.y + over.height / 2);
  await page.waitForFunction((s) => Number(document.querySelector(s)?.dataset.linkedStep) >= 40, loss);
  const lossStep = Number(await page.getAttribute(loss, 'data-linked-step'));
  await page.waitForSelector(`${hist}[data-linked-step="19"]`);
  await page.waitForSelector(`${train} img[data-step="9"]`);
  assert.ok(lossStep >= 40 && lossStep <= 49, `picked step ${lossStep}`);
  // Unlinked, the marks go away.
  await page.getByLabel('Link step sliders across cards').uncheck();
  await page.waitForFunction((s) => document.querySelector(s)?.dataset.linkedStep === undefined, loss);
  assert.equal(await page.getAttribute(hist, 'data-linked-step'), null);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('hovering a re-binned histogram shows the original bucket of the hovered step', async () => {
  const { page, errors } = await open('tagFilter=%5Eweights');
  const stepRequests = [];
  page.on('request', (r) => r.url().includes('/data/plugin/histograms/step?') && stepRequests.push(r.url()));
  const hist = card('weights/dense', 'train');
  await page.waitForSelector(`${hist}[data-histograms="20"]`, { timeout: 20000 });
  const box = await page.$eval(`${hist} .hist-chart__base`, (c) => {
    c.scrollIntoView({ block: 'center' });
    const r = c.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  });
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
  const tooltip = `${hist} .hist-chart__tooltip`;
  await page.waitForFunction((s) => {
    const t = document.querySelector(s);
    return t && !t.hidden && /Bucket \[/.test(t.textContent) && !/re-binned/.test(t.textContent);
  }, tooltip);
  const text = await page.textContent(tooltip);
  const step = Number(/^Step (\d+)/.exec(text)[1]);
  const [, left, , count] = /Bucket \[([^,]+), ([^)]+)\)\s+count (\S+)/.exec(text);
  assert.equal(stepRequests.length, 1, stepRequests.join(' '));
  assert.match(stepRequests[0], new RegExp(`step=${step}(&|$)`));
  // The bucket shown is one the writer wrote at that step (the re-binned bins are far narrower).
  const answer = await (await fetch(`${server.url}data/plugin/histograms/histograms?run=train&tag=weights%2Fdense`)).json();
  const buckets = answer.find((entry) => entry[1] === step)[2];
  const match = buckets.find(([l, , c]) => Math.abs(l - Number(left)) <= 1e-3 * Math.max(1, Math.abs(l)) && String(c) === count);
  assert.ok(match, `no original bucket [${left}, …) count ${count} at step ${step}: ${JSON.stringify(buckets)}`);
  await screenshot(page, 'timeseries_histogram_hover');
  assert.deepEqual(errors, []);
  await page.context().close();
});

/** Every canvas object in the page after a full garbage collection, attached or not. */
async function liveCanvases(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  // An object group, released afterwards, so the query itself keeps nothing alive.
  const group = { objectGroup: 'canvas-count' };
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'HTMLCanvasElement.prototype', ...group });
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: result.objectId, ...group });
  const counted = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId,
    functionDeclaration: 'function () { return [this.length, this.filter((c) => c.isConnected).length]; }',
    returnByValue: true,
    ...group,
  });
  await cdp.send('Runtime.releaseObjectGroup', group);
  await cdp.detach();
  const [all, attached] = counted.result.value;
  return { all, attached };
}

/**
 * Canvases in each card that is in the viewport, by the card's tag and run; not a scalar chart's
 * uPlot's (built later, when the page is idle).
 */
function chartsByCard(page) {
  return page.$$eval('.ts .card', (cards) => {
    const counts = {};
    for (const c of cards) {
      const r = c.getBoundingClientRect();
      if (r.bottom <= 0 || r.top >= innerHeight) continue;
      counts[`${c.dataset.tag}|${c.dataset.run ?? ''}`] = c.querySelectorAll('canvas:not(.u-wrap > canvas)').length;
    }
    return counts;
  });
}

/** Cards are drawn one per task: waits until no more canvases appear in 400 ms. */
async function untilNoMoreCanvases(page) {
  for (let last = -1, now = 0; now !== last; await page.waitForTimeout(400)) {
    last = now;
    now = await page.$$eval('canvas', (c) => c.length);
  }
}

async function scrollThrough(page, direction) {
  for (let i = 0; i < 60; i++) {
    const done = await page.$eval(
      '.main',
      (el, d) => {
        el.scrollBy(0, d * el.clientHeight * 0.9);
        return d > 0 ? el.scrollTop + el.clientHeight >= el.scrollHeight - 2 : el.scrollTop === 0;
      },
      direction,
    );
    await page.waitForTimeout(80);
    if (done) break;
  }
  await page.waitForTimeout(500);
}

/** The most released line-layer canvases kept for reuse (MAX_POOLED in canvas_pool.ts). */
const POOLED_CANVASES = 12;

test('released cards leave no chart behind (only pooled canvases detached) and their canvases are reused', async () => {
  const { page, errors } = await open();
  await page.waitForSelector(`${card('loss')}[data-points="100"]`, { timeout: 20000 });
  await untilNoMoreCanvases(page);
  const start = await liveCanvases(page);
  const firstScreen = await chartsByCard(page);
  // Down and back up: every scalar chart passed (three canvases each) was released.
  await scrollThrough(page, 1);
  await page.waitForSelector(`${card('zz_filler/tag_119')}[data-points="5"]`, { timeout: 20000 });
  const bottom = await liveCanvases(page);
  assert.ok(bottom.all - bottom.attached <= POOLED_CANVASES, `${bottom.all - bottom.attached} detached canvases at the bottom`);
  // The cards drawn while scrolling drew on the canvases of the cards released before them.
  const reused = await page.$$eval('canvas.chart-lines', (canvases) => canvases.filter((c) => Number(c.dataset.uses) > 1).length);
  assert.ok(reused > 0, 'no line canvas of the cards shown was used before');
  await scrollThrough(page, -1);
  await untilNoMoreCanvases(page);
  const end = await liveCanvases(page);
  assert.ok(end.all - end.attached <= POOLED_CANVASES, `${end.all - end.attached} detached canvases after scrolling back`);
  // The first screen's cards are drawn again, each with its charts. Cards just below it, within
  // the release margin, may stay mounted from the way back up, so the total may be larger.
  const back = await chartsByCard(page);
  for (const [key, canvases] of Object.entries(firstScreen)) {
    assert.equal(back[key], canvases, `card ${key} has ${back[key] ?? 0} canvases after scrolling back, ${canvases} at the start`);
  }
  assert.ok(end.attached >= start.attached, `${end.attached} canvases after scrolling back, ${start.attached} at the start`);
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

  // Every cell that is ever mounted (near the viewport), recorded as it happens.
  await page.evaluate(() => {
    const seen = (window.__everMounted = new Set());
    const note = (el) => el.dataset.mounted === 'true' && seen.add(el.dataset.cardKey);
    document.querySelectorAll('.ts-slot').forEach(note);
    new MutationObserver((records) => records.forEach((r) => note(r.target))).observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-mounted'],
    });
  });
  const everMounted = async () => new Set(await page.evaluate(() => [...window.__everMounted]));

  // Scroll to the bottom a screen at a time: the cards passed are requested, in batches, a few
  // screens' worth at a time.
  const main = await page.$('.main');
  const requestedByStep = [];
  for (let i = 0; i < 60; i++) {
    const done = await main.evaluate((el) => {
      el.scrollBy(0, el.clientHeight * 0.9);
      window.scrollBy(0, window.innerHeight * 0.9);
      return el.scrollTop + el.clientHeight >= el.scrollHeight - 2 && window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    await page.waitForTimeout(120);
    requestedByStep.push(fillers().size);
    if (done) break;
  }
  await page.waitForSelector(`${card('zz_filler/tag_119')}[data-points="5"]`, { timeout: 20000 });
  assert.ok(fillers().size > firstScreen, 'scrolling requested more cards');
  // Requests follow the scrolling: no step asked for more than a few screens of cards.
  const steps = requestedByStep.map((n, i) => n - (i === 0 ? firstScreen : requestedByStep[i - 1]));
  assert.ok(Math.max(...steps) <= 30, `filler cards requested per scroll step: ${steps.join(', ')}`);
  // Only cells that were near the viewport at some moment were requested.
  const mountedKeys = await everMounted();
  const unmounted = log.requested.filter((r) => !mountedKeys.has(`scalars\n${r.tag}`) && r.plugin === 'scalars');
  assert.deepEqual(unmounted.map((r) => r.tag), [], 'cards requested without being near the viewport');
  assert.ok(log.posts < log.requested.length, `${log.posts} posts for ${log.requested.length} series`);
  // The first cards are far away now: released.
  assert.equal(await page.getAttribute(slot('scalars\nloss'), 'data-mounted'), 'false');
  await screenshot(page, 'timeseries_scrolled');
  assert.deepEqual(errors, []);
  await page.context().close();
});
