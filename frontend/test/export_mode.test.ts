// Static exports: the request keys the page looks up (the same strings tbx export writes, see
// tests/export/export_unit_test.cc), and the client-side answer to zoomed scalar queries.
import { describe, expect, test } from 'vitest';
import { apiUrl } from '../src/api/client';
import { canonicalKey, fileId, isExported } from '../src/api/export_mode';
import { downsampleIndices, fullSeriesUrl, overviewUrl, sliceSeries } from '../src/api/export_series';

describe('canonicalKey', () => {
  test('sorts the encoded pairs, as the exporter does', () => {
    expect(canonicalKey('data/runs')).toBe('data/runs');
    expect(canonicalKey(apiUrl('data/plugin/images/images', { tag: 'a/b', run: 'train', sample: 0 }))).toBe(
      'data/plugin/images/images?run=train&sample=0&tag=a%2Fb',
    );
    expect(canonicalKey('x?run=b&run=a+b&run=a')).toBe('x?run=a&run=a+b&run=b');
    expect(canonicalKey('x?a=%C3%A9t%C3%A9&b=a%20b')).toBe('x?a=%C3%A9t%C3%A9&b=a+b');
  });

  test('an image URL from a listing query maps to the same key however it was encoded', () => {
    const listed = 'data/plugin/images/individualImage?blob_key=W1siYSJd&run=r%2F1&tag=t+1';
    expect(canonicalKey(listed)).toBe(canonicalKey('data/plugin/images/individualImage?tag=t%201&run=r/1&blob_key=W1siYSJd'));
  });

  test('the overview key of a tag', () => {
    expect(canonicalKey(overviewUrl('loss/total'))).toBe('tbx-export/scalars-overview?tag=loss%2Ftotal');
  });

  test('the full-series URL of a run and tag', () => {
    expect(canonicalKey(fullSeriesUrl('train', 'loss/total'))).toBe(
      'data/plugin/scalars/series?format=binary&points=0&run=train&tag=loss%2Ftotal',
    );
  });
});

test('a page served by tbx is not an export; data files are named by their stem', () => {
  expect(isExported()).toBe(false);
  expect(fileId('data/0123456789abcdef-2.js')).toBe('0123456789abcdef-2');
});

describe('downsampleIndices', () => {
  test('keeps every point within the budget or with no budget', () => {
    expect(downsampleIndices([1, 2, 3], 0)).toEqual([0, 1, 2]);
    expect(downsampleIndices([1, 2, 3], 3)).toEqual([0, 1, 2]);
  });

  test('keeps first, lowest, highest, first NaN and last of each bucket', () => {
    // 12 points, budget 8 -> 2 buckets of 6.
    const v = [5, 9, 1, 4, 4, 4, 3, NaN, 7, 0, 2, 6];
    expect(downsampleIndices(v, 8)).toEqual([0, 1, 2, 5, 6, 7, 8, 9, 11]);
  });
});

test('sliceSeries cuts to the step range, then to the budget', () => {
  const n = 100;
  const step = Float64Array.from({ length: n }, (_, i) => i * 10);
  const series = { run: 'r', tag: 't', step, wall_time: step.map((s) => s / 10), value: step.map((s) => Math.sin(s)) };
  const cut = sliceSeries(series, { points: 0, minStep: 200, maxStep: 290 });
  expect(Array.from(cut.step)).toEqual([200, 210, 220, 230, 240, 250, 260, 270, 280, 290]);
  expect(Array.from(cut.wall_time)).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
  const few = sliceSeries(series, { points: 8 });
  expect(few.step.length).toBeLessThanOrEqual(10);
  expect(few.step[0]).toBe(0);
  expect(few.step[few.step.length - 1]).toBe(990);
});
