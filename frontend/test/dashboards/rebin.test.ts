import { describe, expect, it } from 'vitest';
import { timeCoordinates } from '../../src/charts/time_axis';
import { bucketAt, toHistogramSeries } from '../../src/plugins/histograms/histogram_data';
import { binCount, binRange, rebinBuckets, rebinSeries } from '../../src/plugins/histograms/rebin';

function buckets(list: [number, number, number][]) {
  return {
    left: Float64Array.from(list.map((b) => b[0])),
    right: Float64Array.from(list.map((b) => b[1])),
    count: Float64Array.from(list.map((b) => b[2])),
  };
}

describe('rebinBuckets', () => {
  it('shares a bucket among the bins it overlaps, in proportion to the overlap', () => {
    // [0,2) holds 4 (2 per unit) → bins 0 and 1 get 2 each; [2,3) holds 3 → bin 2.
    const out = new Float64Array(4);
    rebinBuckets(buckets([[0, 2, 4], [2, 3, 3]]), 0, 2, 0, 4, out);
    expect(Array.from(out)).toEqual([2, 2, 3, 0]);
  });

  it('splits a bucket straddling a bin edge', () => {
    // [0.5, 1.5) holds 2 → half in [0, 1), half in [1, 2).
    const out = new Float64Array(2);
    rebinBuckets(buckets([[0.5, 1.5, 2]]), 0, 1, 0, 2, out);
    expect(Array.from(out)).toEqual([1, 1]);
  });

  it('puts a zero-width bucket (constant input) into one bin and drops what lies outside', () => {
    const out = new Float64Array(2);
    rebinBuckets(buckets([[2.5, 2.5, 50], [9, 10, 7]]), 0, 2, 2.25, 2.75, out);
    expect(Array.from(out)).toEqual([0, 50]);
  });

  it('keeps the right edge of the range in the last bin', () => {
    const out = new Float64Array(3);
    rebinBuckets(buckets([[2, 3, 6], [3, 3, 1]]), 0, 2, 0, 3, out);
    expect(Array.from(out)).toEqual([0, 0, 7]);
  });
});

describe('binRange', () => {
  it('widens a single value', () => {
    expect(binRange(0, 0)).toEqual([-0.5, 0.5]);
    expect(binRange(2.5, 2.5)).toEqual([2.25, 2.75]);
    expect(binRange(-1, 3)).toEqual([-1, 3]);
    expect(binRange(Infinity, -Infinity)).toEqual([-0.5, 0.5]);
  });
});

describe('toHistogramSeries and rebinSeries', () => {
  const answer: [number, number, [number, number, number][]][] = [
    [100, 0, [[-1, 0, 2], [0, 1, 6], [1, 2, 0]]],
    [110, 5, [[0, 1, 1], [1, 2, 3]]],
  ];

  it('flattens the buckets and takes the value range of non-empty buckets', () => {
    const s = toHistogramSeries(answer);
    expect(Array.from(s.steps)).toEqual([0, 5]);
    expect(Array.from(s.start)).toEqual([0, 3, 5]);
    expect(Array.from(s.count)).toEqual([2, 6, 0, 1, 3]);
    expect([s.xMin, s.xMax]).toEqual([-1, 2]);
    expect(Array.from(timeCoordinates('relative', s.steps, s.wallTimes))).toEqual([0, 10]);
    expect(Array.from(timeCoordinates('step', s.steps, s.wallTimes))).toEqual([0, 5]);
  });

  it('re-bins every step over the common range, row by row', () => {
    const r = rebinSeries(toHistogramSeries(answer), 3);
    expect([r.x0, r.x1, r.bins]).toEqual([-1, 2, 3]);
    expect(Array.from(r.counts)).toEqual([2, 6, 0, 0, 1, 3]);
    expect(r.maxCount).toBe(6);
  });

  it("handles TensorBoard's empty histogram (30 rows of zeros)", () => {
    const empty = Array.from({ length: 30 }, () => [0, 0, 0] as [number, number, number]);
    const r = rebinSeries(toHistogramSeries([[1, 0, empty]]), 4);
    expect([r.x0, r.x1, r.maxCount]).toEqual([-0.5, 0.5, 0]);
  });

  it('rejects answers of the wrong shape', () => {
    expect(() => toHistogramSeries({} as never)).toThrow(/expected a list/);
    expect(() => toHistogramSeries([[1, 2]] as never)).toThrow(/bad entry/);
  });

  it('finds the bucket holding a value', () => {
    const s = toHistogramSeries(answer);
    expect(bucketAt(s, 0, -0.5)).toBe(0);
    expect(bucketAt(s, 0, 0)).toBe(1);
    expect(bucketAt(s, 0, 2)).toBe(2);
    expect(bucketAt(s, 1, 1.5)).toBe(4);
    expect(bucketAt(s, 1, -0.5)).toBe(-1);
  });
});

describe('binCount', () => {
  it('uses one bin per two pixels for fine histograms', () => {
    const fine = Array.from({ length: 1500 }, (_, b) => [b, b + 1, 1] as [number, number, number]);
    expect(binCount(toHistogramSeries([[0, 0, fine]]), 400)).toBe(200);
  });

  it('uses no more bins than the source buckets spread over the common range', () => {
    // Step 0: 10 non-empty buckets over [0, 10); step 1: 10 over [10, 30). The common range is
    // [0, 30): step 0 is the finest, 10 buckets per 10 units → 30 bins.
    const a = Array.from({ length: 10 }, (_, b) => [b, b + 1, 1] as [number, number, number]);
    const b = Array.from({ length: 10 }, (_, k) => [10 + 2 * k, 12 + 2 * k, 1] as [number, number, number]);
    expect(binCount(toHistogramSeries([[0, 0, a], [1, 1, b]]), 400)).toBe(30);
    expect(binCount(toHistogramSeries([[0, 0, a.slice(0, 2)]]), 400)).toBe(16);
  });
});
