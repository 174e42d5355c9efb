// `tbx export --logdir s3://...` against a real S3 server (s3rver) started here: the folder
// exported from the bucket holds the same answers, byte for byte, as the one exported from the
// same logdir on disk (only the logdir's own name differs, in data/environment), and rejected
// credentials stop the export with a clear error before anything is written.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { env, runTbx, s3Env, startS3, uploadDir } from './s3_harness.mjs';

const work = mkdtempSync(join(tmpdir(), 'tbx-s3-export-'));
const logdir = join(work, 'dashboards');
let s3;

before(async () => {
  s3 = await startS3(join(work, 's3data'));
  execFileSync(env.dashboardsTool(), ['fixture', logdir]);
  await uploadDir(s3, logdir, 'tbx', 'exp/dash');
});
after(async () => {
  if (s3) await s3.close();
  rmSync(work, { recursive: true, force: true });
});

// Asynchronous (runTbx): the S3 server runs in this process, so blocking on the child would stall it.
function tbxExport(args, environment) {
  return runTbx(['export', ...args], environment, 240000);
}

function manifest(dir) {
  const text = readFileSync(join(dir, 'data/manifest.js'), 'utf8');
  return JSON.parse(text.slice(text.indexOf('=') + 1).replace(/;\s*$/, '')).files;
}

test('an export from s3:// holds the same answers as one from the same logdir on disk', async () => {
  const fromS3 = join(work, 'site-s3');
  const r = await tbxExport(['--logdir=s3://tbx/exp/dash', `--out=${fromS3}`], s3Env(s3));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /wrote [\d.]+ (KiB|MiB) \(\d+ files, 3 runs\)/);
  const local = join(work, 'site-local');
  const l = await tbxExport([`--logdir=${logdir}`, `--out=${local}`], process.env);
  assert.equal(l.code, 0, l.stderr);

  const a = manifest(fromS3);
  const b = manifest(local);
  assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort());
  const keys = Object.keys(a);
  assert.ok(keys.some((k) => k.startsWith('data/plugin/images/individualImage?')), 'no image was exported');
  assert.ok(keys.some((k) => k.startsWith('data/plugin/audio/individualAudio?')), 'no audio was exported');
  assert.ok(keys.some((k) => k.startsWith('data/plugin/histograms/histograms?')), 'no histogram was exported');
  for (const key of keys) {
    if (key === 'data/environment') continue;
    assert.equal(a[key], b[key], key);
    assert.ok(readFileSync(join(fromS3, a[key])).equals(readFileSync(join(local, b[key]))), `${key} differs`);
  }
});

test('rejected credentials stop the export with a clear error and write nothing', async () => {
  const out = join(work, 'site-denied');
  const r = await tbxExport(['--logdir=s3://tbx/exp/dash', `--out=${out}`],
    s3Env(s3, { AWS_SECRET_ACCESS_KEY: 'wrong-secret' }));
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /^tbx export: error: .*SignatureDoesNotMatch/m);
  assert.equal(existsSync(out), false);
});
