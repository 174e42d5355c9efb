// The Scalars tab's first screen of charts, asked for at start-up: when the page opens on that tab
// (api.prefetch of its tag listing, registry.ts), the `/series` requests of the cards that will be
// on screen leave as soon as the listing answers, while the dashboard's code is still loading and
// before any card exists. Without this they left only after the app's start-up, the dashboard's
// mount and the cards' visibility and width measurement (≈ 440 ms after the listing on a quiet
// 2-core machine).
//
// Which cards, and how many points: the dashboard's order (tag groups, tags in name order, as
// TagGroups shows them), the cards' boxes estimated from the window and the page's CSS
// (styles.css: header, sidebar, padding, the card grid, a card's header, chart and chrome), and the
// points of `pointsForWidth` for that chart width and the number of runs having the tag (a card
// that the estimate misses asks for itself; one asked for but off screen takes its answer when it
// is scrolled to, within the answer's age limit, or not at all). Only when
// the view is the default one for this (every run selected: no run filter, none switched off, no
// tag filter, no run grouping): otherwise the dashboard asks for what it needs, as before.
//
// A card takes an early answer (`takeEarlySeries`) only when it asks for exactly that tag over
// every run with no step range, for at least the points asked for early / EARLY_POINTS_TOLERANCE
// and at most that many (a chart draws any number of points; a scrollbar's few pixels change the
// card's request by a step of 100 points), within 10 s of the request, and once; anything
// else fetches as it would have.
// First of all, index.html's inline script asks for the first screen before the app's code or the
// tag listing arrives: `/series?first_tags=4&tag_offset=…` by position in the dashboard's order
// (plugins/scalars/http_api.md), at the points per run of `firstScreenPlan` for its window and the
// server's share of CHART_POINT_BUDGET among a tag's runs (`sharePoints`, pointsForWidth's rule).
// It also reads their bodies into the page as soon as they answer (hundreds of KB at 50 runs)
// while the app's code is still downloading: left unread, they waited in the browser's pipe until
// this code ran and were then read between the tasks of the app's start-up, which made them the
// last thing the first charts waited for. Once the listing answers, each of those tags' cards is
// handed its part of that answer (`takeStartedFirstScreen`); the cards of the estimate above that
// those requests did not cover are asked for then, as before. A tag the server placed elsewhere
// than the listing does is not in its answer: its card's request is sent then.
// Part of the app's first script (registry.ts): no import of the dashboard's chunk. UI thread only.
import { api, arrayBufferOf, prefetch, takeStartedByPageWithPrefix } from '../../api/client';
import { EarlyAnswers } from '../../api/early_answers';
import { isExported } from '../../api/export_mode';
import type { SeriesQuery } from '../../api/export_series';
import { decodeSeriesBinary } from '../../api/series_binary';
import type { ScalarSeries, ScalarTagList } from '../../api/types';
import { compareNames } from '../../shell/name_order';
import { groupTags } from '../../shell/TagGroups';
import { type ViewState, decodeViewState } from '../../state/view_state';
import { CHART_POINT_BUDGET, pointsForWidth } from './points_for_width';

/** The page's layout (styles.css), in CSS pixels. */
const HEADER_PX = 48;
const SIDEBAR_PX = 300;
/** .main's padding: 12 px above, 16 px each side. */
const MAIN_PADDING_TOP_PX = 12;
const MAIN_PADDING_SIDE_PX = 16;
/** .card-grid: smallest column and gap. */
const MIN_CARD_PX = 420;
const GAP_PX = 12;
/** A card's side padding and borders (the chart is the card's content width). */
const CARD_CHROME_PX = 22;
/** A card without a description: padding, borders, header and chart. */
const CARD_HEIGHT_PX = 276;
/** A card's description, taken to be one line (a longer one makes the estimate a little short). */
const DESCRIPTION_PX = 18;
/** A tag group's header with its margin, and the group's bottom margin. */
const GROUP_HEADER_PX = 37;
const GROUP_MARGIN_PX = 12;
/** Tags in one request at most (as the dashboard's SeriesBatcher). */
const MAX_TAGS_PER_REQUEST = 4;
/** Cards prefetched at most, whatever the window. */
const MAX_CARDS = 24;

/** An early answer serves a card asking for points p when p ≤ early ≤ p × this. */
export const EARLY_POINTS_TOLERANCE = 1.25;

/** One early `/series` request: these tags over every run, at `points` per run. */
export interface EarlySeriesRequest {
  tags: string[];
  points: number;
}

/** A card's smallest share of CHART_POINT_BUDGET (chart_model's MIN_RUN_POINTS). */
const MIN_SHARE = 40;
/** Rows of cards the inline script's first screen counts (the window's height over a card's). */
const FIRST_ROWS_TOP_PX = HEADER_PX + MAIN_PADDING_TOP_PX + GROUP_HEADER_PX;

