// Virtual-host addressing (`bucket.host/key`, the default on AWS) against a real S3 server
// (s3rver, which takes the bucket from a Host of the form <bucket>.s3.amazonaws.com). tbx connects
// to <bucket>.<endpoint host>, a name nothing resolves here, so tbx runs in a private mount
// namespace (unshare) whose /etc/hosts maps that name to 127.0.0.1; the machine's own file is not
// touched. Skipped, with the reason, where unprivileged namespaces are not allowed.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { env, getJson, s3Env, startS3, startTbx, uploadDir, waitFor } from './s3_harness.mjs';

const RUNS = ['eval', 'sweep/lr=0.1', 'train'];
const HOST = 'tbx.s3.amazonaws.com';
const work = mkdtempSync(join(tmpdir(), 'tbx-s3-vhost-'));
const hosts = join(work, 'hosts');
// Runs its arguments with `hosts` mounted over /etc/hosts, in new user and mount namespaces.
const WRAP = ['unshare', '--map-root-user', '--mount', 'sh', '-c', 'mount --bind "$0" /etc/hosts && exec "$@"', hosts];
let s3;

before(async () => {
  writeFileSync(hosts, `${readFileSync('/etc/hosts', 'utf8')}\n127.0.0.1 ${HOST}\n`);
  s3 = await startS3(join(work, 's3data'));
  const logdir = join(work, 'fixture');
  execFileSync(env.logdirTool(), ['fixture', logdir]);
  await uploadDir(s3, logdir, 'tbx', 'exp/logs');
});
after(async () => {
  if (s3) await s3.close();
  rmSync(work, { recursive: true, force: true });
});

test('virtual-host addressing puts the bucket in the Host name, not the path', async (t) => {
  const probe = spawnSync(WRAP[0], [...WRAP.slice(1), 'getent', 'hosts', HOST], { encoding: 'utf8' });
  if (probe.status !== 0) {
    t.skip(`cannot give tbx its own /etc/hosts here (unshare: ${probe.stderr.trim() || probe.status})`);
    return;
  }
  const first = s3.requestLog.length;
  const tbx = await startTbx('s3://tbx/exp/logs',
    s3Env(s3, { S3_ENDPOINT: `http://s3.amazonaws.com:${s3.port}`, AWS_S3_ADDRESSING_STYLE: 'virtual' }),
    { expectRuns: RUNS, wrap: WRAP });
  try {
    await waitFor(async () => (await getJson(tbx, 'data/status')).first_load_done, 30000, 'first load');
    const points = await getJson(tbx, 'data/plugin/scalars/scalars?run=train&tag=loss%2Ftotal');
    assert.equal(points.length, 200);
    const requests = s3.requestLog.slice(first);
    assert.ok(requests.length > 0);
    // The listing is of the bucket's root and objects are named without the bucket.
    assert.ok(requests.some((r) => /^GET \/\?/.test(r) && r.includes('list-type=2')), requests.join('\n'));
    for (const r of requests) assert.doesNotMatch(r, /^\w+ \/tbx[/?]/, 'a request used path-style addressing');
    assert.equal(s3.badSignatures, 0, 'a request was signed wrongly');
  } finally {
    await tbx.stop();
  }
});
