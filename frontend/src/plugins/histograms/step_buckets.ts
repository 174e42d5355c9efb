// The original buckets of one histogram step, fetched from tbx's `histograms/step` route while the
// user hovers that step of a card drawn from server-re-binned data, so the tooltip names the
// bucket as it was written, not the re-binned bin. A StepBucketsCache keeps the last few steps of
// one card and aborts a request whose step the pointer has left. Owned by one HistogramChart;
// UI thread only.
import { apiUrl, getJson } from '../../api/client';

/** One step's buckets in storage order. */
export interface StepBuckets {
  step: number;
  left: Float64Array;
  right: Float64Array;
  count: Float64Array;
}

/** Loads the original buckets of `step`. */
export type StepBucketsLoader = (step: number, signal: AbortSignal) => Promise<StepBuckets>;

/** Parses a `histograms/step` answer (`[wall_time, step, [[left, right, count], ...]]`). */
export function toStepBuckets(answer: unknown): StepBuckets {
  if (!Array.isArray(answer) || answer.length !== 3 || typeof answer[1] !== 'number' || !Array.isArray(answer[2])) {
    throw new Error('histograms/step: the answer is not shaped as documented');
  }
  const rows = answer[2] as unknown[];
  const buckets: StepBuckets = {
    step: answer[1],
    left: new Float64Array(rows.length),
    right: new Float64Array(rows.length),
    count: new Float64Array(rows.length),
  };
  rows.forEach((row, j) => {
    if (!Array.isArray(row) || row.length !== 3) throw new Error('histograms/step: a bucket is not [left, right, count]');
    buckets.left[j] = Number(row[0]);
    buckets.right[j] = Number(row[1]);
    buckets.count[j] = Number(row[2]);
  });
  return buckets;
}

/** A loader of the original buckets of (run, tag) from the server. */
export function stepBucketsLoader(run: string, tag: string): StepBucketsLoader {
  return async (step, signal) =>
    toStepBuckets(await getJson<unknown>(apiUrl('data/plugin/histograms/step', { run, tag, step }), signal));
}

/** Index of the bucket holding `x` (left <= x < right, the last bucket closed), or -1. */
export function originalBucketAt(buckets: StepBuckets, x: number): number {
  const n = buckets.left.length;
  for (let j = 0; j < n; j++) {
    if (buckets.left[j] <= x && (x < buckets.right[j] || (j === n - 1 && x <= buckets.right[j]))) return j;
  }
  return -1;
}

/** How many steps a card keeps (hovering back and forth over a few ridges refetches nothing). */
const KEPT_STEPS = 16;

export class StepBucketsCache {
  private readonly kept = new Map<number, StepBuckets>();
  private readonly failed = new Set<number>();
  private pending: { step: number; controller: AbortController } | null = null;

  constructor(
    private readonly load: StepBucketsLoader,
    /** Called when the buckets of a step arrive (the hover may have moved on). */
    private readonly arrived: (buckets: StepBuckets) => void,
  ) {}

  /** The buckets of `step` if kept; otherwise starts loading them (once) and returns null. */
  get(step: number): StepBuckets | null {
    const kept = this.kept.get(step);
    if (kept) return kept;
    if (this.pending?.step === step || this.failed.has(step)) return null;
    this.pending?.controller.abort();
    const controller = new AbortController();
    this.pending = { step, controller };
    this.load(step, controller.signal)
      .then((buckets) => {
        if (this.pending?.controller === controller) this.pending = null;
        this.kept.set(step, buckets);
        if (this.kept.size > KEPT_STEPS) this.kept.delete(this.kept.keys().next().value!);
        this.arrived(buckets);
      })
      .catch(() => {
        // Aborted (asked again when hovered again), or failed (the step is gone after a reload):
        // the tooltip keeps the re-binned bin.
        if (!controller.signal.aborted) this.failed.add(step);
        if (this.pending?.controller === controller) this.pending = null;
      });
    return null;
  }

  /** Forgets every kept step (new data) and aborts the pending request. */
  clear(): void {
    this.pending?.controller.abort();
    this.pending = null;
    this.kept.clear();
    this.failed.clear();
  }
}
