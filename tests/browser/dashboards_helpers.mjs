// Helpers shared by the browser tests of the histogram, distribution, image, audio and text
// dashboards: their logdir (written by make_dashboards_logdir), one server and browser for a test
// file, pixel statistics of a card's canvas, and the check that no HTML injected through run
// names, tag names or text summaries ever ran.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, newPage, startTbx } from './harness.mjs';

export const XSS_RUN = '<img src=x onerror=window.__xssRun=1>';
export const XSS_TAG = '<img src=x onerror=window.__xssTag=1>';
export const XSS_TEXT_TAG = `${XSS_TAG} text`;
export const RUNS = ['eval', 'train', XSS_RUN];

function runTool(...args) {
  const tool = process.env.TBX_DASHBOARDS_LOGDIR_TOOL;
  if (!tool) throw new Error('TBX_DASHBOARDS_LOGDIR_TOOL is not set (run the test through ctest)');
  execFileSync(tool, args.map(String), { stdio: ['ignore', 'inherit', 'inherit'] });
}

/** A fresh logdir written by `make_dashboards_logdir fixture`; removed by cleanup(). */
export function dashboardsLogdir() {
  const dir = mkdtempSync(join(tmpdir(), 'tbx-dashboards-'));
  runTool('fixture', dir);
  return {
    dir,
    /** Adds a notes/report text at `step` to `run`, in a new event file. */
    appendText: (run, step) => runTool('append-text', join(dir, run), step),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Starts a server on the dashboards fixture and a browser; returns them and a stop(). */
export async function startDashboards() {
  const logdir = dashboardsLogdir();
  const server = await startTbx(logdir.dir, { expectRuns: RUNS });
  const browser = await launchBrowser();
  return {
    server,
    browser,
    logdir,
    stop: async () => {
      await browser.close();
      await server.stop();
      logdir.cleanup();
    },
  };
}

/**
 * Opens the app at `hash` in a new page that records page errors and dialogs; a dialog is
 * dismissed (and recorded) so a test never hangs on one.
 */
export async function openPage(env, hash) {
  const errors = [];
  const dialogs = [];
  const page = await newPage(env.browser, errors);
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(env.server.url + '#' + hash);
  return { page, errors, dialogs };
}

export function cardSelector(tag, run) {
  const quote = (s) => JSON.stringify(s);
  return `.card[data-tag=${quote(tag)}][data-run=${quote(run)}]`;
}

/**
 * Pixel statistics of the canvas at `selector`: how many pixels are painted at all, how many are
 * near `color` ("rgb(r, g, b)"), and a digest of the image.
 */
export async function canvasStats(page, selector, color) {
  return page.$eval(
    selector,
    (canvas, target) => {
      const [r, g, b] = target.match(/\d+/g).slice(0, 3).map(Number);
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      let near = 0;
      let digest = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i + 3] === 0) continue;
        painted++;
        digest = (digest * 31 + pixels[i] * 7 + pixels[i + 1] * 13 + pixels[i + 2] + i) % 1000000007;
        const d = Math.abs(pixels[i] - r) + Math.abs(pixels[i + 1] - g) + Math.abs(pixels[i + 2] - b);
        if (d < 40 && pixels[i + 3] > 200) near++;
      }
      return { painted, near, digest, total: pixels.length / 4 };
    },
    color,
  );
}

/** The colour the run selector shows for `run`, as "rgb(r, g, b)". */
export async function runColor(page, run) {
  // The rows come once the page is idle after the runs arrived (RunSelector.tsx).
  await page.waitForSelector('.run-list .run-row', { timeout: 5000 });
  return page.$$eval(
    '.run-row',
    (rows, name) => {
      const row = rows.find((r) => r.querySelector('.run-row__name')?.textContent === name);
      return row ? getComputedStyle(row.querySelector('.swatch')).backgroundColor : null;
    },
    run,
  );
}

/** Globals that the injected HTML would set if it ever ran. */
export async function injectedGlobals(page) {
  return page.evaluate(() =>
    ['__xssRun', '__xssTag', '__xssText', '__xssImg'].filter((name) => name in window),
  );
}

/** Sets a range input to `value` the way a user's drag does (an input event). */
export async function setRange(page, selector, value) {
  await page.$eval(
    selector,
    (input, v) => {
      input.value = String(v);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    value,
  );
}
