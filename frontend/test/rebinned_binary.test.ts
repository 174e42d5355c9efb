import { describe, expect, it } from 'vitest';
import { rebinnedToSeries } from '../src/plugins/histograms/histogram_data';
import { decodeRebinnedBinary } from '../src/plugins/histograms/rebinned_binary';

/** The binary form of http_api.md, written field by field: steps, wall times, counts. */
function encode(x0: number, x1: number, bins: number, steps: number[], walls: number[], counts: number[], magic = 'TBXH', version = 1): ArrayBuffer {
  const n = steps.length;
  const buffer = new ArrayBuffer(32 + 16 * n + 4 * counts.length);
  const view = new DataView(buffer);
  for (let i = 0; i < 4; i++) view.setUint8(i, magic.charCodeAt(i));
  view.setUint32(4, version, true);
  view.setUint32(8, n, true);
  view.setUint32(12, bins, true);
  view.setFloat64(16, x0, true);
  view.setFloat64(24, x1, true);
  steps.forEach((s, i) => view.setFloat64(32 + 8 * i, s, true));
  walls.forEach((w, i) => view.setFloat64(32 + 8 * n + 8 * i, w, true));
  counts.forEach((c, i) => view.setFloat32(32 + 16 * n + 4 * i, c, true));
  return buffer;
}

describe('decodeRebinnedBinary', () => {
  it('reads the header and the columns in place', () => {
    const answer = decodeRebinnedBinary(encode(-1, 2, 3, [5, 9], [100.5, 101.25], [1, 0, 2.5, 0, 4, 0]));
    expect([answer.x0, answer.x1, answer.bins]).toEqual([-1, 2, 3]);
    expect(Array.from(answer.step)).toEqual([5, 9]);
    expect(Array.from(answer.wall_time)).toEqual([100.5, 101.25]);
    expect(Array.from(answer.counts)).toEqual([1, 0, 2.5, 0, 4, 0]);
  });

  it('rejects a body that is not the documented form', () => {
    expect(() => decodeRebinnedBinary(new ArrayBuffer(10))).toThrow('truncated header');
    expect(() => decodeRebinnedBinary(encode(0, 1, 1, [1], [1], [1], 'TBXS'))).toThrow('bad magic');
    expect(() => decodeRebinnedBinary(encode(0, 1, 1, [1], [1], [1], 'TBXH', 2))).toThrow('unsupported version');
    // Two bins announced, one count sent.
    expect(() => decodeRebinnedBinary(encode(0, 1, 2, [1], [1], [1]))).toThrow('1 steps of 2 bins');
  });

  it('gives a series that carries the server bins for the chart', () => {
    const series = rebinnedToSeries(decodeRebinnedBinary(encode(0, 3, 3, [1, 4], [10, 20], [2, 0, 1, 0, 0, 6])));
    expect([...series.steps]).toEqual([1, 4]);
    expect([...series.count]).toEqual([2, 0, 1, 0, 0, 6]);
    expect(series.prebinned).toMatchObject({ x0: 0, x1: 3, bins: 3, maxCount: 6 });
    expect([...series.prebinned!.counts]).toEqual([2, 0, 1, 0, 0, 6]);
  });

  it('draws no negative or missing count from a JSON answer', () => {
    const series = rebinnedToSeries({ x0: 0, x1: 2, bins: 2, step: [1], wall_time: [1], counts: ['NaN', -3] });
    expect([...series.prebinned!.counts]).toEqual([0, 0]);
    expect(series.prebinned!.maxCount).toBe(0);
  });
});
