// The scalar chart code takes a binary answer's narrow columns (int32 steps and wall times, float32
// values) as they are: every result built from them equals the one built from the same numbers in
// float64 columns, and the series' own columns are used without a copy.
import { describe, expect, it } from 'vitest';
import type { Column, ScalarSeries } from '../src/api/types';
import { nearestIndex, stepRangeForX } from '../src/charts/x_lookup';
import { buildLines, buildModel, relativeTime, withSmoothing, yExtent } from '../src/plugins/scalars/chart_model';
import { seriesToCsv, seriesToJson } from '../src/plugins/scalars/csv_export';
import { type PlotView, traceLine } from '../src/plugins/scalars/line_layer';
import { RunPointIndex } from '../src/plugins/scalars/run_point_index';
import { ownColumns } from '../src/plugins/timeseries/timeseries_api';

/** Runs of `n` points: steps every 3, wall times a second apart, float32-exact values with gaps. */
function numbers(runs: number, n: number) {
  return Array.from({ length: runs }, (_, r) => {
    const step = Array.from({ length: n }, (_, i) => 3 * i + r);
    const wall = Array.from({ length: n }, (_, i) => 1_700_000_000 + 100 * r + i);
    const value = Array.from({ length: n }, (_, i) => {
      if (i % 97 === 5) return NaN;
      if (i === 7) return r % 2 ? Infinity : -Infinity;
      if (i === 11) return -0;
      // Positive and negative values for the linear and log axes; a few outliers.
      return Math.fround(Math.exp(-i / 400) * (1 + 0.3 * Math.sin(i + r)) * (i % 501 === 9 ? 1e4 : 1) - (r === 2 ? 0.5 : 0));
    });
    return { run: `run ${r}`, tag: 'loss', step, wall, value };
  });
}

const RUNS = numbers(3, 2000);
const wide: ScalarSeries[] = RUNS.map(({ run, tag, step, wall, value }) => ({
  run,
  tag,
  step: Float64Array.from(step),
  wall_time: Float64Array.from(wall),
  value: Float64Array.from(value),
}));
const narrow: ScalarSeries[] = RUNS.map(({ run, tag, step, wall, value }) => ({
  run,
  tag,
  step: Int32Array.from(step),
  wall_time: Int32Array.from(wall),
  value: Float32Array.from(value),
}));
const color = (run: string) => (run.endsWith('0') ? '#111111' : '#222222');
const view: PlotView = { xMin: 100, xMax: 5000, yMin: -0.6, yMax: 1.4, logY: false, width: 300, height: 200 };

/** The path operations of `traceLine`, as text. */
function traced(xs: Column, ys: Column, v: PlotView): string[] {
  const ops: string[] = [];
  traceLine(
    {
      moveTo: (x, y) => ops.push(`M ${x} ${y}`),
      lineTo: (x, y) => ops.push(`L ${x} ${y}`),
      rect: (x, y) => ops.push(`R ${x} ${y}`),
    },
    xs,
    ys,
    v,
  );
  return ops;
}

