import { describe, expect, it } from 'vitest';
import { lineLabels, marginBand } from '../src/plugins/custom_scalars/custom_data';
import { nearestPoint } from '../src/plugins/pr_curves/pr_data';

const entry = (recall: number[], precision: number[]) => ({
  wall_time: 0,
  step: 0,
  precision,
  recall,
  true_positives: recall.map(() => 1),
  false_positives: recall.map(() => 1),
  true_negatives: recall.map(() => 1),
  false_negatives: recall.map(() => 1),
  thresholds: recall.map((_, i) => i / Math.max(1, recall.length - 1)),
});

describe('nearestPoint', () => {
  it('finds the closest point over every curve', () => {
    const a = { run: 'a', color: 'red', entry: entry([1, 0.5, 0], [0.5, 0.7, 1]) };
    const b = { run: 'b', color: 'blue', entry: entry([1, 0.8], [0.6, 0.9]) };
    const nearest = nearestPoint([a, b], 0.78, 0.88)!;
    expect(nearest.curve.run).toBe('b');
    expect(nearest.index).toBe(1);
    expect(nearest.distance).toBeCloseTo(Math.hypot(0.02, 0.02), 10);
  });

  it('skips NaN points and answers null without points', () => {
    const a = { run: 'a', color: 'red', entry: entry([NaN, 0.2], [NaN, 0.3]) };
    expect(nearestPoint([a], 0, 0)!.index).toBe(1);
    expect(nearestPoint([], 0, 0)).toBeNull();
  });
});

describe('custom scalars series', () => {
  const series = (run: string, tag: string, step: number[], value: number[]) => ({ run, tag, step, wall_time: step, value });

  it('labels lines by run for one tag and by run and tag for several', () => {
    expect(lineLabels([series('r1', 'loss', [0], [1])]).map((s) => s.run)).toEqual(['r1']);
    expect(lineLabels([series('r1', 'a', [0], [1]), series('r1', 'b', [0], [1])]).map((s) => s.run)).toEqual(['r1: a', 'r1: b']);
  });

  it('aligns lower and upper on the value steps, NaN where one is missing', () => {
    const byTag = new Map([
      ['mean', series('r', 'mean', [0, 1, 2], [5, 6, 7])],
      ['lo', series('r', 'lo', [0, 2], [4, 6])],
      ['hi', series('r', 'hi', [1, 2, 3], [7, 8, 9])],
    ]);
    const band = marginBand('r', { value: 'mean', lower: 'lo', upper: 'hi' }, byTag)!;
    expect(band.step).toEqual([0, 1, 2]);
    expect(band.lower).toEqual([4, NaN, 6]);
    expect(band.upper).toEqual([NaN, 7, 8]);
    expect(marginBand('r', { value: 'missing', lower: 'lo', upper: 'hi' }, byTag)).toBeNull();
  });
});
