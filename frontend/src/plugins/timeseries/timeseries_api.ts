// The Time Series plugin's routes (plugins/timeseries/http_api.md): the tag listing of scalars,
// histograms and images, and `timeSeries`, many series in one POST. `SeriesBatcher` gathers the
// requests cards make in the same task into one POST (at most `maxBatch` each), answers each
// caller with its own entry, and leaves out callers that gave up (aborted) before it was sent.
// UI thread only.
import { HttpError, apiUrl, getJson, numberColumn, parseLenientJson } from '../../api/client';

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

export const postTimeSeries: PostRequests = async (requests, signal) => {
  const form = new FormData();
  form.append('requests', JSON.stringify(requests));
  const url = 'data/plugin/timeseries/timeSeries';
  const response = await fetch(url, { method: 'POST', body: form, signal });
  const body = await response.text();
  if (!response.ok) throw new HttpError(response.status, `${url}: ${response.status} ${body}`);
  return parseLenientJson(body) as SeriesAnswer[];
};

interface Pending {
  request: SeriesRequest;
  resolve: (answer: SeriesAnswer) => void;
  reject: (error: unknown) => void;
  signal?: AbortSignal;
}

export class SeriesBatcher {
  /** How many POSTs were sent (for tests and tools). */
  posts = 0;
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly post: PostRequests = postTimeSeries,
    private readonly maxBatch = 40,
  ) {}

  /** The answer to `request`, sent with the others asked for in the same task. */
  request<P>(request: SeriesRequest, signal?: AbortSignal): Promise<SeriesAnswer<P>> {
    return new Promise<SeriesAnswer<P>>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new DOMException('Aborted', 'AbortError'));
        return;
      }
      this.pending.push({ request, resolve: resolve as (a: SeriesAnswer) => void, reject, signal });
      if (!this.scheduled) {
        this.scheduled = true;
        setTimeout(() => this.flush(), 0);
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const live = this.pending.filter((p) => !p.signal?.aborted);
    for (const p of this.pending) if (p.signal?.aborted) p.reject(new DOMException('Aborted', 'AbortError'));
    this.pending = [];
    for (let i = 0; i < live.length; i += this.maxBatch) this.send(live.slice(i, i + this.maxBatch));
  }

  private send(batch: Pending[]): void {
    const controller = new AbortController();
    let waiting = batch.length;
    for (const p of batch) {
      p.signal?.addEventListener('abort', () => {
        p.reject(new DOMException('Aborted', 'AbortError'));
        if (--waiting === 0) controller.abort();
      });
    }
    this.posts++;
    this.post(
      batch.map((p) => p.request),
      controller.signal,
    )
      .then((answers) => {
        batch.forEach((p, i) => {
          const answer = answers[i];
          if (!answer) p.reject(new Error('The server answered fewer series than asked for'));
          else if (answer.error) p.reject(new Error(answer.error));
          else p.resolve(answer);
        });
      })
      .catch((error: unknown) => batch.forEach((p) => p.reject(error)));
  }
}

/** Scalar answers in the columnar shape of the scalars `series` route, runs limited to `runs`. */
export function toScalarSeries(answer: SeriesAnswer<ScalarPoint>, runs: readonly string[] | null) {
  const wanted = runs && runs.length > 0 ? new Set(runs) : null;
  return Object.entries(answer.runToSeries ?? {})
    .filter(([run]) => !wanted || wanted.has(run))
    .map(([run, points]) => ({
      run,
      tag: answer.tag,
      step: points.map((p) => p.step),
      wall_time: points.map((p) => p.wallTime),
      value: numberColumn(points.map((p) => p.value)),
    }));
}
