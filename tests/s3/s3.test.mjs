// tbx on s3:// logdirs against a real S3 server (s3rver) started here: run discovery by listing,
// tailing an object that is rewritten longer, blobs read by range, rejected credentials, and the
// server going away in the middle and coming back.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  env, freePort, getBytes, getJson, putObject, runTbx, s3Env, startS3, startTbx, uploadDir,
  waitFor,
} from './s3_harness.mjs';

const FIXTURE_RUNS = ['eval', 'sweep/lr=0.1', 'train'];
const work = mkdtempSync(join(tmpdir(), 'tbx-s3-'));
after(() => rmSync(work, { recursive: true, force: true }));

function steps(points) {
  return points.map((p) => p[1]);
}
function range(a, b) {
  return Array.from({ length: b - a }, (_, i) => a + i);
}
function trainEventFile(dir) {
  const name = execFileSync('ls', [join(dir, 'train')]).toString().trim().split('\n')[0];
  return join(dir, 'train', name);
}

describe('s3:// logdir', () => {
  let s3;
  const logdir = join(work, 'fixture');
  let trainKey;
  before(async () => {
    s3 = await startS3(join(work, 's3data'));
    execFileSync(env.logdirTool(), ['fixture', logdir]);
    const keys = await uploadDir(s3, logdir, 'tbx', 'exp/logs');
    trainKey = keys.find((k) => k.startsWith('exp/logs/train/'));
  });
  after(async () => s3 && (await s3.close()));

  test('discovers the runs by a paged listing and serves their scalars', async () => {
    const before = s3.requestLog.length;
    const tbx = await startTbx('s3://tbx/exp/logs', s3Env(s3, { TBX_S3_LIST_PAGE_SIZE: '2' }),
      { expectRuns: FIXTURE_RUNS });
    try {
      await waitFor(async () => (await getJson(tbx, 'data/status')).first_load_done, 30000, 'first load');
      for (const run of FIXTURE_RUNS) {
        const points = await getJson(tbx, `data/plugin/scalars/scalars?run=${encodeURIComponent(run)}&tag=loss%2Ftotal`);
        assert.deepEqual(steps(points), range(0, 200), run);
      }
      const status = await getJson(tbx, 'data/status');
      for (const run of status.runs) {
        assert.deepEqual(run.errors, [], run.run);
        assert.equal(run.bytes_read, run.bytes_present, run.run);
      }
      assert.equal((await getJson(tbx, 'data/logdir')).logdir, 's3://tbx/exp/logs');
      assert.equal(s3.badSignatures, 0, 'a request was signed wrongly');
      // Three objects two to a page: the listing went on with a continuation token.
      assert.ok(s3.requestLog.slice(before).some((r) => r.includes('continuation-token=')),
        'no listing page was asked for with a continuation token');
    } finally {
      await tbx.stop();
    }
  });

  test('reads a public bucket anonymously, and a --logdir_spec entry', async () => {
    const tbx = await startTbx('', s3Env(s3, { AWS_NO_SIGN_REQUEST: 'true' }), {
      expectRuns: FIXTURE_RUNS.map((r) => `anon/${r}`),
      extraArgs: ['--logdir_spec=anon:s3://tbx/exp/logs'],
    });
    try {
      await waitFor(async () => (await getJson(tbx, 'data/status')).first_load_done, 30000, 'first load');
      const points = await getJson(tbx, 'data/plugin/scalars/scalars?run=anon%2Ftrain&tag=loss%2Ftotal');
      assert.equal(points.length, 200);
    } finally {
      await tbx.stop();
    }
  });

  test('gs:// reads through the XML API at the endpoint override, signed for region auto', async () => {
    // GCS's S3-compatible API with HMAC keys, as the README documents, pointed at this server.
    const gsEnv = s3Env(s3);
    delete gsEnv.AWS_REGION;
    const first = s3.authorizations.length;
    const tbx = await startTbx('gs://tbx/exp/logs', gsEnv, { expectRuns: FIXTURE_RUNS });
    try {
      await waitFor(async () => (await getJson(tbx, 'data/status')).first_load_done, 30000, 'first load');
      const points = await getJson(tbx, 'data/plugin/scalars/scalars?run=train&tag=loss%2Ftotal');
      assert.deepEqual(steps(points), range(0, 200));
      assert.equal((await getJson(tbx, 'data/logdir')).logdir, 'gs://tbx/exp/logs');
      const signed = s3.authorizations.slice(first).filter((a) => a !== '');
      assert.ok(signed.length > 0, 'no request was signed');
      for (const a of signed) assert.match(a, /^AWS4-HMAC-SHA256 Credential=S3RVER\/\d{8}\/auto\/s3\/aws4_request,/);
      assert.equal(s3.badSignatures, 0, 'a request was signed wrongly');
    } finally {
      await tbx.stop();
    }
  });

  test('tails an object rewritten with a longer copy, from the old end', async () => {
    const tbx = await startTbx('s3://tbx/exp/logs', s3Env(s3), {
      expectRuns: FIXTURE_RUNS, extraArgs: ['--reload_interval=1'],
    });
    try {
      await waitFor(async () => (await getJson(tbx, 'data/status')).first_load_done, 30000, 'first load');
      const file = trainEventFile(logdir);
      const before = s3.requestLog.length;
      execFileSync(env.logdirTool(), ['append', file, 'loss/total', '200', '1.5']);
      await putObject(s3, 'tbx', trainKey, readFileSync(file));
      await waitFor(async () => {
        const points = await getJson(tbx, 'data/plugin/scalars/scalars?run=train&tag=loss%2Ftotal');
        return points.length === 201;
      }, 30000, 'the appended point was not served');
      const points = await getJson(tbx, 'data/plugin/scalars/scalars?run=train&tag=loss%2Ftotal');
      assert.deepEqual(points[200].slice(1), [200, 1.5]);
      assert.equal(s3.badSignatures, 0, 'a ranged GET was signed wrongly');
      // The new bytes came by a ranged GET that starts past the start of the object.
      const gets = s3.requestLog.slice(before).filter((r) => r.startsWith('GET /tbx/exp/logs/train/'));
      assert.ok(gets.length >= 1, `no GET of the train object: ${s3.requestLog.slice(before)}`);
    } finally {
      await tbx.stop();
    }
  });

  test('rejected credentials stop tbx at start with a clear error', async () => {
    const badSecret = await runTbx(['--logdir=s3://tbx/exp/logs', '--port=0'],
      s3Env(s3, { AWS_SECRET_ACCESS_KEY: 'not-the-secret' }));
    assert.notEqual(badSecret.code, 0);
    assert.match(badSecret.stderr, /listing s3:\/\/tbx\/exp\/logs\/: HTTP 403 SignatureDoesNotMatch/);
    const badKey = await runTbx(['--logdir=s3://tbx/exp/logs', '--port=0'],
      s3Env(s3, { AWS_ACCESS_KEY_ID: 'NOBODY' }));
    assert.notEqual(badKey.code, 0);
    assert.match(badKey.stderr, /listing s3:\/\/tbx\/exp\/logs\/: HTTP 403 InvalidAccessKeyId/);
    assert.match(badKey.stderr, /credentials: environment/);
    const noBucket = await runTbx(['--logdir=s3://no-such-bucket/x', '--port=0'], s3Env(s3));
    assert.notEqual(noBucket.code, 0);
    assert.match(noBucket.stderr, /HTTP 404 NoSuchBucket/);
  });
});

