// How many points per run a scalar chart asks for, from its width and its number of runs. A module
// of its own (re-exported by chart_model.ts) because the app's first script needs it to ask for
// the first screen's series early (early_series.ts), and the rest of the chart model (smoothing,
// y extent) belongs in the Scalars dashboard's chunk. Pure functions.

/** Points a chart of many runs asks for in all (a 5,000-run chart: 40 per run, about 3 MB). */
export const CHART_POINT_BUDGET = 200_000;
/** The fewest points asked for per run, however many runs a chart has. */
const MIN_RUN_POINTS = 40;

/**
 * Points to request per run for a chart `width` CSS pixels wide: about one per pixel, rounded up
 * to a multiple of 100 so small resizes do not refetch. A chart of `runs` runs asks for fewer per
 * run once they would pass CHART_POINT_BUDGET in all (a multiple of 10, at least 40): thousands of
 * overlapping lines show no detail finer than that, and the download stays a few megabytes.
 */
export function pointsForWidth(width: number, runs = 1): number {
  const perPixel = Math.max(100, Math.ceil(width / 100) * 100);
  if (runs * perPixel <= CHART_POINT_BUDGET) return perPixel;
  return Math.max(MIN_RUN_POINTS, Math.floor(CHART_POINT_BUDGET / runs / 10) * 10);
}
