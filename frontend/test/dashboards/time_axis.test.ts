import { describe, expect, it } from 'vitest';
import { timeCoordinates, timeTickLabel, timeTicks } from '../../src/charts/time_axis';

describe('timeCoordinates', () => {
  const steps = Float64Array.from([0, 10, 25]);
  const wallTimes = Float64Array.from([1000, 1004.5, 1030]);

  it('places steps by step number, by seconds since the first step, or by wall time', () => {
    expect(Array.from(timeCoordinates('step', steps, wallTimes))).toEqual([0, 10, 25]);
    expect(Array.from(timeCoordinates('relative', steps, wallTimes))).toEqual([0, 4.5, 30]);
    expect(Array.from(timeCoordinates('wall', steps, wallTimes))).toEqual([1000, 1004.5, 1030]);
  });

  it('returns an empty column for no steps', () => {
    expect(timeCoordinates('relative', new Float64Array(0), new Float64Array(0)).length).toBe(0);
  });
});

describe('timeTicks', () => {
  it('puts step ticks on round numbers and time ticks on round minutes', () => {
    expect(timeTicks('step', 0, 3600, 4).values).toEqual([0, 1000, 2000, 3000]);
    expect(timeTicks('relative', 0, 3600, 4).values).toEqual([0, 900, 1800, 2700, 3600]);
    expect(timeTicks('wall', 120, 420, 2).values).toEqual([300]);
  });

  it('gives one tick for a single time', () => {
    expect(timeTicks('relative', 7, 7, 4).values).toEqual([7]);
  });
});

describe('timeTickLabel', () => {
  it('labels steps compactly, relative times as durations and wall times as clock times', () => {
    expect(timeTickLabel('step', 15000)).toBe('15k');
    expect(timeTickLabel('relative', 725)).toBe('12m 05s');
    expect(timeTickLabel('wall', new Date(2024, 0, 2, 3, 4, 5).getTime() / 1000)).toBe('03:04:05');
  });
});