describe('narrow columns', () => {
  it('hold the same numbers as the float64 ones (the test data are exact in them)', () => {
    for (let r = 0; r < RUNS.length; r++) {
      for (const key of ['step', 'wall_time', 'value'] as const) expect(Array.from(narrow[r][key])).toEqual(Array.from(wide[r][key]));
    }
  });

  it('build the same lines, extents and smoothing on every axis, taking the columns without a copy', () => {
    for (const axis of ['step', 'wall', 'relative'] as const) {
      const fromWide = buildModel(buildLines(wide, axis, 0.6, color));
      const fromNarrow = buildModel(buildLines(narrow, axis, 0.6, color));
      expect(fromNarrow.xExtent).toEqual(fromWide.xExtent);
      fromNarrow.lines.forEach((line, r) => {
        const other = fromWide.lines[r];
        expect(line.step).toBe(narrow[r].step);
        expect(line.wallTime).toBe(narrow[r].wall_time);
        expect(line.raw).toBe(narrow[r].value);
        if (axis === 'step') expect(line.x).toBe(narrow[r].step);
        for (const key of ['step', 'wallTime', 'x', 'raw', 'smoothed'] as const) expect(Array.from(line[key])).toEqual(Array.from(other[key]));
        // Smoothing is computed, in float64, whatever the values' kind.
        expect(line.smoothed).toBeInstanceOf(Float64Array);
        expect([0, 1, 1999].map((i) => relativeTime(line, i))).toEqual([0, 1, 1999].map((i) => relativeTime(other, i)));
      });
      const [x0, x1] = fromWide.xExtent;
      for (const [logY, ignoreOutliers] of [
        [false, false],
        [false, true],
        [true, false],
        [true, true],
      ]) {
        expect(yExtent(fromNarrow.lines, x0, x1, logY, ignoreOutliers)).toEqual(yExtent(fromWide.lines, x0, x1, logY, ignoreOutliers));
        // Zoomed in: only part of each line counts.
        const mid = (x0 + x1) / 2;
        expect(yExtent(fromNarrow.lines, mid, x1, logY, ignoreOutliers)).toEqual(yExtent(fromWide.lines, mid, x1, logY, ignoreOutliers));
      }
      const resmoothed = withSmoothing(fromNarrow, 0.9, true);
      expect(resmoothed.lines.map((l) => Array.from(l.smoothed))).toEqual(withSmoothing(fromWide, 0.9).lines.map((l) => Array.from(l.smoothed)));
    }
  });

  it('draw the same paths, find the same points and steps, and export the same text', () => {
    const fromWide = buildLines(wide, 'step', 0, color);
    const fromNarrow = buildLines(narrow, 'step', 0, color);
    for (const v of [view, { ...view, logY: true, yMin: 0.01, yMax: 10 }, { ...view, xMin: 2500.5, xMax: 2600 }]) {
      fromNarrow.forEach((line, r) => expect(traced(line.x, line.raw, v)).toEqual(traced(fromWide[r].x, fromWide[r].raw, v)));
      const narrowIndex = RunPointIndex.build(fromNarrow.map((l) => ({ x: l.x, y: l.raw })), v);
      const wideIndex = RunPointIndex.build(fromWide.map((l) => ({ x: l.x, y: l.raw })), v);
      expect(narrowIndex.size).toBe(wideIndex.size);
      for (const [px, py] of [
        [10, 10],
        [150, 120],
        [299, 199],
      ]) {
        expect(narrowIndex.nearest(px, py, 2)).toEqual(wideIndex.nearest(px, py, 2));
      }
    }
    for (const target of [-5, 0, 1000.4, 1000.6, 1e9]) {
      expect(fromNarrow.map((l) => nearestIndex(l.x, target))).toEqual(fromWide.map((l) => nearestIndex(l.x, target)));
    }
    const range = (lines: typeof fromWide) => stepRangeForX(lines.map((l) => l.x), lines.map((l) => l.step), 300.5, 1200);
    expect(range(fromNarrow)).toEqual(range(fromWide));
    expect(seriesToCsv(narrow)).toBe(seriesToCsv(wide));
    expect(seriesToJson(narrow)).toBe(seriesToJson(wide));
  });

  it("move a Time Series card's columns to a buffer of their own, each kept in its kind", () => {
    const moved = ownColumns(narrow);
    moved.forEach((s, r) => {
      expect(s.step).toBeInstanceOf(Int32Array);
      expect(s.wall_time).toBeInstanceOf(Int32Array);
      expect(s.value).toBeInstanceOf(Float32Array);
      expect(s.value).not.toBe(narrow[r].value);
      expect((s.step as Int32Array).buffer).toBe((moved[0].value as Float32Array).buffer);
      for (const key of ['step', 'wall_time', 'value'] as const) expect(Array.from(s[key])).toEqual(Array.from(narrow[r][key]));
    });
  });
});
