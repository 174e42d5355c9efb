// Turns fetched scalar series into what one chart draws: per-run x columns for the chosen x axis,
// raw and smoothed values, the aligned table uPlot needs, and the axis extents.
// Pure functions; no DOM. The slider path (`withSmoothing`) reuses the alignment and only
// recomputes the smoothed columns.
import type { ScalarSeries } from '../../api/types';
import type { XAxis } from '../../state/view_state';
import { type AlignedColumn, alignSeries, fillColumn } from '../../charts/align';
import { smoothSeries } from './smoothing';
import { linearDomain, logDomain } from './y_domain';

export interface RunLine {
  run: string;
  color: string;
  step: Float64Array;
  wallTime: Float64Array;
  /** Seconds since the run's first point. */
  relative: Float64Array;
  /** The x column for the chosen axis. */
  x: Float64Array;
  raw: Float64Array;
  smoothed: Float64Array;
}

export interface ChartModel {
  lines: RunLine[];
  /** uPlot data: [x, raw_0, smoothed_0, raw_1, smoothed_1, …]. */
  table: [Float64Array, ...AlignedColumn[]];
  /** Row of `table[0]` of each line's points. */
  rows: Int32Array[];
  xExtent: [number, number];
  logY: boolean;
}

export function buildLines(
  series: readonly ScalarSeries[],
  axis: XAxis,
  smoothing: number,
  color: (run: string) => string,
): RunLine[] {
  return series.map((s) => {
    const step = Float64Array.from(s.step);
    const wallTime = Float64Array.from(s.wall_time);
    const raw = Float64Array.from(s.value);
    const start = wallTime.length > 0 ? wallTime[0] : 0;
    const relative = wallTime.map((t) => t - start);
    return {
      run: s.run,
      color: color(s.run),
      step,
      wallTime,
      relative,
      x: axis === 'step' ? step : axis === 'wall' ? wallTime : relative,
      raw,
      smoothed: smoothSeries(raw, smoothing),
    };
  });
}

function positiveOnly(column: AlignedColumn): AlignedColumn {
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v != null && v <= 0) column[i] = null;
  }
  return column;
}

export function buildModel(lines: RunLine[], logY: boolean): ChartModel {
  const aligned = alignSeries(
    lines.map((l) => l.x),
    lines.map((l) => l.raw),
  );
  const n = aligned.x.length;
  const table: [Float64Array, ...AlignedColumn[]] = [aligned.x];
  lines.forEach((line, k) => {
    const raw = aligned.ys[k];
    const smoothed = fillColumn(n, aligned.rows[k], line.smoothed);
    table.push(logY ? positiveOnly(raw) : raw, logY ? positiveOnly(smoothed) : smoothed);
  });
  let lo = n > 0 ? aligned.x[0] : 0;
  let hi = n > 0 ? aligned.x[n - 1] : 1;
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  return { lines, table, rows: aligned.rows, xExtent: [lo, hi], logY };
}

/** The model with the smoothed columns recomputed for a new weight; alignment is reused. */
export function withSmoothing(model: ChartModel, smoothing: number): ChartModel {
  const n = model.table[0].length;
  const lines = model.lines.map((line) => ({ ...line, smoothed: smoothSeries(line.raw, smoothing) }));
  const table = model.table.slice() as ChartModel['table'];
  lines.forEach((line, k) => {
    const column = fillColumn(n, model.rows[k], line.smoothed);
    table[2 + 2 * k] = model.logY ? positiveOnly(column) : column;
  });
  return { ...model, lines, table };
}

/**
 * The y extent over the raw values inside [x0, x1]. Smoothed values are averages of raw ones,
 * so they stay inside the raw extent; the extent therefore does not move with the slider.
 */
export function yExtent(
  lines: readonly RunLine[],
  x0: number,
  x1: number,
  logY: boolean,
  ignoreOutliers: boolean,
): [number, number] {
  const columns: Float64Array[] = [];
  for (const line of lines) {
    let a = 0;
    while (a < line.x.length && line.x[a] < x0) a++;
    let b = line.x.length;
    while (b > a && line.x[b - 1] > x1) b--;
    columns.push(line.raw.subarray(a, b));
  }
  if (logY) return logDomain(columns, ignoreOutliers) ?? [0.1, 10];
  return linearDomain(columns, ignoreOutliers);
}
