// Time Series grid logic: which cards the listing gives (per kind, per run, in order), pin keys,
// and the batcher's one-POST-per-task behaviour, answers in order, errors and aborted callers.
import { describe, expect, it } from 'vitest';
import { rebinnedToSeries } from '../src/plugins/histograms/histogram_data';
import { cardKey, cardsByTag, runsWithData } from '../src/plugins/timeseries/card_specs';
import {
  type SeriesAnswer,
  type SeriesRequest,
  SeriesBatcher,
  type ScalarRequest,
  ownColumns,
  seriesOfRuns,
} from '../src/plugins/timeseries/timeseries_api';

const TAGS = {
  scalars: {
    runTagInfo: { train: ['loss', 'acc'], eval: ['loss'] },
    tagDescriptions: { loss: '<p>The <em>loss</em></p>' },
  },
  histograms: { runTagInfo: { train: ['weights'], eval: ['weights'] }, tagDescriptions: {} },
  images: { tagDescriptions: {}, tagRunSampledInfo: { loss: { eval: { maxSamplesPerStep: 2 } } } },
};
const ALL = { scalars: true, histograms: true, images: true };

describe('cardsByTag', () => {
  it('gives one scalar card per tag and one card per run for histograms and images', () => {
    const byTag = cardsByTag(TAGS, ['eval', 'train'], ALL);
    expect([...byTag.keys()].sort()).toEqual(['acc', 'loss', 'weights']);
    expect(byTag.get('loss')!.map((c) => [c.kind, c.run, c.runs, c.allRuns, c.samples])).toEqual([
      ['scalars', '', ['eval', 'train'], true, 1],
      ['images', 'eval', ['eval'], false, 2],
    ]);
    expect(byTag.get('loss')![0].description).toBe('The loss');
    expect(byTag.get('weights')!.map((c) => c.key)).toEqual(['histograms\neval\nweights', 'histograms\ntrain\nweights']);
  });

  it('leaves out deselected runs and hidden kinds', () => {
    const byTag = cardsByTag(TAGS, ['train'], { scalars: true, histograms: false, images: true });
    expect(byTag.get('loss')!.map((c) => [c.kind, c.runs, c.allRuns])).toEqual([['scalars', ['train'], false]]);
    expect(byTag.has('weights')).toBe(false);
    expect(cardsByTag(TAGS, [], ALL).size).toBe(0);
  });

  it('keys scalar cards by tag and per-run cards by run and tag', () => {
    expect(cardKey('scalars', 'a/b')).toBe('scalars\na/b');
    expect(cardKey('images', 'a/b', 'run')).toBe('images\nrun\na/b');
    expect(runsWithData(TAGS).sort()).toEqual(['eval', 'train']);
  });
});

describe('SeriesBatcher', () => {
  const fakePost = (log: SeriesRequest[][]) => async (requests: readonly SeriesRequest[]) => {
    log.push([...requests]);
    return requests.map(
      (r): SeriesAnswer =>
        r.tag === 'bad' ? { plugin: r.plugin, tag: r.tag, error: 'Missing run' } : { plugin: r.plugin, tag: r.tag, runToSeries: {} },
    );
  };

  it('sends the requests of one task in one POST and answers each in order', async () => {
    const log: SeriesRequest[][] = [];
    const batcher = new SeriesBatcher(fakePost(log));
    const answers = await Promise.all(
      ['a', 'b', 'c'].map((tag) => batcher.request({ plugin: 'scalars', tag })),
    );
    expect(answers.map((a) => a.tag)).toEqual(['a', 'b', 'c']);
    expect(log).toHaveLength(1);
    expect(batcher.posts).toBe(1);
  });

  it('splits large batches, rejects per-request errors and skips aborted callers', async () => {
    const log: SeriesRequest[][] = [];
    const batcher = new SeriesBatcher(fakePost(log), 2);
    const gone = new AbortController();
    const kept = [batcher.request({ plugin: 'scalars', tag: 'a' }), batcher.request({ plugin: 'scalars', tag: 'b' })];
    const aborted = batcher.request({ plugin: 'scalars', tag: 'x' }, gone.signal);
    const bad = batcher.request({ plugin: 'images', tag: 'bad', run: 'r', sample: 0 });
    gone.abort();
    await expect(aborted).rejects.toThrow('Aborted');
    await expect(bad).rejects.toThrow('Missing run');
    await Promise.all(kept);
    expect(log.map((batch) => batch.map((r) => r.tag))).toEqual([['a', 'b'], ['bad']]);
  });
});

