import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScalarTagList } from '../src/api/types';
import { CHART_POINT_BUDGET, pointsForWidth } from '../src/plugins/scalars/chart_model';
import {
  dashboardOrder,
  earlyAnswers,
  estimateGrid,
  firstScreenPlan,
  firstScreenRequests,
  sharePoints,
  startEarlySeries,
  takeEarlySeries,
  takeStartedFirstScreen,
  takeStartedFirstScreenRequests,
} from '../src/plugins/scalars/early_series';
import { SeriesBatcher } from '../src/plugins/scalars/series_batcher';
import { DEFAULT_VIEW } from '../src/state/view_state';

/** The benchmark's listing: `runs` runs, each with tags group_{i % 4}/metric_{i} for i < 20. */
function listing(runs: number, description = ''): ScalarTagList {
  return {
    runs: Array.from({ length: runs }, (_, r) => `run_${r}`),
    tags: Array.from({ length: 20 }, (_, i) => ({ tag: `group_${i % 4}/metric_${i}`, displayName: '', description, runs: null })),
  };
}

describe('the Scalars first-screen estimate', () => {
  it('matches the chart widths the page lays out', () => {
    // Measured in chromium on the Scalars tab: the .card__chart clientWidth.
    expect(estimateGrid(1400)).toEqual({ columns: 2, chartWidth: 506 });
    expect(estimateGrid(2000)).toEqual({ columns: 3, chartWidth: 526 });
    expect(estimateGrid(900)).toEqual({ columns: 1, chartWidth: 546 });
  });

  it('asks for the cards on screen, in the dashboard order and batches', () => {
    // The requests the dashboard itself sent for these windows (50 runs, 600 points per run).
    expect(firstScreenRequests(listing(50), DEFAULT_VIEW, 1400, 1000)).toEqual([
      { tags: ['group_0/metric_0', 'group_0/metric_4', 'group_0/metric_8', 'group_0/metric_12'], points: 600 },
      { tags: ['group_0/metric_16', 'group_1/metric_1', 'group_1/metric_5'], points: 600 },
    ]);
    expect(firstScreenRequests(listing(50), DEFAULT_VIEW, 900, 700)).toEqual([
      { tags: ['group_0/metric_0', 'group_0/metric_4', 'group_0/metric_8'], points: 600 },
    ]);
    expect(firstScreenRequests(listing(50), DEFAULT_VIEW, 2000, 1200).map((r) => r.tags.length)).toEqual([4, 4, 2]);
  });

  it('asks for fewer points per run when a chart has many runs', () => {
    // 1,000 runs: 200,000 points a chart in all, 200 per run.
    expect(firstScreenRequests(listing(1000), DEFAULT_VIEW, 900, 700)[0].points).toBe(200);
  });

  it('asks for nothing unless every run is drawn one by one and no tag is filtered', () => {
    for (const change of [{ runFilter: 'run_1' }, { deselected: ['run_0'] }, { tagFilter: 'loss' }, { groupRuns: '{"by":"regex"}' }]) {
      expect(firstScreenRequests(listing(50), { ...DEFAULT_VIEW, ...change }, 1400, 1000)).toEqual([]);
    }
  });

  it('counts a line of description in a card\'s height', () => {
    // 18 px taller rows: the first row of group_1 starts at 1052 px, below a 1000 px window.
    expect(firstScreenRequests(listing(50, 'what it is'), DEFAULT_VIEW, 1400, 1000)).toEqual([
      { tags: ['group_0/metric_0', 'group_0/metric_4', 'group_0/metric_8', 'group_0/metric_12'], points: 600 },
      { tags: ['group_0/metric_16'], points: 600 },
    ]);
    expect(firstScreenRequests({ runs: [], tags: [] }, DEFAULT_VIEW, 1400, 1000)).toEqual([]);
  });
});

