// Development-only mock of the tbx HTTP API, so the frontend can be worked on without the binary.
//
//   node dev/mock_server.mjs [--port 6007] [--scenario torch_scalars] [--synthetic RUNSxTAGSxSTEPS]
//                            [--logdir DIR] [--path_prefix /p] [--live] [--dist dist]
//
// Serves TensorBoard's recorded answers from ../shared/conformance/golden/<scenario>, a synthetic
// data set, or the scalars of the event files under --logdir (re-read when they change); computes
// tbx's own routes (series, status, changes) from them, and serves a built frontend from --dist.
// With --live a point is appended to every series each second.
// Not part of the product and not used by tests.
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverRuns, readScalars } from './event_files.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (!arg.startsWith('--')) return pairs;
    const eq = arg.indexOf('=');
    if (eq > 0) pairs.push([arg.slice(2, eq), arg.slice(eq + 1)]);
    else pairs.push([arg.slice(2), all[i + 1] === undefined || all[i + 1].startsWith('--') ? true : all[i + 1]]);
    return pairs;
  }, []),
);
const prefix = typeof args.path_prefix === 'string' ? args.path_prefix.replace(/\/$/, '') : '';
const port = Number(args.port ?? 6007);
const dist = resolve(here, '..', args.dist ?? 'dist');
const goldenDir = join(here, '../../../shared/conformance/golden', args.scenario ?? 'torch_scalars');

/** run → tag → {step[], wall_time[], value[]} */
const data = new Map();
let runs = [];
let generation = 1;

function addPoint(run, tag, step, wall, value) {
  if (!data.has(run)) data.set(run, new Map());
  const tags = data.get(run);
  if (!tags.has(tag)) tags.set(tag, { step: [], wall_time: [], value: [] });
  const s = tags.get(tag);
  s.step.push(step);
  s.wall_time.push(wall);
  s.value.push(value);
}

function loadLogdir() {
  data.clear();
  for (const [run, files] of discoverRuns(args.logdir)) {
    for (const file of files) readScalars(file, (tag, step, wall, value) => addPoint(run, tag, step, wall, value));
  }
}