describe('SeriesBatcher scalars', () => {
  // The server's binary answer: for each request in order, one series per run holding the tag.
  const runsOf: Record<string, string[]> = { loss: ['train', 'eval'], acc: ['train'], none: [] };
  const fakeColumns = (log: ScalarRequest[][]) => async (requests: readonly ScalarRequest[]) => {
    log.push([...requests]);
    return requests.flatMap((r) =>
      (runsOf[r.tag] ?? []).map((run) => ({ run, tag: r.tag, step: [r.points ?? 0], wall_time: [0], value: [0] })),
    );
  };
  const unused = async () => [];

  it('asks binary columns for scalar cards and gives each card the series of its tag', async () => {
    const log: ScalarRequest[][] = [];
    const batcher = new SeriesBatcher(unused, 40, fakeColumns(log));
    const [loss, none, acc] = await Promise.all(
      ['loss', 'none', 'acc'].map((tag) => batcher.scalars({ plugin: 'scalars', tag, points: 100 })),
    );
    expect(log.map((batch) => batch.map((r) => r.tag))).toEqual([['loss', 'none', 'acc']]);
    expect(loss.map((s) => [s.run, s.tag])).toEqual([['train', 'loss'], ['eval', 'loss']]);
    expect(none).toEqual([]);
    expect(acc.map((s) => s.run)).toEqual(['train']);
    expect(batcher.posts).toBe(1);
  });

  it('never sends one tag twice in a POST, and splits large batches', async () => {
    const log: ScalarRequest[][] = [];
    const batcher = new SeriesBatcher(unused, 40, fakeColumns(log), 2);
    const [wide, narrow] = await Promise.all([
      batcher.scalars({ plugin: 'scalars', tag: 'loss', points: 800 }),
      batcher.scalars({ plugin: 'scalars', tag: 'loss', points: 400 }),
      batcher.scalars({ plugin: 'scalars', tag: 'acc' }),
      batcher.scalars({ plugin: 'scalars', tag: 'none' }),
    ]);
    expect(log.map((batch) => batch.map((r) => r.tag))).toEqual([['loss', 'acc'], ['loss', 'none']]);
    expect(wide.map((s) => s.step[0])).toEqual([800, 800]);
    expect(narrow.map((s) => s.step[0])).toEqual([400, 400]);
  });

  it('answers each card in a task of its own', async () => {
    const batcher = new SeriesBatcher(unused, 40, fakeColumns([]));
    const events: string[] = [];
    const answered = ['loss', 'acc'].map((tag) =>
      batcher.scalars({ plugin: 'scalars', tag }).then(() => {
        events.push(tag);
        // A microtask of the same task would run before this timer; the next card's task after.
        queueMicrotask(() => events.push(`${tag} microtask`));
      }),
    );
    await Promise.all(answered);
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toEqual(['loss', 'loss microtask', 'acc', 'acc microtask']);
  });
});

describe('SeriesBatcher scalar columns', () => {
  // One binary answer for two tags: every column a view on the same buffer, as decoded.
  const shared = (requests: readonly ScalarRequest[]) => {
    const buffer = new ArrayBuffer(requests.length * 3 * 2 * 8);
    return requests.map((r, k) => {
      const column = (c: number, values: number[]) => {
        const view = new Float64Array(buffer, (k * 3 + c) * 16, 2);
        view.set(values);
        return view;
      };
      return { run: 'train', tag: r.tag, step: column(0, [k, k + 1]), wall_time: column(1, [10, 11]), value: column(2, [k * 2, k * 3]) };
    });
  };

  it("gives each card its own columns' buffer, not the whole answer's, with the same values", async () => {
    const batcher = new SeriesBatcher(async () => [], 40, async (requests) => shared(requests));
    const [loss, acc] = await Promise.all(['loss', 'acc'].map((tag) => batcher.scalars({ plugin: 'scalars', tag })));
    expect(batcher.posts).toBe(1);
    expect([...loss[0].step, ...loss[0].value]).toEqual([0, 1, 0, 0]);
    expect([...acc[0].step, ...acc[0].value]).toEqual([1, 2, 2, 3]);
    const lossBuffer = (loss[0].step as Float64Array).buffer;
    expect((acc[0].step as Float64Array).buffer).not.toBe(lossBuffer);
    // A card's buffer holds its three columns only.
    expect(lossBuffer.byteLength).toBe(3 * 2 * 8);
    expect((loss[0].value as Float64Array).buffer).toBe(lossBuffer);
  });

  it('sends at most four cards in one POST by default', async () => {
    const log: string[][] = [];
    const batcher = new SeriesBatcher(async () => [], 40, async (requests) => {
      log.push(requests.map((r) => r.tag));
      return shared(requests);
    });
    await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((tag) => batcher.scalars({ plugin: 'scalars', tag })));
    expect(log).toEqual([['a', 'b', 'c', 'd'], ['e', 'f']]);
  });
});

