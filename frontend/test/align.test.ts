import { describe, expect, it } from 'vitest';
import { alignSeries, nearestIndex, stepRangeForX } from '../src/charts/align';

describe('alignSeries', () => {
  it('joins x columns and leaves holes undefined, non-finite values null', () => {
    const out = alignSeries(
      [
        [1, 3],
        [2, 3],
      ],
      [
        [10, 30],
        [20, NaN],
      ],
    );
    expect(Array.from(out.x)).toEqual([1, 2, 3]);
    expect(out.ys[0]).toEqual([10, undefined, 30]);
    expect(out.ys[1]).toEqual([undefined, 20, null]);
  });

  it('keeps the last value of a repeated x', () => {
    const out = alignSeries([[5, 5, 6]], [[1, 2, 3]]);
    expect(Array.from(out.x)).toEqual([5, 6]);
    expect(out.ys[0]).toEqual([2, 3]);
  });

  it('rejects mismatched inputs', () => {
    expect(() => alignSeries([[1]], [])).toThrow(/1 x columns, 0 y columns/);
  });
});

describe('nearestIndex', () => {
  it('finds the nearest element, preferring the left one on ties', () => {
    const xs = [0, 10, 20];
    expect(nearestIndex(xs, 14)).toBe(1);
    expect(nearestIndex(xs, 16)).toBe(2);
    expect(nearestIndex(xs, 15)).toBe(1);
    expect(nearestIndex(xs, -5)).toBe(0);
    expect(nearestIndex(xs, 100)).toBe(2);
    expect(nearestIndex([], 1)).toBe(-1);
  });
});

describe('stepRangeForX', () => {
  it('maps an x range to the steps of the points inside it', () => {
    const wall = [
      [100, 200, 300],
      [150, 250],
    ];
    const steps = [
      [1, 2, 3],
      [10, 20],
    ];
    expect(stepRangeForX(wall, steps, 180, 260)).toEqual([2, 20]);
    expect(stepRangeForX(wall, steps, 400, 500)).toBeNull();
  });
});
