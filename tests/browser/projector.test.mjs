// Browser tests of the projector dashboard against the real tbx binary on a logdir written by
// make_projector_logdir (1,000 points of 32 dimensions in 5 clusters, read from a TF2-style
// checkpoint, with metadata and a sprite sheet): points are drawn (pixels unlike the
// background), t-SNE moves them away from the PCA layout, a regular-expression search selects the
// matching points, the neighbours of a selected point are listed, sprites are drawn, a rectangle
// and a lasso drawn with the mouse select the points inside them (drawn red) and "Clear selection"
// clears them, "Isolate" shows only the selected rows (and "Show all data" brings the rest back),
// a custom projection puts the "right" search's points right of the "left" one's and the "up"
// search's above the "down" one's, and rotating with the mouse draws a subset of the points (with
// the selected one) until the input stops, then every point.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { screenshot } from './harness.mjs';
import { openPage } from './prmesh_helpers.mjs';
import { ROOT, VIEW, WHITE, pixelsUnlike, positions, startProjectorEnv } from './projector_helpers.mjs';

let env;
before(async () => {
  env = await startProjectorEnv();
});
after(async () => {
  await env?.stop();
});

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

/** Pixels of the view's drawing buffer (read back from WebGL) in the selection's red. */
function redPixels(page) {
  return page.$eval(VIEW, (host) => {
    const gl = host.scatter.renderer.getContext();
    const [w, h] = [gl.drawingBufferWidth, gl.drawingBufferHeight];
    const rgba = new Uint8Array(w * h * 4);
    gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
    let red = 0;
    for (let p = 0; p < rgba.length; p += 4) if (rgba[p] > 190 && rgba[p + 1] < 70 && rgba[p + 2] < 70) red++;
    return red;
  });
}

/** Waits for the selection to hold `count` points; a timeout names the count it holds. */
async function waitForSelected(page, count) {
  try {
    await page.waitForSelector(`${ROOT}[data-selected="${count}"]`, { timeout: 15000 });
  } catch (error) {
    const held = await page.$eval(ROOT, (root) => root.dataset.selected);
    throw new Error(`the selection holds ${held} points, not ${count}: ${error.message}`);
  }
}

/** Every point's screen position, and the canvas's page offset. */
async function layout(page) {
  const box = await page.$eval(`${VIEW} canvas`, (c) => {
    const r = c.getBoundingClientRect();
    return { left: r.left, top: r.top };
  });
  const points = await positions(page, 1000);
  return { box, points };
}

/** Screen centre (canvas pixels) of the points i ≡ cluster (mod 5). */
function clusterCentre(points, cluster) {
  const mine = points.filter((_, i) => i % 5 === cluster);
  return {
    x: mine.reduce((s, p) => s + p.x, 0) / mine.length,
    y: mine.reduce((s, p) => s + p.y, 0) / mine.length,
  };
}

/** Opens the projector in 2D once its layout has settled: PCA's answer has replaced the first
 * layout (the raw axes), and the points stand still between two reads. Read earlier, under load, the
 * positions a test aims at could be the raw axes' and select the wrong points. */
async function open2d() {
  const { page, errors } = await openReady();
  await page.waitForSelector(`${ROOT}[data-pca-done-ms]`, { timeout: 30000 });
  await page.check(`${ROOT} input[name="dims"] >> nth=0`);
  let previous = '';
  for (let tries = 0; tries < 50; ++tries) {
    await page.waitForTimeout(200);
    const now = JSON.stringify(await positions(page, 1000));
    if (now === previous) break;
    previous = now;
  }
  return { page, errors };
}

