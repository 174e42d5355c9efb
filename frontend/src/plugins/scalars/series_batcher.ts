// The Scalars dashboard's `/series` requests, batched (api/request_batcher.ts): the cards that ask
// in one task share requests of several tags each. Requests batch together when they ask the same
// runs, points and step range; at most `maxTags` tags a request, so two or more requests share the
// server's cores and the first answers are drawn while later ones are read. Each caller gets its
// own tag's series. A card asking for what was asked for at start-up takes that answer instead
// (early_series.ts). Owned by one ScalarsDashboard; UI thread only.
import { RequestBatcher } from '../../api/request_batcher';
import type { ScalarSeries } from '../../api/types';
import type { ScalarSeriesLoader } from './ScalarCard';
import { takeEarlySeries } from './early_series';

type SeriesQuery = Parameters<ScalarSeriesLoader>[0];
type SeriesAnswer = { series: ScalarSeries[] };

const sameRange = (a: SeriesQuery, b: SeriesQuery) =>
  a.points === b.points &&
  (a.minStep ?? null) === (b.minStep ?? null) &&
  (a.maxStep ?? null) === (b.maxStep ?? null) &&
  a.runs.length === b.runs.length &&
  a.runs.every((run, i) => run === b.runs[i]);

export class SeriesBatcher {
  private readonly batcher: RequestBatcher<SeriesQuery, SeriesAnswer>;

  constructor(send: ScalarSeriesLoader, maxTags = 4) {
    this.batcher = new RequestBatcher<SeriesQuery, SeriesAnswer>(
      async (queries, signal) => {
        const tags = [...new Set(queries.flatMap((q) => q.tags))];
        const answer = await send({ ...queries[0], tags }, signal);
        return queries.map((q) => {
          const wanted = new Set(q.tags);
          return { series: answer.series.filter((s) => wanted.has(s.tag)) };
        });
      },
      (batch, query) =>
        sameRange(batch[0], query) && new Set([...batch.flatMap((q) => q.tags), ...query.tags]).size <= maxTags,
    );
  }

  /** Requests sent, for tests. */
  get sent(): number {
    return this.batcher.sent;
  }

  /** A ScalarSeriesLoader answering through batches, or from the answers asked for at start-up. */
  readonly load: ScalarSeriesLoader = (query, signal) => takeEarlySeries(query, signal) ?? this.batcher.request(query, signal);
}
