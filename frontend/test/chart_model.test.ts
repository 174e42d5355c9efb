import { describe, expect, it } from 'vitest';
import {
  buildLines,
  buildModel,
  drawnColumn,
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

  it('builds one raw and one smoothed facet per run and the x extent over all runs', () => {
    const model = buildModel(buildLines(series, 'step', 0.5, color), false);
    expect(model.raw.length).toBe(3);
    expect(model.raw[1]![1]).toEqual([1, null, 3]);
    // Smoothed a, w = 0.5: 1, NaN passes through, then (0.5*0.5 + 0.5*3) / 0.75.
    expect(model.smoothed[1]![1][0]).toBeCloseTo(1, 12);
    expect(model.smoothed[1]![1][1]).toBeNull();
    expect(model.smoothed[1]![1][2]).toBeCloseTo(2.3333333333333335, 12);
    expect(model.xExtent).toEqual([0, 20]);
  });

  it('drops non-positive values on a log axis', () => {
    expect(drawnColumn(Float64Array.from([-2, 0, 4, Infinity]), true)).toEqual([null, null, 4, null]);
  });

  it('re-smooths without touching the raw facets', () => {
    const model = buildModel(buildLines(series, 'step', 0, color), false);
    const resmoothed = withSmoothing(model, 0.5);
    expect(resmoothed.raw).toBe(model.raw);
    // b, w = 0.5: last = 0.5 * (-1) + 0.5 * 4 = 1.5 after two points, debiased by 0.75.
    expect(resmoothed.smoothed[2]![1][1]).toBeCloseTo(1.5 / 0.75, 12);
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
