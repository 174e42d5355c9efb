// The PR curves plugin's data: `data/plugin/pr_curves/pr_curves` for one tag and several runs,
// and the nearest point of any drawn curve to the pointer (for the tooltip). Pure apart from the
// fetch; UI thread.
import { apiUrl, getJson } from '../../api/client';

/** One step of one run's PR curve, as the server sends it (one entry per threshold). */
export interface PrEntry {
  wall_time: number;
  step: number;
  precision: number[];
  recall: number[];
  true_positives: number[];
  false_positives: number[];
  true_negatives: number[];
  false_negatives: number[];
  thresholds: number[];
}

export type PrAnswer = Record<string, PrEntry[]>;

export function fetchPrCurves(tag: string, runs: readonly string[], signal?: AbortSignal): Promise<PrAnswer> {
  return getJson<PrAnswer>(apiUrl('data/plugin/pr_curves/pr_curves', { tag, run: [...runs] }), signal);
}

/** A curve as drawn: recall on x, precision on y. */
export interface PrCurve {
  run: string;
  color: string;
  entry: PrEntry;
}

export interface NearestPoint {
  curve: PrCurve;
  index: number;
  /** Distance in plot units (fractions of the plot's width/height). */
  distance: number;
}

/** The point nearest (recall, precision) = (x, y) over every curve, or null without points. */
export function nearestPoint(curves: readonly PrCurve[], x: number, y: number): NearestPoint | null {
  let best: NearestPoint | null = null;
  for (const curve of curves) {
    const { recall, precision } = curve.entry;
    for (let i = 0; i < recall.length; i++) {
      const distance = Math.hypot(recall[i] - x, precision[i] - y);
      if (Number.isFinite(distance) && (!best || distance < best.distance)) best = { curve, index: i, distance };
    }
  }
  return best;
}