describe('an early series answer', () => {
  const query = (points: number, extra = {}) => ({ tags: ['t'], runs: [] as string[], points, ...extra });

  it('serves a card asking for every run, no step range, and up to 25% fewer points', () => {
    expect(earlyAnswers(600, query(600))).toBe(true);
    expect(earlyAnswers(600, query(500))).toBe(true);
    expect(earlyAnswers(600, query(700))).toBe(false);
    expect(earlyAnswers(600, query(400))).toBe(false);
    expect(earlyAnswers(600, query(600, { runs: ['a'] }))).toBe(false);
    expect(earlyAnswers(600, query(600, { minStep: 0 }))).toBe(false);
    expect(earlyAnswers(600, query(600, { maxStep: 10 }))).toBe(false);
  });
});

/** A binary /series body (plugins/scalars/http_api.md) with one empty series per (run, tag). */
function body(names: [string, string][]): ArrayBuffer {
  const bytes: number[] = [];
  const u32 = (v: number) => bytes.push(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255);
  bytes.push(...[...'TBXS'].map((c) => c.charCodeAt(0)));
  u32(1);
  u32(names.length);
  u32(0);
  for (const [run, tag] of names) {
    u32(run.length);
    u32(tag.length);
    u32(0);
    u32(0);
    bytes.push(...[...run + tag].map((c) => c.charCodeAt(0)));
    while (bytes.length % 8) bytes.push(0);
  }
  return new Uint8Array(bytes).buffer;
}

