// Turns fetched scalar series into what one chart draws: per-run x columns for the chosen x axis,
// raw and smoothed values (and, for a series with a band, its raw and smoothed lower and upper
// edges), and the axis extents.
// Pure functions; no DOM. Each run keeps its own x column, so runs logged at different steps or
// times cost nothing extra. The slider path (`withSmoothing`) recomputes only smoothed columns.
// A series' columns are taken as they come (`Column`: float64, or the int32 steps and float32
// values a binary answer sends when they are exact), never widened; computed columns (smoothed
// values, relative times, bands) are Float64Arrays.
import type { Column, ScalarSeries } from '../../api/types';
import type { XAxis } from '../../state/view_state';
import { smoothSeries } from './smoothing';
import { linearDomain, logDomain, paddedLinear } from './y_domain';

export { CHART_POINT_BUDGET, pointsForWidth } from './points_for_width';

/**
 * A scalar series as a chart takes it: optionally with a band around its values (lower and upper,
 * aligned with its points; NaN where unknown) and a note per point for the tooltip (a margin
 * chart's bounds, a run group's spread and run count).
 */
export interface ChartSeries extends ScalarSeries {
  lower?: readonly number[];
  upper?: readonly number[];
  note?: readonly string[];
}

/** The band of a line: raw and smoothed lower and upper edges. */
export interface LineBand {
  lower: Float64Array;
  upper: Float64Array;
  lowerSmoothed: Float64Array;
  upperSmoothed: Float64Array;
}

export interface RunLine {
  run: string;
  color: string;
  step: Column;
  wallTime: Column;
  /** The x column for the chosen axis (on a relative axis, seconds since the run's first point). */
  x: Column;
  raw: Column;
  smoothed: Float64Array;
  band: LineBand | null;
  note: readonly string[] | null;
}

export interface ChartModel {
  lines: RunLine[];
  xExtent: [number, number];
}

/**
 * Hands out consecutive pieces of one buffer big enough for every line's column of one kind, so a
 * chart of 5,000 runs allocates one backing store per kind, not one per run (per-run typed arrays
 * and their collection were a large part of building such a chart).
 */
function columnArena(lines: readonly { length: number }[]): (length: number) => Float64Array {
  let total = 0;
  for (const line of lines) total += line.length;
  const buffer = new Float64Array(total);
  let at = 0;
  return (length) => buffer.subarray(at, (at += length));
}

/** The band between `lower` and `upper`, with its edges smoothed at `smoothing`. */
function smoothBand({ lower, upper }: { lower: Float64Array; upper: Float64Array }, smoothing: number): LineBand {
  return { lower, upper, lowerSmoothed: smoothSeries(lower, smoothing), upperSmoothed: smoothSeries(upper, smoothing) };
}

/**
 * `column` as a typed column: itself when it is one (the binary series route's columns are views
 * on the response, never written, in whichever exact encoding the server chose), else a Float64Array
 * copy of a plain array. Copying through `Float64Array.from` was most of building a chart of
 * thousands of runs.
 */
function typedColumn(column: number[] | Column): Column {
  return Array.isArray(column) ? Float64Array.from(column) : column;
}

export function buildLines(
  series: readonly ChartSeries[],
  axis: XAxis,
  smoothing: number,
  color: (run: string) => string,
): RunLine[] {
  // Relative times are a column only on a relative axis (elsewhere the tooltip computes its
  // point's: `relativeTime`); at 5,000 runs that column was a tenth of building a chart.
  const relativeColumn = axis === 'relative' ? columnArena(series.map((s) => s.wall_time)) : null;
  const smoothedColumn = columnArena(series.map((s) => s.value));
  return series.map((s) => {
    const step = typedColumn(s.step);
    const wallTime = typedColumn(s.wall_time);
    const raw = typedColumn(s.value);
    let x = axis === 'step' ? step : wallTime;
    if (relativeColumn) {
      const start = wallTime.length > 0 ? wallTime[0] : 0;
      const relative = relativeColumn(wallTime.length);
      for (let i = 0; i < wallTime.length; i++) relative[i] = wallTime[i] - start;
      x = relative;
    }
    return {
      run: s.run,
      color: color(s.run),
      step,
      wallTime,
      x,
      raw,
      smoothed: smoothSeries(raw, smoothing, smoothedColumn(raw.length)),
      band:
        s.lower && s.upper
          ? smoothBand({ lower: Float64Array.from(s.lower), upper: Float64Array.from(s.upper) }, smoothing)
          : null,
      note: s.note ?? null,
    };
  });
}