describe('seriesOfRuns', () => {
  it('keeps the series of the wanted runs, or all when none are named', () => {
    const series = ['train', 'eval', 'test'].map((run) => ({ run, tag: 'loss', step: [0], wall_time: [1], value: [2] }));
    expect(seriesOfRuns(series, ['test', 'train']).map((s) => s.run)).toEqual(['train', 'test']);
    expect(seriesOfRuns(series, []).map((s) => s.run)).toEqual(['train', 'eval', 'test']);
  });
});

describe('rebinnedToSeries', () => {
  it('lays the server bins out as equal buckets per step', () => {
    const series = rebinnedToSeries({ x0: 0, x1: 3, bins: 3, step: [1, 4], wall_time: [10, 20], counts: [2, 0, 1, 0, 0, 0] });
    expect([...series.steps]).toEqual([1, 4]);
    expect([...series.start]).toEqual([0, 3, 6]);
    expect([...series.left.slice(0, 3)]).toEqual([0, 1, 2]);
    expect([...series.right.slice(0, 3)]).toEqual([1, 2, 3]);
    expect([...series.count]).toEqual([2, 0, 1, 0, 0, 0]);
    expect([series.xMin, series.xMax]).toEqual([0, 3]);
    expect(() => rebinnedToSeries({ x0: 0, x1: 1, bins: 2, step: [1], wall_time: [1], counts: [1] })).toThrow('not shaped');
  });

  it('draws the float32 counts in place, and negative or missing counts as empty bins', () => {
    const clean = new Float32Array([0, 5, 0, 0, 2, 0, 0, 0]);
    const drawn = rebinnedToSeries({ x0: 0, x1: 4, bins: 4, step: [1, 2], wall_time: [1, 2], counts: clean }).prebinned!;
    expect(drawn.counts).toBe(clean);
    expect(drawn.maxCount).toBe(5);

    const odd = new Float32Array([1, -2, NaN, 0, 0, 0, 3, 0]);
    const series = rebinnedToSeries({ x0: 0, x1: 4, bins: 4, step: [1, 2], wall_time: [1, 2], counts: odd });
    expect([...series.prebinned!.counts]).toEqual([1, 0, 0, 0, 0, 0, 3, 0]);
    expect(series.prebinned!.maxCount).toBe(3);
    // The buckets keep what the server sent; the answer is not changed.
    expect([...series.count]).toEqual([1, -2, NaN, 0, 0, 0, 3, 0]);
    expect(odd[1]).toBe(-2);
    // The non-empty range: bin 0 (step 1) to bin 2 (step 2).
    expect([series.xMin, series.xMax]).toEqual([0, 3]);
  });

  it('spans the whole range when every bin is empty', () => {
    const series = rebinnedToSeries({ x0: -1, x1: 1, bins: 2, step: [1], wall_time: [1], counts: new Float32Array(2) });
    expect([series.xMin, series.xMax]).toEqual([-1, 1]);
    expect(series.prebinned!.maxCount).toBe(0);
  });
});

describe('ownColumns', () => {
  it("copies a card's columns, views on an answer or widened, to one buffer of their own", () => {
    const answer = new Float64Array([0, 1, 2, 3, 4, 5, 6, 7]);
    const widened = Float64Array.from([9, 8]);
    const [s] = ownColumns([
      { run: 'r', tag: 't', step: answer.subarray(1, 3), wall_time: widened, value: new Float32Array(answer.buffer, 40, 2) },
    ]);
    expect([...s.step, ...s.wall_time]).toEqual([1, 2, 9, 8]);
    expect([...s.value]).toEqual([...new Float32Array(answer.buffer, 40, 2)]);
    expect(s.value).toBeInstanceOf(Float32Array);
    expect((s.step as Float64Array).buffer).not.toBe(answer.buffer);
    expect((s.step as Float64Array).buffer).toBe((s.value as Float32Array).buffer);
    expect((s.step as Float64Array).buffer).toBe((s.wall_time as Float64Array).buffer);
    expect((s.step as Float64Array).buffer.byteLength).toBe(2 * 8 + 2 * 8 + 8);
  });
});
