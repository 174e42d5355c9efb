import { describe, expect, it } from 'vitest';
import type { ScalarSeries } from '../src/api/types';
import { SeriesBatcher } from '../src/plugins/scalars/series_batcher';

type Query = { tags: string[]; runs: string[]; points: number; minStep?: number; maxStep?: number };

/** A fake /series: records each request and answers every (run, tag) asked, tag by tag. */
function fakeServer() {
  const requests: { query: Query; signal?: AbortSignal }[] = [];
  const send = async (query: Query, signal?: AbortSignal) => {
    requests.push({ query, signal });
    const series: ScalarSeries[] = [];
    for (const tag of query.tags) {
      for (const run of query.runs.length > 0 ? query.runs : ['a', 'b']) {
        series.push({ run, tag, step: [query.points], wall_time: [0], value: [1] });
      }
    }
    return { series };
  };
  return { requests, send };
}

const card = (tag: string, runs: string[] = [], points = 500): Query => ({ tags: [tag], runs, points });

describe('SeriesBatcher', () => {
  it('sends the requests of one task as few requests of at most maxTags tags', async () => {
    const server = fakeServer();
    const batcher = new SeriesBatcher(server.send, 4);
    const answers = await Promise.all(['t1', 't2', 't3', 't4', 't5', 't6', 't7'].map((t) => batcher.load(card(t))));
    expect(server.requests.map((r) => r.query.tags)).toEqual([
      ['t1', 't2', 't3', 't4'],
      ['t5', 't6', 't7'],
    ]);
    // Each card gets its own tag's series only, in the server's run order.
    expect(answers[4].series.map((s) => [s.run, s.tag])).toEqual([
      ['a', 't5'],
      ['b', 't5'],
    ]);
    expect(batcher.sent).toBe(2);
  });

  it('never mixes different runs, points or step ranges in one request', async () => {
    const server = fakeServer();
    const batcher = new SeriesBatcher(server.send, 4);
    await Promise.all([
      batcher.load(card('t1', ['a'])),
      batcher.load(card('t2', ['b'])),
      batcher.load(card('t3', ['a'], 600)),
      batcher.load({ ...card('t4', ['a']), minStep: 5, maxStep: 9 }),
      batcher.load(card('t5', ['a'])),
    ]);
    expect(server.requests.map((r) => [r.query.tags, r.query.runs, r.query.points, r.query.minStep])).toEqual([
      [['t1', 't5'], ['a'], 500, undefined],
      [['t2'], ['b'], 500, undefined],
      [['t3'], ['a'], 600, undefined],
      [['t4'], ['a'], 500, 5],
    ]);
  });

  it('sends requests made in later tasks separately', async () => {
    const server = fakeServer();
    const batcher = new SeriesBatcher(server.send, 4);
    await batcher.load(card('t1'));
    await batcher.load(card('t2'));
    expect(server.requests.map((r) => r.query.tags)).toEqual([['t1'], ['t2']]);
  });

  it('answers an aborted caller with an AbortError and aborts a request nobody waits for', async () => {
    const server = fakeServer();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const signals: (AbortSignal | undefined)[] = [];
    const slow = async (query: Query, signal?: AbortSignal) => {
      signals.push(signal);
      await held;
      return server.send(query, signal);
    };
    const batcher = new SeriesBatcher(slow, 4);
    const first = new AbortController();
    const second = new AbortController();
    const a = batcher.load(card('t1'), first.signal);
    const b = batcher.load(card('t2'), second.signal);
    const c = batcher.load(card('t3', ['x']));
    await new Promise((r) => setTimeout(r, 5));
    expect(signals).toHaveLength(2);
    first.abort();
    await expect(a).rejects.toThrow(/Abort/);
    expect(signals[0]?.aborted).toBe(false);
    second.abort();
    await expect(b).rejects.toThrow(/Abort/);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[1]?.aborted).toBe(false);
    release();
    expect((await c).series.map((s) => s.tag)).toEqual(['t3']);
  });

  it('rejects every caller of a failed request', async () => {
    const batcher = new SeriesBatcher(async () => {
      throw new Error('500 boom');
    }, 4);
    const results = await Promise.allSettled([batcher.load(card('t1')), batcher.load(card('t2'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
