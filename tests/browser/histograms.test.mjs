// Browser tests of the Histograms dashboard against the real tbx binary on the dashboards fixture.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newPage, screenshot } from './harness.mjs';
import { XSS_RUN, XSS_TAG, canvasStats, cardSelector, injectedGlobals, openPage, runColor, startDashboards } from './dashboards_helpers.mjs';

let env;
before(async () => {
  env = await startDashboards();
});
after(async () => {
  await env?.stop();
});

const TRAIN_DENSE = cardSelector('weights/dense', 'train');

async function openHistograms(hash = '') {
  const opened = await openPage(env, `tab=histograms${hash}`);
  await opened.page.waitForSelector(`${TRAIN_DENSE}[data-histograms="40"] canvas`, { timeout: 20000 });
  return opened;
}

test('draws every histogram as ridges, and overlay mode changes the picture and the URL', async () => {
  const { page, errors } = await openHistograms();
  const color = await runColor(page, 'train');
  const offset = await canvasStats(page, `${TRAIN_DENSE} canvas`, color);
  assert.ok(offset.painted > offset.total * 0.08, `only ${offset.painted} of ${offset.total} pixels painted`);
  assert.ok(offset.near > 200, `the newest ridge drew ${offset.near} pixels in the run colour ${color}`);
  await screenshot(page, 'histograms_offset');

  await page.check('input[name="histogram-mode"] >> nth=1');
  await page.waitForSelector(`${TRAIN_DENSE}[data-mode="overlay"]`);
  // The shell writes the URL shortly after a change.
  await page.waitForFunction(() => window.location.hash.includes('histograms=overlay'));
  const overlay = await canvasStats(page, `${TRAIN_DENSE} canvas`, color);
  assert.notEqual(overlay.digest, offset.digest, 'the chart did not change with the mode');
  assert.ok(overlay.painted > overlay.total * 0.03, `overlay painted only ${overlay.painted} pixels`);
  await screenshot(page, 'histograms_overlay');
  assert.deepEqual(errors, []);
});

