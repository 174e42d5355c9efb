// Benchmark: tbx loading a logdir from a real S3 server (s3rver on loopback, in this process).
//   node --openssl-legacy-provider tests/s3/bench_s3.mjs LOGDIR [IDLE_SECONDS=60]
//   node --openssl-legacy-provider tests/s3/bench_s3.mjs LOGDIR --export
// Uploads LOGDIR to the server, starts tbx on s3://bench/logs (default --reload_interval 5 s),
// and prints the first-load time (start -> /data/status reports every byte of every run read)
// and the steady-state polling cost: the requests the server receives per minute while nothing
// changes. With --export, it times `tbx export --logdir s3://bench/logs` instead and prints the
// folder's size and the requests the server received. TBX_BINARY names the tbx executable.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { env, freePort, getJson, s3Env, startS3, uploadDir, waitFor } from './s3_harness.mjs';

const exportMode = process.argv.includes('--export');
const [logdir, idleArg = '60'] = process.argv.slice(2).filter((a) => a !== '--export');
if (!logdir) {
  console.error('usage: bench_s3.mjs LOGDIR [IDLE_SECONDS]');
  process.exit(2);
}
const idleSeconds = Number(idleArg);
const work = mkdtempSync(join(tmpdir(), 'tbx-s3-bench-'));
const s3 = await startS3(join(work, 's3data'), { buckets: ['bench'] });
try {
  const uploadStart = Date.now();
  const keys = await uploadDir(s3, logdir, 'bench', 'logs');
  console.log(`uploaded ${keys.length} objects in ${((Date.now() - uploadStart) / 1000).toFixed(1)} s`);

  if (exportMode) {
    const out = join(work, 'site');
    const requests = s3.requests;
    const started = process.hrtime.bigint();
    const code = await new Promise((resolve) => {
      const child = spawn(env.binary(), ['export', '--logdir=s3://bench/logs', `--out=${out}`],
        { env: s3Env(s3), stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('exit', resolve);
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const size = execFileSync('du', ['-sb', out]).toString().split('\t')[0];
    console.log(`export from S3: exit ${code}, ${seconds.toFixed(2)} s, ` +
                `${(Number(size) / 1048576).toFixed(1)} MiB, ${s3.requests - requests} requests`);
    process.exitCode = code;
  } else {
    const port = await freePort();
    const requestsBefore = s3.requests;
    const start = process.hrtime.bigint();
    const child = spawn(env.binary(), ['--logdir=s3://bench/logs', `--port=${port}`, '--host=127.0.0.1'],
      { env: s3Env(s3), stdio: ['ignore', 'ignore', 'inherit'] });
    const tbx = { url: `http://127.0.0.1:${port}/` };
    let status;
    await waitFor(async () => {
      status = await getJson(tbx, 'data/status');
      return status.first_load_done && status.runs.length > 0 &&
        status.runs.every((r) => r.loaded && r.bytes_read === r.bytes_present);
    }, 900000, 'tbx did not finish loading');
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const bytes = status.runs.reduce((sum, r) => sum + r.bytes_present, 0);
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1];
    console.log(`first load: ${seconds.toFixed(2)} s for ${status.runs.length} runs, ` +
                `${(bytes / 1e6).toFixed(0)} MB, ${s3.requests - requestsBefore} requests; ` +
                `tbx VmHWM ${(hwm / 1024).toFixed(0)} MB`);

    const idleBefore = s3.requests;
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const idle = s3.requests - idleBefore;
    console.log(`steady state: ${idle} requests in ${idleSeconds} s = ` +
                `${(idle * 60 / idleSeconds).toFixed(1)} requests/minute with nothing changing`);
    child.kill('SIGTERM');
  }
} finally {
  await s3.close();
  rmSync(work, { recursive: true, force: true });
}
