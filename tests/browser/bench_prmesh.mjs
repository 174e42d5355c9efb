// Benchmark (not a test): the mesh and PR curves dashboards on large data, served by the real tbx
// and drawn in headless chromium (software WebGL). Prints
//  * mesh: a grid mesh of about VERTICES vertices (two triangles per square, vertex colours): the
//    time of the three /data routes and of tbx's /preview (median of 5), page open -> first frame
//    rasterised (a pixel read back after the frame is queued; for a large mesh that frame is the
//    coarse preview, and the line says so), page open -> the preview on screen by the page's clock
//    (the animation frame after its frame's commit) and page open -> the full-resolution frame
//    rasterised, with the page's own marks; the first open (cold: a new browser context, nothing
//    cached by the browser) apart from the three warm ones after it;
//  * PR curves: RUNS runs x STEPS steps x THRESHOLDS thresholds: the /pr_curves route for every
//    run (median of 5) and page open -> the card painted.
//
//   TBX_BINARY=build/tbx TBX_PRMESH_LOGDIR_TOOL=build/tests/browser/make_prmesh_logdir \
//   TBX_FRONTEND_DIR=frontend node tests/browser/bench_prmesh.mjs [VERTICES] [RUNS STEPS THRESHOLDS]
//
// With TBX_BENCH_TRACE=<dir> the first page open of each dashboard is traced into <dir> and the
// busiest threads are summarised (trace_summary.mjs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newPage, screenshot, startTbx } from './harness.mjs';
import { launchWebglBrowser, runPrMeshTool } from './prmesh_helpers.mjs';
import { startTrace, stopTraceAndSummarise } from './trace_summary.mjs';

const vertices = Number(process.argv[2] ?? 1000000);
// RUNS 0: the mesh only.
const runs = Number(process.argv[3] ?? 3);
const steps = Number(process.argv[4] ?? 1000);
const thresholds = Number(process.argv[5] ?? 201);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Median of `times` requests, and the first one's time (a route that keeps its answers, such as
// /preview, builds it then).
async function timeRoute(url, times = 5) {
  const ms = [];
  let bytes = 0;
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    const body = await (await fetch(url)).arrayBuffer();
    ms.push(performance.now() - t);
    bytes = body.byteLength;
  }
  return { ms: median(ms), first: ms[0], bytes };
}

