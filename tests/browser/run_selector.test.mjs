// Browser tests of the run selector at scale, against the real tbx binary on 3,000 runs written by
// make_hparams_logdir (each with the scalars `acc` and `loss`): the list is virtual (a screenful of
// rows in the DOM, every run reachable by scrolling), the regex and fuzzy filters, "only these"
// (select by filter), the count, and the scalar charts drawing only the selected runs. Prints the
// time from a keystroke in the filter to the next painted frame.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { allRunsLoaded, launchBrowser, newPage, startTbx } from './harness.mjs';

const RUNS = Number(process.env.TBX_RUN_SELECTOR_RUNS ?? 3000);
let dir;
let server;
let browser;
let serverRuns;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tbx-run-selector-'));
  execFileSync(process.env.TBX_HPARAMS_LOGDIR_TOOL, [dir, String(RUNS)], { stdio: 'inherit' });
  server = await startTbx(dir, { expectRuns: ['trial_0', `trial_${RUNS - 1}`] });
  // In their final order (taken earlier, under load, the "last run" could be one the page, loaded
  // later, lists elsewhere).
  serverRuns = await allRunsLoaded(server.url, RUNS);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const names = (page) =>
  page.$$eval('.run-list .run-row__name', (els) =>
    els.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map((e) => e.textContent));
const count = (page) => page.textContent('[data-testid="run-count"]');

/** Fills the run filter and resolves with the ms until the frame after the resulting render. */
async function timedFill(page, text) {
  return page.evaluate(
    (value) =>
      new Promise((resolve) => {
        const input = document.querySelector('.run-selector input[type="search"]');
        const t0 = performance.now();
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
      }),
    text,
  );
}

async function open() {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(`${server.url}#tab=scalars`);
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="run-count"]')?.textContent.startsWith(`${n} of ${n} runs`),
    RUNS,
    { timeout: 60000 },
  );
  // The rows come once the page is idle after the runs arrived (RunSelector.tsx), within 400 ms.
  await page.waitForSelector('.run-list .run-row', { timeout: 5000 });
  return { page, errors };
}

test('lists thousands of runs with a screenful of rows in the DOM', async () => {
  const { page, errors } = await open();
  const rendered = await page.$$eval('.run-list .run-row', (rows) => rows.length);
  assert.ok(rendered > 5 && rendered < 120, `${rendered} rows rendered for ${RUNS} runs`);
  assert.deepEqual((await names(page)).slice(0, 3), serverRuns.slice(0, 3).map((r) => r));
  // Scrolled to the end (again on each poll: a scroll made while the page is still settling, e.g.
  // before the list's first measured size, must not leave the test waiting), the last runs are there.
  await page.waitForFunction(
    (last) => {
      const list = document.querySelector('.run-list');
      if (list.scrollTop + list.clientHeight < list.scrollHeight - 1) list.scrollTo(0, list.scrollHeight);
      return [...list.querySelectorAll('.run-row__name')].some((e) => e.textContent === last);
    },
    serverRuns[RUNS - 1],
    { timeout: 30000 },
  );
  const shown = await names(page);
  assert.equal(shown[shown.length - 1], serverRuns[RUNS - 1]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('filters by regex and fuzzy pattern, counts, and selects by filter', async () => {
  const { page, errors } = await open();
  const regexMs = [];
  for (const filter of ['trial_1\\d\\d$', 'trial_2\\d\\d$', 'trial_1\\d\\d$']) regexMs.push(await timedFill(page, filter));
  // Drawn: the runs that match and are switched on.
  assert.equal(await count(page), `100 of ${RUNS} runs selected (100 match the filter)`);
  const listed = await names(page);
  assert.ok(listed.length > 0 && listed.every((n) => /^trial_1\d\d$/.test(n)), listed.join());

  // Fuzzy: the pattern's letters in order.
  await page.check('.run-tools__fuzzy input');
  const fuzzyMs = await timedFill(page, 't 2 9 9 9');
  const fuzzy = serverRuns.filter((r) => /t.*2.*9.*9.*9/.test(r));
  assert.equal(await count(page), `${fuzzy.length} of ${RUNS} runs selected (${fuzzy.length} match the filter)`);
  assert.deepEqual((await names(page)).slice(0, 5), fuzzy.slice(0, 5));

  // Select by filter, then clear the filter: only those runs stay selected and are drawn.
  await page.click('button:has-text("Only these")');
  await page.uncheck('.run-tools__fuzzy input');
  await page.fill('.run-selector input[type="search"]', '');
  await page.waitForFunction((n) => document.querySelector('[data-testid="run-count"]').textContent.startsWith(`${n} of`), fuzzy.length);
  assert.equal(await count(page), `${fuzzy.length} of ${RUNS} runs selected`);
  await page.waitForFunction(
    (n) => [...document.querySelectorAll('.card[data-tag]')].some((c) => c.dataset.runs === String(n)),
    fuzzy.length,
    { timeout: 60000 },
  );
  const drawn = await page.$$eval('.card[data-tag]', (cards) => cards.map((c) => c.dataset.runs).filter(Boolean));
  assert.ok(drawn.every((n) => Number(n) <= fuzzy.length), `cards draw ${drawn.join()} runs`);
  // The checkboxes agree: the first run is off, the fuzzy matches on.
  assert.equal(await page.isChecked(`.run-list .run-row:has-text("${serverRuns[0]}") input`), fuzzy.includes(serverRuns[0]));
  assert.deepEqual(errors, []);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`run filter → painted at ${RUNS} runs: regex median ${median(regexMs).toFixed(1)} ms (${regexMs.map((x) => x.toFixed(0)).join(', ')}), fuzzy ${fuzzyMs.toFixed(1)} ms`);
  await page.close();
});
