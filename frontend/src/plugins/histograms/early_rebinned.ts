// The Histograms tab's first cards' data, asked for at start-up. When the page opens on that tab
// (with every run and tag shown), index.html's inline script asks at once, before the tag listing
// or the app's code has arrived, for the re-binned histograms of the first row of cards by their
// position in the dashboard's order (`rebinned?card=K`, plugins/histograms/http_api.md); the server
// names each card's run and tag in its answer's headers, and the script lists the answers in
// `window.__tbxEarlyHistograms`. The cards take them here. Before, these requests waited for the
// tag listing's answer and a copy of the dashboard's ordering in the inline script (they left
// ≈ 190–225 ms after the page opened on a quiet machine).
//
// The inline script estimates the cards' width (the bins asked for) from the window and the
// page's CSS; a card takes an early answer whose bins are within BINS_TOLERANCE of its own (the
// chart draws the server's bins at any count up to its width), else fetches its own. A card that
// asks while some early answers do not yet say whose they are waits until one names it, or else
// until all are named (their headers, not their bodies) before deciding. Each early answer is taken once, within 10 s of its start, then
// forgotten.
// The first of these answers also names the dashboard's first card before the tag listing and the
// run list have arrived: main.tsx waits for it (and the dashboard's code) to render the app with
// that card already in place (HistogramsDashboard.tsx).
// Part of the app's first script (registry.ts): no import of the dashboard's chunk. UI thread only.
import { apiUrl, prefetch } from '../../api/client';
import { EarlyAnswers, abortable } from '../../api/early_answers';
import { isExported } from '../../api/export_mode';

/** Bins for a chart `width` pixels wide: one per two pixels, at least 16 (as the chart draws). */
export function binsForWidth(width: number): number {
  return Math.max(16, Math.floor(width / 2));
}

/** An early answer serves a card wanting `bins` when its own bins are within this ratio. */
const BINS_TOLERANCE = 1.25;

/** The card an answer by position turned out to be, and its body (read as it arrives). */
export interface CardAnswer {
  run: string;
  tag: string;
  body: Promise<ArrayBuffer>;
}

/** A re-binned request by position that index.html started: the bins asked for, when, the answer. */
export interface StartedByPage {
  bins: number;
  at: number;
  /** Null when the request failed (the card then asks itself). */
  answer: Promise<CardAnswer | null>;
}

declare global {
  interface Window {
    /** The re-binned requests index.html started (`rebinned?card=K`). */
    __tbxEarlyHistograms?: StartedByPage[];
  }
}

/** Early answers by run and tag, each with the bins it was asked for. */
const early = new EarlyAnswers<ArrayBuffer, number>({
  accepts: (started, wanted) => started <= wanted * BINS_TOLERANCE && started * BINS_TOLERANCE >= wanted,
});
const keyOf = (run: string, tag: string) => `${run}\n${tag}`;
/** Started answers whose headers have not arrived yet: settled once each is in `early` (or failed). */
const unnamed = new Set<Promise<void>>();

/** A card's run and tag. */
export interface CardName {
  run: string;
  tag: string;
}

/**
 * The dashboard's first card as its early answer names it: a promise (null when the answer is not
 * a card), or null when index.html started no early answers. Read before anything takes them.
 */
let firstCard: Promise<CardName | null> | null | undefined;
/** What `firstCard` resolved to, once it has. */
let firstCardNamed: CardName | null | undefined;

/**
 * The Histograms dashboard's first card (card 0 in its order), named by the answer index.html asked
 * for at start-up, so that the dashboard shows that card before its tag listing and the run list
 * have arrived (HistogramsDashboard.tsx). Null when the page started no such request (another tab,
 * a filtered view); a promise of null when the answer is no card or failed.
 */
export function firstEarlyCard(): Promise<CardName | null> | null {
  if (firstCard === undefined) {
    const started = typeof window !== 'undefined' ? window.__tbxEarlyHistograms?.[0] : undefined;
    firstCard = started
      ? started.answer.then(
          (card) => (firstCardNamed = card ? { run: card.run, tag: card.tag } : null),
          () => (firstCardNamed = null),
        )
      : null;
    if (!firstCard) firstCardNamed = null;
  }
  return firstCard;
}

/** `firstEarlyCard`'s answer if it has arrived: undefined while it is on its way. */
export function firstEarlyCardNow(): CardName | null | undefined {
  firstEarlyCard();
  return firstCardNamed;
}

/** Moves the requests index.html has started so far into `early` as their headers name them. */
function adoptStartedByPage(): void {
  const started = typeof window !== 'undefined' ? window.__tbxEarlyHistograms : undefined;
  if (!started) return;
  firstEarlyCard();
  for (const { bins, at, answer } of started.splice(0)) {
    const named: Promise<void> = answer
      .then((card) => {
        if (card) early.put(keyOf(card.run, card.tag), card.body, bins, at);
      })
      .catch(() => undefined)
      .finally(() => unnamed.delete(named));
    unnamed.add(named);
  }
}

/** The URL of a (run, tag)'s histograms re-binned to `bins`, as binary columns. */
export function rebinnedUrl(run: string, tag: string, bins: number): string {
  return apiUrl('data/plugin/histograms/rebinned', { run, tag, bins, format: 'binary' });
}

/**
 * The early answer of (run, tag) for a card wanting `bins`, once (aborted with `signal`): null
 * when there is none, it is too old, or its bins are too far from `bins`; a promise of null when
 * that is known only once the early answers still on their way say whose they are.
 */
export function takeRebinned(
  run: string,
  tag: string,
  bins: number,
  signal?: AbortSignal,
): Promise<ArrayBuffer | null> | null {
  adoptStartedByPage();
  const key = keyOf(run, tag);
  const taken = early.take(key, bins, signal);
  if (taken || unnamed.size === 0) return taken;
  // Taken as soon as an answer names this card, without waiting for the others' headers (one may
  // wait for a connection behind the app's scripts); null once every answer is named.
  const later = new Promise<ArrayBuffer | null>((resolve) => {
    const named = [...unnamed];
    for (const answer of named) {
      void answer.then(() => {
        const body = early.take(key, bins);
        if (body) resolve(body);
      });
    }
    void Promise.all(named).then(() => resolve(early.take(key, bins)));
  });
  return signal ? abortable(later, signal) : later;
}

/** At start-up on the Histograms tab: its listing (index.html has started the first cards' data). */
export function prefetchFirstHistograms(): void {
  if (isExported()) return;
  prefetch('data/plugin/histograms/tags');
}

/**
 * At start-up on a page whose first card index.html has asked for (null otherwise): resolves once
 * that card can be in the app's first render, its dashboard's `code` and its name having arrived,
 * or after `waitMs` at most (the shell is then shown, and the card as soon as it is named).
 */
export function firstCardReady(code: Promise<unknown>, waitMs = 1000): Promise<void> | null {
  const named = firstEarlyCard();
  if (!named) return null;
  const both = Promise.all([code, named]).then(
    () => undefined,
    () => undefined,
  );
  return Promise.race([both, new Promise<void>((resolve) => setTimeout(resolve, waitMs))]);
}
