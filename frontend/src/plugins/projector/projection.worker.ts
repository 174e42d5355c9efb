// The projection worker: runs one job off the UI thread: loading a tensor (PCA accumulated while it
// downloads), PCA, t-SNE or UMAP, posting progress and intermediate positions (t-SNE every few
// iterations, UMAP every few epochs). t-SNE can be paused and resumed; any job is cancelled by
// terminating the worker.
import { UMAP } from 'umap-js';
import { serverErrorText } from '../../api/error_text';
import { CovarianceAccumulator, pca, pcaFromAccumulator } from './pca';
import type { Control, FirstLoadRequest, JobReply, JobRequest, LoadRequest } from './projection_messages';
import { Tsne } from './tsne';

const post = (reply: JobReply, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(reply, transfer);

let paused = false;
let resume: (() => void) | null = null;
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function runTsne(job: Extract<JobRequest, { kind: 'tsne' }>): Promise<void> {
  let { values, dims } = job;
  if (dims > 50) {
    post({ kind: 'progress', phase: 'PCA to 50 dimensions', fraction: 0 });
    values = pca(values, job.rows, dims, 50).projected;
    dims = 50;
  }
  const tsne = new Tsne(
    values,
    job.rows,
    dims,
    { perplexity: job.perplexity, learningRate: job.learningRate, labels: job.labels, supervision: job.supervision },
    (fraction) => post({ kind: 'progress', phase: 'nearest neighbours', fraction }),
  );
  let lastPost = 0;
  let spent = 0;
  while (tsne.iteration < job.iterations) {
    if (paused) await new Promise<void>((r) => (resume = r));
    const started = performance.now();
    tsne.step();
    spent += performance.now() - started;
    const now = performance.now();
    if (now - lastPost > 50 || tsne.iteration === job.iterations) {
      lastPost = now;
      post({
        kind: 'positions',
        positions: tsne.positions.slice(),
        components: 2,
        iteration: tsne.iteration,
        msPerIteration: spent / tsne.iteration,
      });
      await tick();
    }
  }
}

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

async function runUmap(job: Extract<JobRequest, { kind: 'umap' }>): Promise<void> {
  const data: number[][] = [];
  for (let r = 0; r < job.rows; r++) data.push(Array.from(job.values.subarray(r * job.dims, (r + 1) * job.dims)));
  post({ kind: 'progress', phase: 'nearest neighbours', fraction: 0 });
  const umap = new UMAP({ nComponents: job.components, nNeighbors: Math.min(job.neighbours, job.rows - 1) });
  const epochs = umap.initializeFit(data);
  let lastPost = 0;
  const started = performance.now();
  for (let epoch = 0; epoch < epochs; epoch++) {
    umap.step();
    const now = performance.now();
    if (now - lastPost > 100 || epoch === epochs - 1) {
      lastPost = now;
      const embedding = umap.getEmbedding();
      const positions = new Float32Array(job.rows * job.components);
      embedding.forEach((row, i) => positions.set(row, i * job.components));
      post({
        kind: 'positions',
        positions,
        components: job.components,
        iteration: epoch + 1,
        msPerIteration: (now - started) / (epoch + 1),
      });
      post({ kind: 'progress', phase: 'epochs', fraction: (epoch + 1) / epochs });
      await tick();
    }
  }
}

self.onmessage = async (event: MessageEvent<JobRequest | Control>) => {
  const message = event.data;
  if (message.kind === 'pause') {
    paused = true;
    return;
  }
  if (message.kind === 'resume') {
    paused = false;
    resume?.();
    resume = null;
    return;
  }
  try {
    if (message.kind === 'load') {
      await runLoad(message);
    } else if (message.kind === 'first') {
      await runFirstLoad(message);
    } else if (message.kind === 'pca') {
      const result = pca(message.values, message.rows, message.dims, message.components, undefined, message.project);
      post(
        {
          kind: 'positions',
          positions: result.projected,
          components: result.projectedComponents,
          pca: { ...result, projected: new Float32Array(0) },
        },
        [result.projected.buffer],
      );
    } else if (message.kind === 'tsne') {
      await runTsne(message);
    } else {
      await runUmap(message);
    }
    post({ kind: 'done' });
  } catch (e) {
    post({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