/** Whether the dashboard shows every run's line of every tag, one card per tag (the view's defaults). */
export function isDefaultSelection(view: ViewState): boolean {
  return view.runFilter === '' && view.deselected.length === 0 && view.tagFilter === '' && view.groupRuns === '';
}

/** The grid's column count and a chart's width, for a window `windowWidth` pixels wide. */
export function estimateGrid(windowWidth: number): { columns: number; chartWidth: number } {
  const main = Math.max(MIN_CARD_PX, windowWidth - SIDEBAR_PX - 2 * MAIN_PADDING_SIDE_PX);
  const columns = Math.max(1, Math.floor((main + GAP_PX) / (MIN_CARD_PX + GAP_PX)));
  const card = (main - GAP_PX * (columns - 1)) / columns;
  return { columns, chartWidth: Math.floor(card - CARD_CHROME_PX) };
}

/**
 * The requests of the cards on the first screen of a `width`×`height` window, in the dashboard's
 * order and batched as it batches them; none when `view` is not the default selection.
 */
export function firstScreenRequests(
  listing: ScalarTagList,
  view: ViewState,
  width: number,
  height: number,
): EarlySeriesRequest[] {
  if (!isDefaultSelection(view)) return [];
  const runsOfTag = runCounts(listing);
  const described = new Set(listing.tags.filter((t) => t.description).map((t) => t.tag));
  const { columns, chartWidth } = estimateGrid(width);
  const cards: { tag: string; points: number }[] = [];
  let top = HEADER_PX + MAIN_PADDING_TOP_PX;
  for (const group of groupTags([...runsOfTag.keys()].sort(compareNames))) {
    if (top >= height) break;
    top += GROUP_HEADER_PX;
    for (let i = 0; i < group.tags.length && top < height; i += columns) {
      const row = group.tags.slice(i, i + columns);
      for (const tag of row) cards.push({ tag, points: pointsForWidth(chartWidth, runsOfTag.get(tag)) });
      top += CARD_HEIGHT_PX + GAP_PX + (row.some((tag) => described.has(tag)) ? DESCRIPTION_PX : 0);
    }
    top += GROUP_MARGIN_PX - GAP_PX;
  }
  const requests: EarlySeriesRequest[] = [];
  for (const card of cards.slice(0, MAX_CARDS)) {
    const last = requests[requests.length - 1];
    if (last && last.points === card.points && last.tags.length < MAX_TAGS_PER_REQUEST) last.tags.push(card.tag);
    else requests.push({ tags: [card.tag], points: card.points });
  }
  return requests;
}

/** Tag → the number of runs holding it, in the listing's order. */
function runCounts(listing: ScalarTagList): Map<string, number> {
  return new Map(listing.tags.map((t) => [t.tag, t.runs?.length ?? listing.runs.length]));
}

/** The listing's tags in the dashboard's order (TagGroups: groups, then tags, by name). */
export function dashboardOrder(listing: ScalarTagList): string[] {
  return groupTags(listing.tags.map((t) => t.tag).sort(compareNames)).flatMap((group) => group.tags);
}

/**
 * What index.html's inline script asks for on a `width`×`height` window (its `tbxFirstScreen`,
 * held to this by a test): the points per run of a card's chart when few runs share it, and how
 * many tags at most can be on screen (every row of the grid full, no group header after the
 * first).
 */
export function firstScreenPlan(width: number, height: number): { points: number; tags: number } {
  const { columns, chartWidth } = estimateGrid(width);
  const rows = Math.max(1, Math.ceil((height - FIRST_ROWS_TOP_PX) / (CARD_HEIGHT_PX + GAP_PX)));
  return { points: pointsForWidth(chartWidth, 1), tags: Math.min(MAX_CARDS, columns * rows) };
}

/** The server's points per run for `points` over `runs` runs within `budget` (http_api.md). */
export function sharePoints(points: number, runs: number, budget = CHART_POINT_BUDGET): number {
  if (budget === 0 || runs * points <= budget) return points;
  return Math.min(points, Math.max(MIN_SHARE, Math.floor(budget / runs / 10) * 10));
}

/** Whether an early request at `earlyPoints` over every run answers `query` (see the header). */
export function earlyAnswers(earlyPoints: number, query: SeriesQuery): boolean {
  return (
    query.runs.length === 0 &&
    query.minStep === undefined &&
    query.maxStep === undefined &&
    earlyPoints >= query.points &&
    earlyPoints <= query.points * EARLY_POINTS_TOLERANCE
  );
}

type SeriesAnswer = { series: ScalarSeries[] };

/** Early answers by tag; each is its request's answer (all of that request's tags). */
const early = new EarlyAnswers<SeriesAnswer, SeriesQuery>({
  accepts: (started, wanted) => earlyAnswers(started.points, wanted),
});

/** Starts `request`'s series now, for the cards that will ask soon. */
export function startEarlySeries(request: EarlySeriesRequest): void {
  const query = { tags: request.tags, runs: [], points: request.points };
  const answer = api.scalarSeries(query);
  for (const tag of request.tags) early.put(tag, answer, query);
}

