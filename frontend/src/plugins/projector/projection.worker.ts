// The projection worker: runs one job off the UI thread: PCA, t-SNE or UMAP, posting progress and
// intermediate positions (t-SNE every few iterations, UMAP every few epochs). t-SNE can be paused and resumed; any job is cancelled by
// terminating the worker. Loading a tensor is tensor_load.worker.ts's job (a smaller script, which
// starts sooner).
import { UMAP } from 'umap-js';
import { pca } from './pca';
import type { Control, JobReply, JobRequest } from './projection_messages';
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
    if (message.kind === 'pca') {
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
