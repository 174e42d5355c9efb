// The Histograms tab's first cards' data, asked for at start-up. When the page opens on that tab,
// index.html's inline script (the block `tbx-early-histograms`) starts the tag listing, and as
// soon as it answers, the re-binned histograms of the first row of cards, before the app's code
// has run; it reads each body as it arrives and lists them in `window.__tbxEarlyHistograms`. The
// cards take them here. Before, these requests left from the app's first script, once that had
// run and the listing's answer had been handled after the app's first render (≈ 190 ms after the
// page opened on a quiet machine, against ≈ 100–150 ms for the listing's answer).
//
// The inline script estimates the cards' width (the bins asked for) from the window and the
// page's CSS; a card takes an early answer whose bins are within BINS_TOLERANCE of its own (the
// chart draws the server's bins at any count up to its width), else fetches its own. Each early
// answer is taken once, within 10 s of its start, then forgotten.
// Part of the app's first script (registry.ts): no import of the dashboard's chunk. UI thread only.
import { apiUrl, prefetch } from '../../api/client';
import { EarlyAnswers } from '../../api/early_answers';
import { isExported } from '../../api/export_mode';

/** Bins for a chart `width` pixels wide: one per two pixels, at least 16 (as the chart draws). */
export function binsForWidth(width: number): number {
  return Math.max(16, Math.floor(width / 2));
}

/** An early answer serves a card wanting `bins` when its own bins are within this ratio. */
const BINS_TOLERANCE = 1.25;

/** A re-binned request index.html started: its card, the bins asked for, when, and the body. */
export interface StartedByPage {
  run: string;
  tag: string;
  bins: number;
  at: number;
  body: Promise<ArrayBuffer>;
}

declare global {
  interface Window {
    /** The re-binned requests index.html started (its block `tbx-early-histograms`). */
    __tbxEarlyHistograms?: StartedByPage[];
  }
}

/** Early answers by run and tag, each with the bins it was asked for. */
const early = new EarlyAnswers<ArrayBuffer, number>({
  accepts: (started, wanted) => started <= wanted * BINS_TOLERANCE && started * BINS_TOLERANCE >= wanted,
});
const keyOf = (run: string, tag: string) => `${run}\n${tag}`;

/** Moves the requests index.html has started so far into `early` (each once). */
function adoptStartedByPage(): void {
  const started = typeof window !== 'undefined' ? window.__tbxEarlyHistograms : undefined;
  if (!started) return;
  for (const { run, tag, bins, at, body } of started.splice(0)) early.put(keyOf(run, tag), body, bins, at);
}

/** The URL of a (run, tag)'s histograms re-binned to `bins`, as binary columns. */
export function rebinnedUrl(run: string, tag: string, bins: number): string {
  return apiUrl('data/plugin/histograms/rebinned', { run, tag, bins, format: 'binary' });
}

/**
 * The early answer of (run, tag) for a card wanting `bins`, once (aborted with `signal`); null
 * when there is none, it is too old, or its bins are too far from `bins`.
 */
export function takeRebinned(run: string, tag: string, bins: number, signal?: AbortSignal): Promise<ArrayBuffer> | null {
  adoptStartedByPage();
  return early.take(keyOf(run, tag), bins, signal);
}

/** At start-up on the Histograms tab: its listing (index.html has started the first cards' data). */
export function prefetchFirstHistograms(): void {
  if (isExported()) return;
  prefetch('data/plugin/histograms/tags');
}
