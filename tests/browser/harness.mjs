// Shared helpers of the browser tests: a logdir written by make_browser_logdir, a tbx server on a
// free port, a headless chromium from playwright-core, canvas pixel checks and screenshots.
// Paths come from the environment set by tests/browser/CMakeLists.txt.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set (run the test through ctest)`);
  return value;
}

export const env = {
  binary: () => required('TBX_BINARY'),
  logdirTool: () => required('TBX_LOGDIR_TOOL'),
  frontendDir: () => required('TBX_FRONTEND_DIR'),
  screenshotDir: () => process.env.TBX_SCREENSHOT_DIR ?? join(tmpdir(), 'tbx-screenshots'),
  chromium: () => process.env.TBX_CHROMIUM ?? '/usr/bin/chromium',
};

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // Each new browser context of headless Chromium 15x also loads the omnibox popup's WebUI in a
  // renderer of its own, which competes with the page under test for the CPU while it opens.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup',
];

/** Runs make_browser_logdir with `args`. */
export function logdirTool(...args) {
  execFileSync(env.logdirTool(), args.map(String), { stdio: ['ignore', 'inherit', 'inherit'] });
}

/** The runs of the standard fixture (`make_browser_logdir fixture`), sorted. */
export const FIXTURE_RUNS = ['eval', 'sweep/lr=0.1', 'train'];

