// Fetches the HTTP API with RELATIVE URLs only (`data/runs`, never `/data/runs`), so the app works
// under --path_prefix, behind proxies, over SSH forwards and inside iframes.
//
// JSON from the server may contain the bare tokens NaN, Infinity and -Infinity (TensorBoard writes
// Python floats that way) or the strings "NaN"/"Infinity"/"-Infinity"; scalar values become
// numbers here.
import { EarlyAnswers } from './early_answers';
import { serverErrorText } from './error_text';
import { isExported, loadExported } from './export_mode';
import { decodeSeriesBinary } from './series_binary';
import type {
  DataChanges,
  DataStatus,
  PluginsListing,
  ScalarSeries,
  ScalarTagList,
  ScalarTags,
  WindowProperties,
} from './types';

/** An HTTP failure with the status code and the server's error text. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Builds a relative URL `path?k=v&k=v…`; array values repeat the key. */
export function apiUrl(path: string, params: Record<string, string | number | string[] | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, v);
    else search.append(key, String(value));
  }
  const query = search.toString();
  if (path.startsWith('/')) throw new Error(`API paths must be relative, got ${path}`);
  return query ? `${path}?${query}` : path;
}

/**
 * Parses JSON that may hold the bare tokens NaN / Infinity / -Infinity (as Python writes them);
 * they become the strings "NaN", "Infinity", "-Infinity". Use `numberColumn` where numbers are
 * expected. Strings elsewhere (run and tag names) are never converted.
 */
export function parseLenientJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const fixed = text.replace(/("(?:[^"\\]|\\.)*")|-?Infinity|NaN/g, (match, str) =>
      str ? str : `"${match}"`,
    );
    return JSON.parse(fixed);
  }
}

/** A numeric column whose non-finite entries may be the strings "NaN", "Infinity", "-Infinity". */
export function numberColumn(values: readonly (number | string)[]): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' ? v : Number(v);
  }
  return out;
}

/** Throws an HttpError with the server's error text when `response` is not ok. */
async function throwIfFailed(url: string, response: Response): Promise<void> {
  if (!response.ok) await getText(url, undefined, response);
}

/**
 * The body of `response` as bytes, read as a Blob first: Chromium then keeps the body outside the
 * page while it arrives and hands it over in one piece, where `response.arrayBuffer()` copies each
 * chunk on the main thread as it arrives (some 45 ms of the main thread for the two megabytes of a
 * first screen of Scalars charts on a 2-core machine, against some 15 ms through a Blob).
 */
export async function responseBytes(response: Response): Promise<ArrayBuffer> {
  const blob = await response.blob();
  return blob.arrayBuffer();
}

/** The body of `url` as bytes; a failure throws an HttpError with the server's error text. */
export async function getArrayBuffer(url: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  return arrayBufferOf(url, await fetch(url, { signal }));
}

async function getText(url: string, signal?: AbortSignal, fetched?: Response, read?: Promise<string>): Promise<string> {
  const response = fetched ?? (await fetch(url, { signal, headers: { Accept: 'application/json' } }));
  const body = await (read ?? response.text());
  if (!response.ok) throw new HttpError(response.status, `${url}: ${response.status} ${serverErrorText(body)}`);
  return body;
}

/**
 * Answers asked for before their caller exists (`prefetch`), by URL, parsed once. Each is handed
 * to the first `getJson` of its URL within 10 s, and then forgotten, so later calls fetch afresh.
 */
const early = new EarlyAnswers<unknown>();

/**
 * Starts fetching `url` now for a `getJson` of it that will come soon: at start-up, the shell's
 * core requests and the first tab's listing leave while the app's code still loads, instead of
 * one after the other (runs → dashboard code → tags). Returns the parsed answer's promise, for a
 * caller that starts further requests from it (none in a static export); the JSON is parsed once,
 * for that caller and the `getJson` that takes it (a 5,000-run tag listing is megabytes).
 */
export function prefetch(url: string): Promise<unknown> | undefined {
  if (isExported()) return undefined;
  const known = early.peek(url);
  if (known) return known;
  // index.html's inline script may have started it already, before this code arrived.
  const started = takeStartedByPage(url);
  const body = started
    ? started.response.then((response) => getText(url, undefined, response, started.text))
    : getText(url);
  return early.put(url, body.then(parseLenientJson), undefined, started?.at);
}

/**
 * A request index.html started: when, its response, and its body read as soon as the response
 * arrived: a JSON answer's text, or for the Scalars first screen its bytes (null: the answer
 * failed, its body is left unread).
 */
