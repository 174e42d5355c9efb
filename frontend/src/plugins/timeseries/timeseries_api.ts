// The Time Series plugin's routes (plugins/timeseries/http_api.md): the tag listing of scalars,
// histograms and images, and `timeSeries`, many series in one POST (scalars as tbx's binary
// columns). `SeriesBatcher` gathers the requests cards make in the same task into few POSTs,
// answers each caller with its own entry, one caller per task, and leaves out callers that gave
// up (aborted) before their POST was sent. UI thread only.
import { HttpError, apiUrl, getJson, parseLenientJson, responseBytes } from '../../api/client';
import { decodeSeriesBinary } from '../../api/series_binary';
import { RequestBatcher } from '../../api/request_batcher';
import type { Column, NumberColumn, ScalarSeries } from '../../api/types';
import { postMacrotask } from './post_macrotask';

export interface BasicTagMapping {
  /** run → its tags (sorted). */
  runTagInfo: Record<string, string[]>;
  /** tag → description (safe HTML). */
  tagDescriptions: Record<string, string>;
}

export interface TimeSeriesTags {
  scalars: BasicTagMapping;
  histograms: BasicTagMapping;
  images: {
    tagDescriptions: Record<string, string>;
    /** tag → run → the most images at one step. */
    tagRunSampledInfo: Record<string, Record<string, { maxSamplesPerStep: number }>>;
  };
}

export type SeriesRequest =
  | { plugin: 'scalars'; tag: string; run?: string; points?: number }
  | { plugin: 'histograms'; tag: string; run: string }
  | { plugin: 'images'; tag: string; run: string; sample: number };

export interface ScalarPoint {
  wallTime: number;
  step: number;
  value: number | string;
}
export interface HistogramPoint {
  wallTime: number;
  step: number;
  bins: { min: number; max: number; count: number }[];
}
export interface ImagePoint {
  wallTime: number;
  step: number;
  imageId: string;
}

export interface SeriesAnswer<P = unknown> {
  plugin: string;
  tag: string;
  run?: string;
  sample?: number;
  runToSeries?: Record<string, P[]>;
  error?: string;
}

export function fetchTimeSeriesTags(signal?: AbortSignal): Promise<TimeSeriesTags> {
  return getJson<TimeSeriesTags>('data/plugin/timeseries/tags', signal);
}

export function imageDataUrl(imageId: string): string {
  return apiUrl('data/plugin/timeseries/imageData', { imageId });
}

/** Sends one batch; the default POSTs multipart form data as TensorBoard's frontend does. */
export type PostRequests = (requests: readonly SeriesRequest[], signal: AbortSignal) => Promise<SeriesAnswer[]>;

export type ScalarRequest = Extract<SeriesRequest, { plugin: 'scalars' }>;
/** Sends one batch of scalars requests (distinct tags); answers every series in request order. */
export type PostScalarRequests = (requests: readonly ScalarRequest[], signal: AbortSignal) => Promise<ScalarSeries[]>;

const TIME_SERIES_URL = 'data/plugin/timeseries/timeSeries';

async function postForm(requests: readonly SeriesRequest[], format: 'json' | 'binary', signal: AbortSignal): Promise<Response> {
  const form = new FormData();
  form.append('requests', JSON.stringify(requests));
  if (format === 'binary') form.append('format', 'binary');
  const response = await fetch(TIME_SERIES_URL, { method: 'POST', body: form, signal });
  if (!response.ok) throw new HttpError(response.status, `${TIME_SERIES_URL}: ${response.status} ${await response.text()}`);
  return response;
}

export const postTimeSeries: PostRequests = async (requests, signal) =>
  parseLenientJson(await (await postForm(requests, 'json', signal)).text()) as SeriesAnswer[];

/** tbx's binary columns (`format=binary`, http_api.md): no JSON to parse, typed arrays as sent. */
export const postScalarColumns: PostScalarRequests = async (requests, signal) =>
  decodeSeriesBinary(await responseBytes(await postForm(requests, 'binary', signal)));

/**
 * `series` (consecutive series of one decoded answer) with their columns copied to one buffer of
 * their own, each in its own kind (float64, float32 or int32: the exact encoding the server chose),
 * so a card keeps only its own columns alive and not the whole POST's answer (the decoder's columns
 * are views on the answer's buffer, or on the one buffer it widened float32 offset columns into).
 * Run in the card's own delivery task (a POST's answer is megabytes: copying every card's columns
 * in the task that decoded it made one long task).
 */