test('a box and a lasso select the points inside them; Clear selection clears', async () => {
  const { page, errors } = await open2d();
  assert.equal(await redPixels(page), 0);
  const { box, points } = await layout(page);
  // Box: around cluster 0's points, by the toolbar's box mode.
  const c0 = points.filter((_, i) => i % 5 === 0);
  const [x0, x1] = [Math.min(...c0.map((p) => p.x)) - 4, Math.max(...c0.map((p) => p.x)) + 4];
  const [y0, y1] = [Math.min(...c0.map((p) => p.y)) - 4, Math.max(...c0.map((p) => p.y)) + 4];
  const inBox = points.filter((p) => p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1).length;
  assert.ok(inBox >= 200, `${inBox} points in the box`);
  await page.click('button:has-text("Box select")');
  await page.waitForSelector('button:has-text("Box select")[aria-pressed="true"]');
  await page.mouse.move(box.left + x0, box.top + y0);
  await page.mouse.down();
  await page.mouse.move(box.left + (x0 + x1) / 2, box.top + (y0 + y1) / 2, { steps: 4 });
  await page.mouse.move(box.left + x1, box.top + y1, { steps: 4 });
  await page.mouse.up();
  await waitForSelected(page, inBox);
  await page.waitForTimeout(200);
  const redBox = await redPixels(page);
  assert.ok(redBox > 200, `only ${redBox} red pixels after the box selection`);
  await screenshot(page, 'projector_box_select');

  // Lasso: a triangle around cluster 1's centre, drawn point by point.
  // Its corners are whole pixels, as the pointer's positions are, and its size is chosen so that no
  // point lies within 2 px of an edge, where a sub-pixel difference could decide the count.
  const centre = clusterCentre(points, 1);
  const triangle = (r) =>
    [0, 1, 2].map((k) => ({
      x: Math.round(centre.x + r * Math.cos(-Math.PI / 2 + (k * 2 * Math.PI) / 3)),
      y: Math.round(centre.y + r * Math.sin(-Math.PI / 2 + (k * 2 * Math.PI) / 3)),
    }));
  /** The least of `p`'s distances from the triangle's three edge lines, signed: positive inside. */
  const depth = (corners, p) => {
    const [a, b, c] = corners;
    const orientation = Math.sign((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));
    return Math.min(
      ...[0, 1, 2].map((k) => {
        const [u, v] = [corners[k], corners[(k + 1) % 3]];
        const cross = (v.x - u.x) * (p.y - u.y) - (v.y - u.y) * (p.x - u.x);
        return (orientation * cross) / Math.hypot(v.x - u.x, v.y - u.y);
      }),
    );
  };
  const radius = [60, 57, 63, 54, 66, 51, 69].find((r) =>
    points.every((p) => Math.abs(depth(triangle(r), p)) > 2),
  );
  assert.ok(radius !== undefined, 'no lasso size keeps 2 px clear of every point');
  const corners = triangle(radius);
  const inLasso = points.filter((p) => depth(corners, p) > 0).length;
  assert.ok(inLasso > 0, 'the lasso holds no points');
  await page.click('button:has-text("Lasso select")');
  await page.waitForSelector('button:has-text("Lasso select")[aria-pressed="true"]');
  await page.mouse.move(box.left + corners[0].x, box.top + corners[0].y);
  await page.mouse.down();
  for (const corner of [corners[1], corners[2], corners[0]]) {
    await page.mouse.move(box.left + corner.x, box.top + corner.y, { steps: 10 });
  }
  await page.mouse.up();
  await waitForSelected(page, inLasso);
  assert.ok((await redPixels(page)) > 0);
  await screenshot(page, 'projector_lasso_select');

  await page.click('button:has-text("Clear selection")');
  await page.waitForSelector(`${ROOT}[data-selected="0"]`);
  await page.waitForTimeout(200);
  assert.equal(await redPixels(page), 0);
  assert.deepEqual(errors, []);
});

