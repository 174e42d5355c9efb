// Time Series grid logic: which cards the listing gives (per kind, per run, in order), pin keys,
// and the batcher's one-POST-per-task behaviour, answers in order, errors and aborted callers.
import { describe, expect, it } from 'vitest';
import { rebinnedToSeries } from '../src/plugins/histograms/histogram_data';
import { cardKey, cardsByTag, runsWithData } from '../src/plugins/timeseries/card_specs';
import {
  type SeriesAnswer,
  type SeriesRequest,
  SeriesBatcher,
  toScalarSeries,
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

describe('answer conversion', () => {
  it('turns scalar points into columns for the wanted runs', () => {
    const answer = {
      plugin: 'scalars',
      tag: 'loss',
      runToSeries: {
        train: [{ wallTime: 1, step: 0, value: 'NaN' }, { wallTime: 2, step: 5, value: 0.5 }],
        eval: [{ wallTime: 3, step: 1, value: 1 }],
      },
    };
    expect(toScalarSeries(answer, ['train'])).toEqual([
      { run: 'train', tag: 'loss', step: [0, 5], wall_time: [1, 2], value: [NaN, 0.5] },
    ]);
    expect(toScalarSeries(answer, []).map((s) => s.run)).toEqual(['train', 'eval']);
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
});