export function ownColumns(series: ScalarSeries[]): ScalarSeries[] {
  const columns = series.flatMap((s) => [s.step, s.wall_time, s.value]);
  if (columns.length === 0 || columns.some((c) => Array.isArray(c))) return series;
  // Each column at a multiple of 8 bytes, so every kind of view fits.
  const padded = (c: Column) => Math.ceil(c.byteLength / 8) * 8;
  let bytes = 0;
  for (const c of columns as Column[]) bytes += padded(c);
  const buffer = new ArrayBuffer(bytes);
  let at = 0;
  const moved = (c: NumberColumn): Column => {
    const column = c as Column;
    const copy = new (column.constructor as new (b: ArrayBuffer, at: number, n: number) => Column)(buffer, at, column.length);
    // Same kind on both sides: a byte copy.
    (copy as Float64Array).set(column as Float64Array);
    at += padded(column);
    return copy;
  };
  return series.map((s) => ({ ...s, step: moved(s.step), wall_time: moved(s.wall_time), value: moved(s.value) }));
}

/**
 * Runs callbacks one per task, in order: each card's answer is then rendered and drawn in a task
 * of its own (postMacrotask), so a batch of answers never makes one long task.
 */
export class TaskQueue {
  private queue: (() => void)[] = [];
  private scheduled = false;

  run(callback: () => void): void {
    this.queue.push(callback);
    if (!this.scheduled) this.schedule();
  }

  private schedule(): void {
    this.scheduled = true;
    const next = () => {
      this.queue.shift()?.();
      if (this.queue.length > 0) this.schedule();
      else this.scheduled = false;
    };
    postMacrotask(next);
  }
}

/**
 * The grid's requests, batched: scalar cards' series as binary columns (`postScalarColumns`,
 * at most 4 cards a POST, so the first answers are drawn while the server reads the next and no
 * answer is so large that receiving it makes a long task (a card of 50 runs is about 600 KB), and
 * never one tag twice in a POST, as the answer names series by run and tag), other requests as
 * TensorBoard's JSON (`postTimeSeries`, at most 40 a POST). Answers reach their cards one per task.
 */
export class SeriesBatcher {
  private readonly deliver = new TaskQueue();
  private readonly json: RequestBatcher<SeriesRequest, SeriesAnswer>;
  private readonly columns: RequestBatcher<ScalarRequest, ScalarSeries[]>;

  constructor(
    post: PostRequests = postTimeSeries,
    maxBatch = 40,
    postScalars: PostScalarRequests = postScalarColumns,
    maxScalarBatch = 4,
  ) {
    this.json = new RequestBatcher<SeriesRequest, SeriesAnswer>(
      async (requests, signal) =>
        (await post(requests, signal)).map((answer) => (answer?.error ? new Error(answer.error) : answer)),
      (batch) => batch.length < maxBatch,
      this.deliver,
    );
    this.columns = new RequestBatcher<ScalarRequest, ScalarSeries[]>(
      async (requests, signal) => {
        // Series come request by request; a request's are those of its tag (tags are distinct).
        const series = await postScalars(requests, signal);
        let at = 0;
        return requests.map((r) => {
          const start = at;
          while (at < series.length && series[at].tag === r.tag) at++;
          return series.slice(start, at);
        });
      },
      // Never one tag twice in a POST: the answer names series by run and tag.
      (batch, request) => batch.length < maxScalarBatch && !batch.some((r) => r.tag === request.tag),
      this.deliver,
    );
  }

  /** How many POSTs were sent (for tests and tools). */
  get posts(): number {
    return this.json.sent + this.columns.sent;
  }

  /** The answer to `request`, sent with the others asked for in the same task. */
  request<P>(request: SeriesRequest, signal?: AbortSignal): Promise<SeriesAnswer<P>> {
    return this.json.request(request, signal) as Promise<SeriesAnswer<P>>;
  }

  /** The series of a scalars request, one per run holding the tag, as binary columns. */
  scalars(request: ScalarRequest, signal?: AbortSignal): Promise<ScalarSeries[]> {
    // Copied in the microtask that follows the card's delivery, so in the card's own task.
    return this.columns.request(request, signal).then(ownColumns);
  }
}

/** The series of the runs in `runs` (every series when `runs` is empty), in their order. */
export function seriesOfRuns(series: readonly ScalarSeries[], runs: readonly string[]): ScalarSeries[] {
  if (runs.length === 0) return [...series];
  const wanted = new Set(runs);
  return series.filter((s) => wanted.has(s.run));
}
