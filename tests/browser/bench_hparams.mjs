// Browser benchmark of the HParams dashboard at 10,000 sessions (3,334 groups of up to three seeds;
// pass another count as the first argument): times from a user action to the next painted frame
// for a table sort, a table filter (regex typed in a column), a parallel-coordinates brush move
// and a brush release (which filters). Prints the median and maximum of each over several tries.
// With --without-run-list the page's run list (10,000 rows in the left pane, which every DOM
// change of the page re-lays out until the run selector is virtualised) is hidden by a style, so
// the timings are the HParams dashboard's own.
//
//   TBX_BINARY=build/tbx TBX_HPARAMS_LOGDIR_TOOL=build/tests/browser/make_hparams_logdir \
//   TBX_FRONTEND_DIR=frontend node tests/browser/bench_hparams.mjs [sessions] [--without-run-list]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, newPage, startTbx } from './harness.mjs';

const withoutRunList = process.argv.includes('--without-run-list');
const sessions = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 10000);
const dir = mkdtempSync(join(tmpdir(), 'tbx-hparams-bench-'));
execFileSync(process.env.TBX_HPARAMS_LOGDIR_TOOL, [dir, String(sessions)], { stdio: 'inherit' });
const server = await startTbx(dir, { expectRuns: ['trial_0', `trial_${sessions - 1}`] });
// Every session's summaries must be loaded before the page asks.
for (;;) {
  const r = await fetch(server.url + 'data/plugin/hparams/session_groups', {
    method: 'POST',
    body: JSON.stringify({ allowedStatuses: ['STATUS_SUCCESS', 'STATUS_FAILURE'], sliceSize: 0 }),
  });
  if ((await r.json()).totalSize === Math.ceil(sessions / 3)) break;
  await new Promise((res) => setTimeout(res, 500));
}
// And the whole logdir read, so no live update refetches during the timings.
for (;;) {
  const status = await (await fetch(server.url + 'data/status')).json();
  if (status.first_load_done && status.runs.every((r) => r.loaded)) break;
  await new Promise((res) => setTimeout(res, 500));
}
const browser = await launchBrowser();
const page = await newPage(browser);

// Runs `action` in the page and resolves with the ms until the frame after the resulting render.
const timeInPage = (action, arg) =>
  page.evaluate(
    ([source, a]) =>
      new Promise((resolve) => {
        const act = new Function('a', source);
        const t0 = performance.now();
        act(a);
        // Preact renders in a microtask; the second frame callback runs after that render painted.
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
      }),
    [action, arg],
  );

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms (${s.length} tries)`;
};

await page.goto(`${server.url}#tab=hparams`);
if (withoutRunList) await page.addStyleTag({ content: '.run-list { display: none; }' });
await page.waitForSelector('.hp-row', { timeout: 120000 });
console.log(withoutRunList ? 'run list hidden' : 'run list shown');
await page.waitForTimeout(3000);
console.log(`${await page.textContent('[data-testid="hp-count"]')}`);

const sorts = [];
for (let i = 0; i < 8; i++) {
  const col = ['lr', 'acc', 'optimizer', 'loss'][i % 4];
  sorts.push(await timeInPage('document.querySelector(`button[title="Sort by ${a}"]`).click()', col));
}
console.log(`table sort → painted: ${stats(sorts)}`);

const filters = [];
for (const text of ['^a', '^s', 'rms', '', 'd', '']) {
  filters.push(
    await timeInPage(
      `const el = document.querySelector('input[aria-label="optimizer filter"]');
       el.value = a; el.dispatchEvent(new Event('input', { bubbles: true }));`,
      text,
    ),
  );
}
console.log(`table filter (regex) → painted: ${stats(filters)}`);

await page.click('button[role="tab"]:has-text("Parallel coordinates")');
await page.waitForSelector('canvas[aria-label="Parallel coordinates"]');
await page.waitForTimeout(500);
const box = await page.$eval('canvas[aria-label="Parallel coordinates"]', (c) => {
  const r = c.getBoundingClientRect();
  return { x: r.left, y: r.top, w: r.width };
});
const x = box.x + 60 + (box.w - 120) / 5; // the lr axis
const fire = `const c = document.querySelector('canvas[aria-label="Parallel coordinates"]');
  c.dispatchEvent(new MouseEvent(a.type, { clientX: a.x, clientY: a.y, bubbles: true }));`;
const moves = [];
const releases = [];
const draws = [];
for (let round = 0; round < 3; round++) {
  await timeInPage(fire, { type: 'mousedown', x, y: box.y + 40 });
  for (let k = 1; k <= 8; k++) {
    moves.push(await timeInPage(fire, { type: 'mousemove', x, y: box.y + 40 + k * 25 }));
    draws.push(Number(await page.$eval('canvas[aria-label="Parallel coordinates"]', (c) => c.dataset.paintMs)));
  }
  releases.push(await timeInPage(fire, { type: 'mouseup', x, y: box.y + 240 }));
}
console.log(`brush move → painted: ${stats(moves)}; canvas draw alone: ${stats(draws)}`);
console.log(`brush release (filter) → painted: ${stats(releases)}`);

await browser.close();
await server.stop();
rmSync(dir, { recursive: true, force: true });
