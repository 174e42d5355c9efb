// Benchmark (not a test): the projector on large embeddings read from checkpoints written by
// make_projector_logdir, served by the real tbx and drawn in headless chromium (software WebGL).
// For each ROWSxDIMS case prints the /tensor and /pca route times (Node's fetch; /pca with float32
// and with float16 coordinates, the dashboard's), and the
// dashboard's data-* timings from the tensor request: the PCA received (from the server's `pca`
// route up to 128 columns, else computed by the worker as the tensor's bytes arrive), first paint
// (the PCA layout: page open -> painted, when the page's main thread is free again after that
// frame), and the exact float32 values received (page open -> state "ready"),
// then the median time of a frame of every point (the camera turned by a script, each frame waited
// for with a one-pixel read-back), and rotating with the mouse as a user does: a 2 s drag across
// the view, a move every 16 ms, timed by the intervals between the frames of the points while
// the drag lasts (median and p95: what the user sees; while the view moves the dashboard draws a
// subset of the points sized to a frame budget, and the points each frame drew are printed), then
// the time from the button's release (the last input) to the frame that draws every point again and
// to its presentation (the next animation frame). A case written tsne:ROWSxDIMS also
// times t-SNE: the time to its first iteration (PCA to 50 dimensions when wider, then the input
// neighbours: exact up to 5,000 points, else the random-projection forest) and the mean time per
// iteration. It also prints when the page's main thread was free again after the first paint (the
// figure the page-open time includes) and the draw calls of the points. With TBX_BENCH_TRACE=<dir>
// each page open is traced into <dir> and summarised (trace_summary.mjs).
//
//   TBX_BINARY=build/tbx TBX_PROJECTOR_LOGDIR_TOOL=build/tools/make_projector_logdir \
//   TBX_FRONTEND_DIR=frontend node tests/browser/bench_projector.mjs 100000x128 1000000x16 [tsne:10000x32]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { newPage, screenshot, startTbx } from './harness.mjs';
import { launchWebglBrowser } from './prmesh_helpers.mjs';
import { startTrace, stopTraceAndSummarise } from './trace_summary.mjs';

const cases = process.argv.slice(2).length ? process.argv.slice(2) : ['100000x128', '1000000x16'];
/** The mouse drag: moves, one every 16 ms (2 s). */
const DRAG_MOVES = 120;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await launchWebglBrowser();

