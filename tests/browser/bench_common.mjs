// What the whole-page benchmark scripts (bench_paint, bench_graphs, bench_runs) share: their
// `--name value` flags, medians and 95th percentiles, a free loopback port for the tbx they start,
// and playwright-core from the frontend's packages. Node only.
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
