// The tensor-loading worker: fetches the server's PCA of one tensor (the `pca` route: every row
// projected, float16 coordinates, 0.6 MB for 100k rows) and hands it over for the first paint (or,
// when the page asked for it as it opened and painted from it, is told the rows only), then downloads the
// tensor's values and hands them over; where the server does not decompose the tensor (over 128
// columns, or an error), downloads the tensor running PCA as the bytes arrive and hands the values
// over with their projection. For the first tensor it also chooses it (run list, then that run's
// config). Kept apart from projection.worker.ts (t-SNE, UMAP) so its script is small and the
// download starts as soon as possible after the page opens (prefetch.ts). One job per worker.
import { serverErrorText } from '../../api/error_text';
import { CovarianceAccumulator, pcaFromAccumulator } from './pca';
import { type ServerPca, parsePca } from './pca_answer';
import { type FirstLoadRequest, type JobReply, type LoadRequest, SERVER_PCA_MAX_DIMS } from './projection_messages';

const post = (reply: JobReply, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(reply, transfer);

/** `url`'s answer; a failure throws with the server's error text. */
async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(serverErrorText(await response.text()) || `HTTP ${response.status}`);
  return response;
}

async function fetchPca(url: string): Promise<ServerPca> {
  const buffer = await (await fetchOk(url)).arrayBuffer();
  return parsePca(buffer, new URL(url).searchParams.get('coords') === 'float16');
}

/** The tensor's values alone (its PCA already handed over): the browser's own reading of the body,
 * no copy per chunk here. */
async function loadValues(url: string, rows: number, dims: number, started: number, pcaMs: number): Promise<void> {
  const response = await fetchOk(url);
  const buffer = await response.arrayBuffer();
  if (buffer.byteLength !== rows * dims * 4) {
    throw new Error(`received ${buffer.byteLength} bytes, not ${rows} rows of ${dims} float32 values`);
  }
  const values = new Float32Array(buffer);
  post({ kind: 'loaded', values, rows, dims, downloadMs: performance.now() - started, pcaMs }, [buffer]);
}

async function runLoad(job: LoadRequest): Promise<void> {
  if (job.valuesOnly) {
    await loadValues(job.url, job.valuesOnly.rows, job.dims, performance.now(), 0);
    return;
  }
  if (job.pcaUrl) {
    const started = performance.now();
    const first = await fetchPca(job.pcaUrl).catch(() => null);
    if (first && first.dims === job.dims) {
      const pcaMs = performance.now() - started;
      post({ kind: 'projected', rows: first.rows, dims: first.dims, pca: first.pca, pcaMs }, [first.pca.projected.buffer]);
      await loadValues(job.url, first.rows, first.dims, started, pcaMs);
      return;
    }
  }
  const started = performance.now();
  const response = await fetchOk(job.url);
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
  const query = new URLSearchParams({ run, name: first.tensorName });
  const dims = first.tensorShape?.[1] ?? 1;
  const pca = new URLSearchParams({
    run,
    name: first.tensorName,
    components: String(job.components),
    project: String(job.project),
    coords: 'float16',
  });
  await runLoad({
    kind: 'load',
    url: `${job.base}tensor?${query}`,
    pcaUrl: job.serverPca && dims <= SERVER_PCA_MAX_DIMS ? `${job.base}pca?${pca}` : undefined,
    dims,
    components: job.components,
    project: job.project,
  });
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
