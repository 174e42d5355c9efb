// Shared set-up of the projector's browser tests (projector.test.mjs, projector_first_paint.test.mjs):
// a logdir written by make_projector_logdir (1,000 points of 32 dimensions in 5 clusters, from a
// checkpoint, with metadata and a sprite sheet), tbx serving it, a WebGL-capable chromium, and the
// view's pixels and points.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTbx } from './harness.mjs';
import { launchWebglBrowser, pixelsUnlike as pixelsUnlikeIn } from './prmesh_helpers.mjs';

export const ROOT = '.projector';
export const VIEW = '.projector-view';
export const WHITE = [0xff, 0xff, 0xff];

/** The logdir, server and browser: { server, browser, stop() }. */
export async function startProjectorEnv() {
  const tool = process.env.TBX_PROJECTOR_LOGDIR_TOOL;
  if (!tool) throw new Error('TBX_PROJECTOR_LOGDIR_TOOL is not set (run the test through ctest)');
  const dir = mkdtempSync(join(tmpdir(), 'tbx-projector-'));
  execFileSync(tool, [dir, '1000', '32', 'checkpoint', 'sprites'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const server = await startTbx(dir, { expectRuns: ['emb'] });
  const browser = await launchWebglBrowser();
  return {
    server,
    browser,
    stop: async () => {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Pixels of the view's canvas that differ from `background`. */
export const pixelsUnlike = (page, background) => pixelsUnlikeIn(page, VIEW, background);

/** Screen positions of the first `n` points. */
export function positions(page, n) {
  return page.$eval(
    VIEW,
    (host, count) => Array.from({ length: count }, (_, i) => host.scatter.screenOf(i)),
    n,
  );
}