/**
 * The early answer to a card's `query` (its tag's series), taken once; null when there is none,
 * it is too old, or it does not answer the query (earlyAnswers). The caller's abort ends its wait.
 */
export function takeEarlySeries(query: SeriesQuery, signal?: AbortSignal): Promise<SeriesAnswer> | null {
  if (query.tags.length !== 1) return null;
  const [tag] = query.tags;
  return early.take(tag, query, signal)?.then((answer) => ({ series: answer.series.filter((s) => s.tag === tag) })) ?? null;
}

/** One first-screen request index.html started: tags [offset, offset + count) of the dashboard. */
export interface StartedFirstScreen {
  offset: number;
  count: number;
  points: number;
  budget: number;
  at: number;
  answer: Promise<SeriesAnswer>;
}

/**
 * The first-screen requests index.html started (`/series?first_tags=…`), taken once.
 *
 * An answer is decoded (and so handed to its cards) once its body is read and so are the bodies of
 * the other first-screen answers whose headers have come in: the server sends a body whole once it
 * has made it, so those are only being copied into the page. The first screen's charts are then
 * built in one task and painted in one frame. Handed over one by one, the first answer's charts
 * were built in a long task that held the copy of the second body, whose charts came only after
 * that, a frame, and the first charts' faded lines (about 300 ms later on a 2-core machine). An
 * answer the server is still making is not waited for.
 */
export function takeStartedFirstScreenRequests(): StartedFirstScreen[] {
  const taken = takeStartedByPageWithPrefix('data/plugin/scalars/series?first_tags=');
  const bodies = taken.map(({ url, response, bytes }) => {
    // The body index.html read; a failed answer's (null) is read here for its error.
    const body = (bytes ?? Promise.resolve(null)).then((read) => read ?? response.then((r) => arrayBufferOf(url, r)));
    body.catch(() => undefined);
    return body;
  });
  const headersIn = taken.map(({ response }) => {
    const state = { in: false };
    const arrived = () => {
      state.in = true;
    };
    response.then(arrived, arrived);
    return state;
  });
  const othersRead = (i: number) =>
    Promise.all(bodies.filter((_, j) => j !== i && headersIn[j].in).map((b) => b.catch(() => null)));
  return taken.map(({ url, at }, i) => {
    const params = new URLSearchParams(url.slice(url.indexOf('?') + 1));
    const answer = bodies[i].then(async (read) => {
      await othersRead(i);
      return { series: decodeSeriesBinary(read) };
    });
    answer.catch(() => undefined);
    return {
      offset: Number(params.get('tag_offset') ?? 0),
      count: Number(params.get('first_tags')),
      points: Number(params.get('points') ?? 0),
      budget: Number(params.get('point_budget') ?? 0),
      at,
      answer,
    };
  });
}

/**
 * Hands the tags of `started` (placed by the listing's dashboard order) to their cards; returns
 * the tags handed. A tag missing from an answer (the server ordered differently) is fetched alone.
 */
export function takeStartedFirstScreen(listing: ScalarTagList, started: readonly StartedFirstScreen[]): string[] {
  const order = dashboardOrder(listing);
  const runsOfTag = runCounts(listing);
  const handed: string[] = [];
  for (const request of started) {
    for (const tag of order.slice(request.offset, request.offset + request.count)) {
      const query = { tags: [tag], runs: [], points: sharePoints(request.points, runsOfTag.get(tag) ?? 0, request.budget) };
      const answer = request.answer.then((all) =>
        all.series.some((s) => s.tag === tag) ? all : api.scalarSeries(query),
      );
      early.put(tag, answer, query, request.at);
      handed.push(tag);
    }
  }
  return handed;
}

/** At start-up on the Scalars tab: its listing now, the first screen's series once it answers. */
export function prefetchFirstScalars(): void {
  if (isExported()) return;
  const started = takeStartedFirstScreenRequests();
  const listing = prefetch('data/plugin/scalars/tag_list');
  listing
    ?.then((answer) => {
      const list = answer as ScalarTagList;
      const handed = new Set(takeStartedFirstScreen(list, started));
      const view = decodeViewState(window.location.hash);
      const requests = firstScreenRequests(list, view, window.innerWidth, window.innerHeight)
        .map((r) => ({ ...r, tags: r.tags.filter((tag) => !handed.has(tag)) }))
        .filter((r) => r.tags.length > 0);
      requests.forEach(startEarlySeries);
      // For tests and benchmarks: which tags were asked for early, and which of them by position.
      const tags = [...handed, ...requests.flatMap((r) => r.tags)];
      if (tags.length > 0) performance.mark('tbx:early-series', { detail: tags });
      if (handed.size > 0) performance.mark('tbx:first-screen-series', { detail: [...handed] });
    })
    .catch(() => undefined);
}