for (const spec of cases) {
  const tsne = spec.startsWith('tsne:');
  if (!/^(tsne:)?\d+x\d+$/.test(spec)) throw new Error(`bad case ${spec}: want ROWSxDIMS or tsne:ROWSxDIMS`);
  const [rows, dims] = spec.replace('tsne:', '').split('x').map(Number);
  console.log(`${spec}: load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'tbx-projector-bench-'));
  execFileSync(process.env.TBX_PROJECTOR_LOGDIR_TOOL, [dir, String(rows), String(dims), 'checkpoint'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const server = await startTbx(dir, { expectRuns: ['emb'] });
  try {
    const url = new URL('data/plugin/projector/tensor?run=emb&name=embedding%2Fembeddings', server.url.endsWith('/') ? server.url : `${server.url}/`).href;
    const routeMs = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const response = await fetch(url);
      const bytes = (await response.arrayBuffer()).byteLength;
      if (response.status !== 200 || bytes !== rows * dims * 4) throw new Error(`/tensor: ${response.status}, ${bytes} bytes`);
      routeMs.push(performance.now() - t);
    }
    const pcaRouteMs = [];
    const pcaHalfMs = [];
    for (let i = 0; i < 3 && dims <= 128; i++) {
      const t = performance.now();
      const response = await fetch(url.replace('/tensor?', '/pca?'));
      const bytes = (await response.arrayBuffer()).byteLength;
      if (response.status === 404) break; // a build before the route (comparisons)
      if (response.status !== 200 || bytes < rows * 3 * 4) throw new Error(`/pca: ${response.status}, ${bytes} bytes`);
      pcaRouteMs.push(performance.now() - t);
      // The dashboard's request: float16 coordinates (a build before them answers 400).
      const h = performance.now();
      const half = await fetch(url.replace('/tensor?', '/pca?') + '&coords=float16');
      const halfBytes = (await half.arrayBuffer()).byteLength;
      if (half.status === 200 && halfBytes >= rows * 3 * 2) pcaHalfMs.push(performance.now() - h);
    }
    const page = await newPage(browser);
    // Every draw call of the page, with its time (page clock), to count the frames of the points.
    await page.addInitScript(() => {
      window.__draws = [];
      // Main-thread stalls (a 20 ms timer late by more than 150 ms) and animation frames' gaps.
      window.__stalls = [];
      let last = performance.now();
      const beat = () => {
        const now = performance.now();
        if (now - last > 170) window.__stalls.push(['timer', last, now]);
        last = now;
        setTimeout(beat, 20);
      };
      setTimeout(beat, 20);
      let lastFrame = performance.now();
      const frame = (now) => {
        if (now - lastFrame > 170) window.__stalls.push(['raf', lastFrame, now]);
        lastFrame = now;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      // The last pointer input, and when each frame of the points was presented (the animation
      // frame after its draw call).
      window.__lastInput = 0;
      window.__presented = [];
      for (const type of ['pointerdown', 'pointermove', 'pointerup', 'wheel']) {
        window.addEventListener(type, () => (window.__lastInput = performance.now()), { capture: true, passive: true });
      }
      for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
        const draw = proto.drawArrays;
        proto.drawArrays = function (mode, first, count) {
          const at = performance.now();
          window.__draws.push([at, count]);
          if (count > 1000) requestAnimationFrame(() => window.__presented.push([at, performance.now()]));
          return draw.call(this, mode, first, count);
        };
      }
    });
    const trace = process.env.TBX_BENCH_TRACE ? join(process.env.TBX_BENCH_TRACE, `bench_projector_${rows}x${dims}.trace.json`) : null;
    if (trace) await startTrace(browser, page, trace);
    const opened = performance.now();
    const openedAt = Date.now();
    await page.goto(`${server.url}#tab=projector`, { waitUntil: 'commit' });
    // Polled by a timer, not by animation frames: the first frame counts once it is presented (the
    // page's main thread is free again), not when a later frame (the metadata's colours) is.
    await page.waitForFunction(
      (n) => !!document.querySelector(`.projector:is([data-state="preview"], [data-state="ready"])[data-points="${n}"]`),
      rows,
      { polling: 20, timeout: 300000 },
    );
    const wall = performance.now() - opened;
    await page.waitForFunction(
      (n) => !!document.querySelector(`.projector[data-state="ready"][data-points="${n}"]`),
      rows,
      { polling: 20, timeout: 300000 },
    );
    const readyWall = performance.now() - opened;
    if (trace) await stopTraceAndSummarise(browser, trace);
    const t = await page.$eval('.projector', (e) => ({ ...e.dataset, seenAt: performance.now(), origin: performance.timeOrigin }));
    // Where the wall time after the first-paint mark goes: the page's clock starts when the
    // navigation does (after the browser has made the page's process), and the waiting side sees
    // the attribute only once the page's main thread is free again after the frame.
    console.log(
      `  page clock starts ${(t.origin - openedAt).toFixed(0)} ms after page.goto; first paint at ${Number(t.firstPaintAt).toFixed(0)} ms, ` +
        `ready seen by the benchmark at ${t.seenAt.toFixed(0)} ms (page clock)`,
    );
    const draws = await page.evaluate(() => window.__draws.filter(([, count]) => count > 1000));
    console.log(`  frames of the points (page clock ms): ${draws.map(([at]) => at.toFixed(0)).join(', ')}`);
    // After the render call the page's main thread stays blocked until the frame is presented: with
    // software compositing (headless, SwiftShader) the canvas is read back when the layer tree is
    // committed, which waits for the GPU process to finish rasterising the points.
    const stalls = await page.evaluate(
      (from) => window.__stalls.filter(([kind, , end]) => kind === 'timer' && end >= from),
      Number(t.firstPaintAt),
    );
    console.log(`  main thread blocked (ms, page clock) after the first paint: ${stalls.map(([, a, b]) => `${a.toFixed(0)}-${b.toFixed(0)}`).join(', ') || 'never'}`);
    const pcaRoute =
      (pcaRouteMs.length ? `, /pca median ${median(pcaRouteMs).toFixed(0)} ms` : '') +
      (pcaHalfMs.length ? ` (float16 coordinates ${median(pcaHalfMs).toFixed(0)} ms)` : '');
    console.log(
      `${rows}x${dims}: /tensor ${(rows * dims * 4 / 1e6).toFixed(0)} MB median ${median(routeMs).toFixed(0)} ms${pcaRoute}; ` +
        `dashboard (from the tensor request): PCA (${t.pcaSource}) received ${t.pcaDoneMs} ms, ` +
        `first paint (PCA) ${t.firstPaintMs} ms, exact tensor received ${t.loadMs} ms; ` +
        `page open -> painted ${wall.toFixed(0)} ms, -> ready (exact values) ${readyWall.toFixed(0)} ms`,
    );
    // Where the time before the tensor fetch goes: the page's requests (start -> end, ms from
    // page open) and the dashboard's marks.
    const timeline = await page.evaluate(() => {
      const short = (name) => {
        const url = new URL(name);
        return url.pathname.replace(/^.*\/(data\/|assets\/)/, '$1') + (url.search.length > 1 ? url.search.slice(0, 40) : '');
      };
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        dom: nav ? nav.domContentLoadedEventEnd : NaN,
        requests: performance.getEntriesByType('resource').map((e) => [short(e.name), e.startTime, e.responseEnd]),
        marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
      };
    });
    console.log(`  page timeline (ms from page open): DOMContentLoaded ${timeline.dom.toFixed(0)}`);
    for (const [name, start, end] of timeline.requests) console.log(`    ${start.toFixed(0).padStart(6)} -> ${end.toFixed(0).padStart(6)}  ${name}`);
    for (const [name, at] of timeline.marks) console.log(`    ${at.toFixed(0).padStart(6)}  mark ${name}`);
    const fullFrames = rows >= 500000 ? 10 : 30;
    const frames = await page.$eval('.projector-view', (host, count) => {
      const view = host.scatter;
      const ms = [];
      for (let i = 0; i < count; i++) {
        view.rotate(0.02);
        const t0 = performance.now();
        view.renderNow();
        // Wait for the GPU (SwiftShader here): read one pixel back.
        const gl = view.renderer.getContext();
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
        ms.push(performance.now() - t0);
      }
      return ms;
    }, fullFrames);
    console.log(`  every point: median frame ${median(frames).toFixed(1)} ms (${fullFrames} frames, camera turned by a script)`);
    // Rotating with the mouse: settle (the frame above's leftovers), then drag.
    await page.waitForTimeout(1000);
    const box = await page.$eval('.projector-view canvas', (c) => {
      const r = c.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    // A mouse as a user's: a move every 16 ms whatever the page does (sent through the DevTools
    // protocol without waiting for each to be handled; the page coalesces what arrives in a frame).
    const cdp = await page.context().newCDPSession(page);
    const mouse = (type, x, y) =>
      cdp.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', buttons: type === 'mouseReleased' ? 0 : 1, clickCount: 1 });
    await mouse('mouseMoved', box.x, box.y);
    await mouse('mousePressed', box.x, box.y);
    const dragFrom = await page.evaluate(() => performance.now());
    const moves = [];
    for (let i = 1; i <= DRAG_MOVES; i++) {
      const x = box.x + 3 * (i <= DRAG_MOVES / 2 ? i : DRAG_MOVES - i);
      moves.push(new Promise((resolve) => setTimeout(resolve, 16 * i)).then(() => mouse('mouseMoved', x, box.y + i / 2)));
    }
    await Promise.all(moves);
    await mouse('mouseReleased', box.x, box.y + DRAG_MOVES / 2);
    // Settled: no frame of the points for a second, the last one presented.
    await page.waitForFunction(
      () => {
        const last = window.__draws.filter(([, count]) => count > 1000).at(-1);
        return performance.now() - last[0] > 1000 && window.__presented.some(([at]) => at === last[0]);
      },
      null,
      { polling: 50, timeout: 120000 },
    );
    const drag = await page.evaluate(
      ([from, n]) => {
        const released = window.__lastInput;
        const frames = window.__draws.filter(([at, count]) => count > 1000 && at > from);
        const moving = frames.filter(([at]) => at <= released);
        const last = frames.at(-1);
        const presented = window.__presented.find(([at]) => at === last[0]);
        return {
          intervals: moving.slice(1).map(([at], i) => at - moving[i][0]),
          points: moving.map(([, count]) => count),
          lastPoints: last[1],
          // A build that draws every point in every frame may have drawn its last before the release.
          toFull: Math.max(0, last[0] - released),
          toPresented: Math.max(0, presented[1] - released),
        };
      },
      [dragFrom, rows],
    );
    console.log(`  drag frames (ms, points): ${drag.intervals.map((ms, i) => `${ms.toFixed(0)}/${drag.points[i + 1]}`).join(' ')}`);
    if (drag.lastPoints !== rows) throw new Error(`the view settled on ${drag.lastPoints} points, not every one of ${rows}`);
    const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
    console.log(
      `  rotating with the mouse: median frame ${median(drag.intervals).toFixed(1)} ms, p95 ${p95(drag.intervals).toFixed(1)} ms ` +
        `(${drag.intervals.length} frames, median ${median(drag.points)} points drawn of ${rows}); release -> every point drawn ` +
        `${drag.toFull.toFixed(0)} ms, presented ${drag.toPresented.toFixed(0)} ms`,
    );
    await screenshot(page, `bench_projector_${rows}x${dims}`).catch(() => console.log('  (screenshot timed out)'));
    if (tsne) {
      const started = performance.now();
      await page.click('button:has-text("t-SNE")');
      await page.waitForFunction(() => Number(document.querySelector('.projector').dataset.iteration ?? 0) >= 1, null, {
        timeout: 900000,
      });
      const knn = performance.now() - started;
      await page.waitForFunction(() => Number(document.querySelector('.projector').dataset.iteration ?? 0) >= 50, null, {
        timeout: 900000,
      });
      const per = await page.$eval('.projector', (e) => e.dataset.msPerIteration);
      console.log(`  t-SNE: ${(knn / 1000).toFixed(1)} s to the first iteration (PCA to 50 dims when wider + neighbours), then ${per} ms per iteration`);
      await screenshot(page, `bench_projector_tsne_${rows}`).catch(() => undefined);
    }
    await page.close();
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
await browser.close();
