import { describe, expect, it } from 'vitest';
import { linearScale, niceStep, niceTicks, niceTimeTicks, niceWallTimeTicks } from '../../src/charts/ticks';
import { mixColors, parseColor } from '../../src/charts/canvas_chart';

describe('ticks', () => {
  it('rounds spacings up to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0.3)).toBe(0.5);
    expect(niceStep(1.65)).toBe(2);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(0)).toBe(0);
  });

  it('places round ticks inside the range', () => {
    expect(niceTicks(0, 1, 5).values).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-3.3, 3.3, 4).values).toEqual([-2, 0, 2]);
    expect(niceTicks(5, 5, 4).values).toEqual([5]);
    expect(niceTicks(NaN, 1, 4).values).toEqual([]);
  });

  it('maps linearly, and a degenerate domain to the middle', () => {
    expect(linearScale(0, 10, 100, 200)(2.5)).toBe(125);
    expect(linearScale(3, 3, 0, 50)(7)).toBe(25);
  });
});

describe('colours', () => {
  it('parses hex and rgb() colours and mixes them', () => {
    expect(parseColor('#ff7043')).toEqual([255, 112, 67]);
    expect(parseColor('#fff')).toEqual([255, 255, 255]);
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(mixColors('#000000', '#ffffff', 0.5)).toBe('rgb(128, 128, 128)');
    expect(mixColors('#ff0000', '#0000ff', 0)).toBe('rgb(255, 0, 0)');
  });
});

describe('time ticks', () => {
  it('falls on round seconds, minutes and hours', () => {
    // 117 s in at most 2 ticks → 60 s apart.
    expect(niceTimeTicks(0, 117, 2).values).toEqual([0, 60]);
    expect(niceTimeTicks(0, 100, 5).values).toEqual([0, 30, 60, 90]);
    expect(niceTimeTicks(1700000000, 1700007200, 3)).toEqual({ values: [1700002800, 1700006400], step: 3600 });
    expect(niceTimeTicks(0, 0.5, 5).values).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
  });
});

describe('wall-time ticks', () => {
  // 2024-03-01 00:00 UTC.
  const day = 1709251200;
  it('puts day ticks on local midnight, not UTC midnight', () => {
    const utcMinus5 = () => -5 * 3600;
    const { values, step } = niceWallTimeTicks(day, day + 4 * 86400, 4, utcMinus5);
    expect(step).toBe(86400);
    // Local midnight in UTC−5 is 05:00 UTC.
    expect(values).toEqual([0, 1, 2, 3].map((k) => day + k * 86400 + 5 * 3600));
  });
  it('puts hour ticks on the local hour in a half-hour time zone', () => {
    const utcPlus530 = () => 5.5 * 3600;
    const { values, step } = niceWallTimeTicks(day, day + 4 * 3600, 4, utcPlus530);
    expect(step).toBe(3600);
    // Local hours in UTC+5:30 fall at :30 UTC.
    expect(values).toEqual([0, 1, 2, 3].map((k) => day + 1800 + k * 3600));
  });
  it('keeps the local hours across a daylight-saving change', () => {
    // UTC+1 until day + 2 h (UTC), UTC+2 after.
    const change = day + 2 * 3600;
    const offsetAt = (t: number) => (t < change ? 3600 : 7200);
    const { values } = niceWallTimeTicks(day, day + 5 * 3600, 5, offsetAt);
    const localHours = values.map((v) => ((v + offsetAt(v)) / 3600) % 24);
    expect(localHours.every((h) => Number.isInteger(h))).toBe(true);
    expect(values.every((v, i) => i === 0 || v > values[i - 1])).toBe(true);
    expect(values[0]).toBeGreaterThanOrEqual(day);
    expect(values[values.length - 1]).toBeLessThanOrEqual(day + 5 * 3600);
  });
  it('is niceTimeTicks in UTC and below a second', () => {
    expect(niceWallTimeTicks(day, day + 4 * 86400, 4, () => 0)).toEqual(niceTimeTicks(day, day + 4 * 86400, 4));
    expect(niceWallTimeTicks(day, day + 0.5, 5, () => 3600)).toEqual(niceTimeTicks(day, day + 0.5, 5));
  });
});
