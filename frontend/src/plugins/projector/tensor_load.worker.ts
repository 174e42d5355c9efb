// The tensor-loading worker: downloads one tensor (runs PCA as the bytes arrive) and hands the
// values over with their projection, for the first tensor also choosing it (run list, then that
// run's config). Kept apart from projection.worker.ts (t-SNE, UMAP) so its script is small and the
// download starts as soon as possible after the page opens (prefetch.ts). One job per worker.
import { serverErrorText } from '../../api/error_text';
import { CovarianceAccumulator, pcaFromAccumulator } from './pca';
import type { FirstLoadRequest, JobReply, LoadRequest } from './projection_messages';

const post = (reply: JobReply, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(reply, transfer);

async function runLoad(job: LoadRequest): Promise<void> {
  const started = performance.now();
  const response = await fetch(job.url);
  if (!response.ok) throw new Error(serverErrorText(await response.text()) || `HTTP ${response.status}`);
  const dims = job.dims;
  const rowBytes = 4 * dims;
  const length = Number(response.headers.get('Content-Length') ?? NaN);
  if (Number.isFinite(length) && length % rowBytes !== 0) {
    throw new Error(`the tensor's ${length} bytes do not make rows of ${dims} float32 values`);
  }
  let bytes = new Uint8Array(Number.isFinite(length) ? length : 1 << 20);
  let filled = 0;
  let accumulator = Number.isFinite(length) ? new CovarianceAccumulator(length / rowBytes, dims) : null;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (filled + value.length > bytes.length) {
      if (accumulator) throw new Error('the tensor is longer than its Content-Length');
      const grown = new Uint8Array(Math.max(bytes.length * 2, filled + value.length));
      grown.set(bytes.subarray(0, filled));
      bytes = grown;
    }
    bytes.set(value, filled);
    filled += value.length;
    // Rows complete so far go into the covariance while the rest downloads.
    if (accumulator) accumulator.addRows(new Float32Array(bytes.buffer, 0, Math.floor(filled / rowBytes) * dims), Math.floor(filled / rowBytes));
  }
  const downloadMs = performance.now() - started;
  if (filled % rowBytes !== 0 || (Number.isFinite(length) && filled !== length)) {
    throw new Error(`received ${filled} bytes, which do not make rows of ${dims} float32 values`);
  }
  const rows = filled / rowBytes;
  const values = new Float32Array(bytes.buffer, 0, rows * dims);
  if (!accumulator) {
    accumulator = new CovarianceAccumulator(rows, dims);
    accumulator.addRows(values, rows);
  }
  const result = pcaFromAccumulator(values, accumulator, job.components, job.project);
  post(
    { kind: 'loaded', values, rows, dims, downloadMs, pcaMs: performance.now() - started - downloadMs, pca: result },
    [values.buffer, result.projected.buffer],
  );
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const text = await response.text();
  if (!response.ok) throw new Error(serverErrorText(text) || `HTTP ${response.status}`);
  return JSON.parse(text);
}

async function runFirstLoad(job: FirstLoadRequest): Promise<void> {
  const runs = (await getJson(`${job.base}runs`)) as string[];
  const run = runs[0];
  if (run === undefined) {
    post({ kind: 'chosen', runs });
    return;
  }
  const config = (await getJson(`${job.base}info?${new URLSearchParams({ run })}`)) as {
    embeddings?: { tensorName: string; tensorShape?: number[] }[];
  };
  const first = config.embeddings?.[0];
  post({ kind: 'chosen', runs, run, tensorName: first?.tensorName, config, requestedAt: performance.timeOrigin + performance.now() });
  if (!first) return;
  const url = `${job.base}tensor?${new URLSearchParams({ run, name: first.tensorName })}`;
  await runLoad({ kind: 'load', url, dims: first.tensorShape?.[1] ?? 1, components: job.components, project: job.project });
}

self.onmessage = async (event: MessageEvent<LoadRequest | FirstLoadRequest>) => {
  const message = event.data;
  try {
    if (message.kind === 'load') await runLoad(message);
    else await runFirstLoad(message);
    post({ kind: 'done' });
  } catch (e) {
    post({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
