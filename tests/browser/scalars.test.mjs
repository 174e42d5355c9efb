// Browser tests of the Scalars dashboard against the real tbx binary on a fixture logdir.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  FIXTURE_RUNS as RUNS,
  canvasColorCounts,
  fixtureLogdir,
  holdUPlot,
  launchBrowser,
  newPage,
  runColors,
  screenshot,
  startTbx,
  UPLOT_FILE,
  waitForChart,
  waitForFirstScreenPainted,
} from './harness.mjs';

let logdir;
let server;
let browser;

before(async () => {
  logdir = fixtureLogdir();
  server = await startTbx(logdir.dir, { expectRuns: RUNS, extraArgs: ['--window_title=tbx browser test'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  logdir?.cleanup();
});

async function openDashboard(hash = '') {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(server.url + (hash ? `#${hash}` : ''));
  await waitForChart(page, 'loss/total');
  return { page, errors };
}

test('lists the runs in the selector, with the window title', async () => {
  const { page, errors } = await openDashboard();
  const apiRuns = await (await fetch(server.url + 'data/runs')).json();
  const shown = await page.$$eval('.run-row__name', (els) => els.map((e) => e.textContent));
  assert.deepEqual(shown, apiRuns);
  assert.deepEqual([...shown].sort(), RUNS);
  assert.equal(await page.title(), 'tbx browser test');
  await screenshot(page, 'scalars_default');
  assert.deepEqual(errors, []);
});

test('the start-up requests and the Scalars code leave before the app code runs, and are sent once', async () => {
  // index.html starts them while the code downloads; the app takes their answers.
  const { page, errors } = await openDashboard('tab=scalars');
  const { appStart, requests } = await page.evaluate(() => ({
    appStart: performance.getEntriesByName('tbx:app-start')[0]?.startTime,
    requests: performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, start: e.startTime })),
  }));
  assert.ok(appStart > 0, 'the app marks its start');
  for (const path of ['/data/runs', '/data/plugins_listing', '/data/plugin/scalars/tag_list']) {
    const sent = requests.filter((r) => r.path === path);
    assert.equal(sent.length, 1, `${path} sent ${sent.length} times`);
    assert.ok(sent[0].start < appStart, `${path} left at ${sent[0].start} ms, the app started at ${appStart} ms`);
  }
  // The dashboard's code is preloaded with the page, not asked for by the app.
  const code = requests.filter((r) => /\/dashboard-scalars-[^/]*\.js$/.test(r.path));
  assert.equal(code.length, 1, `the Scalars chunk was fetched ${code.length} times`);
  assert.ok(code[0].start < appStart, `the Scalars chunk left at ${code[0].start} ms, the app started at ${appStart} ms`);
  // Before the first screen's series, which would otherwise hold the browser's six connections.
  const series = requests.filter((r) => r.path.endsWith('/data/plugin/scalars/series'));
  assert.ok(series.length > 0, 'no first-screen series request');
  assert.ok(code[0].start <= Math.min(...series.map((r) => r.start)), `the Scalars chunk left at ${code[0].start} ms, after a series request`);
  // So is the shared style sheet the dashboard's import waits for, once: the app's own link for
  // it takes the preloaded answer.
  const sheets = requests.filter((r) => /\/dashboards-shared-[^/]*\.css$/.test(r.path));
  assert.equal(sheets.length, 1, `the dashboards' style sheet was fetched ${sheets.length} times`);
  assert.ok(sheets[0].start < appStart, `the style sheet left at ${sheets[0].start} ms, the app started at ${appStart} ms`);
  assert.deepEqual(errors, []);
});