test('rotating draws a subset with the selection, then every point once the input stops; picking finds any point', async () => {
  const { page, errors } = await openReady();
  // One selected point (drawn red, on top), away from the first points of the subset's order.
  await page.selectOption(`${ROOT} select[aria-label="Search column"]`, { label: 'label' });
  await page.fill(`${ROOT} input[aria-label="Search"]`, '^point_7$');
  await page.waitForSelector(`${ROOT}[data-selected="1"]`);
  await page.waitForTimeout(200);
  // 1,000 points fit any frame budget here: allow moving frames 200 points, and record what each
  // frame drew (its points, and its pixels unlike the background, red ones apart).
  await page.$eval(VIEW, (host) => {
    const view = host.scatter;
    view.budget = { count: 200, observe() {} };
    window.__frames = [];
    view.onFrame = (ms, points, full) => {
      const gl = view.renderer.getContext();
      const [w, h] = [gl.drawingBufferWidth, gl.drawingBufferHeight];
      const rgba = new Uint8Array(w * h * 4);
      gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
      let drawn = 0;
      let red = 0;
      for (let p = 0; p < rgba.length; p += 4) {
        if (rgba[p] < 250 || rgba[p + 1] < 250 || rgba[p + 2] < 250) drawn++;
        if (rgba[p] > 190 && rgba[p + 1] < 70 && rgba[p + 2] < 70) red++;
      }
      window.__frames.push({ points, full, drawn, red });
    };
  });
  const box = await page.$eval(`${VIEW} canvas`, (c) => {
    const r = c.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.move(box.x, box.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 8 * i, box.y + 2 * i);
  await page.mouse.up();
  // Every point again after the input stops (150 ms).
  await page.waitForFunction(() => window.__frames.some((f) => !f.full) && window.__frames.at(-1).full, null, {
    timeout: 10000,
  });
  await page.waitForTimeout(300);
  const frames = await page.evaluate(() => window.__frames);
  const moving = frames.filter((f) => !f.full);
  assert.ok(moving.length >= 3, `only ${moving.length} moving frames: ${JSON.stringify(frames)}`);
  const last = frames.at(-1);
  assert.equal(last.points, 1000);
  for (const f of moving) {
    // The budget's 200: the selected (and any hovered) point and a prefix of the random order.
    assert.equal(f.points, 200, JSON.stringify(f));
    assert.ok(f.drawn > 300, `a moving frame drew only ${f.drawn} pixels`);
    assert.ok(f.red > 10, `a moving frame drew ${f.red} red pixels: the selected point is missing`);
    assert.ok(f.drawn < last.drawn * 0.6, `a moving frame drew ${f.drawn} pixels, the full one ${last.drawn}`);
  }
  assert.ok(last.red > 10);
  // Picking still searches every point, not only the subset's.
  const picked = await page.$eval(VIEW, (host) => {
    const view = host.scatter;
    const outside = Array.from(view.order.subarray(200, 260));
    return outside.map((i) => {
      const { x, y } = view.screenOf(i);
      const hit = view.pick(x, y);
      return hit === null ? null : Math.hypot(view.screenOf(hit).x - x, view.screenOf(hit).y - y);
    });
  });
  assert.ok(picked.every((d) => d !== null && d < 0.5), `picks: ${JSON.stringify(picked)}`);
  await screenshot(page, 'projector_rotated');
  assert.deepEqual(errors, []);
});

test('isolating a selection shows only its points; Show all data brings the rest back', async () => {
  const { page, errors } = await openReady();
  await page.selectOption(`${ROOT} select[aria-label="Search column"]`, { label: 'cluster' });
  await page.fill(`${ROOT} input[aria-label="Search"]`, '^c2$');
  await page.waitForSelector(`${ROOT}[data-selected="200"]`);
  const before = await pixelsUnlike(page, WHITE);
  await page.click('button:has-text("Isolate 200 points")');
  await page.waitForSelector(`${ROOT}[data-state="ready"][data-points="200"][data-isolated="200"]`, { timeout: 60000 });
  await page.selectOption(`${ROOT} select[aria-label="Colour by"]`, { label: 'cluster' });
  assert.equal((await page.textContent(`${ROOT} .projector__legend`)).trim(), 'c2 (200)');
  // The isolated rows are re-projected (PCA of one cluster spreads it over the view).
  await page.waitForTimeout(300);
  const isolatedPixels = await pixelsUnlike(page, WHITE);
  assert.ok(isolatedPixels > 300, `only ${isolatedPixels} pixels drawn`);
  // Labels still name the original rows: point_2, point_7, …
  await page.selectOption(`${ROOT} select[aria-label="Search column"]`, { label: 'label' });
  await page.fill(`${ROOT} input[aria-label="Search"]`, '^point_7$');
  await page.waitForSelector(`${ROOT}[data-selected="1"]`);
  assert.equal(await page.textContent(`${VIEW} .projector-view__label`), 'point_7');
  const neighbours = await page.$$eval(`${ROOT} .projector__neighbours li a`, (as) => as.map((a) => a.textContent));
  assert.equal(neighbours.length, 10);
  for (const n of neighbours) assert.equal(Number(n.replace('point_', '')) % 5, 2, n);
  // A search for a row outside the subset selects nothing.
  await page.fill(`${ROOT} input[aria-label="Search"]`, '^point_8$');
  await page.waitForSelector(`${ROOT}[data-selected="0"]`);
  await screenshot(page, 'projector_isolated');
  await page.click('button:has-text("Show all data")');
  await page.waitForSelector(`${ROOT}[data-state="ready"][data-points="1000"][data-isolated=""]`, { timeout: 60000 });
  assert.ok(before > 0);
  assert.deepEqual(errors, []);
});

test('a custom projection places the searches left/right and down/up', async () => {
  const { page, errors } = await openReady();
  await page.selectOption(`${ROOT} select[aria-label="Search column"]`, { label: 'cluster' });
  await page.click('button:has-text("Custom")');
  await page.fill(`${ROOT} input[aria-label="Custom Left"]`, '^c0$');
  await page.fill(`${ROOT} input[aria-label="Custom Right"]`, '^c1$');
  await page.fill(`${ROOT} input[aria-label="Custom Up"]`, '^c2$');
  await page.fill(`${ROOT} input[aria-label="Custom Down"]`, '^c3$');
  await page.waitForFunction(
    (sel) => /X: 200 ↔ 200 points; Y: 200 ↔ 200 points$/.test(document.querySelector(sel).textContent.trim()),
    `${ROOT} .projector__custom .projector__note`,
  );
  assert.equal(await page.getAttribute(ROOT, 'data-method'), 'custom');
  await page.waitForTimeout(300);
  const { points } = await layout(page);
  const [c0, c1, c2, c3] = [0, 1, 2, 3].map((c) => clusterCentre(points, c));
  assert.ok(c1.x > c0.x + 50, `right ${c1.x} vs left ${c0.x}`);
  assert.ok(c2.y < c3.y - 50, `up ${c2.y} vs down ${c3.y} (screen y grows downwards)`);
  assert.ok((await pixelsUnlike(page, WHITE)) > 1000);
  await screenshot(page, 'projector_custom');
  assert.deepEqual(errors, []);
});