test('opening the page on this tab asks for the first cards\' data by position from the page\'s inline script, once', async () => {
  const page = await newPage(env.browser);
  // When each re-binned request left, the card its answer named, and when the first card appeared
  // (page clock).
  await page.addInitScript(() => {
    window.__rebinned = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      const response = realFetch(input, init);
      if (url.includes('histograms/rebinned')) {
        const entry = { url, at: performance.now(), stack: new Error().stack };
        window.__rebinned.push(entry);
        response.then((r) => {
          entry.named = [r.headers.get('X-Tbx-Run'), r.headers.get('X-Tbx-Tag')].map((h) => h && decodeURIComponent(h));
        }, () => undefined);
      }
      return response;
    };
    new MutationObserver((_, observer) => {
      if (!document.querySelector('.card')) return;
      window.__firstCardAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(env.server.url + '#tab=histograms');
  const first = await page.waitForSelector('.card[data-histograms]', { timeout: 20000 });
  const { tag, run } = await first.evaluate((card) => ({ tag: card.dataset.tag, run: card.dataset.run }));
  const { requests, firstCardAt } = await page.evaluate(() => ({ requests: window.__rebinned, firstCardAt: window.__firstCardAt }));
  const params = (url) => new URL(url, env.server.url).searchParams;
  // The first card in the page is the server's card 0, asked for before any card existed, from
  // index.html's inline script (its frames name the page), not by the app's code.
  const position = requests.filter(({ url }) => params(url).has('card'));
  assert.deepEqual(position.map(({ url }) => params(url).get('card')), ['0', '1'], JSON.stringify(requests));
  assert.deepEqual(position[0].named, [run, tag]);
  assert.ok(position[0].at < firstCardAt, `asked at ${position[0].at} ms, the first card appeared at ${firstCardAt} ms`);
  assert.ok(!position[0].stack.includes('/assets/') && position[0].stack.includes(env.server.url), position[0].stack);
  // Neither of the cards answered by position asked again.
  for (const { named } of position) {
    const again = requests.filter(({ url }) => params(url).get('run') === named[0] && params(url).get('tag') === named[1]);
    assert.deepEqual(again, [], `card ${named} asked again`);
  }
  await page.context().close();
});

test('opening the page on this tab paints the first card in the app\'s first render, and keeps that card in place', async () => {
  const page = await newPage(env.browser);
  // What the app's first render put in the page, and the first card's element and box then.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const app = document.getElementById('app');
      if (!app?.firstChild) return;
      observer.disconnect();
      const card = app.querySelector('.card');
      const box = card?.getBoundingClientRect();
      window.__firstRender = {
        loading: app.querySelector('.main > .empty')?.textContent ?? null,
        card: card ? [card.dataset.run, card.dataset.tag] : null,
        box: box && [box.x, box.y, box.width],
        tabs: app.querySelectorAll('.tab').length,
      };
      window.__firstCard = card;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(env.server.url + '#tab=histograms');
  // The tabs, the runs and the other cards shown (and the first card drawn).
  await page.waitForFunction(
    () => document.querySelector('.tab--active') && document.querySelector('.run-selector input[type="checkbox"]') &&
      document.querySelectorAll('.card').length > 1 && document.querySelector('.card[data-histograms]') === document.querySelector('.card'),
    null,
    { timeout: 20000 },
  );
  const seen = await page.evaluate(() => {
    const card = document.querySelector('.card');
    const box = card.getBoundingClientRect();
    return {
      first: window.__firstRender,
      card: [card.dataset.run, card.dataset.tag],
      box: [box.x, box.y, box.width],
      same: window.__firstCard === card,
    };
  });
  // The first render held the first card (not a loading notice), before the plugins listing
  // (no tabs yet) …
  assert.equal(seen.first.loading, null, JSON.stringify(seen));
  assert.deepEqual(seen.first.card, seen.card, JSON.stringify(seen));
  assert.equal(seen.first.tabs, 0, JSON.stringify(seen));
  // … and that card is the same element, in the same place, once the others are around it.
  assert.ok(seen.same, 'the first card was rebuilt');
  assert.deepEqual(seen.first.box, seen.box);
  await page.context().close();
});

test('opening the page on this tab starts its tag listing and preloads its code before the app runs', async () => {
  const page = await newPage(env.browser);
  await page.goto(env.server.url + '#tab=histograms');
  await page.waitForSelector('.card[data-histograms]', { timeout: 20000 });
  const seen = await page.evaluate(() => {
    const appStart = performance.getEntriesByName('tbx:app-start')[0]?.startTime;
    const listing = performance.getEntriesByType('resource').find((e) => e.name.includes('data/plugin/histograms/tags'));
    const preloaded = [...document.querySelectorAll('link[rel="modulepreload"], link[rel="preload"][as="style"]')].map((l) =>
      l.getAttribute('href'),
    );
    return { appStart, listingAt: listing?.startTime, preloaded, planned: window.__tbxPreload?.histograms ?? [] };
  });
  assert.ok(seen.listingAt !== undefined && seen.appStart !== undefined, JSON.stringify(seen));
  assert.ok(seen.listingAt < seen.appStart, `the listing left at ${seen.listingAt} ms, the app started at ${seen.appStart} ms`);
  assert.ok(seen.planned.some((href) => /dashboard-histograms-/.test(href)), `no Histograms chunk listed: ${JSON.stringify(seen.planned)}`);
  for (const href of seen.planned) assert.ok(seen.preloaded.includes(href), `${href} was not preloaded`);
  await page.context().close();
});

test('a link with the overlay mode opens in overlay mode', async () => {
  const { page } = await openHistograms('&histograms=overlay');
  await page.waitForSelector(`${TRAIN_DENSE}[data-mode="overlay"]`);
  assert.equal(await page.isChecked('input[name="histogram-mode"] >> nth=1'), true);
});

test('hovering shows the bucket range and count at the nearest step; keys move it', async () => {
  const { page } = await openHistograms();
  await page.locator(`${TRAIN_DENSE} .hist-chart`).scrollIntoViewIfNeeded();
  const box = await page.$eval(`${TRAIN_DENSE} .hist-chart`, (e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  // On the bottom baseline (plot top 8 px + height 230 px): the last step.
  await page.mouse.move(box.x + box.width * 0.45, box.y + 237);
  const tooltip = `${TRAIN_DENSE} .hist-chart__tooltip`;
  await page.waitForSelector(`${tooltip}:not([hidden])`);
  const text = await page.textContent(tooltip);
  assert.match(text, /^Step 39 /);
  assert.match(text, /Bucket \[-?[\d.e-]+, -?[\d.e-]+\)\s+count [\d.]+/);
  await screenshot(page, 'histograms_hover');

  // Keyboard: focus the chart, go three steps back.
  await page.mouse.move(0, 0);
  await page.focus(`${TRAIN_DENSE} .hist-chart`);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  await page.waitForSelector(`${tooltip}:not([hidden])`);
  assert.match(await page.textContent(tooltip), /^Step 36 /);
});

test('run and tag names that look like HTML are shown as text and never run', async () => {
  const { page, dialogs } = await openHistograms();
  const card = cardSelector(XSS_TAG, XSS_RUN);
  await page.waitForSelector(`${card}[data-histograms="1"]`);
  assert.equal(await page.textContent(`${card} .card__title`), XSS_TAG);
  assert.equal(await page.textContent(`${card} .card__run-name`), XSS_RUN);
  assert.equal(await page.$$eval('.main img', (imgs) => imgs.length), 0);
  assert.deepEqual(await injectedGlobals(page), []);
  assert.deepEqual(dialogs, []);
});
