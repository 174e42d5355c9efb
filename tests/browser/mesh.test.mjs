// Browser tests of the mesh dashboard against the real tbx binary on the make_prmesh_logdir
// fixture: a coloured mesh and a point cloud are drawn (pixels unlike the background), the camera
// moves when the canvas is dragged and comes back on reset, the step slider changes the mesh, the
// point size control is offered for point clouds only, the sample selector shows the chosen sample
// of a summary holding several, and a mesh whose faces point past its
// vertices shows an error in its own card; the first card's arrays, fetched as the tab opens, are
// requested once each; a large mesh shows its coarse preview before the full mesh.
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

test('a large mesh is drawn first as its preview, then in full', async () => {
  // A grid of 120,000 vertices (PREVIEW_MIN_VERTICES is 100,000). The full arrays are held back
  // until the preview's frame is drawn, so the order is the one a slow transfer gives.
  const big = await startPrMesh({ args: ['bench-mesh', 120000], expectRuns: [] });
  try {
    const meshes = `${big.server.url}data/plugin/mesh/meshes?run=bench&tag=mesh%2Fbig`;
    for (let tries = 0; (await (await fetch(meshes)).json()).length < 3; tries++) {
      assert.ok(tries < 300, 'the mesh did not load');
      await new Promise((r) => setTimeout(r, 100));
    }
    const errors = [];
    const page = await newPage(big.browser, errors);
    const previews = [];
    let release;
    const previewDrawn = new Promise((r) => (release = r));
    await page.route('**/data/plugin/mesh/data?**', async (route) => {
      await previewDrawn;
      await route.continue();
    });
    page.on('request', (r) => r.url().includes('/data/plugin/mesh/preview') && previews.push(r.url()));
    await page.goto(big.server.url + '#tab=mesh');
    const card = cardSelector('mesh/big', 'bench');
    await page.waitForSelector(`${card}[data-preview-rendered="true"]`, { timeout: 60000 });
    const previewTriangles = Number(await page.getAttribute(card, 'data-preview-triangles'));
    assert.ok(previewTriangles > 100, `the preview has ${previewTriangles} triangles`);
    assert.equal(await page.getAttribute(card, 'data-rendered'), null, 'the full mesh came before its arrays');
    assert.ok((await pixelsUnlike(page, card, BACKGROUND)) > 500, 'the preview is not drawn');
    release();
    await page.waitForSelector(`${card}[data-rendered="true"]`, { timeout: 120000 });
    const vertices = Number(await page.getAttribute(card, 'data-vertices'));
    // The grid's side is rounded: 346² vertices.
    assert.equal(vertices, 346 * 346);
    // Two triangles per grid square, 2 × 345² in all: many times the preview's.
    assert.ok(2 * 345 * 345 > previewTriangles * 10, `a preview of ${previewTriangles} triangles is not coarse`);
    assert.equal(previews.length, 1, `the preview was requested ${previews.length} times`);
    assert.ok((await pixelsUnlike(page, card, BACKGROUND)) > 500, 'the full mesh is not drawn');
    await screenshot(page, 'mesh_large_full');
    assert.deepEqual(errors, []);
  } finally {
    await big.stop();
  }
});
