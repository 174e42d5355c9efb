// Gathers the series requests the Scalars dashboard's cards make in one task (the cards that come
// into view together) into few `/series` requests of several tags each, instead of one per card.
// A browser opens at most six connections to a server, and the live-update long poll holds one,
// so seven cards asking at once waited for a second round; fewer, larger answers also mean fewer
// renders and page layouts before the first screen is drawn.
//
// Requests batch together when they ask the same runs, points and step range; at most `maxTags`
// tags a request, so two or more requests share the server's cores and the first answers are
// drawn while later ones are read. Each caller gets its own tag's series; a caller that aborts is
// answered with an AbortError, and a request whose callers all aborted is aborted.
// Owned by one ScalarsDashboard; UI thread only.
import type { ScalarSeries } from '../../api/types';
import type { ScalarSeriesLoader } from './ScalarCard';

type SeriesQuery = Parameters<ScalarSeriesLoader>[0];

interface Pending {
  query: SeriesQuery;
  signal?: AbortSignal;
  resolve: (answer: { series: ScalarSeries[] }) => void;
  reject: (error: unknown) => void;
}

const abortError = () => new DOMException('Aborted', 'AbortError');

export class SeriesBatcher {
  /** Requests sent, for tests. */
  sent = 0;
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly send: ScalarSeriesLoader,
    private readonly maxTags = 4,
  ) {}

  /** A ScalarSeriesLoader answering through batches. */
  readonly load: ScalarSeriesLoader = (query, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      this.pending.push({ query, signal, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the task: every card mounted or shown by it has asked by then.
        setTimeout(() => this.flush(), 0);
      }
    });

  private flush(): void {
    this.scheduled = false;
    const groups = new Map<string, Pending[][]>();
    for (const p of this.pending) {
      if (p.signal?.aborted) {
        p.reject(abortError());
        continue;
      }
      const { runs, points, minStep, maxStep } = p.query;
      const key = JSON.stringify([runs, points, minStep ?? null, maxStep ?? null]);
      const batches = groups.get(key) ?? [];
      groups.set(key, batches);
      const tagsOf = (batch: Pending[]) => new Set(batch.flatMap((q) => q.query.tags));
      const fits = (batch: Pending[]) => {
        const tags = tagsOf(batch);
        for (const tag of p.query.tags) tags.add(tag);
        return tags.size <= this.maxTags;
      };
      const batch = batches.find(fits);
      if (batch) batch.push(p);
      else batches.push([p]);
    }
    this.pending = [];
    for (const batches of groups.values()) for (const batch of batches) this.sendBatch(batch);
  }

  private sendBatch(batch: Pending[]): void {
    const controller = new AbortController();
    let waiting = batch.length;
    for (const p of batch) {
      p.signal?.addEventListener(
        'abort',
        () => {
          p.reject(abortError());
          if (--waiting === 0) controller.abort();
        },
        { once: true },
      );
    }
    const tags = [...new Set(batch.flatMap((p) => p.query.tags))];
    this.sent++;
    this.send({ ...batch[0].query, tags }, controller.signal).then(
      (answer) => {
        for (const p of batch) {
          const wanted = new Set(p.query.tags);
          p.resolve({ series: answer.series.filter((s) => wanted.has(s.tag)) });
        }
      },
      (error: unknown) => batch.forEach((p) => p.reject(error)),
    );
  }
}
