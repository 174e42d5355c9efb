// The cards of the Time Series grid, built from its tag listing: one scalar card per tag (every
// selected run in one chart), one histogram card and one image card per (tag, run), as TensorBoard
// lays them out. Each card has a stable key, used for pinning (kept in the URL and localStorage).
// Pure functions.
import { descriptionText } from '../../charts/run_tag_index';
import type { TimeSeriesTags } from './timeseries_api';

export type CardKind = 'scalars' | 'histograms' | 'images';
export const CARD_KINDS: readonly CardKind[] = ['scalars', 'histograms', 'images'];

export interface CardSpec {
  /** `kind\ntag` for scalar cards, `kind\nrun\ntag` for per-run cards. */
  key: string;
  kind: CardKind;
  tag: string;
  /** The run of a histogram or image card; '' for a scalar card. */
  run: string;
  /** Scalar cards: the selected runs having the tag, in run order. */
  runs: string[];
  /** Scalar cards: every run having the tag is selected. */
  allRuns: boolean;
  /** Image cards: the most images at one step; 1 otherwise. */
  samples: number;
  /** The tag's description as plain text. */
  description: string;
}

export function cardKey(kind: CardKind, tag: string, run = ''): string {
  return run ? `${kind}\n${run}\n${tag}` : `${kind}\n${tag}`;
}

/** tag → its cards (scalars first, then histograms and images by run order), for the kinds shown. */
export function cardsByTag(
  tags: TimeSeriesTags,
  selected: readonly string[],
  shown: Readonly<Record<CardKind, boolean>>,
): Map<string, CardSpec[]> {
  const byTag = new Map<string, CardSpec[]>();
  const add = (card: CardSpec) => {
    const list = byTag.get(card.tag);
    if (list) list.push(card);
    else byTag.set(card.tag, [card]);
  };
  const selectedSet = new Set(selected);
  const describe = (html: string | undefined) => descriptionText(html ?? '');
  if (shown.scalars) {
    const runsByTag = new Map<string, { runs: string[]; allRuns: boolean }>();
    for (const [run, runTags] of Object.entries(tags.scalars.runTagInfo)) {
      for (const tag of runTags) {
        const entry = runsByTag.get(tag) ?? { runs: [], allRuns: true };
        if (selectedSet.has(run)) entry.runs.push(run);
        else entry.allRuns = false;
        runsByTag.set(tag, entry);
      }
    }
    // Runs in the selection's order.
    const order = new Map(selected.map((run, i) => [run, i]));
    for (const [tag, { runs, allRuns }] of runsByTag) {
      if (runs.length === 0) continue;
      runs.sort((a, b) => order.get(a)! - order.get(b)!);
      add({
        key: cardKey('scalars', tag),
        kind: 'scalars',
        tag,
        run: '',
        runs,
        allRuns,
        samples: 1,
        description: describe(tags.scalars.tagDescriptions[tag]),
      });
    }
  }
  for (const run of selected) {
    if (shown.histograms) {
      for (const tag of tags.histograms.runTagInfo[run] ?? []) {
        add({
          key: cardKey('histograms', tag, run),
          kind: 'histograms',
          tag,
          run,
          runs: [run],
          allRuns: false,
          samples: 1,
          description: describe(tags.histograms.tagDescriptions[tag]),
        });
      }
    }
  }
  if (shown.images) {
    for (const [tag, byRun] of Object.entries(tags.images.tagRunSampledInfo)) {
      for (const run of selected) {
        const info = byRun[run];
        if (!info || info.maxSamplesPerStep < 1) continue;
        add({
          key: cardKey('images', tag, run),
          kind: 'images',
          tag,
          run,
          runs: [run],
          allRuns: false,
          samples: info.maxSamplesPerStep,
          description: describe(tags.images.tagDescriptions[tag]),
        });
      }
    }
  }
  // Per-run cards of one tag in run order.
  const order = new Map(selected.map((run, i) => [run, i]));
  const kindOrder = (kind: CardKind) => CARD_KINDS.indexOf(kind);
  for (const list of byTag.values()) {
    list.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || (order.get(a.run) ?? -1) - (order.get(b.run) ?? -1));
  }
  return byTag;
}

/** Every run that has any Time Series data. */
export function runsWithData(tags: TimeSeriesTags): string[] {
  const runs = new Set<string>([
    ...Object.keys(tags.scalars.runTagInfo),
    ...Object.keys(tags.histograms.runTagInfo),
  ]);
  for (const byRun of Object.values(tags.images.tagRunSampledInfo)) for (const run of Object.keys(byRun)) runs.add(run);
  return [...runs];
}
