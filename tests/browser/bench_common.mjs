// What the whole-page benchmark scripts (bench_paint, bench_graphs, bench_runs) share: their
// `--name value` flags, medians and 95th percentiles, a free loopback port, starting tbx on a
// logdir and waiting for its load, and playwright-core from the frontend's packages. Node only.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);

/** The value after `--name` on the command line, else `fallback`. */
export const arg = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};

/** Whether the bare flag `--name` is on the command line. */
export const flag = (name) => argv.includes(`--${name}`);

const sorted = (xs) => [...xs].sort((a, b) => a - b);
export const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
export const p95 = (xs) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
export const minimum = (xs) => sorted(xs)[0];

/** A TCP port free on 127.0.0.1 now. */
export function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

export const { chromium } = await import(pathToFileURL(join(here, '../../frontend/node_modules/playwright-core/index.mjs')).href);

/**
 * Starts `tbx` on `logdir` at a free port with `extraArgs`, and waits until `/data/status` says
 * every one of at least `runs` runs is loaded. Returns the process and the server's URL.
 */
export async function serveLogdir(tbx, logdir, runs, extraArgs = []) {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(tbx, [`--logdir=${logdir}`, `--port=${port}`, ...extraArgs], { stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}/`;
  for (;;) {
    try {
      const status = await (await fetch(url + 'data/status')).json();
      if (status.first_load_done && status.runs.length >= runs && status.runs.every((r) => r.loaded)) break;
    } catch {
      // Starting.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(`tbx loaded the logdir in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { child, url };
}
