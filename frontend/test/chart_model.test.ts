import { describe, expect, it } from 'vitest';
import {
  buildLines,
  buildModel,
  pointsForWidth,
  relativeTime,
  withSmoothing,
  yExtent,
} from '../src/plugins/scalars/chart_model';

const series = [
  { run: 'a', tag: 't', step: [0, 10, 20], wall_time: [100, 160, 220], value: [1, NaN, 3] },
  { run: 'b', tag: 't', step: [5, 15], wall_time: [50, 80], value: [-2, 4] },
];
const color = (run: string) => (run === 'a' ? '#111111' : '#222222');

describe('chart model', () => {
  it('keeps a band with raw and smoothed edges, and widens the y extent to it', () => {
    const banded = [{ run: 'm', tag: 't', step: [0, 1, 2], wall_time: [0, 1, 2], value: [1, 2, 3], lower: [0, 1, 2], upper: [4, 5, 9], note: ['x', 'y', 'z'] }];
    const lines = buildLines(banded, 'step', 0, color);
    expect(Array.from(lines[0].band!.lower)).toEqual([0, 1, 2]);
    expect(Array.from(lines[0].band!.upperSmoothed)).toEqual([4, 5, 9]);
    expect(lines[0].note).toEqual(['x', 'y', 'z']);
    expect(buildLines(series, 'step', 0, color)[0].band).toBeNull();
    // The extent covers the band (0 … 9), not only the values (1 … 3).
    const [lo, hi] = yExtent(lines, 0, 2, false, false);
    expect(lo).toBeLessThanOrEqual(0);
    expect(hi).toBeGreaterThanOrEqual(9);
    // Smoothing, w = 0.5, smooths the edges as the line: upper 4, then (0.5*2 + 0.5*5) / 0.75.
    const smoothed = withSmoothing(buildModel(lines), 0.5).lines[0].band!;
    expect(smoothed.upperSmoothed[0]).toBeCloseTo(4, 12);
    expect(smoothed.upperSmoothed[1]).toBeCloseTo(3.5 / 0.75, 12);
    expect(Array.from(smoothed.upper)).toEqual([4, 5, 9]);
  });

  it('picks the x column for each axis, relative time starting at 0 per run', () => {
    expect(Array.from(buildLines(series, 'step', 0, color)[1].x)).toEqual([5, 15]);
    expect(Array.from(buildLines(series, 'wall', 0, color)[0].x)).toEqual([100, 160, 220]);
    expect(Array.from(buildLines(series, 'relative', 0, color)[0].x)).toEqual([0, 60, 120]);
  });

  it('gives each point its relative time on every axis, without a column for it off a relative axis', () => {
    for (const axis of ['step', 'wall', 'relative'] as const) {
      const [a, b] = buildLines(series, axis, 0, color);
      expect([0, 1, 2].map((i) => relativeTime(a, i))).toEqual([0, 60, 120]);
      expect([0, 1].map((i) => relativeTime(b, i))).toEqual([0, 30]);
    }
    // Off a relative axis the line's x is the series' own column (no copy).
    const columns = series.map((s) => ({ ...s, step: Float64Array.from(s.step), wall_time: Float64Array.from(s.wall_time) }));
    expect(buildLines(columns, 'step', 0, color)[0].x).toBe(columns[0].step);
    expect(buildLines(columns, 'wall', 0, color)[0].x).toBe(columns[0].wall_time);
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

  it('gives every run columns of its own length, independent of the other runs', () => {
    const three = [...series, { run: 'c', tag: 't', step: [1, 2, 3, 4], wall_time: [10, 11, 13, 16], value: [8, 8, 8, 8] }];
    const lines = buildLines(three, 'relative', 0.5, color);
    expect(lines.map((l) => [l.x.length, l.smoothed.length])).toEqual([[3, 3], [2, 2], [4, 4]]);
    expect(Array.from(lines[2].x)).toEqual([0, 1, 3, 6]);
    expect(Array.from(lines[2].smoothed)).toEqual([8, 8, 8, 8]);
    // Re-smoothing one model leaves the columns of the model it came from as they were.
    const before = Array.from(lines[1].smoothed);
    const resmoothed = withSmoothing(buildModel(lines), 0.9);
    resmoothed.lines[1].smoothed.fill(0);
    expect(Array.from(lines[1].smoothed)).toEqual(before);
    expect(Array.from(resmoothed.lines[2].smoothed)).toEqual([8, 8, 8, 8]);
    expect(Array.from(resmoothed.lines[0].x)).toEqual([0, 60, 120]);
  });

  it('re-smooths in place into the same columns, giving what a fresh smoothing gives', () => {
    const banded = [
      ...series,
      { run: 'm', tag: 't', step: [0, 1, 2], wall_time: [0, 1, 2], value: [1, 2, 3], lower: [0, 1, 2], upper: [4, 5, 9] },
    ];
    const model = buildModel(buildLines(banded, 'step', 0.2, color));
    const columns = model.lines.map((l) => l.smoothed);
    const fresh = withSmoothing(model, 0.7);
    const inPlace = withSmoothing(model, 0.7, true);
    expect(inPlace.lines.map((l) => l.smoothed)).toEqual(columns);
    inPlace.lines.forEach((line, i) => {
      expect(line.smoothed).toBe(columns[i]);
      expect(Array.from(line.smoothed)).toEqual(Array.from(fresh.lines[i].smoothed));
      expect(line.raw).toBe(fresh.lines[i].raw);
    });
    // The band's smoothed edges too: upper 4, then (0.3*4*0.7 + 0.3*5) / (1 - 0.49).
    expect(inPlace.lines[2].band!.upperSmoothed[1]).toBeCloseTo((0.7 * 0.3 * 4 + 0.3 * 5) / 0.51, 12);
    expect(Array.from(inPlace.lines[2].band!.lowerSmoothed)).toEqual(Array.from(fresh.lines[2].band!.lowerSmoothed));
    expect(Array.from(inPlace.lines[2].band!.upper)).toEqual([4, 5, 9]);
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

  it('leaves infinities out of the y extent, and falls back when no value is finite', () => {
    const odd = [
      { run: 'a', tag: 't', step: [0, 1, 2], wall_time: [0, 1, 2], value: [Infinity, 2, -Infinity] },
      { run: 'b', tag: 't', step: [0, 1], wall_time: [0, 1], value: [NaN, -6] },
    ];
    // Finite values -6 and 2: span 8, padding 1.6.
    const [lo, hi] = yExtent(buildLines(odd, 'step', 0, color), 0, 2, false, false);
    expect(lo).toBeCloseTo(-7.6, 12);
    expect(hi).toBeCloseTo(3.6, 12);
    const none = [{ run: 'a', tag: 't', step: [0, 1], wall_time: [0, 1], value: [Infinity, NaN] }];
    expect(yExtent(buildLines(none, 'step', 0, color), 0, 1, false, false)).toEqual([-0.1, 1.1]);
    // Outside the x range nothing counts either.
    expect(yExtent(buildLines(series, 'step', 0, color), 100, 200, false, false)).toEqual([-0.1, 1.1]);
  });
});

describe('pointsForWidth', () => {
  it('asks for about one point per pixel, in steps of 100, at least 100', () => {
    expect(pointsForWidth(0)).toBe(100);
    expect(pointsForWidth(450)).toBe(500);
    expect(pointsForWidth(500)).toBe(500);
    expect(pointsForWidth(1201)).toBe(1300);
  });

  it('asks for fewer points per run once a chart of many runs passes 200,000 points', () => {
    // 400 runs × 500 points = 200,000: still one per pixel.
    expect(pointsForWidth(450, 400)).toBe(500);
    expect(pointsForWidth(450, 401)).toBe(490);
    expect(pointsForWidth(450, 1000)).toBe(200);
    expect(pointsForWidth(450, 5000)).toBe(40);
    // Never below 40 per run.
    expect(pointsForWidth(450, 100000)).toBe(40);
  });
});