export interface StartedByPage {
  at: number;
  response: Promise<Response>;
  text?: Promise<string>;
  bytes?: Promise<ArrayBuffer | null>;
}

declare global {
  interface Window {
    /** Requests index.html started before the app's code ran, by URL (each taken once). */
    __tbxEarly?: Record<string, StartedByPage>;
  }
}

/**
 * The requests index.html started whose URL begins with `prefix`, taken (each once): the Scalars
 * tab's first-screen series (early_series.ts).
 */
export function takeStartedByPageWithPrefix(prefix: string): (StartedByPage & { url: string })[] {
  const started = typeof window !== 'undefined' ? window.__tbxEarly : undefined;
  if (!started) return [];
  return Object.keys(started)
    .filter((url) => url.startsWith(prefix))
    .map((url) => ({ url, ...takeStartedByPage(url)! }));
}

/** The bytes of an answer to `url` already started; a failure throws an HttpError. */
export async function arrayBufferOf(url: string, response: Response): Promise<ArrayBuffer> {
  await throwIfFailed(url, response);
  return responseBytes(response);
}

function takeStartedByPage(url: string): StartedByPage | undefined {
  const started = typeof window !== 'undefined' ? window.__tbxEarly : undefined;
  const entry = started?.[url];
  if (entry) delete started[url];
  return entry;
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  // A static export answers from its files (export_mode.ts).
  if (isExported()) return (await loadExported(url, signal)) as T;
  const taken = early.take(url, undefined, signal);
  return (taken ? await taken : parseLenientJson(await getText(url, signal))) as T;
}

export const api = {
  runs: (signal?: AbortSignal) => getJson<string[]>('data/runs', signal),
  pluginsListing: (signal?: AbortSignal) => getJson<PluginsListing>('data/plugins_listing', signal),
  windowProperties: (signal?: AbortSignal) => getJson<WindowProperties>('data/window_properties', signal),
  status: (signal?: AbortSignal) => getJson<DataStatus>('data/status', signal),
  changes: (since: number, timeoutMs: number, signal?: AbortSignal) =>
    getJson<DataChanges>(apiUrl('data/changes', { since, timeout_ms: timeoutMs }), signal),
  scalarTags: (signal?: AbortSignal) => getJson<ScalarTags>('data/plugin/scalars/tags', signal),
  // A static export keeps TensorBoard's form only (src/export/site_exporter.cc): converted here.
  scalarTagList: async (signal?: AbortSignal) =>
    isExported()
      ? tagListOf(await getJson<ScalarTags>('data/plugin/scalars/tags', signal))
      : getJson<ScalarTagList>('data/plugin/scalars/tag_list', signal),
  scalarSeries: async (
    query: { tags: string[]; runs: string[]; points: number; minStep?: number; maxStep?: number },
    signal?: AbortSignal,
  ) => {
    if (isExported()) {
      // Only a static export (`tbx export`) reads its series from files: kept out of the first script.
      const { exportedScalarSeries } = await import('./export_series');
      return { series: await exportedScalarSeries(query, signal) };
    }
    // Binary columns (typed arrays, no JSON parse); see series_binary.ts.
    const url = apiUrl('data/plugin/scalars/series', {
      tag: query.tags,
      run: query.runs,
      points: query.points,
      min_step: query.minStep,
      max_step: query.maxStep,
      format: 'binary',
    });
    const series: ScalarSeries[] = decodeSeriesBinary(await getArrayBuffer(url, signal));
    return { series };
  },
};

/** The compact form (`ScalarTagList`) of TensorBoard's run → tag listing. */
export function tagListOf(tags: ScalarTags): ScalarTagList {
  const runs = Object.keys(tags);
  const byTag = new Map<string, ScalarTagList['tags'][number] & { runs: number[] }>();
  runs.forEach((run, index) => {
    for (const [tag, meta] of Object.entries(tags[run])) {
      const entry = byTag.get(tag);
      if (entry) entry.runs.push(index);
      else byTag.set(tag, { tag, displayName: meta.displayName, description: meta.description, runs: [index] });
    }
  });
  return { runs, tags: [...byTag.values()].map((t) => (t.runs.length === runs.length ? { ...t, runs: null } : t)) };
}

/** TensorBoard's own per-run download link (`format` csv or json). */
export function scalarsDownloadUrl(run: string, tag: string, format: 'csv' | 'json'): string {
  return apiUrl('data/plugin/scalars/scalars', {
    run,
    tag,
    format: format === 'csv' ? 'csv' : undefined,
  });
}
