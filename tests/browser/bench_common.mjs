// What the whole-page benchmark scripts (bench_paint, bench_paint_pairs, bench_graphs, bench_runs)
// share: their `--name value` flags, medians and 95th percentiles, a free loopback port, the
// Scalars benchmark's logdir, starting tbx on a logdir and waiting for its load, and playwright-core
// from the frontend's packages with the benchmarks' Chromium. Node only.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
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

/** Headless Chromium as the Scalars benchmarks (bench_paint, bench_paint_pairs, bench_runs) run it. */
export function launchBenchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * Writes the Scalars benchmark's logdir (`runs` × `tags` × `steps`) with make_browser_logdir at
 * `tool`, unless `logdir` exists.
 */
export function ensureBenchLogdir(logdir, tool, runs, tags, steps) {
  if (existsSync(logdir)) return;
  const started = Date.now();
  execFileSync(tool, ['bench', logdir, runs, tags, steps].map(String), { stdio: 'inherit' });
  console.log(`wrote ${logdir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

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

/** CPU time (ms) used so far by the processes descended from `root`, but not by `except`. */
function treeCpuMs(root, except) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, parent] of parents) if (parent === tree[i] && pid !== except) tree.push(pid);
  }
  let ns = 0;
  for (const pid of tree.slice(1)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // Gone meanwhile.
    }
  }
  return ns / 1e6;
}

/**
 * Waits until the browser's processes are idle: a new headless window (each benchmark load opens
 * one, with its own profile) builds its own browser UI in a renderer of its own (the omnibox
 * popup's WebUI: about 0.5–1 s of CPU on this 2-core machine), which a person's browser did long
 * before they opened the page. Measured from its start, a load shared the two cores with that.
 * Idle: less than 10 ms of CPU in a 200 ms window, for the processes this script started except
 * `serverPid`; at most `maxMs`. Linux only (/proc); elsewhere it waits 1 s.
 */
export async function settleBrowser(serverPid, maxMs = 5000) {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  if (!existsSync('/proc/self/schedstat')) return sleep(1000);
  const start = Date.now();
  let last = treeCpuMs(process.pid, serverPid);
  while (Date.now() - start < maxMs) {
    await sleep(200);
    const now = treeCpuMs(process.pid, serverPid);
    if (now - last < 10) return;
    last = now;
  }
}
