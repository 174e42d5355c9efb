import { describe, expect, it } from 'vitest';
import { nearestIndex, stepRangeForX } from '../src/charts/x_lookup';

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
