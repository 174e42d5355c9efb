// The projector plugin's data: runs with embeddings, each run's config (`info`), a tensor as a
// Float32Array (row-major float32 from `tensor`, fetched by the projection worker from
// tensorUrl()), its metadata TSV, sprite sheet and bookmarks. Pure apart from the fetches; UI
// thread.
import { HttpError, apiUrl, getJson } from '../../api/client';
import { serverErrorText } from '../../api/error_text';

export interface EmbeddingInfo {
  tensorName: string;
  tensorShape?: number[];
  tensorPath?: string;
  metadataPath?: string;
  bookmarksPath?: string;
  sprite?: { imagePath?: string; singleImageDim?: number[] };
}

export interface ProjectorConfig {
  modelCheckpointPath?: string;
  embeddings?: EmbeddingInfo[];
}

export interface Tensor {
  rows: number;
  dims: number;
  values: Float32Array;
}

const BASE = 'data/plugin/projector';

export function fetchRuns(signal?: AbortSignal): Promise<string[]> {
  return getJson<string[]>(apiUrl(`${BASE}/runs`), signal);
}

export function fetchInfo(run: string, signal?: AbortSignal): Promise<ProjectorConfig> {
  return getJson<ProjectorConfig>(apiUrl(`${BASE}/info`, { run }), signal);
}

async function fetchOk(url: string, signal?: AbortSignal): Promise<Response> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new HttpError(response.status, serverErrorText(await response.text()));
  return response;
}

/** The absolute URL of a tensor's row-major float32 values (the projection worker fetches it). */
export function tensorUrl(run: string, name: string): string {
  return new URL(apiUrl(`${BASE}/tensor`, { run, name }), location.href).href;
}

/** The absolute URL of the server's PCA of a tensor (`pca` route: components and every row's
 * coordinates on the first `project`). */
/** The `pca` route with float16 coordinates (half the bytes; the first paint's). */
export function pcaUrl(run: string, name: string, components: number, project: number): string {
  const query = { run, name, components: String(components), project: String(project), coords: 'float16' };
  return new URL(apiUrl(`${BASE}/pca`, query), location.href).href;
}

export async function fetchText(route: string, run: string, name: string, signal?: AbortSignal): Promise<string> {
  return (await fetchOk(apiUrl(`${BASE}/${route}`, { run, name }), signal)).text();
}

export function spriteUrl(run: string, name: string): string {
  return apiUrl(`${BASE}/sprite_image`, { run, name });
}
