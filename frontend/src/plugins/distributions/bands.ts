// The distribution chart's data: the nine basis points of every step as columns, and the bands
// drawn between them. TensorBoard's basis points are 0, 668, 1587, 3085, 5000, 6915, 8413, 9332
// and 10000 (hundredths of a percent: -inf, -1.5, -1, -0.5, 0, +0.5, +1, +1.5, +inf standard
// deviations of a normal distribution); the bands pair them from the outside in around the median.
import { apiUrl, getJson } from '../../api/client';
import { type StepEntry, checkStepEntries } from '../../charts/step_entries';
import { timeCoordinates } from '../../charts/time_axis';
import type { XAxis } from '../../state/view_state';

/** [wall_time, step, [[basis_point, value], ...]] per step. */
export type DistributionsAnswer = StepEntry<[number, number]>[];

export const BASIS_POINTS: readonly number[] = [0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000];
/** Index pairs (lower, upper) of the bands, outermost first; the median is index 4. */
export const BAND_PAIRS: readonly [number, number][] = [
  [0, 8],
  [1, 7],
  [2, 6],
  [3, 5],
];
export const MEDIAN = 4;

export interface DistributionColumns {
  steps: Float64Array;
  wallTimes: Float64Array;
  /** The x coordinate of each step on the chosen time axis. */
  x: Float64Array;
  /** values[j][i]: step i's value at basis point j. */
  values: Float64Array[];
  /** Range of every finite value ([0, 0] when there is none). */
  yMin: number;
  yMax: number;
}

export function fetchDistributions(run: string, tag: string, signal?: AbortSignal): Promise<DistributionsAnswer> {
  return getJson<DistributionsAnswer>(apiUrl('data/plugin/distributions/distributions', { run, tag }), signal);
}

/** Columns of an answer, each step's points matched by basis point (missing ones are NaN). */
export function toColumns(answer: DistributionsAnswer, axis: XAxis): DistributionColumns {
  checkStepEntries(answer, 'distributions', 'points');
  const n = answer.length;
  const steps = new Float64Array(n);
  const wallTimes = new Float64Array(n);
  const values = BASIS_POINTS.map(() => new Float64Array(n).fill(NaN));
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const [wall, step, points] = answer[i];
    steps[i] = step;
    wallTimes[i] = wall;
    for (const [bp, value] of points) {
      const j = BASIS_POINTS.indexOf(bp);
      if (j < 0) continue;
      values[j][i] = value;
      if (Number.isFinite(value)) {
        if (value < yMin) yMin = value;
        if (value > yMax) yMax = value;
      }
    }
  }
  if (yMin > yMax) {
    yMin = 0;
    yMax = 0;
  }
  return { steps, wallTimes, x: timeCoordinates(axis, steps, wallTimes), values, yMin, yMax };
}

/**
 * The polygon of band (lower, upper) as a flat [x, y, x, y, ...] list in data units: along the
 * upper values left to right, then back along the lower values. Steps where either value is not
 * finite are left out.
 */
export function bandPolygon(columns: DistributionColumns, lower: number, upper: number): number[] {
  const lo = columns.values[lower];
  const hi = columns.values[upper];
  const kept: number[] = [];
  for (let i = 0; i < columns.x.length; i++) if (Number.isFinite(lo[i]) && Number.isFinite(hi[i])) kept.push(i);
  const polygon: number[] = [];
  for (const i of kept) polygon.push(columns.x[i], hi[i]);
  for (let r = kept.length - 1; r >= 0; r--) polygon.push(columns.x[kept[r]], lo[kept[r]]);
  return polygon;
}

/** A label for basis point index j, as TensorBoard's tooltip: "max", "93%", …, "median", …, "min". */
export function basisPointLabel(j: number): string {
  if (j === 0) return 'min';
  if (j === BASIS_POINTS.length - 1) return 'max';
  if (j === MEDIAN) return 'median';
  return `${Math.round(BASIS_POINTS[j] / 100)}%`;
}