test('the first screen\'s series leave with the page, and its cards take them instead of asking', async () => {
  // early_series.ts: index.html asks for the first tags by position before the app or the listing
  // arrives; the cards of the estimate it did not cover are asked for once the listing answers.
  const { page, errors } = await openDashboard('tab=scalars');
  await waitForFirstScreenPainted(page, { timeout: 15000, polling: 'raf' });
  const { early, byPosition, firstScreenSent, appStart, visible, requested } = await page.evaluate(() => ({
    early: performance.getEntriesByName('tbx:early-series')[0]?.detail,
    byPosition: performance.getEntriesByName('tbx:first-screen-series')[0]?.detail ?? [],
    firstScreenSent: performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('scalars/series?first_tags='))
      .map((e) => e.startTime),
    appStart: performance.getEntriesByName('tbx:app-start')[0]?.startTime,
    visible: [...document.querySelectorAll('.card')]
      .filter((card) => {
        const r = card.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight;
      })
      .map((card) => card.dataset.tag),
    requested: performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('scalars/series'))
      .map((e) => new URL(e.name).searchParams.getAll('tag')),
  }));
  assert.ok(Array.isArray(early), 'the first screen\'s series were asked for early');
  assert.ok(firstScreenSent.length > 0, 'index.html asked for the first screen');
  for (const start of firstScreenSent) assert.ok(start < appStart, `a first-screen request left at ${start} ms, the app started at ${appStart} ms`);
  assert.ok(visible.length > 0);
  for (const tag of visible) {
    assert.ok(early.includes(tag), `${tag} is on screen but was not asked for early (${early})`);
    const times = requested.filter((tags) => tags.includes(tag)).length + (byPosition.includes(tag) ? 1 : 0);
    assert.equal(times, 1, `${tag} was asked for ${times} times`);
  }
  assert.deepEqual(errors, []);
});