/** A fresh temporary logdir holding the standard fixture; removed by the returned cleanup. */
export function fixtureLogdir() {
  const dir = mkdtempSync(join(tmpdir(), 'tbx-browser-'));
  logdirTool('fixture', dir);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Waits until tbx at `url` has ended its first load pass and lists `count` runs, and returns
 * /data/runs. Runs are listed in start order, and a run whose first event is not read yet sorts
 * last by name, so the order is final only then.
 */
export async function allRunsLoaded(url, count) {
  for (;;) {
    const status = await (await fetch(url + 'data/status')).json();
    const runs = await (await fetch(url + 'data/runs')).json();
    if (status.first_load_done && runs.length === count) return runs;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Starts tbx on `logdir` (on `port`, else a free one) and waits until it serves every run in
 * `expectRuns` with scalar tags.
 * Returns { url (ending in '/'), stop() }.
 */
export async function startTbx(logdir, { pathPrefix = '', extraArgs = [], expectRuns = [], port: fixedPort, startTimeoutMs = 30000 } = {}) {
  const port = fixedPort ?? (await freePort());
  const args = [`--logdir=${logdir}`, `--port=${port}`, ...extraArgs];
  if (pathPrefix) args.push(`--path_prefix=${pathPrefix}`);
  const child = spawn(env.binary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}${pathPrefix}/`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tbx exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(url + 'data/plugin/scalars/tags');
      if (response.ok) {
        const tags = await response.json();
        if (expectRuns.every((run) => run in tags)) break;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`tbx did not serve ${expectRuns.join(', ')} within ${startTimeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

export async function launchBrowser() {
  const { chromium } = await import(
    pathToFileURL(join(env.frontendDir(), 'node_modules/playwright-core/index.mjs')).href
  );
  return chromium.launch({ executablePath: env.chromium(), args: CHROMIUM_ARGS });
}

/** A page of `browser` that records page errors into `errors`. */
export async function newPage(browser, errors = []) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

export async function screenshot(page, name) {
  const dir = env.screenshotDir();
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** The run → colour map shown by the run selector (as "rgb(r, g, b)"). */
export async function runColors(frame) {
  // The rows come once the page is idle after the runs arrived (RunSelector.tsx).
  await frame.waitForSelector('.run-list .run-row', { timeout: 5000 });
  return frame.$$eval('.run-row', (rows) =>
    Object.fromEntries(
      rows
        .filter((row) => row.querySelector('.swatch'))
        .map((row) => [row.querySelector('.run-row__name').textContent, getComputedStyle(row.querySelector('.swatch')).backgroundColor]),
    ),
  );
}

/**
 * For the line layers of the chart of the card of `tag` (raw and smoothed lines, composited as the
 * page shows them), how many pixels are close to each colour (colours as "rgb(r, g, b)"), and a
 * digest of the whole image, once every layer is drawn.
 */
export async function canvasColorCounts(frame, tag, colors) {
  // A chart's first draw strokes its faded raw lines after the first frame: wait for every layer.
  await frame.waitForSelector(`.card[data-tag="${tag}"] .card__chart:not([data-lines-pending]) canvas.chart-lines`, { state: 'attached', timeout: 15000 });
  return frame.$$eval(
    `.card[data-tag="${tag}"] canvas.chart-lines`,
    (layers, colorList) => {
      if (layers.length === 0) throw new Error('the chart has no line layers');
      const { width, height } = layers[0];
      const composite = new OffscreenCanvas(width, height);
      const context = composite.getContext('2d');
      for (const layer of layers) context.drawImage(layer, 0, 0);
      const parse = (c) => c.match(/\d+/g).slice(0, 3).map(Number);
      const targets = colorList.map(parse);
      const pixels = context.getImageData(0, 0, width, height).data;
      const counts = targets.map(() => 0);
      let digest = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i + 3] === 0) continue;
        digest = (digest * 31 + pixels[i] * 7 + pixels[i + 1] * 13 + pixels[i + 2] + i) % 1000000007;
        targets.forEach(([r, g, b], k) => {
          const d = Math.abs(pixels[i] - r) + Math.abs(pixels[i + 1] - g) + Math.abs(pixels[i + 2] - b);
          if (d < 30 && pixels[i + 3] > 200) counts[k]++;
        });
      }
      return { counts, digest };
    },
    colors,
  );
}

/**
 * Waits until every card in the viewport has drawn data (its data-points attribute is > 0): the
 * first screen of a dashboard painted. `polling` as playwright's waitForFunction takes it.
 * Returns the page's clock (ms after navigation start) when the check first held, taken in the
 * page: what a benchmark reports, free of the round trip back to the script (and, with tracing,
 * of the time the trace takes to stop).
 */
export async function waitForFirstScreenPainted(page, { timeout, polling }) {
  const handle = await page.waitForFunction(
    () => {
      const cards = [...document.querySelectorAll('.card')].filter((card) => {
        const r = card.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight;
      });
      return cards.length > 0 && cards.every((card) => Number(card.dataset.points) > 0) && performance.now();
    },
    null,
    { timeout, polling },
  );
  return handle.jsonValue();
}

/**
 * The page's own record of when its first screen was painted, for benchmarks: call before
 * navigating. An init script (a few lines run at the document's start) checks, in each animation
 * frame, what waitForFirstScreenPainted checks (every card in the viewport has drawn data), and
 * once `layers` is given also that no card in the viewport has line layers still to draw
 * (`[data-lines-pending]`); it reports each time (ms after navigation start) in a console message.
 * Unlike waitForFirstScreenPainted, nothing of playwright's runs in the page until the script
 * reads the results: its waitForFunction first evaluates playwright's injected script (about
 * 330 KB) in the page, 20-40 ms of the main thread's work inside the load being measured.
 * Returns `{ painted, layers }`: promises of those times (`layers` null unless asked for).
 */
export async function watchFirstScreen(page, { timeout, layers = false }) {
  await page.addInitScript((withLayers) => {
    if (window.top !== window) return;
    const onScreen = (card) => {
      const r = card.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    };
    let painted = false;
    const check = () => {
      const cards = [...document.querySelectorAll('.card')].filter(onScreen);
      if (!painted && cards.length > 0 && cards.every((card) => Number(card.dataset.points) > 0)) {
        painted = true;
        console.debug(`tbx-bench:painted:${performance.now()}`);
      }
      if (painted && withLayers && !cards.some((card) => card.querySelector('[data-lines-pending]'))) {
        console.debug(`tbx-bench:layers:${performance.now()}`);
        return;
      }
      if (!painted || withLayers) requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, layers);
  const reported = (what, failure) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${failure} within ${timeout} ms`)), timeout);
      const listen = (message) => {
        const text = message.text();
        if (!text.startsWith(`tbx-bench:${what}:`)) return;
        page.off('console', listen);
        clearTimeout(timer);
        resolve(Number(text.slice(`tbx-bench:${what}:`.length)));
      };
      page.on('console', listen);
    });
  const layersDrawn = layers ? reported('layers', "the first screen's line layers were not all drawn") : null;
  // Awaited only once `painted` has resolved: when that fails, this one's failure must not end the
  // script (an unhandled rejection) before it has closed the browser and stopped the server.
  layersDrawn?.catch(() => undefined);
  return { painted: reported('painted', 'the first screen was not painted'), layers: layersDrawn };
}

/** The file of uPlot's module in the build (its chunk, `lib-uplot-<hash>.js`). */
export const UPLOT_FILE = /uplot[^/]*\.js$/i;

/**
 * Holds back `page`'s request for uPlot's module (the Scalars charts import it once drawn or
 * pointed at) until `release()` is called; `askedFor` resolves once the page has asked for it.
 */
export async function holdUPlot(page) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  let asked;
  const askedFor = new Promise((resolve) => (asked = resolve));
  await page.route(UPLOT_FILE, async (route) => {
    asked();
    await held;
    await route.continue();
  });
  return { release, askedFor };
}

/** Waits until the card of `tag` has drawn data (its data-points attribute is > 0). */
export async function waitForChart(frame, tag) {
  await frame.waitForSelector(`.card[data-tag="${tag}"][data-points]:not([data-points="0"]) canvas:visible`, {
    timeout: 15000,
  });
}
