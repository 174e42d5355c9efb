// The histograms of one (run, tag) in columnar form: every step's buckets laid end to end in flat
// typed arrays, which the chart re-bins and draws without further allocation.
//
// Built once per answer of `data/plugin/histograms/histograms` (`[[wall_time, step,
// [[left, right, count], ...]], ...]`); immutable afterwards.
import { apiUrl, getArrayBuffer, getJson } from '../../api/client';
import { isExported } from '../../api/export_mode';
import { type StepEntry, checkStepEntries } from '../../charts/step_entries';
import { rebinnedUrl, takeRebinned } from './early_rebinned';
import type { RebinnedHistograms } from './rebin';
import { decodeRebinnedBinary } from './rebinned_binary';

export type HistogramsAnswer = StepEntry<[number, number, number]>[];

export interface HistogramSeries {
  steps: Float64Array;
  wallTimes: Float64Array;
  /** Histogram i owns buckets [start[i], start[i + 1]); length = steps + 1. */
  start: Int32Array;
  left: Float64Array;
  right: Float64Array;
  count: Float64Array;
  /** Value range of all non-empty buckets (of all buckets when every bucket is empty). */
  xMin: number;
  xMax: number;
  /** The server's equal bins as the chart draws them (a `histograms/rebinned` answer). */
  prebinned?: RebinnedHistograms;
}

export function fetchHistograms(run: string, tag: string, signal?: AbortSignal): Promise<HistogramsAnswer> {
  return getJson<HistogramsAnswer>(apiUrl('data/plugin/histograms/histograms', { run, tag }), signal);
}

/** tbx's `histograms/rebinned` answer: every step re-binned on the server to `bins` equal bins. */
export interface RebinnedAnswer {
  x0: number;
  x1: number;
  bins: number;
  step: ArrayLike<number>;
  wall_time: ArrayLike<number>;
  /** Row-major: step i's bin k is counts[i * bins + k]; JSON may hold "NaN" and the like. */
  counts: ArrayLike<number | string>;
}

/**
 * The histograms of a (run, tag) re-binned by the server to `bins` equal bins (a few hundred KB
 * where every bucket would be tens of MB), as a series of equal-width buckets.
 */
export async function fetchRebinnedHistograms(
  run: string,
  tag: string,
  bins: number,
  signal?: AbortSignal,
): Promise<HistogramSeries> {
  // A static export holds every step's buckets once; the chart re-bins them to its width.
  if (isExported()) return toHistogramSeries(await fetchHistograms(run, tag, signal));
  // Asked for at start-up when the page opened on this tab (early_rebinned.ts).
  const early = takeRebinned(run, tag, bins, signal);
  if (early) {
    const body = await early.catch((e: unknown) => {
      if (signal?.aborted) throw e;
      return null;
    });
    if (body) return rebinnedToSeries(decodeRebinnedBinary(body));
  }
  // tbx's binary columns: typed arrays on the response's buffer, nothing to parse.
  const url = rebinnedUrl(run, tag, bins);
  return rebinnedToSeries(decodeRebinnedBinary(await getArrayBuffer(url, signal)));
}

/**
 * A rebinned answer as a HistogramSeries whose every step has the same `bins` buckets, carrying
 * the bins themselves (`prebinned`) so the chart draws them without re-binning. One pass over the
 * counts (the largest, the non-empty range); the equal buckets as columns (`start`, `left`,
 * `right`, `count`: 3 × 8 bytes a bin, megabytes for a torch-sized tag) are laid out only when
 * something reads them (a narrower chart re-binning, the tooltip before a step's own buckets have
 * arrived), not on the way to the first draw. The answer's float32 counts are used in place
 * unless some are negative or missing, which the drawn bins hold as 0.
 */