test('the first render makes the first screen\'s cards, the others once those are drawn', async () => {
  // 900×400: one column, two cards on screen at most (early_series.ts' firstScreenPlan), so of
  // accuracy/top1, learning_rate, loss/aux and loss/total the last two are placeholders in the
  // first render.
  const context = await browser.newContext({ viewport: { width: 900, height: 400 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    // What the cards were when they first appeared: their tag attribute, or their title.
    new MutationObserver((_, observer) => {
      const cards = [...document.querySelectorAll('.card')];
      if (cards.length === 0) return;
      observer.disconnect();
      window.firstCards = cards.map((card) => ({ tag: card.dataset.tag ?? null, title: card.querySelector('.card__title')?.textContent }));
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(server.url + '#tab=scalars');
  await page.waitForFunction(() => window.firstCards);
  assert.deepEqual(await page.evaluate(() => window.firstCards), [
    { tag: 'accuracy/top1', title: 'accuracy/top1' },
    { tag: 'learning_rate', title: 'learning_rate' },
    { tag: null, title: 'loss/aux' },
    { tag: null, title: 'loss/total' },
  ]);
  // The placeholders become cards, which draw once scrolled to.
  await page.waitForSelector('.card[data-tag="loss/total"]', { state: 'attached' });
  assert.equal(await page.$$eval('.card:not([data-tag])', (cards) => cards.length), 0);
  await page.locator('.card[data-tag="loss/total"]').scrollIntoViewIfNeeded();
  await waitForChart(page, 'loss/total');
  assert.deepEqual(errors, []);
  await context.close();
});

test('draws every run in its colour, and smoothing changes the drawn lines', async () => {
  const { page } = await openDashboard('smoothing=0');
  const colors = await runColors(page);
  const palette = RUNS.map((run) => colors[run]);
  assert.equal(new Set(palette).size, RUNS.length, `run colours must differ: ${palette}`);
  const raw = await canvasColorCounts(page, 'loss/total', palette);
  raw.counts.forEach((count, i) => assert.ok(count > 50, `run ${RUNS[i]} drew ${count} pixels in ${palette[i]}`));

  const setSmoothing = async (value) => {
    await page.fill('input[aria-label="Smoothing value"]', value);
    await page.press('input[aria-label="Smoothing value"]', 'Enter');
    await page.waitForFunction((v) => window.location.hash.includes(`smoothing=${v}`), value);
  };
  // 0 → 0.5 switches smoothing on (faded raw lines move to the ghost canvas); 0.5 → 0.95 is the
  // slider path, which redraws only the smoothed lines.
  await setSmoothing('0.5');
  const half = await canvasColorCounts(page, 'loss/total', palette);
  assert.notEqual(half.digest, raw.digest, 'the chart did not change when smoothing was switched on');
  await setSmoothing('0.95');
  const smoothed = await canvasColorCounts(page, 'loss/total', palette);
  assert.notEqual(smoothed.digest, half.digest, 'the chart did not change with the smoothing weight');
  smoothed.counts.forEach((count, i) => assert.ok(count > 50, `smoothed ${RUNS[i]} drew ${count} pixels`));
  await screenshot(page, 'scalars_smoothed');
});

test('the enlarge button widens a card and shrinks it back', async () => {
  const { page, errors } = await openDashboard();
  const card = '.card[data-tag="loss/total"]';
  const chartWidth = () => page.$eval(`${card} .card__chart`, (el) => el.clientWidth);
  const narrow = await chartWidth();
  await page.click(`${card} button[aria-label="Enlarge card"]`);
  await page.waitForSelector(`${card}.card--wide button[aria-label="Shrink card"][aria-pressed="true"]`);
  await page.waitForFunction((sel) => document.querySelector(sel).clientWidth > 0, `${card} .card__chart`);
  assert.ok((await chartWidth()) > narrow * 1.5, `the enlarged chart is ${await chartWidth()} px wide, was ${narrow}`);
  await page.click(`${card} button[title="Shrink card"]`);
  await page.waitForSelector(`${card}:not(.card--wide) button[aria-label="Enlarge card"][aria-pressed="false"]`);
  assert.equal(await chartWidth(), narrow);
  assert.deepEqual(errors, []);
});

test('switching a run off removes its line', async () => {
  const { page } = await openDashboard('smoothing=0');
  const colors = await runColors(page);
  const before = await canvasColorCounts(page, 'accuracy/top1', [colors.eval, colors.train]);
  assert.ok(before.counts[0] > 50);
  await page.click('.run-row:has-text("eval") input');
  await page.waitForSelector('.card[data-tag="accuracy/top1"][data-runs="2"]');
  const afterToggle = await canvasColorCounts(page, 'accuracy/top1', [colors.eval, colors.train]);
  assert.equal(afterToggle.counts[0], 0, 'eval is still drawn');
  assert.ok(afterToggle.counts[1] > 50, 'train disappeared too');
  await page.waitForFunction(() => window.location.hash.includes('off=eval'));
  await screenshot(page, 'scalars_eval_off');
});

test('filters tags and runs by regex', async () => {
  const { page } = await openDashboard();
  await page.fill('input[placeholder="Filter tags (regex)"]', '^loss/');
  await page.waitForFunction(() => document.querySelectorAll('.card').length === 2);
  const tags = await page.$$eval('.card', (cards) => cards.map((c) => c.dataset.tag).sort());
  assert.deepEqual(tags, ['loss/aux', 'loss/total']);

  await page.fill('input[placeholder="Filter runs (regex)"]', 'lr=0\\.1|^train$');
  await page.waitForFunction(() => document.querySelectorAll('.run-row__name').length === 2);
  const listed = await page.$$eval('.run-row__name', (els) => els.map((e) => e.textContent).sort());
  assert.deepEqual(listed, ['sweep/lr=0.1', 'train']);
  await page.waitForSelector('.card[data-tag="loss/total"][data-runs="2"]');

  await page.fill('input[placeholder="Filter tags (regex)"]', '(');
  await page.waitForSelector('text=Invalid tag filter');
  await screenshot(page, 'scalars_filters');
});

test('a copied link restores the view', async () => {
  const hash = 'tagFilter=accuracy&off=train&smoothing=0.3&x=relative&log=1';
  const { page } = await openDashboard(hash.replace('tagFilter=accuracy&', ''));
  const second = await newPage(browser);
  await second.goto(server.url + '#' + hash);
  await waitForChart(second, 'accuracy/top1');
  assert.equal(await second.$$eval('.card', (c) => c.length), 1);
  assert.equal(await second.inputValue('input[aria-label="Smoothing value"]'), '0.3');
  assert.ok(await second.isChecked('input[name="time-axis"] >> nth=1'));
  assert.ok(await second.isChecked('text=Log scale (y) >> input'));
  assert.ok(!(await second.isChecked('.run-row:has-text("train") input')));
  await page.close();
});

test('the per-run CSV download equals the API answer, and all runs download at once', async () => {
  const { page } = await openDashboard();
  const card = page.locator('.card[data-tag="loss/total"]');
  await card.locator('summary[aria-label="Download data"]').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.locator('.menu__run:has-text("train") a:text("CSV")').click(),
  ]);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  const downloaded = Buffer.concat(chunks).toString('utf8');
  const api = await (await fetch(server.url + 'data/plugin/scalars/scalars?run=train&tag=loss%2Ftotal&format=csv')).text();
  assert.equal(downloaded, api);
  assert.equal(downloaded.split('\r\n')[0], 'Wall time,Step,Value');

  // The menu stays open after a download.
  const [all] = await Promise.all([page.waitForEvent('download'), card.locator('text=All runs as CSV').click()]);
  const allChunks = [];
  for await (const chunk of await all.createReadStream()) allChunks.push(chunk);
  const lines = Buffer.concat(allChunks).toString('utf8').trim().split('\r\n');
  assert.equal(lines[0], 'Run,Wall time,Step,Value');
  assert.equal(lines.length, 1 + 3 * 200);
  for (const run of RUNS) {
    assert.equal(lines.filter((line) => line.startsWith(`${run},`)).length, 200, `rows of ${run}`);
  }
});

test('a chart looks the same before and after its cursor is built, and the first hover shows the tooltip', async () => {
  // The chart draws its axes and lines itself; uPlot (cursor, box zoom) is built on the first
  // pointer or when the page is idle. Idle builds are off here, so the pointer builds it.
  for (const hash of ['smoothing=0', 'smoothing=0&log=1', 'smoothing=0&x=wall']) {
    const errors = [];
    const page = await newPage(browser, errors);
    await page.addInitScript(() => {
      window.tbxNoIdleInteraction = true;
    });
    await page.goto(`${server.url}#${hash}`);
    await waitForChart(page, 'loss/total');
    const chart = page.locator('.card[data-tag="loss/total"] .card__chart');
    await page.waitForSelector('.card[data-tag="loss/total"] .card__chart:not([data-lines-pending]) .chart-axes');
    assert.equal(await chart.getAttribute('data-interactive'), null, `${hash}: no uPlot before the pointer`);
    // uPlot's module is imported a second after the last chart was drawn; with it in, the pointer
    // builds uPlot at once.
    await page.waitForFunction(() => performance.getEntriesByName('tbx:uplot-loaded').length > 0);
    const plot = chart.locator('.chart-plot');
    // In view first: the screenshot would scroll it there, moving the box measured before it.
    await chart.scrollIntoViewIfNeeded();
    const before = await chart.screenshot();
    const boxBefore = await plot.boundingBox();
    await page.mouse.move(boxBefore.x + boxBefore.width / 2, boxBefore.y + boxBefore.height / 2);
    // The event that built uPlot showed the tooltip: nothing waited for.
    const shown = await page.evaluate(() => ({
      interactive: document.querySelector('.card[data-tag="loss/total"] .card__chart').dataset.interactive,
      tooltip: document.querySelectorAll('.chart-tooltip:not([hidden]) tbody tr').length,
      over: document.querySelector('.card[data-tag="loss/total"] .chart-plot').classList.contains('u-over'),
    }));
    assert.ok(Number(shown.interactive) > 0, `${hash}: uPlot built on the first pointer`);
    assert.equal(shown.tooltip, 3, `${hash}: tooltip rows on the first hover (${JSON.stringify(shown)})`);
    assert.ok(shown.over, `${hash}: the layers moved into uPlot's over`);
    assert.deepEqual(await plot.boundingBox(), boxBefore, `${hash}: the plot box did not move`);
    await page.mouse.move(1, 1);
    await page.waitForFunction(() => [...document.querySelectorAll('.chart-tooltip')].every((t) => t.hidden));
    const after = await chart.screenshot();
    assert.ok(before.equals(after), `${hash}: the chart's pixels changed when uPlot was built`);
    assert.deepEqual(errors, []);
    await page.context().close();
  }
});

test("the first screen's charts are painted before uPlot's module is asked for", async () => {
  // The charts draw their lines and axes themselves; uPlot (the cursor, box zoom) is imported
  // only once they are drawn, so its evaluation is not on the first screen's path.
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(`${server.url}#tab=scalars`);
  const painted = await waitForFirstScreenPainted(page, { timeout: 15000, polling: 'raf' });
  const { preloaded, started, loaded } = await page.evaluate(async ([pattern, flags]) => {
    const isUPlot = (url) => new RegExp(pattern, flags).test(url);
    const preloaded = [
      ...Object.values(window.__tbxPreload ?? {}).flat(),
      ...[...document.querySelectorAll('link[rel="modulepreload"], script[src]')].map((e) => e.href || e.src),
    ].filter(isUPlot);
    // Imported a second after the last chart was drawn.
    while (performance.getEntriesByName('tbx:uplot-loaded').length === 0) await new Promise((r) => setTimeout(r, 50));
    return {
      preloaded,
      started: performance.getEntriesByType('resource').filter((e) => isUPlot(e.name)).map((e) => e.startTime),
      loaded: performance.getEntriesByName('tbx:uplot-loaded')[0].startTime,
    };
  }, [UPLOT_FILE.source, UPLOT_FILE.flags]);
  assert.deepEqual(preloaded, [], 'uPlot is not preloaded with the page');
  assert.equal(started.length, 1, `uPlot's module was fetched ${started.length} times`);
  assert.ok(started[0] > painted, `uPlot was asked for at ${started[0]} ms, the first screen was painted at ${painted} ms`);
  assert.ok(loaded > painted);
  assert.deepEqual(errors, []);
  await page.context().close();
});

/**
 * A page of the Scalars dashboard whose uPlot module is held back until `release()` is called
 * (imported at the first pointer, or a second after the charts are drawn).
 */
async function openWithUPlotHeld(hash) {
  const errors = [];
  const page = await newPage(browser, errors);
  const { release, askedFor } = await holdUPlot(page);
  await page.goto(`${server.url}#${hash}`);
  await waitForChart(page, 'loss/total');
  const card = page.locator('.card[data-tag="loss/total"]');
  // Wholly in view, so that a drag ends where it is released (see plotBoxInView).
  const box = await plotBoxInView(page);
  return { page, errors, card, box, release, askedFor };
}

/**
 * The plot box of the loss/total card, scrolled wholly into view: the part of a plot box below the
 * viewport gets no pointer events, so a drag's end there would depend on its last move inside.
 */
async function plotBoxInView(page) {
  const chart = page.locator('.card[data-tag="loss/total"] .card__chart');
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.locator('.chart-plot').boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= page.viewportSize().height, `the plot box is in view: ${JSON.stringify(box)}`);
  return box;
}

/** The card's drawn data range once it is zoomed in and has its full-resolution points. */
async function zoomedView(page) {
  await page.waitForSelector('.card[data-tag="loss/total"] button[aria-label="Reset zoom"]');
  await page.waitForFunction(() => Number(document.querySelector('.card[data-tag="loss/total"]').dataset.maxStep) < 100);
  return JSON.parse(await page.locator('.card[data-tag="loss/total"] .card__chart').getAttribute('data-view'));
}

test('a box-zoom drag made before uPlot has loaded zooms as it would have with uPlot there', async () => {
  const drag = { from: [0.1, 10], to: [0.3, -10] };
  const at = (box, [fx, dy]) => [box.x + box.width * fx, dy >= 0 ? box.y + dy : box.y + box.height + dy];
  // The reference: uPlot there before the drag.
  const reference = await openDashboard('smoothing=0');
  {
    const { page } = reference;
    const box = await plotBoxInView(page);
    await page.mouse.move(...at(box, drag.from));
    await page.waitForSelector('.card[data-tag="loss/total"] .card__chart[data-interactive]');
    await page.mouse.down();
    await page.mouse.move(...at(box, drag.to), { steps: 5 });
    await page.mouse.up();
  }
  const expected = await zoomedView(reference.page);
  await reference.page.context().close();

  // The whole drag while the module is held back: replayed once it is in.
  {
    const { page, errors, card, box, release, askedFor } = await openWithUPlotHeld('smoothing=0');
    await page.mouse.move(...at(box, drag.from));
    await page.mouse.down();
    await page.mouse.move(...at(box, drag.to), { steps: 5 });
    await page.mouse.up();
    await askedFor;
    assert.equal(await card.locator('.card__chart').getAttribute('data-interactive'), null, 'no uPlot before its module');
    assert.equal(await page.evaluate(() => performance.getEntriesByName('tbx:uplot-loaded').length), 0);
    release();
    assert.deepEqual(await zoomedView(page), expected, 'the same zoom as with uPlot there');
    assert.deepEqual(errors, []);
    await page.context().close();
  }

  // Pressed and moved before the module, moved on and released after it: the drag goes on.
  {
    const { page, errors, card, box, release } = await openWithUPlotHeld('smoothing=0');
    await page.mouse.move(...at(box, drag.from));
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2, { steps: 3 });
    release();
    await page.waitForSelector('.card[data-tag="loss/total"] .card__chart[data-interactive]');
    assert.equal(await card.locator('button[aria-label="Reset zoom"]').count(), 0, 'not zoomed before the release');
    await page.mouse.move(...at(box, drag.to), { steps: 3 });
    await page.mouse.up();
    assert.deepEqual(await zoomedView(page), expected, 'the same zoom as with uPlot there');
    assert.deepEqual(errors, []);
    await page.context().close();
  }
});

test("a hover before uPlot's module has arrived shows the tooltip once it has", async () => {
  const { page, errors, card, box, release } = await openWithUPlotHeld('smoothing=0');
  await page.mouse.move(box.x + box.width * 0.05, box.y + box.height / 2);
  assert.equal(await card.locator('.card__chart').getAttribute('data-interactive'), null, 'no uPlot before its module');
  release();
  await page.waitForFunction(() => document.querySelectorAll('.chart-tooltip:not([hidden]) tbody tr').length === 3);
  const rows = await page.$$eval('.chart-tooltip:not([hidden]) tbody tr', (trs) => trs.map((tr) => tr.cells[1].textContent));
  // As in the sorted tooltip test: the pointer's position reached uPlot.
  assert.deepEqual(rows, ['sweep/lr=0.1', 'eval', 'train']);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('drag zooms in to full resolution and double-click resets', async () => {
  const { page } = await openDashboard('smoothing=0');
  const card = page.locator('.card[data-tag="loss/total"]');
  const over = card.locator('.chart-plot');
  const box = await over.boundingBox();
  await page.mouse.move(box.x + box.width * 0.1, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height - 10, { steps: 5 });
  await page.mouse.up();
  await page.waitForSelector('.card[data-tag="loss/total"] button[aria-label="Reset zoom"]');
  await page.waitForFunction(() => Number(document.querySelector('.card[data-tag="loss/total"]').dataset.maxStep) < 100);
  await screenshot(page, 'scalars_zoomed');
  await over.dblclick();
  await page.waitForFunction(() => Number(document.querySelector('.card[data-tag="loss/total"]').dataset.maxStep) === 199);
});

test('the tooltip lists runs sorted by value', async () => {
  const { page } = await openDashboard('smoothing=0');
  const over = page.locator('.card[data-tag="loss/total"] .chart-plot');
  const box = await over.boundingBox();
  await page.mouse.move(box.x + box.width * 0.05, box.y + box.height / 2);
  await page.waitForSelector('.chart-tooltip:not([hidden]) tbody tr');
  const rows = await page.$$eval('.chart-tooltip tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.equal(rows.length, 3);
  const values = rows.map((r) => Number(r[2]));
  assert.deepEqual(values, [...values].sort((a, b) => b - a));
  // Offsets 0.8 > 0.4 > 0 make the loss of sweep > eval > train early on.
  assert.deepEqual(rows.map((r) => r[1]), ['sweep/lr=0.1', 'eval', 'train']);
  await screenshot(page, 'scalars_tooltip');

  // TensorBoard's other tooltip orders; the choice is kept in the URL.
  const tooltipRuns = async () => {
    await page.mouse.move(box.x + box.width * 0.05 + 1, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width * 0.05, box.y + box.height / 2);
    return page.$$eval('.chart-tooltip tbody tr', (trs) => trs.map((tr) => tr.cells[1].textContent));
  };
  await page.selectOption('select:near(:text("Tooltip sorting"))', 'ascending');
  await page.waitForFunction(() => window.location.hash.includes('tooltipSort=ascending'));
  assert.deepEqual(await tooltipRuns(), ['train', 'eval', 'sweep/lr=0.1']);
  await page.selectOption('select:near(:text("Tooltip sorting"))', 'name');
  assert.deepEqual(await tooltipRuns(), ['eval', 'sweep/lr=0.1', 'train']);
});

test('the dark theme and the reload interval are remembered across reloads', async () => {
  const { page } = await openDashboard();
  await page.click('button[aria-label="Settings"]');
  await page.check('input[name="theme"] >> nth=1');
  await page.fill('.settings input[type="number"]', '45');
  await page.press('.settings input[type="number"]', 'Enter');
  await page.click('.settings button:text("Close")');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.reload();
  await waitForChart(page, 'loss/total');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.click('button[aria-label="Settings"]');
  assert.equal(await page.inputValue('.settings input[type="number"]'), '45');
  await page.click('.settings button:text("Close")');
  await screenshot(page, 'scalars_dark');
});
