// The Histograms tab's first cards' data, asked for at start-up: when the page opens on that tab,
// its tag listing leaves with the app's first requests (api.prefetch), and as soon as it answers
// the re-binned histograms of the first row of cards leave too, while the dashboard's code is
// still loading and before any card exists. Without this a card's request left only after the
// code, the listing, the card's mount and its visibility check (≈ 240 ms after the page opened
// on a quiet machine, for a route answering in tens of ms).
//
// The cards' width (the bins asked for) is estimated from the window and the page's CSS
// (styles.css: sidebar, padding, grid); a card takes an early answer whose bins are within
// BINS_TOLERANCE of its own (the chart draws the server's bins at any count up to its width),
// else fetches its own. Each early answer is taken once, within EARLY_MS, then forgotten.
// Part of the app's first script (registry.ts): no import of the dashboard's chunk. UI thread only.
import { apiUrl, getArrayBuffer, prefetch } from '../../api/client';
import { EarlyAnswers } from '../../api/early_answers';
import { isExported } from '../../api/export_mode';
import { groupTags } from '../../shell/TagGroups';

/** Bins for a chart `width` pixels wide: one per two pixels, at least 16 (as the chart draws). */
export function binsForWidth(width: number): number {
  return Math.max(16, Math.floor(width / 2));
}

/** The page's layout (styles.css): sidebar with its border, the main area's side padding, the
 * card grid's smallest column and gap, and a card's side padding and borders. */
const SIDEBAR_PX = 301;
const MAIN_PADDING_PX = 32;
const MIN_CARD_PX = 420;
const GAP_PX = 12;
const CARD_CHROME_PX = 22;
/** Cards prefetched at most (the first row of a wide window). */
const MAX_CARDS = 3;
/** An early answer serves a card wanting `bins` when its own bins are within this ratio. */
const BINS_TOLERANCE = 1.25;

/** The number of grid columns and the bins of a card, for a window `windowWidth` pixels wide. */
export function estimateCards(windowWidth: number): { columns: number; bins: number } {
  const main = Math.max(MIN_CARD_PX, windowWidth - SIDEBAR_PX - MAIN_PADDING_PX);
  const columns = Math.max(1, Math.floor((main + GAP_PX) / (MIN_CARD_PX + GAP_PX)));
  const card = (main - GAP_PX * (columns - 1)) / columns;
  return { columns, bins: binsForWidth(card - CARD_CHROME_PX) };
}

/** The first `count` cards of the dashboard, in its order: tag groups, tags, then runs. */
export function firstCards(answer: Record<string, Record<string, unknown>>, count: number): { run: string; tag: string }[] {
  const runsOfTag = new Map<string, string[]>();
  for (const [run, tags] of Object.entries(answer)) {
    for (const tag of Object.keys(tags ?? {})) {
      const runs = runsOfTag.get(tag);
      if (runs) runs.push(run);
      else runsOfTag.set(tag, [run]);
    }
  }
  const cards: { run: string; tag: string }[] = [];
  for (const group of groupTags([...runsOfTag.keys()].sort())) {
    for (const tag of group.tags) {
      for (const run of runsOfTag.get(tag)!) {
        if (cards.length === count) return cards;
        cards.push({ run, tag });
      }
    }
  }
  return cards;
}

/** Early answers by run and tag, each with the bins it was asked for. */
const early = new EarlyAnswers<ArrayBuffer, number>({
  accepts: (started, wanted) => started <= wanted * BINS_TOLERANCE && started * BINS_TOLERANCE >= wanted,
});
const keyOf = (run: string, tag: string) => `${run}\n${tag}`;

/** The URL of a (run, tag)'s histograms re-binned to `bins`, as binary columns. */
export function rebinnedUrl(run: string, tag: string, bins: number): string {
  return apiUrl('data/plugin/histograms/rebinned', { run, tag, bins, format: 'binary' });
}

/** Starts the re-binned data of (run, tag) at `bins` for a card that will ask soon. */
export function startRebinned(run: string, tag: string, bins: number): void {
  early.put(keyOf(run, tag), getArrayBuffer(rebinnedUrl(run, tag, bins)), bins);
}

/**
 * The early answer of (run, tag) for a card wanting `bins`, once (aborted with `signal`); null
 * when there is none, it is too old, or its bins are too far from `bins`.
 */
export function takeRebinned(run: string, tag: string, bins: number, signal?: AbortSignal): Promise<ArrayBuffer> | null {
  return early.take(keyOf(run, tag), bins, signal);
}

/** At start-up on the Histograms tab: its listing now, the first row's data once it answers. */
export function prefetchFirstHistograms(): void {
  if (isExported()) return;
  const listing = prefetch('data/plugin/histograms/tags');
  listing
    ?.then((answer) => {
      const { columns, bins } = estimateCards(window.innerWidth);
      const listing = answer as Record<string, Record<string, unknown>>;
      for (const { run, tag } of firstCards(listing, Math.min(columns, MAX_CARDS))) startRebinned(run, tag, bins);
    })
    .catch(() => undefined);
}
