import { describe, expect, it } from 'vitest';
import { linearScale, niceStep, niceTicks, niceTimeTicks } from '../../src/charts/ticks';
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
