// Browser tests of the projector dashboard against the real tbx binary on a logdir written by
// make_projector_logdir (1,000 points of 32 dimensions in 5 clusters, read from a TF2-style
// checkpoint, with metadata and a sprite sheet): points are drawn (pixels unlike the
// background), t-SNE moves them away from the PCA layout, a regular-expression search selects the
// matching points, the neighbours of a selected point are listed, and sprites are drawn.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { screenshot, startTbx } from './harness.mjs';
import { launchWebglBrowser, openPage, pixelsUnlike as pixelsUnlikeIn } from './prmesh_helpers.mjs';

const ROOT = '.projector';
const VIEW = '.projector-view';
const WHITE = [0xff, 0xff, 0xff];

let env;
before(async () => {
  const tool = process.env.TBX_PROJECTOR_LOGDIR_TOOL;
  if (!tool) throw new Error('TBX_PROJECTOR_LOGDIR_TOOL is not set (run the test through ctest)');
  const dir = mkdtempSync(join(tmpdir(), 'tbx-projector-'));
  execFileSync(tool, [dir, '1000', '32', 'checkpoint', 'sprites'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const server = await startTbx(dir, { expectRuns: ['emb'] });
  const browser = await launchWebglBrowser();
  env = {
    server,
    browser,
    stop: async () => {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
after(async () => {
  await env?.stop();
});

/** Pixels of the view's canvas that differ from `background`. */
const pixelsUnlike = (page, background) => pixelsUnlikeIn(page, VIEW, background);

/** Screen positions of the first `n` points. */
function positions(page, n) {
  return page.$eval(
    VIEW,
    (host, count) => Array.from({ length: count }, (_, i) => host.scatter.screenOf(i)),
    n,
  );
}

async function openReady(hideSprites = true) {
  const { page, errors } = await openPage(env, 'tab=projector');
  await page.waitForSelector(`${ROOT}[data-state="ready"][data-points="1000"]`, { timeout: 60000 });
  if (hideSprites) {
    await page.waitForSelector(`${ROOT}[data-sprites="true"]`, { timeout: 30000 });
    await page.uncheck('text=Show images');
    await page.waitForSelector(`${ROOT}[data-sprites="false"]`);
  }
  return { page, errors };
}

test('the projector tab draws every point of the checkpoint tensor', async () => {
  const { page, errors } = await openReady();
  assert.match(await page.textContent(`${ROOT} select[aria-label="Tensor"]`), /embedding\/embeddings \(1000×32\)/);
  await page.waitForTimeout(200);
  const drawn = await pixelsUnlike(page, WHITE);
  assert.ok(drawn > 1500, `only ${drawn} pixels drawn`);
  // Colour by cluster: a legend of the five clusters.
  await page.selectOption(`${ROOT} select[aria-label="Colour by"]`, { label: 'cluster' });
  assert.match(await page.textContent(`${ROOT} .projector__legend`), /c0 \(200\).*c4 \(200\)/);
  await screenshot(page, 'projector_pca');
  assert.deepEqual(errors, []);
});

test('t-SNE changes the layout', async () => {
  const { page } = await openReady();
  const pcaLayout = await positions(page, 20);
  await page.fill(`${ROOT} input[type="number"] >> nth=0`, '30').catch(() => undefined);
  await page.click('button:has-text("t-SNE")');
  await page.waitForFunction((sel) => Number(document.querySelector(sel).dataset.iteration ?? 0) >= 60, ROOT, {
    timeout: 90000,
  });
  await page.waitForTimeout(100);
  const tsneLayout = await positions(page, 20);
  let moved = 0;
  for (let i = 0; i < 20; i++) {
    if (Math.hypot(tsneLayout[i].x - pcaLayout[i].x, tsneLayout[i].y - pcaLayout[i].y) > 5) moved++;
  }
  assert.ok(moved >= 15, `only ${moved} of 20 points moved`);
  assert.equal(await page.getAttribute(ROOT, 'data-method'), 'tsne');
  await screenshot(page, 'projector_tsne');
  await page.click('button:has-text("Stop")');
});

test('a search selects the matching points and neighbours are listed', async () => {
  const { page } = await openReady();
  await page.selectOption(`${ROOT} select[aria-label="Search column"]`, { label: 'label' });
  await page.fill(`${ROOT} input[aria-label="Search"]`, '^point_1[0-9]$');
  await page.waitForSelector(`${ROOT}[data-selected="10"]`);
  assert.match(await page.textContent(`${ROOT} .projector__panel`), /Selection \(10\)/);
  // One point: its nearest neighbours (same cluster: indices ≡ 12 mod 5) with distances.
  await page.fill(`${ROOT} input[aria-label="Search"]`, '^point_12$');
  await page.waitForSelector(`${ROOT}[data-selected="1"]`);
  const items = await page.$$eval(`${ROOT} .projector__neighbours li`, (lis) => lis.map((li) => li.textContent));
  assert.equal(items.length, 10);
  for (const item of items) {
    const match = /^point_(\d+) (\d\.\d{3})$/.exec(item);
    assert.ok(match, item);
    assert.equal(Number(match[1]) % 5, 2, `${item} is not in the selected point's cluster`);
  }
  await screenshot(page, 'projector_search');
});

test('sprites are drawn from the sprite sheet', async () => {
  const { page } = await openReady(false);
  await page.waitForSelector(`${ROOT}[data-sprites="true"]`, { timeout: 30000 });
  await page.waitForTimeout(300);
  // The sheet's images are cluster-coloured squares: sprite mode covers more pixels than dots.
  const withSprites = await pixelsUnlike(page, WHITE);
  await page.uncheck('text=Show images');
  await page.waitForTimeout(300);
  const dots = await pixelsUnlike(page, WHITE);
  assert.ok(withSprites > dots * 1.5, `sprites ${withSprites} vs dots ${dots}`);
  await screenshot(page, 'projector_sprites');
});
