// Benchmark (not a test): the server's memory while several clients download one large projector
// tensor at once. Writes a ROWS x DIMS float32 checkpoint with make_projector_logdir, starts the
// real tbx on it, downloads the tensor once (so the checkpoint is opened and in the page cache),
// then has CLIENTS concurrent downloads read /tensor to the end while the server's resident set
// (VmRSS of /proc/<pid>/status) is sampled every 5 ms. Prints the resident set before, its peak
// during the downloads, and each download's time to the first byte and to the last.
//
//   TBX_BINARY=build/tbx TBX_PROJECTOR_LOGDIR_TOOL=build/tools/make_projector_logdir \
//   TBX_FRONTEND_DIR=frontend node tests/browser/bench_tensor_memory.mjs [1000000x16] [4]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTbx } from './harness.mjs';

const [rows, dims] = (process.argv[2] ?? '1000000x16').split('x').map(Number);
const clients = Number(process.argv[3] ?? 4);

function residentKb(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}

/** Reads the whole body without keeping it; returns its size and times in ms. */
async function download(url) {
  const t0 = performance.now();
  const response = await fetch(url);
  let first = null;
  let bytes = 0;
  for await (const chunk of response.body) {
    first ??= performance.now() - t0;
    bytes += chunk.length;
  }
  return { status: response.status, bytes, first, total: performance.now() - t0 };
}

const dir = mkdtempSync(join(tmpdir(), 'tbx-tensor-memory-'));
let server;
try {
  execFileSync(process.env.TBX_PROJECTOR_LOGDIR_TOOL, [dir, String(rows), String(dims), 'checkpoint'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  server = await startTbx(dir, { expectRuns: ['emb'] });
  const url = `${server.url}data/plugin/projector/tensor?run=emb&name=embedding%2Fembeddings`;
  const warm = await download(url);
  if (warm.status !== 200 || warm.bytes !== rows * dims * 4) throw new Error(`/tensor: ${warm.status}, ${warm.bytes} bytes`);
  await new Promise((r) => setTimeout(r, 500));
  const before = residentKb(server.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, residentKb(server.pid))), 5);
  const results = await Promise.all(Array.from({ length: clients }, () => download(url)));
  clearInterval(sampler);
  peak = Math.max(peak, residentKb(server.pid));
  for (const r of results) {
    if (r.status !== 200 || r.bytes !== rows * dims * 4) throw new Error(`/tensor: ${r.status}, ${r.bytes} bytes`);
  }
  console.log(`${rows}x${dims} (${((rows * dims * 4) / 1e6).toFixed(0)} MB), ${clients} concurrent downloads, load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);
  console.log(`  server resident set: ${(before / 1024).toFixed(0)} MB before, peak ${(peak / 1024).toFixed(0)} MB during (+${((peak - before) / 1024).toFixed(0)} MB)`);
  console.log(`  first byte after ${results.map((r) => r.first.toFixed(0)).join(', ')} ms; last byte after ${results.map((r) => r.total.toFixed(0)).join(', ')} ms`);
} finally {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}