/** Seconds from `line`'s first point to its point `i`. */
export function relativeTime(line: RunLine, i: number): number {
  return line.wallTime[i] - line.wallTime[0];
}

export function buildModel(lines: RunLine[]): ChartModel {
  let lo = Infinity;
  let hi = -Infinity;
  for (const line of lines) {
    if (line.x.length > 0) {
      lo = Math.min(lo, line.x[0]);
      hi = Math.max(hi, line.x[line.x.length - 1]);
    }
  }
  if (!(lo <= hi)) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  return { lines, xExtent: [lo, hi] };
}

/**
 * The model with the smoothed columns recomputed for a new weight; everything else is shared.
 * With `inPlace`, the new values are written over `model`'s own smoothed columns (and smoothed
 * band edges), which the result shares: for a chart that drops the old model, as a slider step
 * does. Allocating the columns anew on each step (and collecting them) cost more than smoothing.
 */
export function withSmoothing(model: ChartModel, smoothing: number, inPlace = false): ChartModel {
  if (inPlace) {
    for (const line of model.lines) {
      smoothSeries(line.raw, smoothing, line.smoothed);
      if (line.band) {
        smoothSeries(line.band.lower, smoothing, line.band.lowerSmoothed);
        smoothSeries(line.band.upper, smoothing, line.band.upperSmoothed);
      }
    }
    return { ...model };
  }
  const smoothedColumn = columnArena(model.lines.map((line) => line.raw));
  const lines = model.lines.map((line) => ({
    ...line,
    smoothed: smoothSeries(line.raw, smoothing, smoothedColumn(line.raw.length)),
    band: line.band && smoothBand(line.band, smoothing),
  }));
  return { ...model, lines };
}

/**
 * The y extent over the raw values (and raw band edges) inside [x0, x1]. Smoothed values are
 * averages of raw ones, so they stay inside the raw extent; the extent therefore does not move
 * with the slider.
 */
export function yExtent(
  lines: readonly RunLine[],
  x0: number,
  x1: number,
  logY: boolean,
  ignoreOutliers: boolean,
): [number, number] {
  if (!logY && !ignoreOutliers) return linearExtent(lines, x0, x1);
  const columns = rawColumnsInside(lines, x0, x1);
  if (logY) return logDomain(columns, ignoreOutliers) ?? [0.1, 10];
  return linearDomain(columns, ignoreOutliers);
}

/**
 * The raw values (and raw band edges) of `lines` inside [x0, x1], a column per line and edge. A
 * function of its own: a loop over 5,000 lines is optimised while it runs, and code after the
 * loop in the same function (not run yet) threw that back to the interpreter on each chart.
 */
function rawColumnsInside(lines: readonly RunLine[], x0: number, x1: number): Column[] {
  const columns: Column[] = [];
  for (const line of lines) {
    const [a, b] = insideRange(line.x, x0, x1);
    // A line wholly inside (every line of an unzoomed chart) is taken as it is: a view per line
    // was a large part of this at 5,000 runs, and of the collections after it.
    const part = (column: Column) => (a === 0 && b === column.length ? column : column.subarray(a, b));
    columns.push(part(line.raw));
    if (line.band) columns.push(part(line.band.lower), part(line.band.upper));
  }
  return columns;
}

/** The index range [a, b) of the points of ascending `x` inside [x0, x1]. */
function insideRange(x: Column, x0: number, x1: number): [number, number] {
  let a = 0;
  while (a < x.length && x[a] < x0) a++;
  let b = x.length;
  while (b > a && x[b - 1] > x1) b--;
  return [a, b];
}

/**
 * yExtent on a linear axis without outlier trimming: min and max in one pass over the lines, with
 * no column gathered (a chart of 5,000 runs has some 10^5 values and 5,000 lines).
 */
function linearExtent(lines: readonly RunLine[], x0: number, x1: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const scan = (column: Column, a: number, b: number) => {
    for (let i = a; i < b; i++) {
      const v = column[i];
      // Skips NaN and ±Infinity.
      if (v < lo && v !== -Infinity) lo = v;
      if (v > hi && v !== Infinity) hi = v;
    }
  };
  for (const line of lines) {
    const [a, b] = insideRange(line.x, x0, x1);
    scan(line.raw, a, b);
    if (line.band) {
      scan(line.band.lower, a, b);
      scan(line.band.upper, a, b);
    }
  }
  return lo === Infinity ? [-0.1, 1.1] : paddedLinear(lo, hi);
}