if (args.logdir) {
  let signature = '';
  const rescan = () => {
    const runsNow = discoverRuns(args.logdir);
    const next = JSON.stringify([...runsNow].map(([run, files]) => [run, files.map((f) => statSync(f).size)]));
    if (next !== signature) {
      signature = next;
      loadLogdir();
      runs = [...data.keys()].sort();
      generation++;
    }
  };
  rescan();
  setInterval(rescan, 200);
} else if (args.synthetic) {
  const [nRuns, nTags, nSteps] = String(args.synthetic).split('x').map(Number);
  for (let r = 0; r < nRuns; r++) {
    const run = `run_${String(r).padStart(2, '0')}`;
    for (let t = 0; t < nTags; t++) {
      const tag = `group_${t % 4}/metric_${t}`;
      for (let i = 0; i < nSteps; i++) {
        const v = Math.exp(-i / (nSteps / 3)) * (1 + r / nRuns) + 0.1 * Math.sin(i / 7 + r) + 0.05 * Math.random();
        addPoint(run, tag, i, 1.7e9 + i * 2 + r, v);
      }
    }
  }
} else {
  for (const file of readdirSync(goldenDir)) {
    const m = /^get_data_plugin_scalars_scalars_run=(.+)_tag=(.+)\.json$/.exec(file);
    if (!m) continue;
    const tagsJson = JSON.parse(readFileSync(join(goldenDir, 'get_data_plugin_scalars_tags.json'), 'utf8'));
    const run = m[1];
    const tag = Object.keys(tagsJson[run] ?? {}).find((t) => t.replace(/\//g, '_') === m[2]) ?? m[2];
    for (const [wall, step, value] of JSON.parse(readFileSync(join(goldenDir, file), 'utf8'))) {
      addPoint(run, tag, step, wall, typeof value === 'string' ? Number(value) : value);
    }
  }
}
runs = [...data.keys()].sort();

if (args.live) {
  setInterval(() => {
    for (const [, tags] of data) {
      for (const [, s] of tags) {
        const last = s.step.length - 1;
        s.step.push(s.step[last] + 1);
        s.wall_time.push(s.wall_time[last] + 1);
        s.value.push(s.value[last] * (0.98 + 0.04 * Math.random()));
      }
    }
    generation++;
  }, 1000);
}

/** Keeps first/last/min/max of each of about points/4 buckets. */
function downsample(s, points, minStep, maxStep) {
  let idx = s.step.map((_, i) => i).filter((i) => s.step[i] >= minStep && s.step[i] <= maxStep);
  if (points > 0 && idx.length > points) {
    const buckets = Math.max(1, Math.floor(points / 4));
    const keep = new Set();
    for (let b = 0; b < buckets; b++) {
      const part = idx.slice(Math.floor((b * idx.length) / buckets), Math.floor(((b + 1) * idx.length) / buckets));
      if (!part.length) continue;
      let lo = part[0], hi = part[0];
      for (const i of part) {
        if (s.value[i] < s.value[lo]) lo = i;
        if (s.value[i] > s.value[hi]) hi = i;
      }
      keep.add(part[0]).add(part[part.length - 1]).add(lo).add(hi);
    }
    idx = [...keep].sort((a, b) => a - b);
  }
  const num = (v) => (Number.isFinite(v) ? v : String(v));
  return { step: idx.map((i) => s.step[i]), wall_time: idx.map((i) => s.wall_time[i]), value: idx.map((i) => num(s.value[i])) };
}

function json(res, body, status = 200) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function golden(name) {
  const path = join(goldenDir, name);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (prefix && !url.pathname.startsWith(prefix + '/')) {
    res.writeHead(404);
    return res.end('not found');
  }
  const path = url.pathname.slice(prefix.length);
  const q = url.searchParams;
  if (path === '/data/runs') return json(res, runs);
  if (path === '/data/window_properties') return json(res, { window_title: args.window_title ?? 'tbx mock' });
  if (path === '/data/environment') return json(res, golden('get_data_environment.json') ?? {});
  if (path === '/data/plugins_listing') return json(res, golden('get_data_plugins_listing.json') ?? { scalars: { tab_name: 'scalars', enabled: true } });
  if (path === '/data/status') {
    return json(res, {
      generation,
      first_load_done: true,
      runs: runs.map((run, i) => ({ run, files: 1, bytes_read: 100, bytes_present: 100, loaded: true, errors: i === 0 && args.corrupt ? ['bad data CRC at offset 1234'] : [] })),
    });
  }
  if (path === '/data/changes') {
    const since = Number(q.get('since'));
    const deadline = Date.now() + Math.min(Number(q.get('timeout_ms') ?? 0), 30000);
    const check = () => {
      if (generation !== since || Date.now() >= deadline) return json(res, { generation });
      setTimeout(check, 50);
    };
    return check();
  }
  if (path === '/data/plugin/scalars/tags') {
    const out = {};
    for (const [run, tags] of data) out[run] = Object.fromEntries([...tags.keys()].map((t) => [t, { displayName: t, description: '' }]));
    return json(res, out);
  }
  if (path === '/data/plugin/scalars/series') {
    const wantTags = q.getAll('tag');
    const wantRuns = q.getAll('run').length ? q.getAll('run') : runs;
    const points = Number(q.get('points') ?? 1000);
    const minStep = q.has('min_step') ? Number(q.get('min_step')) : -Infinity;
    const maxStep = q.has('max_step') ? Number(q.get('max_step')) : Infinity;
    const series = [];
    for (const tag of wantTags) {
      for (const run of wantRuns) {
        const s = data.get(run)?.get(tag);
        if (s) series.push({ run, tag, ...downsample(s, points, minStep, maxStep) });
      }
    }
    if (q.get('format') === 'binary') {
      res.writeHead(200, { 'Content-Type': 'application/vnd.tbx.series' });
      return res.end(encodeSeriesBinary(series));
    }
    return json(res, { series });
  }
  if (path === '/data/plugin/scalars/scalars') {
    const s = data.get(q.get('run'))?.get(q.get('tag'));
    if (!s) return json(res, { error: 'Not found' }, 404);
    if (q.get('format') === 'csv') {
      res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8' });
      return res.end('Wall time,Step,Value\r\n' + s.step.map((st, i) => `${s.wall_time[i]},${st},${s.value[i]}\r\n`).join(''));
    }
    return json(res, s.step.map((st, i) => [s.wall_time[i], st, s.value[i]]));
  }
  if (path.startsWith('/data/')) return json(res, { error: 'Not found' }, 404);
  const file = normalize(join(dist, path === '/' ? 'index.html' : path));
  if (!file.startsWith(dist) || !existsSync(file)) {
    res.writeHead(404);
    return res.end('not found');
  }
  res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
}).listen(port, '127.0.0.1', () => console.log(`mock tbx on http://127.0.0.1:${port}/`));

/** The binary /series layout of plugins/scalars/http_api.md. */
function encodeSeriesBinary(series) {
  const parts = [];
  const header = Buffer.alloc(16);
  header.write('TBXS', 0, 'latin1');
  header.writeUInt32LE(2, 4); // version 2, every column float64 (encoding bytes 0)
  header.writeUInt32LE(series.length, 8);
  parts.push(header);
  let size = 16;
  for (const s of series) {
    const run = Buffer.from(s.run, 'utf8');
    const tag = Buffer.from(s.tag, 'utf8');
    const n = s.step.length;
    const head = Buffer.alloc(16);
    head.writeUInt32LE(run.length, 0);
    head.writeUInt32LE(tag.length, 4);
    head.writeUInt32LE(n, 8);
    const names = size + 16 + run.length + tag.length;
    const pad = Buffer.alloc((8 - (names % 8)) % 8);
    const columns = Buffer.alloc(24 * n);
    for (let i = 0; i < n; ++i) {
      columns.writeDoubleLE(Number(s.step[i]), 8 * i);
      columns.writeDoubleLE(Number(s.wall_time[i]), 8 * (n + i));
      columns.writeDoubleLE(Number(s.value[i]), 8 * (2 * n + i));
    }
    parts.push(head, run, tag, pad, columns);
    size = names + pad.length + columns.length;
  }
  return Buffer.concat(parts);
}
