// Re-binning of histograms to the chart's pixel resolution: every step's buckets (often ~1500 of
// them, of unequal widths) are spread over a few hundred equal-width bins, each bucket's count
// shared among the bins it overlaps in proportion to the overlap (the count is assumed uniform
// inside a bucket). Zero-width buckets (a constant input) put their whole count in one bin.
import type { HistogramSeries } from './histogram_data';

export interface RebinnedHistograms {
  /** The value range the bins cover, x0 < x1. */
  x0: number;
  x1: number;
  bins: number;
  /** Row-major counts: histogram i's bin k is counts[i * bins + k]. */
  counts: Float32Array;
  /** The largest bin count over all histograms (0 when everything is empty). */
  maxCount: number;
}

/** The bin range for a series: its value range, widened when it is a single value. */
export function binRange(xMin: number, xMax: number): [number, number] {
  if (!Number.isFinite(xMin) || !Number.isFinite(xMax)) return [-0.5, 0.5];
  if (xMax > xMin) return [xMin, xMax];
  const pad = xMin === 0 ? 0.5 : Math.abs(xMin) * 0.1;
  return [xMin - pad, xMax + pad];
}

/**
 * How many bins to draw `series` with in `width` pixels: about one per two pixels, but no more
 * than the source has buckets over the whole value range (more would draw each wide bucket as a
 * staircase), and at least 16.
 */
export function binCount(series: HistogramSeries, width: number): number {
  const [x0, x1] = binRange(series.xMin, series.xMax);
  let finest = 0;
  for (let i = 0; i + 1 < series.start.length; i++) {
    let lo = Infinity;
    let hi = -Infinity;
    let nonEmpty = 0;
    for (let b = series.start[i]; b < series.start[i + 1]; b++) {
      if (!(series.count[b] > 0)) continue;
      nonEmpty++;
      lo = Math.min(lo, series.left[b]);
      hi = Math.max(hi, series.right[b]);
    }
    // This histogram's buckets, spread over the common range.
    if (nonEmpty > 0 && hi > lo) finest = Math.max(finest, (nonEmpty * (x1 - x0)) / (hi - lo));
  }
  const pixels = Math.floor(width / 2);
  return Math.max(16, Math.min(pixels, Math.ceil(finest) || pixels));
}

/**
 * Adds buckets [from, to) of `series` into `out` (length = bins, equal bins over [x0, x1]).
 * Parts of buckets outside [x0, x1] are dropped.
 */
export function rebinBuckets(
  series: Pick<HistogramSeries, 'left' | 'right' | 'count'>,
  from: number,
  to: number,
  x0: number,
  x1: number,
  out: Float32Array | Float64Array,
): void {
  const bins = out.length;
  const width = (x1 - x0) / bins;
  for (let b = from; b < to; b++) {
    const count = series.count[b];
    if (!(count > 0)) continue;
    const left = series.left[b];
    const right = series.right[b];
    if (!(right > left)) {
      if (left < x0 || left > x1) continue;
      out[Math.min(bins - 1, Math.floor((left - x0) / width))] += count;
      continue;
    }
    const first = Math.max(0, Math.floor((left - x0) / width));
    const last = Math.min(bins - 1, Math.floor((right - x0) / width));
    const perUnit = count / (right - left);
    for (let k = first; k <= last; k++) {
      const overlap = Math.min(right, x0 + (k + 1) * width) - Math.max(left, x0 + k * width);
      if (overlap > 0) out[k] += overlap * perUnit;
    }
  }
}

/** Re-bins every histogram of `series` into `bins` equal bins over the series' value range. */
export function rebinSeries(series: HistogramSeries, bins: number): RebinnedHistograms {
  const n = series.steps.length;
  const [x0, x1] = binRange(series.xMin, series.xMax);
  const counts = new Float32Array(n * bins);
  let maxCount = 0;
  for (let i = 0; i < n; i++) {
    const row = counts.subarray(i * bins, (i + 1) * bins);
    rebinBuckets(series, series.start[i], series.start[i + 1], x0, x1, row);
    for (let k = 0; k < bins; k++) if (row[k] > maxCount) maxCount = row[k];
  }
  return { x0, x1, bins, counts, maxCount };
}
