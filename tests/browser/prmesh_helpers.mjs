// Helpers shared by the browser tests of the PR curves, custom scalars and mesh dashboards: their
// logdir (written by make_prmesh_logdir), one server and a browser with WebGL (SwiftShader, since
// the GPU is disabled) for a test file, and pixel statistics of a canvas.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, env, newPage, startTbx } from './harness.mjs';

export const RUNS = ['run_a', 'run_b'];

export function runPrMeshTool(...args) {
  const tool = process.env.TBX_PRMESH_LOGDIR_TOOL;
  if (!tool) throw new Error('TBX_PRMESH_LOGDIR_TOOL is not set (run the test through ctest)');
  execFileSync(tool, args.map(String), { stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Chromium with software WebGL: --disable-gpu stays, SwiftShader draws. */
export async function launchWebglBrowser() {
  const { chromium } = await import(pathToFileURL(join(env.frontendDir(), 'node_modules/playwright-core/index.mjs')).href);
  return chromium.launch({
    executablePath: env.chromium(),
    args: [...CHROMIUM_ARGS, '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
}

/** A server on a fresh `make_prmesh_logdir <args>` logdir (default: the fixture) and a browser. */
export async function startPrMesh({ args = ['fixture'], expectRuns = RUNS } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tbx-prmesh-'));
  runPrMeshTool(args[0], dir, ...args.slice(1));
  const server = await startTbx(dir, { expectRuns });
  const browser = await launchWebglBrowser();
  return {
    server,
    browser,
    dir,
    stop: async () => {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openPage(env, hash) {
  const errors = [];
  const page = await newPage(env.browser, errors);
  await page.goto(env.server.url + '#' + hash);
  return { page, errors };
}

export function cardSelector(tag, run) {
  const quote = (s) => JSON.stringify(s);
  return run === undefined ? `.card[data-tag=${quote(tag)}]` : `.card[data-tag=${quote(tag)}][data-run=${quote(run)}]`;
}

/** How many pixels of the first canvas under `selector` differ from `background` ([r, g, b]). */
export async function pixelsUnlike(page, selector, background) {
  return page.$eval(
    `${selector} canvas`,
    (canvas, bg) => {
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context = copy.getContext('2d');
      context.drawImage(canvas, 0, 0);
      const { data } = context.getImageData(0, 0, copy.width, copy.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i] - bg[0]) + Math.abs(data[i + 1] - bg[1]) + Math.abs(data[i + 2] - bg[2]) > 30) count++;
      }
      return count;
    },
    background,
  );
}

/** Sets a range input to `value` and fires its input event. */
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