async function waitFor(url, done, what) {
  for (let tries = 0; ; tries++) {
    const answer = await (await fetch(url)).json().catch(() => null);
    if (answer && done(answer)) return;
    if (tries > 600) throw new Error(`${what} not loaded after 120 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// What one frame of the loaded mesh costs (render call + reading a pixel back, so SwiftShader's
// rasterisation is included), and how that changes on a tiny canvas, with flat shading, with an
// unlit material and with nothing drawn: separates the GPU process's per-pixel work from its
// per-vertex and per-triangle work.
async function frameCosts(page, selector) {
  const costs = await page.$eval(`${selector} .mesh-viewer`, (host) => {
    const viewer = host.viewer;
    const renderer = viewer.renderer;
    const gl = renderer.getContext();
    const canvas = renderer.domElement;
    const frame = () => {
      const t0 = performance.now();
      renderer.render(viewer.scene, viewer.camera);
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
      return performance.now() - t0;
    };
    const best = (n = 3) => Math.min(...Array.from({ length: n }, frame));
    const out = { size: `${canvas.width}x${canvas.height}`, samples: gl.getParameter(gl.SAMPLES) };
    out.full = best();
    const { width, height } = canvas;
    renderer.setSize(64, 48, false);
    out.tiny = best();
    renderer.setSize(width / renderer.getPixelRatio(), height / renderer.getPixelRatio(), false);
    const material = viewer.object.material;
    material.flatShading = true;
    material.needsUpdate = true;
    frame(); // compiles the flat shader
    out.flat = best();
    material.flatShading = false;
    material.needsUpdate = true;
    frame();
    viewer.object.visible = false;
    out.nothing = best();
    viewer.object.visible = true;
    return out;
  });
  console.log(
    `  one frame of the mesh (render + read back, best of 3): ${costs.full.toFixed(0)} ms at ${costs.size} ` +
      `(${costs.samples} samples per pixel); ${costs.tiny.toFixed(0)} ms at 64x48; flat shading ${costs.flat.toFixed(0)} ms; ` +
      `nothing drawn ${costs.nothing.toFixed(0)} ms`,
  );
}

async function openAndWait(browser, url, selector, name) {
  const page = await newPage(browser);
  const results = [];
  const firstFrames = [];
  // The mesh: one cold open (a new browser context, so an empty HTTP cache and no compiled code;
  // the server's caches are warm from the route timings before) and three warm ones.
  for (let i = 0; i < (name === 'mesh' ? 4 : 3); i++) {
    const trace = process.env.TBX_BENCH_TRACE && i === 0 ? join(process.env.TBX_BENCH_TRACE, `bench_${name}.trace.json`) : null;
    if (trace) await startTrace(browser, page, trace);
    const t = performance.now();
    await page.goto(`${url}?bench=${i}${name === 'mesh' ? '#tab=mesh' : '#tab=pr_curves'}`);
    if (name === 'mesh') {
      // The first frame: the coarse preview (or the full mesh, should it arrive first), rasterised.
      // Polled by a timer, not by animation frames (which wait for the compositor).
      const preview = selector.replace('[data-rendered="true"]', '[data-preview-rendered="true"]');
      const card = await page.waitForFunction(
        ([a, b]) => {
          const found = document.querySelector(a) ?? document.querySelector(b);
          if (!found) return null;
          const canvas = found.querySelector('canvas');
          const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
          gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
          return {
            at: performance.now(),
            what: found.dataset.rendered === 'true' ? 'full mesh' : `preview, ${found.dataset.previewTriangles} triangles`,
          };
        },
        [preview, selector],
        { polling: 20, timeout: 120000 },
      );
      const { what } = await card.jsonValue();
      firstFrames.push({ ms: performance.now() - t, what });
    }
    await page.waitForSelector(selector, { timeout: 120000 });
    const drawn = performance.now() - t;
    let rastered = null;
    if (name === 'mesh') {
      // The render call only queues the frame; reading a pixel back waits until the GPU process
      // (SwiftShader here) has rasterised it.
      await page.$eval(`${selector} canvas`, (canvas) => {
        const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
      });
      rastered = performance.now() - t;
    }
    results.push(rastered ?? drawn);
    if (trace) await stopTraceAndSummarise(browser, trace);
    const { loadMs, showMs, renderMs, requestedAt, loadedAt, frameAt, previewLoadedAt, previewFrameAt, previewShownAt } = await page.$eval(selector, (e) => ({ ...e.dataset }));
    if (previewShownAt) firstFrames[i].shownAt = Number(previewShownAt);
    const frames = await page.$eval(selector, (e) => e.querySelector('canvas')?.dataset.frames).catch(() => undefined);
    if (loadMs) {
      const first = firstFrames[i];
      console.log(
        `  open ${i}: first frame (${first.what}) rasterised ${first.ms.toFixed(0)} ms after page open` +
          (previewLoadedAt
            ? ` (preview arrived at ${previewLoadedAt} ms, its frame queued at ${previewFrameAt} ms, on screen (the next animation frame) at ${previewShownAt} ms, page clock)`
            : '') +
          `; full mesh: frame queued ${drawn.toFixed(0)} ms, rasterised ${rastered?.toFixed(0)} ms after page open; ` +
          `arrays requested at ${requestedAt} ms, fetched and checked at ${loadedAt} (${loadMs} ms), ` +
          `geometry + normals ${showMs} ms, render call ${renderMs} ms, frame queued at ${frameAt} ms (page clock); ${frames} frame(s) drawn`,
      );
    }
  }
  await screenshot(page, `bench_${name}`);
  if (name === 'mesh') await frameCosts(page, selector);
  await page.close();
  return name === 'mesh' ? { results, firstFrames } : results;
}

const dirs = [];
const servers = [];
let browser;
try {
  browser = await launchWebglBrowser();

  const meshDir = mkdtempSync(join(tmpdir(), 'tbx-bench-mesh-'));
  dirs.push(meshDir);
  let t = performance.now();
  runPrMeshTool('bench-mesh', meshDir, vertices);
  console.log(`mesh logdir written in ${(performance.now() - t).toFixed(0)} ms`);
  const meshServer = await startTbx(meshDir, { expectRuns: [] });
  servers.push(meshServer);
  const meshes = `${meshServer.url}data/plugin/mesh/meshes?run=bench&tag=mesh%2Fbig`;
  await waitFor(meshes, (a) => a.length === 3, 'the mesh');
  const listing = await timeRoute(meshes);
  console.log(`mesh /meshes (the step listing): ${listing.ms.toFixed(1)} ms median, ${listing.bytes} bytes`);
  for (const type of ['VERTEX', 'FACE', 'COLOR']) {
    const { ms, bytes } = await timeRoute(`${meshServer.url}data/plugin/mesh/data?run=bench&tag=mesh%2Fbig&sample=0&content_type=${type}&step=0`);
    console.log(`mesh /data ${type}: ${ms.toFixed(1)} ms median, ${(bytes / 1e6).toFixed(1)} MB`);
  }
  const preview = await timeRoute(`${meshServer.url}data/plugin/mesh/preview?run=bench&tag=mesh%2Fbig&sample=0&step=0`);
  console.log(
    `mesh /preview (tbx's coarse level of detail): first request (built) ${preview.first.toFixed(1)} ms, ` +
      `then ${preview.ms.toFixed(1)} ms median (kept), ${(preview.bytes / 1e3).toFixed(0)} kB`,
  );
  const { results: meshOpen, firstFrames } = await openAndWait(browser, meshServer.url, '.card[data-tag="mesh/big"][data-rendered="true"]', 'mesh');
  // The cold open and the warm ones apart. Two clocks: the benchmark's poll (a pixel read back,
  // so the frame is rasterised; the poll runs on the page's main thread, so work after the preview,
  // such as the full mesh's arrays arriving, can delay it) and the page's own (the animation frame
  // after the preview's frame was committed; with software compositing the commit reads the canvas
  // back, so the frame is rasterised by then), which that work cannot delay.
  const fmt = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
  const [cold, ...warm] = firstFrames;
  const coldShown = cold.shownAt !== undefined ? `; on screen ${cold.shownAt.toFixed(0)} ms (page clock)` : '';
  console.log(`mesh page open -> first frame (${cold.what}), COLD open (new browser context): rasterised ${cold.ms.toFixed(0)} ms (poll)${coldShown}`);
  const warmShown = warm.map((f) => f.shownAt).filter((x) => x !== undefined);
  console.log(
    `mesh page open -> first frame, ${warm.length} warm opens: rasterised median ${median(warm.map((f) => f.ms)).toFixed(0)} ms (${fmt(warm.map((f) => f.ms))}) (poll)` +
      (warmShown.length > 0 ? `; on screen median ${median(warmShown).toFixed(0)} ms (${fmt(warmShown)}) (page clock)` : ''),
  );
  console.log(`mesh page open -> full-resolution frame: cold ${meshOpen[0].toFixed(0)} ms; warm median ${median(meshOpen.slice(1)).toFixed(0)} ms (${fmt(meshOpen.slice(1))})`);

  if (runs > 0) {
    const prDir = mkdtempSync(join(tmpdir(), 'tbx-bench-pr-'));
    dirs.push(prDir);
    t = performance.now();
    runPrMeshTool('bench-pr', prDir, runs, steps, thresholds);
    console.log(`PR logdir written in ${(performance.now() - t).toFixed(0)} ms`);
    const prServer = await startTbx(prDir, { expectRuns: [] });
    servers.push(prServer);
    const runParams = Array.from({ length: runs }, (_, r) => `run=run_${r}`).join('&');
    const prUrl = `${prServer.url}data/plugin/pr_curves/pr_curves?${runParams}&tag=pr%2Fbig`;
    await waitFor(prUrl, (a) => Object.values(a).every((entries) => entries.length === steps), 'the PR curves');
    const { ms, bytes } = await timeRoute(prUrl);
    console.log(`pr_curves route (${runs} runs x ${steps} steps x ${thresholds} thresholds): ${ms.toFixed(1)} ms median, ${(bytes / 1e6).toFixed(1)} MB`);
    const prOpen = await openAndWait(browser, prServer.url, `.card[data-tag="pr/big"][data-curves="${runs}"]`, 'pr_curves');
    console.log(`PR page open -> card painted: ${median(prOpen).toFixed(0)} ms median (${prOpen.map((m) => m.toFixed(0)).join(', ')})`);
  }
} finally {
  await browser?.close();
  for (const server of servers) await server.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
