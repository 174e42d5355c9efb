// Browser test of the projector's first paint (tbx's own path; the dashboard's other behaviour is
// in projector.test.mjs, a ctest of its own so that neither file nears its timeout): on a logdir
// written by make_projector_logdir (1,000 points of 32 dimensions from a checkpoint), the server's
// `pca` route is asked first (float16 coordinates; by index.html when the page opens on the tab, by
// the loading worker when the tab is chosen later) and the dashboard paints every point from it
// (state "preview") while the tensor's download is held back here; what needs the values (t-SNE,
// UMAP) waits, and when the values arrive (state "ready") the layout stays as it was.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newPage, screenshot } from './harness.mjs';
import { ROOT, WHITE, pixelsUnlike, positions, startProjectorEnv } from './projector_helpers.mjs';

let env;
before(async () => {
  env = await startProjectorEnv();
});
after(async () => {
  await env?.stop();
});

test("the first paint is the server's PCA, kept when the tensor's values arrive", async () => {
  const errors = [];
  const page = await newPage(env.browser, errors);
  // The tensor's download (by the loading worker) waits until the preview has been seen.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const asked = [];
  let pcaQuery = null;
  await page.context().route(
    (url) => /\/data\/plugin\/projector\/(tensor|pca)$/.test(url.pathname),
    async (route) => {
      const url = new URL(route.request().url());
      const route_ = url.pathname.split('/').pop();
      asked.push(route_);
      if (route_ === 'pca') pcaQuery = url.searchParams;
      if (route_ === 'tensor') await held;
      await route.continue();
    },
  );
  await page.goto(`${env.server.url}#tab=projector`);
  await page.waitForSelector(`${ROOT}[data-state="preview"][data-points="1000"][data-pca-source="server"]`, { timeout: 60000 });
  assert.deepEqual(asked.slice(0, 1), ['pca']);
  // Asked for by index.html as the page opened, with float16 coordinates (half the bytes).
  assert.equal(await page.getAttribute(ROOT, 'data-pca-asked-by'), 'page');
  assert.equal(pcaQuery.get('coords'), 'float16');
  // Drawn, and what needs the values waits for them.
  let drawn = 0;
  for (const deadline = Date.now() + 30000; drawn <= 1500 && Date.now() < deadline; ) {
    drawn = await pixelsUnlike(page, WHITE);
    if (drawn <= 1500) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(drawn > 1500, `only ${drawn} pixels drawn`);
  assert.ok(await page.isDisabled('button:has-text("t-SNE")'));
  assert.ok(await page.isDisabled('button:has-text("UMAP")'));
  const preview = await positions(page, 40);
  await screenshot(page, 'projector_first_paint');
  assert.equal(await page.getAttribute(ROOT, 'data-state'), 'preview', 'the values were held back');
  release();
  await page.waitForSelector(`${ROOT}[data-state="ready"][data-points="1000"]`, { timeout: 60000 });
  assert.ok(asked.includes('tensor'));
  assert.deepEqual(await positions(page, 40), preview);
  assert.ok(await page.isEnabled('button:has-text("t-SNE")'));
  await page.context().close();
  assert.deepEqual(errors, []);
});

test('a tab chosen after the page opened has the loading worker ask for the PCA', async () => {
  const errors = [];
  const page = await newPage(env.browser, errors);
  const asked = [];
  await page.context().route(
    (url) => /\/data\/plugin\/projector\/(tensor|pca)$/.test(url.pathname),
    async (route) => {
      const url = new URL(route.request().url());
      asked.push(`${url.pathname.split('/').pop()} ${url.searchParams.get('coords')}`);
      await route.continue();
    },
  );
  await page.goto(`${env.server.url}#tab=scalars`);
  const tab = page.locator('[role="tab"]:has-text("projector")');
  await tab.waitFor({ timeout: 30000 });
  assert.deepEqual(asked, []);
  await tab.click();
  await page.waitForSelector(`${ROOT}[data-state="ready"][data-points="1000"][data-pca-source="server"]`, { timeout: 60000 });
  assert.equal(await page.getAttribute(ROOT, 'data-pca-asked-by'), 'worker');
  assert.deepEqual(asked, ['pca float16', 'tensor null']);
  await page.context().close();
  assert.deepEqual(errors, []);
});
