// Browser tests of the mesh dashboard against the real tbx binary on the make_prmesh_logdir
// fixture: a coloured mesh and a point cloud are drawn (pixels unlike the background), the camera
// moves when the canvas is dragged and comes back on reset, the step slider changes the mesh, the
// point size control is offered for point clouds only, the sample selector shows the chosen sample
// of a summary holding several, and a mesh whose faces point past its
// vertices shows an error in its own card; the first card's arrays, fetched as the tab opens, are
// requested once each.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newPage, screenshot } from './harness.mjs';
import { cardSelector, openPage, pixelsUnlike, setRange, startPrMesh } from './prmesh_helpers.mjs';

const BACKGROUND = [0xf5, 0xf5, 0xf5];
const TETRA = cardSelector('mesh/tetra', 'run_a');
const CLOUD = cardSelector('points/cloud', 'run_a');
const BAD = cardSelector('mesh/bad', 'run_a');
const SAMPLES = cardSelector('mesh/samples', 'run_a');

let env;
before(async () => {
  env = await startPrMesh();
});
after(async () => {
  await env?.stop();
});

test('a coloured mesh and a point cloud are drawn', async () => {
  const { page, errors } = await openPage(env, 'tab=mesh');
  await page.waitForSelector(`${TETRA}[data-rendered="true"]`, { timeout: 30000 });
  await page.waitForSelector(`${CLOUD}[data-rendered="true"]`, { timeout: 30000 });
  assert.equal(await page.getAttribute(TETRA, 'data-vertices'), '4');
  assert.equal(await page.getAttribute(CLOUD, 'data-vertices'), '500');
  assert.ok((await pixelsUnlike(page, TETRA, BACKGROUND)) > 500, 'the tetrahedron is not drawn');
  assert.ok((await pixelsUnlike(page, CLOUD, BACKGROUND)) > 200, 'the point cloud is not drawn');
  // The size control is for point clouds only.
  assert.equal(await page.$$eval(`${TETRA} .mesh-controls__size`, (els) => els.length), 0);
  const before = await pixelsUnlike(page, CLOUD, BACKGROUND);
  await setRange(page, `${CLOUD} .mesh-controls__size input`, 10);
  await page.waitForTimeout(300);
  assert.ok((await pixelsUnlike(page, CLOUD, BACKGROUND)) > before, 'bigger points cover no more pixels');
  await screenshot(page, 'mesh');
  assert.deepEqual(errors, []);
});

test('dragging orbits the camera and reset brings it back', async () => {
  const { page } = await openPage(env, 'tab=mesh');
  await page.waitForSelector(`${TETRA}[data-rendered="true"]`, { timeout: 30000 });
  const canvas = `${TETRA} canvas`;
  const start = await page.getAttribute(canvas, 'data-camera');
  const box = await page.locator(canvas).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 40, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(([sel, s]) => document.querySelector(sel).dataset.camera !== s, [canvas, start]);
  await screenshot(page, 'mesh_orbited');
  await page.click(`${TETRA} .mesh-controls__reset`);
  await page.waitForFunction(([sel, s]) => document.querySelector(sel).dataset.camera === s, [canvas, start]);
});

test('the step slider shows the mesh of the chosen step', async () => {
  const { page } = await openPage(env, 'tab=mesh');
  await page.waitForSelector(`${TETRA}[data-shown-step="1"]`, { timeout: 30000 });
  await setRange(page, `${TETRA} .step-slider__input`, 0);
  await page.waitForSelector(`${TETRA}[data-shown-step="0"]`);
});

test('faces pointing past the vertices are an error of that card only', async () => {
  const { page } = await openPage(env, 'tab=mesh');
  await page.waitForSelector(`${BAD} .card__error`, { timeout: 30000 });
  assert.match(await page.textContent(`${BAD} .card__error`), /refers to vertex 7, but the mesh has 3 vertices/);
  await page.waitForSelector(`${TETRA}[data-rendered="true"]`);
});

test('the first card\'s arrays, fetched as the tab opens, are each requested once', async () => {
  // "mesh/bad" sorts first: its step listing and arrays leave with the tab (prefetch.ts), and the
  // card takes those answers instead of asking again.
  const errors = [];
  const page = await newPage(env.browser, errors);
  const requested = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('/data/plugin/mesh/data') && url.searchParams.get('tag') === 'mesh/bad') {
      requested.push(url.searchParams.get('content_type'));
    }
  });
  await page.goto(env.server.url + '#tab=mesh');
  await page.waitForSelector(`${BAD} .card__error`, { timeout: 30000 });
  await page.waitForSelector(`${TETRA}[data-rendered="true"]`, { timeout: 30000 });
  assert.deepEqual(requested.sort(), ['FACE', 'VERTEX']);
  assert.deepEqual(errors, []);
});

test('the sample selector shows the chosen sample', async () => {
  const { page, errors } = await openPage(env, 'tab=mesh');
  await page.waitForSelector(`${SAMPLES}[data-shown-sample="0"][data-rendered="true"]`, { timeout: 30000 });
  // Meshes of one sample have no selector.
  assert.equal(await page.$$eval(`${TETRA} .mesh-controls__sample`, (els) => els.length), 0);
  const options = await page.$$eval(`${SAMPLES} .mesh-controls__sample option`, (els) => els.map((e) => e.textContent));
  assert.deepEqual(options, ['1 of 2', '2 of 2']);
  await page.waitForTimeout(300);
  const small = await pixelsUnlike(page, SAMPLES, BACKGROUND);
  const requested = page.waitForRequest((r) => r.url().includes('mesh%2Fsamples') && r.url().includes('sample=1'));
  await page.selectOption(`${SAMPLES} .mesh-controls__sample select`, '1');
  await requested;
  await page.waitForSelector(`${SAMPLES}[data-shown-sample="1"]`);
  await page.waitForTimeout(300);
  const large = await pixelsUnlike(page, SAMPLES, BACKGROUND);
  // The camera keeps its view fitted to sample 0, so the large triangle covers far more pixels.
  assert.ok(large > small * 2, `sample 1 (${large} pixels) is not the large triangle (sample 0: ${small})`);
  await page.locator(SAMPLES).scrollIntoViewIfNeeded();
  await screenshot(page, 'mesh_sample_1');
  assert.deepEqual(errors, []);
});
