// Where each histogram sits in the chart. Offset ("ridge") mode stacks the histograms down the
// plot along the time dimension (the first at the top, the last at the bottom), each drawn as a
// ridge of height `ridgeHeight` above its baseline; overlay mode draws them all on one baseline.
// Pure functions of the data and the plot rectangle, shared by drawing and hovering.

export type HistogramMode = 'offset' | 'overlay';

export interface PlotRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface RidgeLayout {
  /** Baseline y of each histogram (pixels, growing downwards). */
  baselines: Float64Array;
  /** Pixel height of the largest bin count. */
  ridgeHeight: number;
}

/** Share of the plot height one ridge may take in offset mode when there are several. */
export const RIDGE_FRACTION = 0.4;

export function ridgeLayout(times: Float64Array, rect: PlotRect, mode: HistogramMode): RidgeLayout {
  const n = times.length;
  const bottom = rect.top + rect.height;
  const baselines = new Float64Array(n);
  if (mode === 'overlay' || n < 2) {
    baselines.fill(bottom);
    return { baselines, ridgeHeight: rect.height };
  }
  let t0 = Infinity;
  let t1 = -Infinity;
  for (let i = 0; i < n; i++) {
    if (times[i] < t0) t0 = times[i];
    if (times[i] > t1) t1 = times[i];
  }
  const ridgeHeight = rect.height * RIDGE_FRACTION;
  const span = rect.height - ridgeHeight;
  for (let i = 0; i < n; i++) {
    const u = t1 > t0 ? (times[i] - t0) / (t1 - t0) : 1;
    baselines[i] = rect.top + ridgeHeight + u * span;
  }
  return { baselines, ridgeHeight };
}

/** The y of bin count `count` on histogram i's ridge. */
export function countY(layout: RidgeLayout, i: number, count: number, maxCount: number): number {
  return maxCount > 0 ? layout.baselines[i] - (count / maxCount) * layout.ridgeHeight : layout.baselines[i];
}

/** The bin under pixel x, or -1 outside the plot. */
export function binAtX(x: number, rect: PlotRect, bins: number): number {
  if (x < rect.left || x > rect.left + rect.width) return -1;
  return Math.min(bins - 1, Math.floor(((x - rect.left) / rect.width) * bins));
}

/**
 * The histogram nearest to the pointer at (x, y): in offset mode the one whose baseline is
 * nearest to y; in overlay mode the one whose curve, at the bin under x, is nearest to y.
 * `counts` is row-major (histogram i's bin k at i * bins + k). -1 when there is none.
 */
export function nearestHistogram(
  mode: HistogramMode,
  layout: RidgeLayout,
  counts: Float32Array,
  bins: number,
  maxCount: number,
  bin: number,
  y: number,
): number {
  const n = layout.baselines.length;
  let best = -1;
  let bestDistance = Infinity;
  for (let i = 0; i < n; i++) {
    const at = mode === 'offset' || bin < 0 ? layout.baselines[i] : countY(layout, i, counts[i * bins + bin], maxCount);
    const distance = Math.abs(at - y);
    // Later histograms win ties: they are drawn on top.
    if (distance <= bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

/** Ridges closer than this many pixels would merge into a solid block, so fewer are drawn. */
export const MIN_RIDGE_SPACING = 3;

/**
 * Which of `count` time-ordered ridges to draw when at most `max` fit: ranks spread evenly from
 * the first to the last (both always drawn), ascending; every rank when they all fit.
 */
export function ridgeRanksToDraw(count: number, max: number): Int32Array {
  if (count <= max) return Int32Array.from({ length: count }, (_, r) => r);
  const k = Math.max(2, max);
  const ranks = new Int32Array(k);
  for (let r = 0; r < k; r++) ranks[r] = Math.round((r * (count - 1)) / (k - 1));
  return ranks;
}
