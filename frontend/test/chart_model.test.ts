import { describe, expect, it } from 'vitest';
import {
  buildLines,
  buildModel,
  pointsForWidth,
  withSmoothing,
  yExtent,
} from '../src/plugins/scalars/chart_model';

const series = [
  { run: 'a', tag: 't', step: [0, 10, 20], wall_time: [100, 160, 220], value: [1, NaN, 3] },
  { run: 'b', tag: 't', step: [5, 15], wall_time: [50, 80], value: [-2, 4] },
];
const color = (run: string) => (run === 'a' ? '#111111' : '#222222');

describe('chart model', () => {
  it('picks the x column for each axis, relative time starting at 0 per run', () => {
    expect(Array.from(buildLines(series, 'step', 0, color)[1].x)).toEqual([5, 15]);
    expect(Array.from(buildLines(series, 'wall', 0, color)[0].x)).toEqual([100, 160, 220]);
    expect(Array.from(buildLines(series, 'relative', 0, color)[0].x)).toEqual([0, 60, 120]);
  });

  it('keeps raw and smoothed columns per run and the x extent over all runs', () => {
    const model = buildModel(buildLines(series, 'step', 0.5, color));
    expect(model.lines.length).toBe(2);
    expect(Array.from(model.lines[0].raw)).toEqual([1, NaN, 3]);
    // Smoothed a, w = 0.5: 1, NaN passes through, then (0.5*0.5 + 0.5*3) / 0.75.
    expect(model.lines[0].smoothed[0]).toBeCloseTo(1, 12);
    expect(model.lines[0].smoothed[1]).toBeNaN();
    expect(model.lines[0].smoothed[2]).toBeCloseTo(2.3333333333333335, 12);
    expect(model.xExtent).toEqual([0, 20]);
  });

  it('widens a single-step extent so the axis has a span', () => {
    const one = [{ run: 'a', tag: 't', step: [7], wall_time: [1], value: [2] }];
    expect(buildModel(buildLines(one, 'step', 0, color)).xExtent).toEqual([6, 8]);
    expect(buildModel([]).xExtent).toEqual([0, 1]);
  });

  it('re-smooths without touching the raw columns', () => {
    const model = buildModel(buildLines(series, 'step', 0, color));
    const resmoothed = withSmoothing(model, 0.5);
    expect(resmoothed.lines[1].raw).toBe(model.lines[1].raw);
    expect(resmoothed.xExtent).toBe(model.xExtent);
    // b, w = 0.5: last = 0.5 * (-1) + 0.5 * 4 = 1.5 after two points, debiased by 0.75.
    expect(resmoothed.lines[1].smoothed[1]).toBeCloseTo(1.5 / 0.75, 12);
    expect(model.lines[1].smoothed[1]).toBe(4);
  });

  it('computes the y extent over raw values inside the x range', () => {
    const lines = buildLines(series, 'step', 0, color);
    // Inside steps [4, 16]: NaN (skipped), -2, 4 -> span 6, padding 1.2.
    const [lo, hi] = yExtent(lines, 4, 16, false, false);
    expect(lo).toBeCloseTo(-3.2, 12);
    expect(hi).toBeCloseTo(5.2, 12);
  });
});

describe('pointsForWidth', () => {
  it('asks for about one point per pixel, in steps of 100, at least 100', () => {
    expect(pointsForWidth(0)).toBe(100);
    expect(pointsForWidth(450)).toBe(500);
    expect(pointsForWidth(500)).toBe(500);
    expect(pointsForWidth(1201)).toBe(1300);
  });
});