describe('the early series store', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  const serve = (calls: string[]) => {
    globalThis.fetch = (async (url: string) => {
      calls.push(url);
      const tags = new URL(url, 'http://x/').searchParams.getAll('tag');
      return new Response(body(tags.flatMap((tag) => [['a', tag] as [string, string], ['b', tag] as [string, string]])));
    }) as typeof fetch;
  };

  it('hands each card its own tag of a shared request, once', async () => {
    const calls: string[] = [];
    serve(calls);
    startEarlySeries({ tags: ['x/1', 'x/2'], points: 600 });
    expect(calls).toEqual(['data/plugin/scalars/series?tag=x%2F1&tag=x%2F2&points=600&format=binary']);
    const first = await takeEarlySeries({ tags: ['x/2'], runs: [], points: 600 });
    expect(first?.series.map((s) => [s.run, s.tag])).toEqual([['a', 'x/2'], ['b', 'x/2']]);
    expect(takeEarlySeries({ tags: ['x/2'], runs: [], points: 600 })).toBeNull();
    // A card wanting other runs fetches its own (and the early answer is dropped).
    expect(takeEarlySeries({ tags: ['x/1'], runs: ['a'], points: 600 })).toBeNull();
    expect(takeEarlySeries({ tags: ['x/1'], runs: [], points: 600 })).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it('answers the dashboard batcher instead of the server when the query matches', async () => {
    const calls: string[] = [];
    serve(calls);
    startEarlySeries({ tags: ['y/1', 'y/2'], points: 600 });
    const sent: string[][] = [];
    const batcher = new SeriesBatcher(async (q) => {
      sent.push(q.tags);
      return { series: [] };
    });
    const [one, two] = await Promise.all([
      batcher.load({ tags: ['y/1'], runs: [], points: 500 }),
      batcher.load({ tags: ['y/2'], runs: [], points: 800 }),
    ]);
    expect(one.series.map((s) => s.tag)).toEqual(['y/1', 'y/1']);
    // 800 points are more than the early 600: asked of the server.
    expect(two.series).toEqual([]);
    expect(sent).toEqual([['y/2']]);
  });
});

/** index.html's `firstScreen` (between its <first-screen> markers), as a function. */
function inlineFirstScreen(): (width: number, height: number) => { points: number; tags: number } {
  const html = readFileSync(new URL('../index.html', import.meta.url), 'utf8');
  const code = html.slice(html.indexOf('// <first-screen>'), html.indexOf('// </first-screen>'));
  return new Function(`${code}; return firstScreen;`)();
}

describe('the first screen asked for by index.html', () => {
  it('is what firstScreenPlan says, for any window', () => {
    const inline = inlineFirstScreen();
    for (let width = 300; width <= 4000; width += 37) {
      for (const height of [300, 700, 1000, 1440, 3000]) {
        expect(inline(width, height), `${width}×${height}`).toEqual(firstScreenPlan(width, height));
      }
    }
    // 1400×1000: two columns of 506 px charts (600 points), four rows.
    expect(firstScreenPlan(1400, 1000)).toEqual({ points: 600, tags: 8 });
    // Every card firstScreenRequests would ask for is among the tags asked for by position.
    for (const [width, height] of [[1400, 1000], [900, 700], [2000, 1200], [2600, 1600]]) {
      const plan = firstScreenPlan(width, height);
      const wanted = firstScreenRequests(listing(50), DEFAULT_VIEW, width, height).flatMap((r) => r.tags);
      expect(dashboardOrder(listing(50)).slice(0, plan.tags)).toEqual(expect.arrayContaining(wanted));
      for (const r of firstScreenRequests(listing(50), DEFAULT_VIEW, width, height)) expect(r.points).toBe(plan.points);
    }
  });

  it('uses the charts\' point budget', () => {
    const html = readFileSync(new URL('../index.html', import.meta.url), 'utf8');
    expect(html).toContain(`&point_budget=${CHART_POINT_BUDGET}&`);
  });

  it('shares points among runs as a chart does', () => {
    for (const width of [300, 506, 526, 1200, 2500]) {
      const points = pointsForWidth(width, 1);
      for (const runs of [1, 50, 333, 999, 1000, 1001, 4999, 5000, 20000]) {
        expect(sharePoints(points, runs), `${width} px, ${runs} runs`).toBe(pointsForWidth(width, runs));
      }
    }
    expect(sharePoints(600, 5000)).toBe(40);
    expect(sharePoints(600, 5000, 0)).toBe(600);
  });

  it('hands each tag of a started request to its card, and fetches a tag the answer lacks', async () => {
    const calls: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string) => {
      calls.push(url);
      const tags = new URL(url, 'http://x/').searchParams.getAll('tag');
      return new Response(body(tags.map((tag) => ['run_0', tag] as [string, string])));
    }) as typeof fetch;
    try {
      const list: ScalarTagList = {
        runs: ['run_0', 'run_1'],
        tags: [
          { tag: 'b/metric_10', displayName: '', description: '', runs: null },
          { tag: 'b/metric_9', displayName: '', description: '', runs: [1] },
          { tag: 'a', displayName: '', description: '', runs: null },
        ],
      };
      // The server answered positions 1 and 2 (b/metric_9, b/metric_10) but, say, left b/metric_10 out.
      const answer = Promise.resolve({ series: decodeAnswer([['run_1', 'b/metric_9']]) });
      const handed = takeStartedFirstScreen(list, [{ offset: 1, count: 2, points: 600, budget: 800, at: performance.now(), answer }]);
      expect(handed).toEqual(['b/metric_9', 'b/metric_10']);
      // b/metric_9: 1 run × 600 ≤ 800 → 600 points; b/metric_10: 2 runs → 400 → at least 40, 400.
      expect(takeEarlySeries({ tags: ['b/metric_9'], runs: [], points: 700 })).toBeNull();
      const nine = await takeEarlySeries({ tags: ['b/metric_10'], runs: [], points: 400 });
      expect(nine?.series.map((s) => [s.run, s.tag])).toEqual([['run_0', 'b/metric_10']]);
      expect(calls).toEqual(['data/plugin/scalars/series?tag=b%2Fmetric_10&points=400&format=binary']);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});

describe('the first-screen answers index.html started', () => {
  const url = 'data/plugin/scalars/series?first_tags=4&tag_offset=4&points=600&point_budget=200000&format=binary';
  const withPage = async (entry: Record<string, unknown>, check: () => Promise<void>) => {
    const scope = globalThis as { window?: unknown };
    scope.window = { __tbxEarly: { [url]: { at: 12, ...entry } } };
    try {
      await check();
    } finally {
      delete scope.window;
    }
  };

  it('decode the body the page read, without reading the response again', async () => {
    const response = { ok: true, blob: () => Promise.reject(new Error('read twice')) } as unknown as Response;
    const bytes = Promise.resolve(body([['run_0', 'a/x']]));
    await withPage({ response: Promise.resolve(response), bytes }, async () => {
      const [started] = takeStartedFirstScreenRequests();
      expect(started).toMatchObject({ offset: 4, count: 4, points: 600, budget: 200000, at: 12 });
      expect((await started.answer).series.map((s) => [s.run, s.tag])).toEqual([['run_0', 'a/x']]);
      // Taken once.
      expect(takeStartedFirstScreenRequests()).toEqual([]);
    });
  });

  it('report a failed answer with the server\'s message', async () => {
    const failed = new Response('{"error": "Parameter first_tags must be at least 1"}', { status: 400 });
    await withPage({ response: Promise.resolve(failed), bytes: Promise.resolve(null) }, async () => {
      const [started] = takeStartedFirstScreenRequests();
      await expect(started.answer).rejects.toThrow(/400.*first_tags must be at least 1/);
    });
  });
});

describe('two first-screen answers index.html started', () => {
  const first = 'data/plugin/scalars/series?first_tags=4&tag_offset=0&points=600&point_budget=200000&format=binary';
  const second = 'data/plugin/scalars/series?first_tags=4&tag_offset=4&points=600&point_budget=200000&format=binary';
  const ok = { ok: true } as Response;
  const pending = <T,>() => {
    let resolve!: (value: T) => void;
    const promise = new Promise<T>((r) => (resolve = r));
    return { promise, resolve };
  };
  const flush = () => new Promise((r) => setTimeout(r, 0));
  const withPage = async (entries: Record<string, unknown>, check: () => Promise<void>) => {
    const scope = globalThis as { window?: unknown };
    scope.window = { __tbxEarly: entries };
    try {
      await check();
    } finally {
      delete scope.window;
    }
  };

  it('are handed over together when the second is arriving as the first is read', async () => {
    const secondBytes = pending<ArrayBuffer | null>();
    await withPage(
      {
        [first]: { at: 1, response: Promise.resolve(ok), bytes: Promise.resolve(body([['run_0', 'a/x']])) },
        [second]: { at: 1, response: Promise.resolve(ok), bytes: secondBytes.promise },
      },
      async () => {
        const started = takeStartedFirstScreenRequests();
        let firstDone = false;
        void started[0].answer.then(() => (firstDone = true));
        await flush();
        expect(firstDone).toBe(false);
        secondBytes.resolve(body([['run_0', 'b/y']]));
        const [a, b] = await Promise.all(started.map((s) => s.answer));
        expect(a.series.map((s) => s.tag)).toEqual(['a/x']);
        expect(b.series.map((s) => s.tag)).toEqual(['b/y']);
      },
    );
  });

  it('are not held for an answer the server has not started sending', async () => {
    const secondResponse = pending<Response>();
    await withPage(
      {
        [first]: { at: 1, response: Promise.resolve(ok), bytes: Promise.resolve(body([['run_0', 'a/x']])) },
        [second]: { at: 1, response: secondResponse.promise, bytes: pending<ArrayBuffer | null>().promise },
      },
      async () => {
        const started = takeStartedFirstScreenRequests();
        expect((await started[0].answer).series.map((s) => s.tag)).toEqual(['a/x']);
      },
    );
  });

  it('are not held for a failed one', async () => {
    const failed = new Response('{"error": "no"}', { status: 400 });
    await withPage(
      {
        [first]: { at: 1, response: Promise.resolve(ok), bytes: Promise.resolve(body([['run_0', 'a/x']])) },
        [second]: { at: 1, response: Promise.resolve(failed), bytes: Promise.resolve(null) },
      },
      async () => {
        const started = takeStartedFirstScreenRequests();
        expect((await started[0].answer).series.map((s) => s.tag)).toEqual(['a/x']);
        await expect(started[1].answer).rejects.toThrow(/400/);
      },
    );
  });
});

function decodeAnswer(names: [string, string][]) {
  return names.map(([run, tag]) => ({ run, tag, step: [], wall_time: [], value: [] }));
}
