// check.py against tbx serving shared conformance scenarios from s3://: each scenario's logdir is
// uploaded to a real S3 server (s3rver) and tbx reads it from there; the recorded TensorBoard
// answers must match as they do for the local logdir. Exits 77 (ctest's skip) with a message when
// the shared conformance data is absent.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { getJson, s3Env, startS3, startTbx, uploadDir, waitFor } from './s3_harness.mjs';

// Scalars, and images (blobs read by range) with histograms.
const SCENARIOS = ['torch_scalars', 'torch_images', 'tb_native'];

const shared = process.env.TBX_SHARED_DIR;
const conformance = shared && join(shared, 'conformance');
if (!conformance || !existsSync(join(conformance, 'check.py'))) {
  console.log(`SKIP: no shared conformance data at ${conformance}`);
  process.exit(77);
}

const work = mkdtempSync(join(tmpdir(), 'tbx-s3-conformance-'));
const s3 = await startS3(join(work, 's3data'));
let failed = 0;
try {
  for (const scenario of SCENARIOS) {
    const corpus = join(conformance, 'corpus', scenario);
    const golden = join(conformance, 'golden', scenario);
    if (!existsSync(corpus) || !existsSync(golden)) {
      console.log(`SKIP ${scenario}: not in the shared data`);
      continue;
    }
    await uploadDir(s3, corpus, 'tbx', scenario);
    const tbx = await startTbx(`s3://tbx/${scenario}`, s3Env(s3), { expectRuns: await wantRuns(golden) });
    try {
      await waitFor(async () => (await getJson(tbx, 'data/status')).first_load_done, 60000, 'first load');
      // Asynchronously: the S3 server runs in this process and must go on answering.
      const status = await new Promise((resolve) => {
        const child = spawn('python3', [join(conformance, 'check.py'), '--golden', golden, '--url', tbx.url],
          { stdio: ['ignore', 'inherit', 'inherit'] });
        child.on('exit', (code) => resolve(code));
      });
      if (status !== 0) {
        failed += 1;
        console.log(`FAIL ${scenario} from s3:// (check.py exited ${status})`);
      }
    } finally {
      await tbx.stop();
    }
  }
} finally {
  await s3.close();
  rmSync(work, { recursive: true, force: true });
}
console.log(failed ? `${failed} scenario(s) failed from s3://` : 'every scenario passed from s3://');
process.exit(failed ? 1 : 0);

async function wantRuns(golden) {
  const { readFileSync } = await import('node:fs');
  const index = JSON.parse(readFileSync(join(golden, 'index.json'), 'utf8'));
  const rec = index.requests.find((r) => r.url === '/data/runs' && r.method === 'GET' && r.file &&
                                         !r.file.endsWith('.gz'));
  return JSON.parse(readFileSync(join(golden, rec.file), 'utf8'));
}