describe('blobs from s3://', () => {
  let s3;
  let tbx;
  before(async () => {
    s3 = await startS3(join(work, 's3blobs'));
    const dir = join(work, 'dashboards');
    execFileSync(env.dashboardsTool(), ['fixture', dir]);
    await uploadDir(s3, dir, 'tbx', 'dash');
    tbx = await startTbx('s3://tbx/dash', s3Env(s3), {
      expectRuns: ['eval', 'train', '<img src=x onerror=window.__xssRun=1>'],
    });
    await waitFor(async () => (await getJson(tbx, 'data/status')).first_load_done, 30000, 'first load');
  });
  after(async () => {
    if (tbx) await tbx.stop();
    if (s3) await s3.close();
  });

  test('images are read on demand by range', async () => {
    const entries = await getJson(tbx, 'data/plugin/images/images?run=train&tag=samples%2Fgrid');
    assert.ok(entries.length > 0);
    for (const entry of entries) {
      const png = await getBytes(tbx, `data/plugin/images/individualImage?${entry.query}`);
      assert.equal(png.subarray(1, 4).toString(), 'PNG');
      // The fixture's image of step s, sample 0 is (20 + s) x 10 pixels.
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [20 + entry.step, 10], `step ${entry.step}`);
    }
    assert.equal(s3.badSignatures, 0, 'a request was signed wrongly');
  });

  test('audio clips are read on demand by range', async () => {
    const entries = await getJson(tbx, 'data/plugin/audio/audio?run=train&tag=audio%2Ftone');
    assert.equal(entries.length, 4);
    const wav = await getBytes(tbx, `data/plugin/audio/individualAudio?${entries[0].query}`);
    assert.equal(wav.subarray(0, 4).toString(), 'RIFF');
    assert.equal(wav.subarray(8, 12).toString(), 'WAVE');
  });
});

describe('the S3 server going away', () => {
  test('errors show per run while the rest is served, and loading resumes when it returns', async () => {
    const dir = join(work, 'outage');
    const store = join(work, 's3outage');
    execFileSync(env.logdirTool(), ['fixture', dir]);
    const port = await freePort();
    let s3 = await startS3(store, { port });
    const keys = await uploadDir(s3, dir, 'tbx', 'o');
    const trainKey = keys.find((k) => k.startsWith('o/train/'));
    const tbx = await startTbx('s3://tbx/o', s3Env(s3), {
      expectRuns: FIXTURE_RUNS, extraArgs: ['--reload_interval=1'],
    });
    try {
      await waitFor(async () => (await getJson(tbx, 'data/status')).first_load_done, 30000, 'first load');
      await s3.close();
      await waitFor(async () => {
        const status = await getJson(tbx, 'data/status');
        return status.runs.length === 3 && status.runs.every((r) => r.errors.some((e) => /network error/.test(e)));
      }, 60000, 'the outage was not reported on every run');
      // What was loaded is still served.
      assert.deepEqual((await getJson(tbx, 'data/runs')).sort(), FIXTURE_RUNS);
      const points = await getJson(tbx, 'data/plugin/scalars/scalars?run=train&tag=loss%2Ftotal');
      assert.equal(points.length, 200);

      s3 = await startS3(store, { port });
      const file = trainEventFile(dir);
      execFileSync(env.logdirTool(), ['append', file, 'loss/total', '200', '2.5']);
      await putObject(s3, 'tbx', trainKey, readFileSync(file));
      await waitFor(async () => {
        const now = await getJson(tbx, 'data/plugin/scalars/scalars?run=train&tag=loss%2Ftotal');
        return now.length === 201 && now[200][2] === 2.5;
      }, 60000, 'loading did not resume');
      await waitFor(async () => (await getJson(tbx, 'data/status')).runs.every((r) => r.errors.length === 0),
        30000, 'the errors did not clear');
    } finally {
      await tbx.stop();
      await s3.close().catch(() => {});
    }
  });
});