export function rebinnedToSeries(answer: RebinnedAnswer): HistogramSeries {
  const { x0, x1, bins } = answer;
  const n = answer.step.length;
  if (!(bins >= 1) || answer.wall_time.length !== n || answer.counts.length !== n * bins) {
    throw new Error('histograms/rebinned: the answer is not shaped as documented');
  }
  const raw = answer.counts;
  let counts = raw instanceof Float32Array ? raw : Float32Array.from(raw, Number);
  let maxCount = 0;
  // The leftmost and rightmost non-empty bin of any step.
  let kMin = bins;
  let kMax = -1;
  for (let i = 0, b = 0; i < n; i++) {
    for (let k = 0; k < bins; k++, b++) {
      const count = counts[b];
      if (count > 0) {
        if (count > maxCount) maxCount = count;
        if (k < kMin) kMin = k;
        if (k > kMax) kMax = k;
      } else if (count !== 0) {
        // Negative or NaN: drawn as an empty bin (as the chart's own re-binning), kept as sent
        // in the buckets.
        if (counts === raw) counts = Float32Array.from(counts);
        counts[b] = 0;
      }
    }
  }
  const width = (x1 - x0) / bins;
  const edge = (k: number) => (k === bins ? x1 : x0 + k * width);
  return new EqualBinSeries(
    answer.step instanceof Float64Array ? answer.step : Float64Array.from(answer.step),
    answer.wall_time instanceof Float64Array ? answer.wall_time : Float64Array.from(answer.wall_time),
    raw,
    kMax < 0 ? x0 : edge(kMin),
    kMax < 0 ? x1 : edge(kMax + 1),
    { x0, x1, bins, counts, maxCount },
  );
}

/** The series of a rebinned answer; its bucket columns are built on first use. */
class EqualBinSeries implements HistogramSeries {
  private buckets: Pick<HistogramSeries, 'start' | 'left' | 'right' | 'count'> | null = null;

  constructor(
    readonly steps: Float64Array,
    readonly wallTimes: Float64Array,
    private readonly raw: ArrayLike<number | string>,
    readonly xMin: number,
    readonly xMax: number,
    readonly prebinned: RebinnedHistograms,
  ) {}

  get start(): Int32Array {
    return this.layOut().start;
  }

  get left(): Float64Array {
    return this.layOut().left;
  }

  get right(): Float64Array {
    return this.layOut().right;
  }

  get count(): Float64Array {
    return this.layOut().count;
  }

  private layOut(): Pick<HistogramSeries, 'start' | 'left' | 'right' | 'count'> {
    if (this.buckets) return this.buckets;
    const { x0, x1, bins } = this.prebinned;
    const n = this.steps.length;
    const width = (x1 - x0) / bins;
    const start = new Int32Array(n + 1);
    const left = new Float64Array(n * bins);
    const right = new Float64Array(n * bins);
    const count = new Float64Array(n * bins);
    for (let i = 0; i <= n; i++) start[i] = i * bins;
    for (let i = 0, b = 0; i < n; i++) {
      for (let k = 0; k < bins; k++, b++) {
        left[b] = x0 + k * width;
        right[b] = k === bins - 1 ? x1 : x0 + (k + 1) * width;
        count[b] = Number(this.raw[b]);
      }
    }
    this.buckets = { start, left, right, count };
    return this.buckets;
  }
}

/** Flattens an answer; rejects one that is not shaped as the route documents. */
export function toHistogramSeries(answer: HistogramsAnswer): HistogramSeries {
  checkStepEntries(answer, 'histograms', 'buckets');
  const n = answer.length;
  let total = 0;
  for (const entry of answer) total += entry[2].length;
  const series: HistogramSeries = {
    steps: new Float64Array(n),
    wallTimes: new Float64Array(n),
    start: new Int32Array(n + 1),
    left: new Float64Array(total),
    right: new Float64Array(total),
    count: new Float64Array(total),
    xMin: Infinity,
    xMax: -Infinity,
  };
  let anyMin = Infinity;
  let anyMax = -Infinity;
  let b = 0;
  for (let i = 0; i < n; i++) {
    const [wall, step, buckets] = answer[i];
    series.wallTimes[i] = wall;
    series.steps[i] = step;
    series.start[i] = b;
    // Indexed loops: iterator destructuring is several times slower on ~10^6 buckets.
    for (let j = 0; j < buckets.length; j++) {
      const bucket = buckets[j];
      const left = bucket[0];
      const right = bucket[1];
      const count = bucket[2];
      series.left[b] = left;
      series.right[b] = right;
      series.count[b] = count;
      if (left < anyMin) anyMin = left;
      if (right > anyMax) anyMax = right;
      if (count > 0) {
        if (left < series.xMin) series.xMin = left;
        if (right > series.xMax) series.xMax = right;
      }
      b++;
    }
  }
  series.start[n] = b;
  if (series.xMin > series.xMax) {
    series.xMin = anyMin;
    series.xMax = anyMax;
  }
  return series;
}

/** Index of the bucket of histogram `i` holding `x` (left <= x < right, the last bucket closed); -1 if none. */
export function bucketAt(series: HistogramSeries, i: number, x: number): number {
  let lo = series.start[i];
  let hi = series.start[i + 1] - 1;
  if (hi < lo || x < series.left[lo] || x > series.right[hi]) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (series.left[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
